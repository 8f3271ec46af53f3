"""Where a PDF's glyphs leave a word space: PDFium gives each character's box but no spaces of
Word's justified lines, so the gap between two glyphs decides, and the document's own words decide
the gaps too narrow to tell (searchapp.parsing.pdf_layout builds the lines with these).

Units: a gap in PDF points against the glyph's font size; UNDECIDED_GAP marks a gap left for
resolve_gaps, which needs the whole document's vocabulary.
"""

from __future__ import annotations

import re

from searchapp.parsing.footnotes import strip_markers

# Two glyphs further apart than this share of the font size are separate words (a word space in
# Times New Roman is 0.25 em; justified lines stretch letters by up to 0.12 em: "inc luding").
WORD_GAP_SHARE = 0.2
LETTER_GAP_SHARE = 0.08
UNDECIDED_GAP = "\x00"
_WORD = re.compile(r"[^\W_]+")
_FUNCTION_WORDS = frozenset(("of", "the", "and"))


def gap(width: float, size: float) -> str:
    """What a gap between two glyphs is: nothing, a word space, or undecided (resolved by
    resolve_gaps once the whole document's words are known)."""
    if width > WORD_GAP_SHARE * size:
        return " "
    if width > LETTER_GAP_SHARE * size:
        return UNDECIDED_GAP
    return ""


def resolve_gaps(lines: list[str]) -> list[str]:
    """Word's justified lines leave gaps of 0.11-0.15 em both inside words ("inc luding", "an d")
    and between them ("of the", "of World"), with no space character either way. The document's
    own words decide: "including" is written whole elsewhere, so "inc|luding" joins; "ofthe"
    is nowhere while "of" and "the" are, so "of|the" splits; "partnersh|ip" joins, as a half is
    no word of the document. Beside punctuation the gap is kerning and joins."""
    # Single letters are no evidence: "s" of "women’s" would split "advance|s".
    vocabulary = {word.lower() for line in lines for token in line.split() if UNDECIDED_GAP not in token
                  for word in _WORD.findall(token) if len(word) > 1}
    resolved = []
    for line in lines:
        while UNDECIDED_GAP in line:
            at = line.index(UNDECIDED_GAP)
            # A marker's placeholder is no character of the text: "Rights<1>|and" reads "Rights|and".
            head, rest = strip_markers(line[:at]), strip_markers(line[at + 1:])
            left = _WORD.findall(head.replace(UNDECIDED_GAP, " "))
            right = _WORD.findall(rest.replace(UNDECIDED_GAP, " "))
            before = left[-1] if left and head[-1:].isalnum() else ""
            after = right[0] if right and rest[:1].isalnum() else ""
            joined = (before + after).lower()
            # Beside punctuation a small gap is kerning ("follow-up", "(COVID-19)"): no space.
            if not (before and after):
                join = True
            elif before[-1].isdigit() or after[0].isdigit():  # "20 17" joins, "of26" splits
                # ... and so does a symbol: "WHA|58/2005/REC/1" (A/RES/79/147, note 13)
                join = after[0].isdigit() and (before[-1].isdigit() or (len(before) > 1 and before.isupper()))
            elif before.lower() in _FUNCTION_WORDS and joined not in vocabulary:
                join = False  # "contributions of|journalists" (A/RES/80/199), once in the text
            else:
                join = joined in vocabulary or not (before.lower() in vocabulary and after.lower() in vocabulary)
            line = line[:at] + ("" if join else " ") + line[at + 1:]
        resolved.append(line)
    return resolved
