"""Indexing: input files -> parsed documents -> a new index generation, published atomically.

- run:             `run_index`, the whole indexing run (incremental by content hash)
- inputs:          which files are read, skipped or unchanged
- rewrite:         when a run writes the generation afresh instead of appending
- relations_build: citations and series computed once per run into relations.json
"""
