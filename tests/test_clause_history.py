"""Issue 16 §4, clause history, over the seeds' series (read by hand): E/CN.4/RES/2002/70 (2002),
E/CN.4/RES/2004/68 (2004) and A/RES/64/163 (2009), "human rights defenders".

- The impunity clause: 2002/70 op5 = 2004/68 op6 word for word ("Emphasizes the importance of
  combating impunity and in this regard urges States to take appropriate measures to address the
  question of impunity for threats, attacks and acts of intimidation against human rights
  defenders;"); 64/163 op7 rewords it ("Also urges States ... for attacks, threats and acts of
  intimidation, including cases of genderbased violence, against human rights defenders and their
  relatives, including by ensuring that complaints ...").
- 64/163 op5 ("Calls upon States to respect, protect and ensure the rights to freedom of
  expression and association of human rights defenders ...") is in neither Commission text.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from searchapp.exceptions import DocumentNotFound
from searchapp.research.history import ABSENT, FIRST, REWORDED, UNCHANGED
from searchapp.web import create_app


def test_the_impunity_clause_through_three_texts(seed_service):
    history = seed_service.clause_history("A/RES/64/163", "op7")
    assert [(s.symbol, s.status, s.paragraph.anchor) for s in history.steps] == [
        ("E/CN.4/RES/2002/70", FIRST, "op5"),
        ("E/CN.4/RES/2004/68", UNCHANGED, "op6"),
        ("A/RES/64/163", REWORDED, "op7"),
    ]
    last = history.steps[-1]
    assert last.chosen and not history.steps[0].chosen
    assert last.dropped == ["Emphasizes the importance of combating impunity and in this regard",
                            "threats, attacks", "intimidation", "defenders;"]
    assert last.added[:2] == ["Also", "attacks, threats"]
    assert last.added[2] == "intimidation, including cases of genderbased violence,"
    assert history.steps[1].diff and not history.steps[1].added and not history.steps[1].dropped
    assert history.absent_years == []


def test_the_same_history_from_any_of_its_versions(seed_service):
    from_the_oldest = seed_service.clause_history("E/CN.4/RES/2002/70", "op5")
    from_the_newest = seed_service.clause_history("A/RES/64/163", "op7")
    assert ([(s.symbol, s.status, s.paragraph.anchor) for s in from_the_oldest.steps]
            == [(s.symbol, s.status, s.paragraph.anchor) for s in from_the_newest.steps])
    assert from_the_oldest.steps[0].chosen


def test_a_clause_new_in_2009_was_absent_in_2002_and_2004(seed_service):
    history = seed_service.clause_history("A/RES/64/163", "op5")
    assert [s.status for s in history.steps] == [ABSENT, ABSENT, FIRST]
    assert history.absent_years == [2002, 2004]
    assert history.steps[-1].paragraph.text.startswith("Calls upon States to respect, protect and ensure")


def test_an_unknown_paragraph_names_the_anchors(seed_service):
    with pytest.raises(DocumentNotFound, match="no paragraph 'op99'"):
        seed_service.clause_history("A/RES/64/163", "op99")


def test_each_step_says_how_much_of_its_wording_is_the_same_as_the_version_before(seed_settings, seed_service):
    """2004/68 op6 prints 2002/70 op5's very words; 64/163 op7 rewords them (module docstring)."""
    client = create_app(seed_settings, seed_service).test_client()
    data = client.get("/api/documents/A/RES/64/163/history/op7").get_json()
    first, unchanged, reworded = data["steps"]
    assert first["similarity"] is None and unchanged["similarity"] == 1.0
    assert 0.6 <= reworded["similarity"] < 0.95  # the number stays, 0 to 1, in the JSON
    assert data["drafts_left_out"] == [] and data["drafts_included"] is False  # the seeds hold no draft
    html = client.get("/documents/A/RES/64/163/history/op7").get_data(as_text=True)
    percent = int(reworded["similarity"] * 100)
    assert 'reworded: <span class="wording" title="' in html
    assert f'aria-describedby="wording-legend">wording {percent}% the same as the version before</span>' in html
    assert "unchanged: the same words as the version before" in html
    assert 'id="wording-legend"' in html and "numbers and small words such as" in html
    assert "drafts-note" not in html
    text = subprocess.run([sys.executable, "-m", "searchapp.cli", "history", "A/RES/64/163", "op7",
                           "--index", str(seed_settings.index_dir)], capture_output=True, text=True)
    assert f"op7: reworded, wording {percent}% the same as the version before [this paragraph]" in text.stdout


def test_page_api_and_command_show_the_same_steps(seed_settings, seed_service):
    client = create_app(seed_settings, seed_service).test_client()
    data = client.get("/api/documents/A/RES/64/163/history/op7").get_json()
    assert [(s["symbol"], s["status"], s["anchor"]) for s in data["steps"]] == [
        ("E/CN.4/RES/2002/70", "first", "op5"), ("E/CN.4/RES/2004/68", "unchanged", "op6"),
        ("A/RES/64/163", "reworded", "op7")]
    assert data["found_in"] == 3 and data["absent_years"] == []
    assert "Also" in data["steps"][2]["added"]
    absent = client.get("/api/documents/A/RES/64/163/history/op5").get_json()
    assert absent["absent_years"] == [2002, 2004]
    page = client.get("/documents/A/RES/64/163/history/op7")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'href="/documents/E/CN.4/RES/2002/70#op5"' in html and "<del>threats, attacks</del>" in html
    assert client.get("/documents/A/RES/64/163/history/op99").status_code == 404
    assert client.get("/api/documents/A/RES/64/163/history/op99").status_code == 404
    document = client.get("/documents/A/RES/64/163").get_data(as_text=True)
    assert 'href="/documents/A/RES/64/163/history/op7"' in document
    assert 'href="/similar?paragraph=A%2FRES%2F64%2F163%23op7"' in document

    def run(*args):
        return subprocess.run([sys.executable, "-m", "searchapp.cli", "history", *args,
                               "--index", str(seed_settings.index_dir)], capture_output=True, text=True)

    text = run("A/RES/64/163", "op5")
    assert text.returncode == 0, text.stderr
    assert "in 1 of 3 texts" in text.stdout and "Absent in: 2002, 2004" in text.stdout
    as_json = run("64/163", "op7", "--format", "json")
    assert [s["status"] for s in json.loads(as_json.stdout)["steps"]] == ["first", "unchanged", "reworded"]
    missing = run("A/RES/64/163", "op99")
    assert missing.returncode == 1 and "no paragraph 'op99'" in missing.stderr
