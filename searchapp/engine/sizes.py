"""How many bytes each indexed field takes in one generation (benchmarks: what phrases cost).

A field's share is its terms' keys and records in the segments' term tables (`.trm`), the
posting blocks those records point to (`.pst`; short lists are inlined in the record) and its
length column (`_FIELD_len.col`). The rarer words' positions (rare_positions.py: one file per
segment, outside Whoosh) count as the field `rare`. Stored text, the per-paragraph metadata arrays and the sidecar
files belong to no field: they are the rest of the generation's folder.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from searchapp.engine.rare_positions import SUFFIX as RARE_SUFFIX
from searchapp.engine.whoosh_internals import open_index, segment_readers, term_table_bytes
from searchapp.engine.writing import INDEX_NAME


def field_bytes(generation: Path) -> dict[str, int]:
    """Field name -> bytes it takes in the generation folder `generation` (see the module doc)."""
    sizes: Counter = Counter()
    index = open_index(generation, INDEX_NAME)
    reader = index.reader()
    try:
        for segment, _ in segment_readers(reader):
            for field, size in term_table_bytes(segment):
                sizes[field] += size
    finally:
        reader.close()
    for column in generation.glob(f"{INDEX_NAME}_*._*_len.col"):
        sizes[column.name.split("._", 1)[1][:-len("_len.col")]] += column.stat().st_size
    for positions in generation.glob(f"{INDEX_NAME}_*{RARE_SUFFIX}"):
        sizes["rare"] += positions.stat().st_size
    return dict(sizes)


def folder_bytes(folder: Path) -> int:
    """Bytes of every file under `folder` (a generation: the whole index as served)."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
