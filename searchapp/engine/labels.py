"""Per-paragraph labels coded against a vocabulary kept beside them in arrays.npz (issue 16 §5).

The indexing stage labels each paragraph (`Labeller`: research/operative.py's rules): its
opening verb phrase and the addressees of an operative paragraph. arrays.npz keeps `verb`, the
index of the phrase in `verb_names` (-1: none), and `addressee`, a bit set over
`addressee_names` ("Requests Member States and the Secretary-General to" sets two bits), so codes
and names are always written together. An incremental run appends new names to the previous
vocabulary: earlier rows keep their codes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

# (paragraph kind, text) -> (verb phrase or "", addressees): the indexing stage's labelling rules.
Labeller = Callable[[str, str], tuple[str, Sequence[str]]]
VOCABULARIES = {"verb": "verb_names", "addressee": "addressee_names"}


class Labels:
    """The verb and addressee vocabularies of a generation, growing as rows are coded."""

    def __init__(self, verb_names: list[str], addressee_names: list[str]):
        self.verb_names, self.addressee_names = list(verb_names), list(addressee_names)
        self._verb = {name: i for i, name in enumerate(self.verb_names)}
        self._addressee = {name: i for i, name in enumerate(self.addressee_names)}

    def verb_code(self, verb: str | None) -> int:
        if not verb:
            return -1
        if verb not in self._verb:
            self._verb[verb] = len(self.verb_names)
            self.verb_names.append(verb)
        return self._verb[verb]

    def addressee_bits(self, names: Sequence[str] | None) -> int:
        bits = 0
        for name in names or ():
            if name not in self._addressee:
                if len(self.addressee_names) >= 63:
                    raise ValueError(f"more than 63 addressee names: {name!r} does not fit the bit set")
                self._addressee[name] = len(self.addressee_names)
                self.addressee_names.append(name)
            bits |= 1 << self._addressee[name]
        return bits

    def code(self, verbs: list, addressees: list) -> tuple[np.ndarray, np.ndarray]:
        return (np.array([self.verb_code(v) for v in verbs], dtype=np.int32),
                np.array([self.addressee_bits(a) for a in addressees], dtype=np.int64))

    def vocabularies(self) -> dict[str, np.ndarray]:
        # Unicode arrays (not objects): np.load reads them without pickle.
        return {"verb_names": np.array(self.verb_names, dtype=str),
                "addressee_names": np.array(self.addressee_names, dtype=str)}
