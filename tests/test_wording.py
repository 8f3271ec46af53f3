"""Counted nouns agree with their counts (the totals line of the CLI, the web page and exports)."""

from searchapp.wording import noun, totals


def test_one_is_singular_and_every_other_count_plural():
    assert [noun(n, "document") for n in (0, 1, 2, 11)] == ["documents", "document", "documents", "documents"]
    assert noun(2, "index", "indexes") == "indexes"


def test_totals_line_writes_each_count_with_its_noun():
    assert totals(1, 1, 1) == "1 paragraph in 1 document, 1 mention"
    assert totals(1200, 3, 0, "{:,}".format) == "1,200 paragraphs in 3 documents, 0 mentions"
