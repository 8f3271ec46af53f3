"""Turns the researcher's query text into a Whoosh query tree, or a BadQuery that names the problem.

Syntax (Whoosh's): words are ANDed; `OR`, `NOT`, `AND NOT`, parentheses; "phrases"; `defend*`
and `*terror*` wildcards; `exact:defenders` for the unstemmed word form; metadata fields such as
`body:`, `type:`, `tag:`, `symbol:`, `year:` (also `year:[2000 TO 2009]`), `session:`, named by
the caller (the search layer's filter registry, searchapp/search/filters.py).
Words are only folded here (case, accents); stemming and compounds happen in evaluation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh import fields, query
from whoosh.analysis import Analyzer, Token
from whoosh.qparser import QueryParser

from searchapp.engine.query_rewrite import rewrite, straight_quotes
from searchapp.exceptions import BadQuery
from searchapp.text import analysis

TEXT_FIELDS = ("text", "exact", "family", "title")
KNOWN_FIELDS = TEXT_FIELDS  # fields every query may use; metadata fields come from the caller
_FIELD_PREFIX = re.compile(r'(?<![\w"])([A-Za-z_][\w]*):(?=\S)')


class QueryWordAnalyzer(Analyzer):
    """Folded words with hyphenated compounds kept whole, for the query parser only."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        normalised = analysis.normalise_text(value)
        spans = analysis.tokenise(normalised) if tokenize else [(normalised, 0, len(normalised))]
        for index, (raw, start, end) in enumerate(spans):
            token.text = analysis.fold(analysis.compound_spelling(raw))
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


@lru_cache(maxsize=8)
def _parser(metadata_fields: tuple[str, ...]) -> QueryParser:
    words = QueryWordAnalyzer()
    schema = fields.Schema(
        text=fields.TEXT(analyzer=words, phrase=True),
        exact=fields.TEXT(analyzer=words, phrase=True),
        family=fields.TEXT(analyzer=words, phrase=True),
        title=fields.TEXT(analyzer=words, phrase=True),
        **{name: fields.ID() for name in metadata_fields},
    )
    parser = QueryParser("text", schema)
    for name in TEXT_FIELDS:
        parser.schema[name].multitoken_query = "phrase"
    return parser


@lru_cache(maxsize=512)
def parse_query(text: str, metadata_fields: tuple[str, ...] = ()) -> query.Query:
    """Parse or raise BadQuery; an empty query means every paragraph. `metadata_fields`: the
    `name:` fields allowed besides text and exact (`body`, `year`, ...). Cached (about a
    millisecond of Whoosh's parser per call, and a researcher's next request, another page or
    facet, repeats the query); the trees are only read, never changed."""
    text = straight_quotes(text).strip()
    _check_balance(text)
    text = rewrite(text).text  # -word, lower-case operators, dangling operators (query_rewrite.py)
    if not text:
        return query.Every()
    _check_fields(text, TEXT_FIELDS + tuple(metadata_fields))
    try:
        tree = _parser(tuple(metadata_fields)).parse(text)
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


def _check_fields(text: str, known: tuple[str, ...]) -> None:
    outside_quotes = re.sub(r'"[^"]*"', " ", text)
    for match in _FIELD_PREFIX.finditer(outside_quotes):
        name = match.group(1)
        if name not in known:
            raise BadQuery(
                f'unknown field "{name}:"; possible fields: {", ".join(known)} '
                '(put the words in quotes to search for a colon literally)'
            )


def query_words_of(text: str, metadata_fields: tuple[str, ...] = ()) -> list[str]:
    """The plain words a query searches for (no phrases' order, no NOT, no metadata fields)."""
    try:
        tree = parse_query(text, tuple(metadata_fields))
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
