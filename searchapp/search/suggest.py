""""Did you mean": corrections for a query word that the index does not know.

A researcher typing "impunty" should be offered "impunity". Candidates are vocabulary words within
MAX_DISTANCE edits, where an edit is inserting, deleting or replacing one letter or swapping two
adjacent ones (Damerau-Levenshtein, in its usual "optimal string alignment" form: a swapped pair is
not edited again). Ranked by distance, then by how often the word occurs (a common word is the
likelier intent), then alphabetically so results are stable.

The search service feeds the index's vocabulary as (word, frequency) pairs; words should be the
unstemmed, lower-cased forms a researcher would type.

>>> suggest("impunty", [("impunity", 90), ("immunity", 40), ("unity", 5)])
['impunity', 'immunity']
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_DISTANCE = 2
DEFAULT_LIMIT = 5


def suggest(word: str, vocabulary: Iterable[tuple[str, int]], max_distance: int = MAX_DISTANCE,
            limit: int = DEFAULT_LIMIT) -> list[str]:
    """Best corrections of `word`, or [] when the word is itself in the vocabulary."""
    return [w for w, _, _ in ranked_corrections(word, vocabulary, max_distance, limit)]


def ranked_corrections(word: str, vocabulary: Iterable[tuple[str, int]],
                       max_distance: int = MAX_DISTANCE,
                       limit: int = DEFAULT_LIMIT) -> list[tuple[str, int, int]]:
    """(correction, distance, frequency) triples, best first."""
    word = word.strip().lower()
    if not word:
        return []
    found: dict[str, tuple[int, int]] = {}
    for candidate, frequency in vocabulary:
        candidate = candidate.lower()
        if candidate == word:
            if frequency > 0:
                return []  # a known word needs no correction
            continue
        if frequency <= 0 or abs(len(candidate) - len(word)) > max_distance:
            continue
        distance = edit_distance(word, candidate, max_distance)
        if distance <= max_distance:
            best = found.get(candidate)
            found[candidate] = (distance, frequency + (best[1] if best else 0))
    ranked = sorted(found.items(), key=lambda item: (item[1][0], -item[1][1], item[0]))
    return [(w, distance, frequency) for w, (distance, frequency) in ranked[:limit]]


def edit_distance(first: str, second: str, limit: int | None = None) -> int:
    """Optimal-string-alignment Damerau-Levenshtein distance; stops early past `limit`.

    When the distance exceeds `limit`, some number greater than `limit` is returned.
    """
    if first == second:
        return 0
    if limit is not None and abs(len(first) - len(second)) > limit:
        return limit + 1
    before_previous: list[int] = []
    previous = list(range(len(second) + 1))
    for i in range(1, len(first) + 1):
        current = [i] + [0] * len(second)
        for j in range(1, len(second) + 1):
            cost = 0 if first[i - 1] == second[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (i > 1 and j > 1 and first[i - 1] == second[j - 2]
                    and first[i - 2] == second[j - 1]):
                current[j] = min(current[j], before_previous[j - 2] + 1)
        if limit is not None and min(current) > limit:
            return limit + 1
        before_previous, previous = previous, current
    return previous[-1]
