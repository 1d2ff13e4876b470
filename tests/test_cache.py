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


# The imported-plan cache ---------------------------------------------------------------------

@pytest.fixture
def counted_parse(monkeypatch, tmp_path):
    """Count the genre reader's runs (a cache hit runs none)."""
    import drafter.readers.text as text_reader

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls = []
    real = text_reader.parse

    def parse(*a, **kw):
        calls.append(1)
        return real(*a, **kw)

    monkeypatch.setattr(text_reader, "parse", parse)
    return calls


def test_a_document_is_imported_once_then_read_from_the_cache(counted_parse, tmp_path, seeds_dir):
    from helpers import SEED_FILES
    from drafter.readers import read

    src = tmp_path / "2017.txt"
    src.write_bytes((seeds_dir / SEED_FILES["000"]).read_bytes())
    first = read(src)
    again = read(src)
    assert len(counted_parse) == 1
    assert again.plan == first.plan and again.findings == first.findings
    assert [i.source.paragraph for i, _ in again.plan.walk()] == [i.source.paragraph for i, _ in first.plan.walk()]
    src.write_bytes(src.read_bytes().replace("衡阳".encode(), "衡南".encode(), 1))  # edited: read again
    edited = read(src)
    assert len(counted_parse) == 2 and edited.plan != first.plan


def test_the_same_bytes_under_another_name_name_the_new_file(counted_parse, tmp_path):
    from drafter.readers import read

    text = "2020年工作要点\n一、深化改革\n（一）推进分级诊疗。\n（三）跳号的任务。\n"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text, encoding="utf-8")
    b.write_text(text, encoding="utf-8")
    fa, fb = read(a).findings, read(b).findings
    assert fa and {f.file for f in fa} == {str(a)} and {f.file for f in fb} == {str(b)}
    assert len(counted_parse) == 2


def test_a_corrupt_or_foreign_entry_is_imported_again(counted_parse, tmp_path):
    from drafter.readers import read

    src = tmp_path / "p.txt"
    src.write_text("2020年工作要点\n一、深化改革\n（一）推进分级诊疗。\n", encoding="utf-8")
    plan = read(src).plan
    (entry,) = (tmp_path / "cache" / "drafter" / "import").glob("*.pickle")
    for junk in (b"", b"\x80\x05garbage", __import__("pickle").dumps({"not": "a plan"})[:-3]):
        entry.write_bytes(junk)
        assert read(src).plan == plan
    assert len(counted_parse) == 4


def test_broken_documents_are_never_cached(counted_parse, tmp_path):
    from drafter.errors import InputError
    from drafter.readers import read

    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    for _ in range(2):
        with pytest.raises(InputError, match="bad.docx"):
            read(bad)
    assert not list((tmp_path / "cache").rglob("*.pickle"))


def test_switched_off_the_document_is_imported_each_time(counted_parse, tmp_path, monkeypatch):
    from drafter.readers import read

    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    src = tmp_path / "p.txt"
    src.write_text("2020年工作要点\n一、深化改革\n（一）推进分级诊疗。\n", encoding="utf-8")
    read(src)
    read(src)
    assert len(counted_parse) == 2


def test_the_cache_keeps_a_bounded_number_of_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(cache, "MAX_ENTRIES", 5)
    for i in range(12):
        assert cache.pickled("t", (b"%d" % i,), lambda: {"n": i}) == {"n": i}
    assert len(list((tmp_path / "drafter" / "t").glob("*.pickle"))) == 5
    assert cache.pickled("t", (b"11",), lambda: "made again") == {"n": 11}  # the newest stay
