"""Fingerprints of an index's contents, to show that a change to the build left them unchanged.

    .venv/bin/python tools/index_fingerprint.py INDEX [INDEX2]

For the live generation of INDEX it prints one line per indexed field (terms, postings, and a
SHA-256 over every term with its document numbers, frequencies and position values, in document
number order across segments, so a build split into two segments compares equal to one written
as one), one for the stored fields of every paragraph, one per array of arrays.npz and one per
JSON sidecar (format.json without its build time), and one for the rarer words' positions
(their own files, engine/rare_positions.py: each stem's `doc << 32 | position` keys). With
INDEX2 it prints the first one's lines, then the lines that differ, and exits 1 if any does.
Segment names, file layout and the split into segments are not compared: they are no contents.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from searchapp.engine.generations import current_generation  # noqa: E402
from searchapp.engine.rare_positions import RarePositions  # noqa: E402
from searchapp.engine.reading import open_whoosh_index  # noqa: E402
from searchapp.engine.whoosh_internals import segment_readers  # noqa: E402

SIDECARS = ("documents.json", "compounds.json", "relations.json", "format.json")


def fingerprint(index: Path) -> dict[str, str]:
    generation = current_generation(index)
    if generation is None:
        raise SystemExit(f"{index}: no generation")
    lines: dict[str, str] = {}
    whoosh = open_whoosh_index(generation)
    with whoosh.reader() as reader:
        lines["documents"] = f"{reader.doc_count_all()} (alive {reader.doc_count()})"
        for field in sorted(reader.schema.names()):
            if not reader.schema[field].indexed:
                continue
            digest, terms, postings = hashlib.sha256(), 0, 0
            for term in reader.lexicon(field):
                matcher = reader.postings(field, term)
                digest.update(term + b"\0")
                while matcher.is_active():
                    digest.update(b"%d %r %s;" % (matcher.id(), matcher.weight(), matcher.value() or b""))
                    postings += 1
                    matcher.next()
                terms += 1
            lines[f"field {field}"] = f"terms {terms} postings {postings} sha256 {digest.hexdigest()[:16]}"
            if reader.schema[field].scorable:
                lengths = [reader.doc_field_length(d, field, 0) for d in range(reader.doc_count_all())]
                lines[f"lengths {field}"] = hashlib.sha256(repr(lengths).encode()).hexdigest()[:16]
        # The rarer words' positions (engine/rare_positions.py), a file per segment outside Whoosh.
        digest, stems, occurrences = hashlib.sha256(), 0, 0
        rare = RarePositions(generation, segment_readers(reader))
        for stem in rare.stems():
            keys = rare.keys(stem)
            digest.update(stem.encode("utf-8") + b"\0" + keys.tobytes())
            stems, occurrences = stems + 1, occurrences + len(keys)
        lines["rare positions"] = f"stems {stems} occurrences {occurrences} sha256 {digest.hexdigest()[:16]}"
        digest = hashlib.sha256()
        for docnum, stored in reader.iter_docs():
            digest.update(pickle.dumps((docnum, sorted(stored.items())), protocol=4))
        lines["stored"] = digest.hexdigest()[:16]
    with np.load(generation / "arrays.npz") as arrays:
        for name in sorted(arrays.files):
            lines[f"array {name}"] = hashlib.sha256(arrays[name].tobytes()).hexdigest()[:16]
    for name in SIDECARS:
        value = json.loads((generation / name).read_text(encoding="utf-8"))
        if name == "format.json":
            value.pop("built", None)  # when, not what
        lines[name] = hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]
    return lines


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    prints = [fingerprint(Path(arg)) for arg in argv]
    for key, value in prints[0].items():
        print(f"{key}: {value}")
    if len(prints) == 1:
        return 0
    differ = [key for key in prints[0].keys() | prints[1].keys() if prints[0].get(key) != prints[1].get(key)]
    for key in sorted(differ):
        print(f"DIFFERS {key}: {prints[0].get(key)} | {prints[1].get(key)}")
    print("identical" if not differ else f"{len(differ)} lines differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
