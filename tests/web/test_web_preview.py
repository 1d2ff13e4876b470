"""Previews: cached by the plan's content, nothing left behind by a failed render, and the
long-lived LibreOffice restarted when it dies."""
from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from helpers import need
from drafter.app import preview
from drafter.app.workspace import Workspace
from drafter.errors import DrafterError

ROOT = Path(__file__).resolve().parents[2]
PLAN = "2017-衡阳市-工作要点.yaml"


@pytest.fixture
def ws(tmp_path) -> Workspace:
    (tmp_path / "plans").mkdir()
    shutil.copy(ROOT / "plans" / PLAN, tmp_path / "plans" / PLAN)
    return Workspace(tmp_path)


def test_a_preview_is_made_once_per_content(ws, monkeypatch):
    made = []
    monkeypatch.setattr(preview, "to_pdf", lambda docx, out: made.append(docx) or _fake_pdf(out))
    monkeypatch.setattr(preview, "page_images", lambda pdf, out: [])
    first = preview.render(ws, PLAN)
    again = preview.render(ws, PLAN)
    assert first.folder == again.folder and len(made) == 1
    assert first.docx.read_bytes()[:2] == b"PK"
    path = ws.plans / PLAN
    path.write_text(path.read_text("utf-8").replace("深化", "继续深化", 1), "utf-8")
    changed = preview.render(ws, PLAN)
    assert changed.folder != first.folder and len(made) == 2
    assert preview.render(ws, PLAN, "plan").folder not in (first.folder, changed.folder)


def _fake_pdf(out: Path) -> Path:
    pdf = out / "document.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    return pdf


def test_a_failed_render_leaves_no_cache_entry(ws, monkeypatch):
    def fail(docx, out):
        raise DrafterError("LibreOffice could not convert")

    monkeypatch.setattr(preview, "to_pdf", fail)
    with pytest.raises(DrafterError):
        preview.render(ws, PLAN)
    cache = ws.state / "cache" / "preview"
    assert not cache.exists() or list(cache.iterdir()) == []
    assert (ws.plans / PLAN).read_text("utf-8") == (ROOT / "plans" / PLAN).read_text("utf-8")


def test_an_unknown_kind_is_refused(ws):
    with pytest.raises(DrafterError):
        preview.render(ws, PLAN, "../x")


@pytest.mark.libreoffice
@pytest.mark.slow
def test_the_long_lived_office_renders_pages_and_comes_back_after_it_dies(ws, soffice):
    need("a python with uno (python3-uno) for the long-lived LibreOffice", preview.OFFICE.available(),
         "DRAFTER_REQUIRE_LIBREOFFICE")
    shown = preview.render(ws, PLAN)
    assert len(shown.pages) >= 10 and shown.pdf.read_bytes()[:5] == b"%PDF-"
    assert shown.pages[0].read_bytes()[:2] == b"\xff\xd8"  # JPEG
    pid = preview.OFFICE.pid()
    assert pid
    os.killpg(pid, signal.SIGKILL)  # the worker and its soffice
    path = ws.plans / PLAN
    path.write_text(path.read_text("utf-8").replace("深化", "全面深化", 1), "utf-8")
    again = preview.render(ws, PLAN)
    assert again.pdf.exists() and len(again.pages) == len(shown.pages)
    assert preview.OFFICE.pid() not in (None, pid)


def test_the_cache_keeps_the_latest_entries_only(ws, monkeypatch):
    monkeypatch.setattr(preview, "to_pdf", lambda docx, out: _fake_pdf(out))
    monkeypatch.setattr(preview, "page_images", lambda pdf, out: [])
    path = ws.plans / PLAN
    folders = []
    for n in range(4):
        path.write_text(path.read_text("utf-8") + "# %d\n" % n, "utf-8")
        folders.append(preview.render(ws, PLAN).folder)
        os.utime(folders[-1], (1000 + n, 1000 + n))
    preview.prune(folders[0].parent, 2)
    assert [f.exists() for f in folders] == [False, False, True, True]
