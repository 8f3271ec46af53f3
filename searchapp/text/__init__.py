"""Text: character folding and the analysis chain (normalise | tokenise | fold | compounds | stem)."""
