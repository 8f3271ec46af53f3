"""The analysis chain, step by step and as a whole."""

from hypothesis import given
from hypothesis import strategies as st

from searchapp.text import analysis


def test_normalise_maps_un_hyphens_and_spaces():
    assert analysis.normalise_text("non\u2011governmental\u00a0organizations") == "non-governmental organizations"
    assert analysis.normalise_text("State\u2019s") == "State's"


def test_tokenise_keeps_compounds_whole_with_spans():
    text = "Calls upon non-governmental organizations, 53/144"
    tokens = analysis.tokenise(text)
    assert [t[0] for t in tokens] == ["Calls", "upon", "non-governmental", "organizations", "53", "144"]
    for word, start, end in tokens:
        assert text[start:end] == word


def test_a_possessive_is_a_mention_of_its_word():
    """"women's rights", "Africa’s development": the dictionary knows neither "womens" nor
    "africas", so the possessive must fold to the word itself, in the text and in the query."""
    terms = [t.term for t in analysis.analyse("women’s rights, Africa's development, the States’ duty")]
    assert terms == [analysis.stem("women"), analysis.stem("rights"), analysis.stem("africa"),
                     analysis.stem("development"), "the", analysis.stem("states"), analysis.stem("duty")]
    assert analysis.stem("women") == "woman"
    assert analysis.query_words("children’s") == ["children"]
    assert analysis.fold("o'clock") == "oclock"


def test_fold_removes_case_and_accents():
    assert analysis.fold("Côte") == "cote"
    assert analysis.fold("ÉCOSOC") == "ecosoc"


def test_stem_makes_defender_and_defenders_meet():
    assert analysis.stem("defenders") == analysis.stem("defender") == "defender"


def test_inflections_meet_but_derived_words_stay_apart():
    """Issue 19 §1: the default key joins a word's inflections only."""
    key = analysis.stem
    assert key("detained") == key("detain") == key("detains") == key("detaining")
    assert key("nationality") == key("nationalities") != key("national")
    assert len({key("nation"), key("national"), key("nationality")}) == 3
    assert key("account") != key("accountability")
    assert key("execution") == key("executions") != key("executive")
    assert key("independent") != key("independence")
    assert len({key("universe"), key("university"), key("universal")}) == 3
    assert key("internal") != key("international")
    assert key("organ") != key("organization") == key("organizations")
    assert key("countries") == key("country") and key("lives") == key("life")
    assert key("Urging".lower()) == key("urges")  # the preambular verb meets its other forms
    assert key("shall") != key("should") and key("may") != key("might")
    assert key("best") != key("good") and key("beings") == key("being") != key("is")


def test_family_stem_is_snowball_for_family_queries():
    assert analysis.family_stem("accountability") == analysis.family_stem("accounts") == "account"


def test_compound_emits_parts_and_joined_form():
    terms = analysis.analyse("non\u2011governmental organizations")
    assert [(t.word, t.position, t.joined) for t in terms] == [
        ("non", 0, False), ("nongovernmental", 0, True), ("governmental", 1, False), ("organizations", 2, False),
    ]


def test_hyphen_spellings_share_terms():
    spelled = ["non-governmental", "non\u2011governmental", "nongovernmental", "non governmental"]
    term_sets = [{t.term for t in analysis.analyse(s)} for s in spelled]
    assert term_sets[0] == term_sets[1]
    assert "nongovernmental" in term_sets[0] and "nongovernmental" in term_sets[2]
    assert {"non", "governmental"} <= term_sets[0] and {"non", "governmental"} <= term_sets[3]


@given(st.text(max_size=300))
def test_analyse_never_fails_and_spans_point_into_the_text(text):
    normalised = analysis.normalise_text(text)
    terms = analysis.analyse(text)
    last_position = -1
    for term in terms:
        assert 0 <= term.start < term.end <= len(normalised)
        assert term.position >= last_position
        last_position = term.position
        assert term.term and term.word


def test_fast_tokeniser_agrees_with_nltk_on_the_seeds():
    from conftest import SEED_FILES

    for path in SEED_FILES:
        text = analysis.normalise_text(path.read_text(encoding="utf-8"))
        assert analysis.tokenise(text) == analysis.nltk_tokenise(text)


def test_the_fast_span_analysis_equals_the_full_chain():
    from conftest import SEED_FILES

    from searchapp.text.analysis import analyse, analyse_spans
    for path in SEED_FILES:
        text = path.read_text(encoding="utf-8")
        assert analyse_spans(text) == [(t.term, t.word, t.start, t.end, t.joined) for t in analyse(text)]
