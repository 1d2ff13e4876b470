"""drafter's cache folder: a cached entry is only ever an optimisation (an edit, a corrupt
entry or no folder at all gives the same result as no cache)."""
from __future__ import annotations

import json

import pytest

from drafter import cache


def test_an_entry_is_made_once_and_then_read(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls = []

    def make():
        calls.append(1)
        return {"page": {"width_mm": 210}, "roles": ["title"]}

    first = cache.json_entry("t", b"v1", make)
    second = cache.json_entry("t", b"v1", make)
    assert first == second == {"page": {"width_mm": 210}, "roles": ["title"]}
    assert len(calls) == 1
    cache.json_entry("t", b"v2", make)  # other source bytes: made again
    assert len(calls) == 2
    assert len(list((tmp_path / "drafter" / "t").glob("*.json"))) == 2


def test_a_corrupt_entry_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache.json_entry("t", b"src", lambda: {"a": 1})
    (entry,) = (tmp_path / "drafter" / "t").glob("*.json")
    entry.write_text('{"a": ', encoding="utf-8")  # cut short
    assert cache.json_entry("t", b"src", lambda: {"a": 2}) == {"a": 2}
    assert json.loads(entry.read_text(encoding="utf-8")) == {"a": 2}


@pytest.mark.parametrize("value", [{"k": (1, 2)}, {1: "int key"}, {"d": __import__("datetime").date(2020, 1, 1)}])
def test_values_json_would_change_are_not_cached(tmp_path, monkeypatch, value):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.json_entry("t", b"src", lambda: value) is value
    assert cache.json_entry("t", b"src", lambda: value) is value  # not served as a list / str key
    assert not list((tmp_path / "drafter" / "t").glob("*.json"))


def test_no_folder_or_switched_off_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache.folder("t") is None
    assert cache.json_entry("t", b"src", lambda: {"a": 1}) == {"a": 1}
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    assert cache.folder("t") is None


def test_an_edited_look_is_read_again_and_a_broken_one_still_reports(tmp_path, monkeypatch):
    from drafter.errors import InputError
    from drafter.writers.docx import load_look

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    mine = tmp_path / "office"
    mine.mkdir()
    (mine / "look.yaml").write_text("colours:\n  red: 'C00000'\n", encoding="utf-8")
    load_look.cache_clear()
    assert load_look(str(mine)).data["colours"]["red"] == "C00000"
    (mine / "look.yaml").write_text("colours:\n  red: 'E00000'\n", encoding="utf-8")
    load_look.cache_clear()  # a new process
    assert load_look(str(mine)).data["colours"]["red"] == "E00000"
    (mine / "look.yaml").write_text("colours:\n  red: [\n", encoding="utf-8")
    load_look.cache_clear()
    with pytest.raises(InputError, match=r"look\.yaml:\d+: the look is not valid YAML"):
        load_look(str(mine))
    load_look.cache_clear()
