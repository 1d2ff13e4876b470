"""The 版记 placement measured by LibreOffice is kept in drafter's cache, keyed by what the
layout depends on: rendering the same notice again costs no LibreOffice run."""
from __future__ import annotations

import pytest

from helpers import PLANS
from drafter.readers import read
from drafter.writers.docx import layout, paged


@pytest.fixture
def counted(monkeypatch):
    calls = []

    def fake(path):
        calls.append(path)
        return "next"

    monkeypatch.setattr(paged, "measured_place", fake)
    monkeypatch.setattr(paged, "ends_with_imprint", lambda paras: True)
    return calls


def _paras(name: str):
    return layout(read(str(PLANS / name)).plan, "notice", None)


def test_the_same_notice_is_laid_out_once(counted, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    paras = _paras("2019-钦州市-工作要点.yaml")
    first = paged.settled(paras, {})
    second = paged.settled(paras, {})
    assert len(counted) == 1
    assert first.parts["word/document.xml"] == second.parts["word/document.xml"]
    other = paged.settled(_paras("2017-衡阳市-工作要点.yaml"), {})  # another notice: measured anew
    assert len(counted) == 2 and other.parts["word/document.xml"] != first.parts["word/document.xml"]


def test_without_the_cache_every_render_measures(counted, monkeypatch):
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    paras = _paras("2019-钦州市-工作要点.yaml")
    paged.settled(paras, {})
    paged.settled(paras, {})
    assert len(counted) == 2
