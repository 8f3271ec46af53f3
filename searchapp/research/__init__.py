"""Research features over parsed documents: symbols, citations, series (lineage), paragraph
alignment and word diffs, and the read side of relations.json."""
