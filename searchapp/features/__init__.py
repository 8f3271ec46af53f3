"""Researcher features computed from parsed Documents: pure functions, no index, no web.

- symbols:   what a researcher types ("res 64/163") -> candidate canonical symbols
- citations: which resolutions and documents a resolution cites
- lineage:   which resolutions form one series (the same text re-adopted over the years)
- alignment: which paragraphs were added, dropped or changed between two texts of a series
- worddiff:  the word-level changes inside one changed paragraph
- suggest:   "did you mean" corrections from the index vocabulary
"""
