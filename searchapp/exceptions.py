"""One exception type per kind of failure a user can meet, each with the message they can act on.

`exit_code` is what the CLI exits with; `http_status` is what the web and API answer with.
"""

from __future__ import annotations


class SearchAppError(Exception):
    """Base of every error shown to a user (never with a traceback)."""

    exit_code = 1
    http_status = 500

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BadQuery(SearchAppError):
    """The query text cannot be understood (unbalanced quotes, too long, too many expansions...)."""

    http_status = 400


class BadParameter(SearchAppError):
    """A filter, sort or paging parameter is out of range or unknown."""

    http_status = 400


class BadInputFile(SearchAppError):
    """An input file cannot be read or parsed; the indexer reports it and goes on."""

    http_status = 422

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexMissing(SearchAppError):
    """There is no usable index yet (or it is corrupt)."""

    exit_code = 2
    http_status = 503


class IndexUnusable(IndexMissing):
    """An index exists but cannot be read the way it was written: built by an older searchapp,
    with another analysis or common-word list than this searchapp and config.toml use, or with
    a schema that no longer unpickles. The cure is `searchapp index --rebuild`."""


class IndexBusy(SearchAppError):
    """Another indexer holds the index lock."""

    exit_code = 3
    http_status = 409


class DocumentNotFound(SearchAppError):
    """No indexed document has the requested symbol."""

    http_status = 404


class NoEarlierText(DocumentNotFound):
    """A document has no earlier text in a series to compare with, and none was named. The
    message names the CLI's way out; the web page says it in its own terms from `symbol`."""

    def __init__(self, symbol: str):
        super().__init__(f"{symbol} has no earlier text in a series; "
                         "name one to compare with (searchapp diff SYMBOL OTHER)")
        self.symbol = symbol
