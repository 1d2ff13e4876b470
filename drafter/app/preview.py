"""Previews and downloads of a plan: the rendered .docx, its PDF and page images, the 任务分工表
.xlsx, cached by the plan's content hash so that an unchanged plan is rendered once.

The cache lives in the workspace (`.drafter/cache/preview/<hash>-<kind>/`); an entry is
written into a temporary folder and renamed into place whole, so a failed render leaves
nothing behind and a half-written entry is never served.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DrafterError

KINDS = ("notice", "plan", "tasks")
PAGE_DPI = 60
KEEP_ENTRIES = 40  # cache entries kept per workspace; the oldest go first
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
    prune(folder.parent)


def prune(cache: Path, keep: int = KEEP_ENTRIES) -> None:
    """Drop the least recently made cache entries beyond `keep` (builds in progress stay)."""
    entries = sorted((p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def to_pdf(docx: Path, outdir: Path) -> Path:
    """docx → PDF: through the long-lived LibreOffice when python3-uno is there (started on
    first use, restarted if it dies), else a one-off `soffice --convert-to` (drafter.office)."""
    if OFFICE.available():
        out = outdir / (docx.stem + ".pdf")
        OFFICE.convert_pdf(docx, out)
        return out
    from ..office import convert

    return convert(docx, "pdf", outdir)


# The worker runs under a Python that has LibreOffice's `uno` (Debian's python3-uno, usually
# the system python3, not drafter's venv): it starts one headless soffice with a private
# profile, then turns each request line {"src", "out"} into a PDF and answers one JSON line.
_WORKER = r"""
import json, subprocess, sys, time, uuid
from pathlib import Path
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

def prop(name, value):
    p = PropertyValue(); p.Name, p.Value = name, value; return p

soffice, profile = sys.argv[1], sys.argv[2]
pipe = "drafter_preview_" + uuid.uuid4().hex[:12]
proc = subprocess.Popen([soffice, "-env:UserInstallation=" + Path(profile).resolve().as_uri(),
                         "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
ctx = None
for _ in range(480):
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        break
    except NoConnectException:
        if proc.poll() is not None:
            break
        time.sleep(0.25)
if ctx is None:
    print(json.dumps({"error": "LibreOffice did not start"}), flush=True)
    proc.kill()
    sys.exit(1)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
print(json.dumps({"ready": True}), flush=True)
try:
    for line in sys.stdin:
        req = json.loads(line)
        try:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(req["src"]), "_blank", 0,
                                               (prop("Hidden", True), prop("ReadOnly", True)))
            if doc is None:
                raise RuntimeError("LibreOffice could not open the document")
            try:
                doc.storeToURL(uno.systemPathToFileUrl(req["out"]), (prop("FilterName", "writer_pdf_Export"),))
            finally:
                doc.close(True)
            print(json.dumps({"ok": True}), flush=True)
        except Exception as e:
            print(json.dumps({"error": "%s: %s" % (type(e).__name__, e), "dead": proc.poll() is not None}), flush=True)
            if proc.poll() is not None:
                break
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=10)
    except Exception:
        proc.kill()
"""


class Office:
    """One headless LibreOffice kept running for previews: started on first use, restarted
    when it dies, stopped when the process exits.  One conversion at a time."""

    START_TIMEOUT = 150
    CONVERT_TIMEOUT = 180

    def __init__(self):
        self.proc: subprocess.Popen | None = None
        self.profile: str | None = None
        self.lock = threading.Lock()
        self._python: str | None | bool = False  # False: not looked for yet

    def python(self) -> str | None:
        """A Python that can `import uno` (DRAFTER_UNO_PYTHON, else the system python3)."""
        if self._python is False:
            self._python = None
            for exe in filter(None, [os.environ.get("DRAFTER_UNO_PYTHON"), "/usr/bin/python3",
                                     shutil.which("python3")]):
                try:
                    ok = subprocess.run([exe, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0
                except (OSError, subprocess.SubprocessError):
                    ok = False
                if ok:
                    self._python = exe
                    break
        return self._python or None

    def available(self) -> bool:
        from ..office import soffice

        try:
            soffice()
        except DrafterError:
            return False
        return self.python() is not None

    def convert_pdf(self, src: Path, out: Path) -> None:
        with self.lock:
            for attempt in (1, 2):
                try:
                    self._start()
                    reply = self._ask({"src": str(Path(src).resolve()), "out": str(Path(out).resolve())},
                                      self.CONVERT_TIMEOUT)
                except _Dead as e:
                    self.stop()
                    if attempt == 2:
                        raise DrafterError("LibreOffice 预览服务无法完成转换：%s" % e) from None
                    continue
                if reply.get("ok") and out.exists():
                    return
                if reply.get("dead"):
                    self.stop()
                    if attempt == 1:
                        continue
                raise DrafterError("LibreOffice 无法将文稿转换为 PDF：%s" % reply.get("error", "未知原因"))

    def pid(self) -> int | None:
        return self.proc.pid if self.proc and self.proc.poll() is None else None

    def _start(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            return
        from ..office import office_env, soffice

        self.stop()
        self.profile = tempfile.mkdtemp(prefix="drafter-preview-lo-")
        self.proc = subprocess.Popen([self.python(), "-c", _WORKER, soffice(), self.profile],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=office_env(), text=True,
                                     encoding="utf-8", start_new_session=True)
        reply = self._read(self.START_TIMEOUT)
        if not reply.get("ready"):
            self.stop()
            raise _Dead(reply.get("error", "LibreOffice did not start"))

    def _ask(self, request: dict, timeout: float) -> dict:
        import json

        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        except (OSError, ValueError) as e:
            raise _Dead(str(e)) from None
        return self._read(timeout)

    def _read(self, timeout: float) -> dict:
        import json
        import selectors

        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            if not sel.select(timeout):
                raise _Dead("no answer within %d s" % timeout)
        line = self.proc.stdout.readline()
        if not line:
            raise _Dead("the worker exited")
        try:
            return json.loads(line)
        except ValueError:
            raise _Dead("unexpected answer %r" % line[:80]) from None

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            with contextlib.suppress(OSError, ValueError):
                proc.stdin.close()  # the worker closes LibreOffice and exits
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None


class _Dead(Exception):
    pass


OFFICE = Office()
atexit.register(OFFICE.stop)


def page_images(pdf: Path, outdir: Path) -> list[Path]:
    """One JPEG per page (poppler's pdftoppm; JPEG, since PNG's compression takes five times
    as long for the same pages), named page-1.jpg, page-2.jpg, …"""
    exe = shutil.which("pdftoppm")
    if not exe:
        return []
    proc = subprocess.run([exe, "-jpeg", "-jpegopt", "quality=85", "-r", str(PAGE_DPI), str(pdf),
                           str(outdir / "page")],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise DrafterError("无法生成页面图像：%s" % (proc.stderr.strip().splitlines() or ["pdftoppm"])[-1])
    pages = sorted(outdir.glob("page-*.jpg"), key=lambda p: int(p.stem.split("-")[-1]))
    for n, p in enumerate(pages, 1):  # pdftoppm pads the numbers to the page count's width
        p.rename(outdir / ("page-%d.jpg" % n))
    return [outdir / ("page-%d.jpg" % n) for n in range(1, len(pages) + 1)]


def _read_entry(folder: Path) -> Preview:
    warnings = folder / "warnings.txt"
    pdf = folder / "document.pdf"
    pages = sorted(folder.glob("page-*.jpg"), key=lambda p: int(p.stem.split("-")[-1]))
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
