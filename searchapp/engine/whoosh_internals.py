"""Every use of Whoosh's private parts, in one place, for whoosh-reloaded 2.7.5 only.

The engine reads and writes Whoosh's W3 files faster than Whoosh's public API allows (postings.py,
bulk_writer.py, w3_encoding.py, reading.py), which means reaching into attributes and methods
that Whoosh does not promise to keep: they are all here, so a Whoosh upgrade is one module to
check. Importing this module checks the installed version and refuses any other one with a
message saying what to install (pyproject.toml pins it too).

Reads are positional: `open_index` gives Whoosh a storage whose files answer `get(position,
length)` from a memory map instead of seek-then-read on one shared file object, so term lookups,
the vocabulary and postings can be read by several threads at once without a lock. Whoosh's
readers only seek and read sequentially while opening (headers, the term table's directory),
which happens once per Snapshot, in one thread.
"""

from __future__ import annotations

import importlib.metadata
import mmap
import os
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import whoosh

REQUIRED_WHOOSH = "2.7.5"


def _check_version() -> None:
    try:
        installed = importlib.metadata.version("whoosh-reloaded")
    except importlib.metadata.PackageNotFoundError:
        installed = f"Whoosh {whoosh.versionstring()} (not whoosh-reloaded)"
    if installed != REQUIRED_WHOOSH or whoosh.versionstring() != REQUIRED_WHOOSH:
        raise ImportError(
            f"searchapp reads and writes index files through internals of whoosh-reloaded "
            f"{REQUIRED_WHOOSH} and of no other version; found {installed}. "
            f"Install it with: pip install 'whoosh-reloaded=={REQUIRED_WHOOSH}'"
        )


_check_version()

# Imported after the check: another version may lack these names altogether.
from whoosh import query  # noqa: E402
from whoosh.codec.whoosh3 import (  # noqa: E402
    LENGTHS_COLUMN,
    STORED_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3TermInfo,
    _lenfield,
)
from whoosh.filedb.filestore import FileStorage  # noqa: E402
from whoosh.filedb.structfile import StructFile  # noqa: E402
from whoosh.index import TOC  # noqa: E402
from whoosh.reading import EmptyReader  # noqa: E402
from whoosh.system import IS_LITTLE  # noqa: E402

__all__ = [
    "REQUIRED_WHOOSH", "TERMINFO_STRUCT", "WHOOSH3_HEADER_MAGIC", "StoredLayout", "TermRecord",
    "append_to_toc", "field_writer_parts", "open_index", "replace_hash_tables_writer",
    "segment_readers", "set_document_count", "stored_column_writer", "stored_fields",
    "stored_layout", "term_record", "wildcard_terms", "write_length_column",
]

# -- monkeypatches -------------------------------------------------------------------------------

# whoosh-reloaded 2.7.5 calls `set_inline`, but the method is named `set_inlined`: without this
# alias no posting list is ever inlined (and inlinelimit > 1 crashes).
if not hasattr(W3TermInfo, "set_inline"):
    W3TermInfo.set_inline = W3TermInfo.set_inlined

# The term-info record layout (weight, doc frequency, lengths, ids), for writing it directly.
TERMINFO_STRUCT = W3TermInfo._struct


def replace_hash_tables_writer(hash_writer, write_tables) -> None:
    """Make `hash_writer.close()` write its 256 hash tables with `write_tables()` instead of its
    own `_write_hashes` (one write per slot)."""
    hash_writer._write_hashes = write_tables


# -- reading -------------------------------------------------------------------------------------

class _PositionalFile(StructFile):
    """A StructFile whose positional reads (`get`, and every `get_*` built on it) slice a
    read-only memory map: no shared file position, so any number of threads may read at once.
    Sequential reads (seek, read) still use the file object: Whoosh does those only while
    opening a reader."""

    def __init__(self, fileobj, name=None, onclose=None):
        super().__init__(fileobj, name=name, onclose=onclose)
        size = os.fstat(fileobj.fileno()).st_size
        self._map = mmap.mmap(fileobj.fileno(), 0, access=mmap.ACCESS_READ) if size else None

    def get(self, position, length):
        if self._map is None:
            return os.pread(self.file.fileno(), length, position)
        return self._map[position:position + length]

    def get_array(self, position, typecode, length):
        values = array(typecode)
        values.frombytes(self.get(position, length * values.itemsize))
        if IS_LITTLE:
            values.byteswap()
        return values

    def close(self):
        if self._map is not None:
            self._map.close()
            self._map = None
        super().close()


class _PositionalStorage(FileStorage):
    """A read-only FileStorage whose files are _PositionalFiles."""

    def open_file(self, name, **kwargs):
        return _PositionalFile(open(self._fpath(name), "rb"), name=name, **kwargs)


def open_index(folder: Path, indexname: str):
    """Whoosh's index in `folder`, opened for positional, thread-safe reading."""
    return _PositionalStorage(str(folder), readonly=True).open_index(indexname)


