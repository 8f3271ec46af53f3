"""A generated corpus of N paragraphs with the statistics of real UN resolutions, from a fixed seed.

Text comes from a word-bigram model trained on the real paragraphs in `data/` and the General
Assembly texts of `../shared/corpus/ga-resolutions/` (when present), so frequent words, phrases such
as "human rights defenders" and rare words such as "impunity" keep realistic frequencies.
Metadata: five bodies in their real year ranges (1946-2025), sessions, 15-30 paragraphs per
resolution (about 40% preambular), real titles, and 1-6 of 40 subject tags drawn Zipf-like.
The corpus is written once as JSON lines so every engine indexes exactly the same texts.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from searchapp.exceptions import BadInputFile
from searchapp.models import (
    COMMISSION,
    ECOSOC,
    GENERAL_ASSEMBLY,
    HUMAN_RIGHTS_COUNCIL,
    OPERATIVE,
    PREAMBULAR,
    SECURITY_COUNCIL,
    Document,
    Paragraph,
)
from searchapp.parsing import parse_file

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "data", REPO.parent / "shared" / "corpus" / "ga-resolutions"]
# (body, first year, last year, share of resolutions)
BODIES = [(GENERAL_ASSEMBLY, 1946, 2025, 0.45), (SECURITY_COUNCIL, 1946, 2025, 0.2),
          (COMMISSION, 1946, 2005, 0.15), (HUMAN_RIGHTS_COUNCIL, 2006, 2025, 0.12),
          (ECOSOC, 1946, 2025, 0.08)]
TAGS = ["HUMAN RIGHTS", "IMPUNITY", "WOMEN", "CHILDREN", "TERRORISM", "DEVELOPMENT", "PEACEKEEPING",
        "DISARMAMENT", "REFUGEES", "MIGRANTS", "TORTURE", "DEATH PENALTY", "FREEDOM OF EXPRESSION",
        "HUMAN RIGHTS DEFENDERS", "INDIGENOUS PEOPLES", "MINORITIES", "RACISM", "CLIMATE CHANGE",
        "HEALTH", "EDUCATION", "FOOD", "WATER", "POVERTY", "TRADE", "FINANCE", "OCEANS", "OUTER SPACE",
        "NUCLEAR WEAPONS", "SANCTIONS", "ELECTIONS", "DEMOCRACY", "RULE OF LAW", "CORRUPTION",
        "DRUGS", "CRIME", "TRAFFICKING", "DISABILITY", "OLDER PERSONS", "YOUTH", "SELF-DETERMINATION"]
_WORDS = re.compile(r"\S+")


def _real_documents() -> list[Document]:
    documents = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            try:
                documents.append(parse_file(path))
            except BadInputFile:
                continue
    return documents


class BigramModel:
    """Successor lists (with repeats, so random.choice draws by frequency) per word."""

    def __init__(self, paragraphs: list[str]):
        self.next: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        self.lengths: list[int] = []
        for text in paragraphs:
            words = _WORDS.findall(text)
            if len(words) < 4:
                continue
            self.starts.append(words[0])
            self.lengths.append(len(words))
            for a, b in zip(words, words[1:]):
                self.next[a].append(b)

    def paragraph(self, rng: random.Random, start: str | None = None) -> str:
        length = rng.choice(self.lengths)
        word = start or rng.choice(self.starts)
        words = [word]
        while len(words) < length:
            successors = self.next.get(word)
            word = rng.choice(successors) if successors else rng.choice(self.starts)
            words.append(word)
        return " ".join(words)


def generate(size: int, seed: int = 20261123) -> Iterator[Document]:
    """Resolutions totalling `size` paragraphs, the same for the same seed."""
    rng = random.Random(seed)
    real = _real_documents()
    preambular = [p.text for d in real for p in d.paragraphs if p.kind == PREAMBULAR]
    operative = [p.text for d in real for p in d.paragraphs if p.kind == OPERATIVE]
    models = {PREAMBULAR: BigramModel(preambular), OPERATIVE: BigramModel(operative)}
    titles = sorted({d.title for d in real if d.title}) or ["Human rights defenders"]
    tag_weights = [1 / (rank + 1) for rank in range(len(TAGS))]
    made, number = 0, 0
    while made < size:
        number += 1
        body, first, last, _ = rng.choices(BODIES, weights=[b[3] for b in BODIES])[0]
        year = rng.randint(first, last)
        count = min(rng.randint(15, 30), size - made)
        n_preambular = round(count * rng.uniform(0.3, 0.5))
        paragraphs = []
        for position in range(count):
            kind = PREAMBULAR if position < n_preambular else OPERATIVE
            text = models[kind].paragraph(rng)
            paragraphs.append(Paragraph(f"BENCH/{number}", kind,
                                        position + 1 if kind == PREAMBULAR else position - n_preambular + 1,
                                        position, text.split()[0].strip(",;"), text))
        tags = tuple(dict.fromkeys(rng.choices(TAGS, weights=tag_weights, k=rng.randint(1, 6))))
        symbol = f"BENCH/RES/{year}/{number}"
        yield Document(symbol=symbol, body=body, title=rng.choice(titles),
                       date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)), year=year,
                       session=year - 1945, source=f"bench/{number}.txt", tags=tags,
                       paragraphs=[Paragraph(symbol, p.kind, p.number, p.position, p.opening, p.text)
                                   for p in paragraphs])
        made += count


def write_jsonl(documents: Iterator[Document], path: Path) -> int:
    paragraphs = 0
    with path.open("w", encoding="utf-8") as out:
        for d in documents:
            paragraphs += len(d.paragraphs)
            out.write(json.dumps({
                "symbol": d.symbol, "body": d.body, "title": d.title, "date": d.date.isoformat(),
                "year": d.year, "session": d.session, "source": d.source, "tags": list(d.tags),
                "paragraphs": [[p.kind, p.number, p.position, p.opening, p.text] for p in d.paragraphs],
            }, ensure_ascii=False) + "\n")
    return paragraphs


def read_jsonl(path: Path) -> Iterator[Document]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            yield Document(symbol=r["symbol"], body=r["body"], title=r["title"],
                           date=dt.date.fromisoformat(r["date"]), year=r["year"], session=r["session"],
                           source=r["source"], tags=tuple(r["tags"]),
                           paragraphs=[Paragraph(r["symbol"], *p) for p in r["paragraphs"]])
