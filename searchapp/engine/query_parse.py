"""Turns the researcher's query text into a Whoosh query tree, or a BadQuery that names the problem.

Syntax (Whoosh's): words are ANDed; `OR`, `NOT`, `AND NOT`, parentheses; "phrases"; `defend*`
and `*terror*` wildcards; `exact:defenders` for the unstemmed word form; metadata fields
`body:`, `type:`, `tag:`, `symbol:`, `year:` (also `year:[2000 TO 2009]`), `session:`.
Words are only folded here (case, accents); stemming and compounds happen in evaluation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh import fields, query
from whoosh.analysis import Analyzer, Token
from whoosh.qparser import QueryParser

from searchapp.exceptions import BadQuery
from searchapp.text import analysis

TEXT_FIELDS = ("text", "exact")
METADATA_FIELDS = ("body", "type", "tag", "symbol", "year", "session")
KNOWN_FIELDS = TEXT_FIELDS + METADATA_FIELDS
_FIELD_PREFIX = re.compile(r'(?<![\w"])([A-Za-z_][\w]*):(?=\S)')


class QueryWordAnalyzer(Analyzer):
    """Folded words with hyphenated compounds kept whole, for the query parser only."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        normalised = analysis.normalise_text(value)
        spans = analysis.tokenise(normalised) if tokenize else [(normalised, 0, len(normalised))]
        for index, (raw, start, end) in enumerate(spans):
            token.text = analysis.fold(raw)
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + index
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token

    def __eq__(self, other):
        return other.__class__ is self.__class__

    def __hash__(self):
        return hash(self.__class__.__name__)


def _parse_schema() -> fields.Schema:
    words = QueryWordAnalyzer()
    return fields.Schema(
        text=fields.TEXT(analyzer=words, phrase=True),
        exact=fields.TEXT(analyzer=words, phrase=True),
        body=fields.ID(), type=fields.ID(), tag=fields.ID(), symbol=fields.ID(),
        year=fields.ID(), session=fields.ID(),
    )


_PARSER = QueryParser("text", _parse_schema())
for _name in TEXT_FIELDS:
    _PARSER.schema[_name].multitoken_query = "phrase"


@lru_cache(maxsize=512)
def parse_query(text: str) -> query.Query:
    """Parse or raise BadQuery; an empty query means every paragraph. Cached (about a
    millisecond of Whoosh's parser per call, and a researcher's next request, another page or
    facet, repeats the query); the trees are only read, never changed."""
    text = text.strip()
    if not text:
        return query.Every()
    _check_balance(text)
    _check_fields(text)
    try:
        tree = _PARSER.parse(text)
    except Exception as exc:  # whoosh raises assorted errors on odd input
        raise BadQuery(f"the query could not be read: {exc}") from None
    return tree


def _check_balance(text: str) -> None:
    if text.count('"') % 2:
        raise BadQuery('unbalanced quotation mark: close the phrase with " or remove the quote')
    depth = 0
    inside_quotes = False
    for char in text:
        if char == '"':
            inside_quotes = not inside_quotes
        elif not inside_quotes and char == "(":
            depth += 1
        elif not inside_quotes and char == ")":
            depth -= 1
            if depth < 0:
                raise BadQuery("unbalanced parentheses: a ')' has no matching '('")
    if depth:
        raise BadQuery("unbalanced parentheses: a '(' is never closed")


def _check_fields(text: str) -> None:
    outside_quotes = re.sub(r'"[^"]*"', " ", text)
    for match in _FIELD_PREFIX.finditer(outside_quotes):
        name = match.group(1)
        if name not in KNOWN_FIELDS:
            raise BadQuery(
                f'unknown field "{name}:"; possible fields: {", ".join(KNOWN_FIELDS)} '
                '(put the words in quotes to search for a colon literally)'
            )


def query_words_of(text: str) -> list[str]:
    """The plain words a query searches for (no phrases' order, no NOT, no metadata fields)."""
    try:
        tree = parse_query(text)
    except BadQuery:
        return []
    words: list[str] = []

    def walk(node, negated=False):
        if isinstance(node, query.Not):
            return
        if isinstance(node, query.Term) and node.fieldname in TEXT_FIELDS:
            words.append(node.text)
        elif isinstance(node, query.Phrase) and node.fieldname in TEXT_FIELDS:
            words.extend(node.words)
        elif isinstance(node, query.AndNot):
            walk(node.a)
        elif node.is_leaf() is False:
            for child in node.children():
                walk(child)

    walk(tree)
    return list(dict.fromkeys(words))