def segment_readers(reader) -> list[tuple[object, int]]:
    """(segment reader, first global doc number) pairs of a possibly multi-segment reader."""
    if hasattr(reader, "readers"):
        return list(zip(reader.readers, reader.doc_offsets))
    if isinstance(reader, EmptyReader):  # an index with no paragraphs (every file removed)
        return []
    return [(reader, 0)]


@dataclass(frozen=True)
class TermRecord:
    """Where one term's postings are in one segment: a run of blocks (`raw`: their bytes) or,
    when `raw` is None, inlined in the term table (`inlined`: Whoosh's (ids, weights, values))."""

    inlined: tuple[Any, Any, Any]
    raw: bytes | None


def term_record(segment, fieldname: str, btext: bytes) -> TermRecord | None:
    """The term's postings in one segment reader, or None if the segment lacks the term."""
    terms = segment._terms
    try:
        key = terms._keycoder(fieldname, btext)
    except KeyError:  # a field this segment has no term of
        return None
    found = terms._tindex.get(key)  # one hash lookup (`in`, then term_info, made two)
    if found is None:
        return None
    terminfo = W3TermInfo.from_bytes(found)
    if terminfo.is_inlined():  # short posting lists live in the term table
        return TermRecord(terminfo.inlined_postings(), None)
    start, length = terminfo.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes keeps struct.unpack's tuple
        length = length[0]
    return TermRecord((None, None, None), terms._postfile.get(start, length))


def term_table_bytes(segment):
    """(field name, bytes) for each term of one segment reader: its key and record in the term
    table plus, unless inlined in the record, its posting blocks (engine/sizes.py sums them)."""
    from whoosh.codec.whoosh3 import W3TermInfo

    terms = segment._terms
    for key, value in terms._tindex.items():
        field, _ = terms._keydecoder(key)
        info = W3TermInfo.from_bytes(value)
        size = len(key) + len(value)
        if not info.is_inlined():
            length = info.extent()[1]
            size += length[0] if isinstance(length, tuple) else length
        yield field, size


@dataclass(frozen=True)
class StoredLayout:
    """Where each document's pickled stored fields sit in a segment's `_stored` column file:
    document d is `length[d]` bytes at `base + offsets[d]` (zlib, then pickle)."""

    path: Path
    base: int
    offsets: Any  # Whoosh's array of offsets (array or numpy), indexed by document
    lengths: Any


def stored_layout(folder: Path, segment) -> StoredLayout | None:
    """The stored-fields column of a segment reader, or None when Whoosh has none to describe
    (no stored documents): then `stored_fields(segment, docnum)` is the way."""
    perdoc = segment._perdoc
    reader = perdoc._cached_reader("_stored", STORED_COLUMN)
    inner = reader._child if reader is not None else None
    offsets = getattr(inner, "_offsets", None)
    lengths = getattr(inner, "_lengths", None)
    if offsets is None or lengths is None:
        return None
    path = Path(folder) / W3Codec.column_filename(perdoc._segment, "_stored")
    return StoredLayout(path, getattr(inner, "_basepos", 0), offsets, lengths)


def stored_fields(segment, docnum: int) -> dict:
    """Whoosh's own reading of a document's stored fields (segment-local number)."""
    return segment._perdoc.stored_fields(docnum)


def wildcard_terms(reader, fieldname: str, pattern: str):
    """Terms of a field matching a Whoosh wildcard pattern, in order (bytes or str)."""
    return query.Wildcard(fieldname, pattern)._btexts(reader)


# -- writing -------------------------------------------------------------------------------------

def field_writer_parts(fieldwriter):
    """A W3FieldWriter's term-table writer, postings file and field-number map."""
    return fieldwriter._tindex, fieldwriter._postfile, fieldwriter._fieldmap


def stored_column_writer(perdoc, zlib_level: int):
    """The per-document writer's stored-fields column (pickle around compressed bytes), set to
    compress at `zlib_level`."""
    stored = perdoc._get_column("_stored")
    stored._child._level = zlib_level
    return stored


def write_length_column(perdoc, fieldname: str, length_bytes: bytes, count: int, total: int) -> None:
    """A field's length column (one byte per document, Whoosh's length_to_byte) written at
    once, and the field's total length, as W3PerDocWriter.add_field would leave them."""
    column = _lenfield(fieldname)
    perdoc._create_column(column, LENGTHS_COLUMN)
    writer = perdoc._get_column(column)
    writer._dbfile.write(length_bytes)
    writer._count = count
    perdoc._fieldlengths[fieldname] += total


def set_document_count(perdoc, count: int) -> None:
    perdoc._doccount = count


def append_to_toc(storage_folder: Path, indexname: str, segments: list) -> None:
    """A new TOC: the index's current segments followed by `segments`."""
    storage = FileStorage(str(storage_folder))
    toc = storage.open_index(indexname)._read_toc()
    TOC(toc.schema, list(toc.segments) + list(segments), toc.generation + 1).write(storage, indexname)
