"""Previews and downloads of a plan: the rendered .docx, its PDF and page images, the 任务分工表
.xlsx, cached by the plan's content hash so that an unchanged plan is rendered once.

The cache lives in the workspace (`.drafter/cache/preview/<hash>-<kind>/`); an entry is
written into a temporary folder and renamed into place whole, so a failed render leaves
nothing behind and a half-written entry is never served.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DrafterError

KINDS = ("notice", "plan", "tasks")
PAGE_DPI = 60
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@dataclass
class Preview:
    folder: Path
    docx: Path
    pdf: Path | None = None
    pages: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _lock(key: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def _key(text: str, kind: str, template_dir: str | None) -> str:
    from .. import __version__
    from .workspace import content_hash

    return "%s-%s" % (content_hash("%s\0%s\0%s\0%s" % (__version__, kind, template_dir or "", text)), kind)


def render(ws, name: str, kind: str = "notice", *, pdf: bool = True, template_dir: str | None = None) -> Preview:
    """The plan `name` of workspace `ws` rendered as `kind` (notice, plan, tasks): .docx, and
    with `pdf` its PDF and one PNG per page, from the cache when the plan is unchanged."""
    from ..errors import InputError

    if kind not in KINDS:
        raise InputError("未知的文稿类型：%s" % kind)
    text, _ = ws.read(name)
    key = _key(text, kind, template_dir)
    cache = ws.state / "cache" / "preview"
    folder = cache / key
    with _lock(key):
        if not (folder / "document.docx").exists() or (pdf and not (folder / "document.pdf").exists()):
            _build(ws, name, text, kind, folder, pdf, template_dir)
    return _read_entry(folder)


def _build(ws, name: str, text: str, kind: str, folder: Path, pdf: bool, template_dir: str | None) -> None:
    from ..fileio import atomic_write
    from .render import Job, run_one

    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=folder.parent))
    try:
        plan = work / Path(name).name
        atomic_write(plan, text)
        docx = work / "document.docx"
        outcome = run_one(Job(str(plan), str(docx), kind=kind, template_dir=template_dir))
        if outcome.error:
            raise outcome.exception()
        (work / "warnings.txt").write_text("\n".join(outcome.warnings), "utf-8")
        plan.unlink()
        if pdf:
            made = to_pdf(docx, work)
            if made != work / "document.pdf":
                os.replace(made, work / "document.pdf")
            page_images(work / "document.pdf", work)
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(work, folder)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def to_pdf(docx: Path, outdir: Path) -> Path:
    """docx → PDF through LibreOffice (drafter.office)."""
    from ..office import convert

    return convert(docx, "pdf", outdir)


def page_images(pdf: Path, outdir: Path) -> list[Path]:
    """One PNG per page (poppler's pdftoppm), named page-1.png, page-2.png, …"""
    exe = shutil.which("pdftoppm")
    if not exe:
        return []
    proc = subprocess.run([exe, "-png", "-r", str(PAGE_DPI), str(pdf), str(outdir / "page")],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise DrafterError("无法生成页面图像：%s" % (proc.stderr.strip().splitlines() or ["pdftoppm"])[-1])
    pages = sorted(outdir.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    for n, p in enumerate(pages, 1):  # pdftoppm pads the numbers to the page count's width
        p.rename(outdir / ("page-%d.png" % n))
    return [outdir / ("page-%d.png" % n) for n in range(1, len(pages) + 1)]


def _read_entry(folder: Path) -> Preview:
    warnings = folder / "warnings.txt"
    pdf = folder / "document.pdf"
    pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    return Preview(folder, folder / "document.docx", pdf if pdf.exists() else None, pages,
                   [w for w in warnings.read_text("utf-8").split("\n") if w] if warnings.exists() else [])


def tasks_xlsx(ws, name: str, *, template_dir: str | None = None) -> Path:
    """The 任务分工表 as .xlsx, cached like the previews."""
    from ..fileio import atomic_write
    from .render import Job, run_one

    text, _ = ws.read(name)
    key = _key(text, "xlsx", template_dir)
    target = ws.state / "cache" / "preview" / key / "tasks.xlsx"
    with _lock(key):
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
                plan = Path(tmp) / Path(name).name
                atomic_write(plan, text)
                out = Path(tmp) / "tasks.xlsx"
                outcome = run_one(Job(str(plan), str(out), kind="tasks", xlsx=True, template_dir=template_dir))
                if outcome.error:
                    raise outcome.exception()
                os.replace(out, target)
    return target
