"""drafter's cache folder (~/.cache/drafter, or $XDG_CACHE_HOME/drafter).

Every command is a new process, so what is costly to make and never changes for the same input
(compiled templates, the parsed look, the plan imported from a .docx/.txt/.pdf) is kept here
between runs.  Entries are keyed by a hash
of what they were made from, written atomically, and only ever an optimisation: an unreadable
or corrupt entry is made again, and with no usable folder (read-only home, or
DRAFTER_NO_CACHE=1) nothing is cached at all.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

FORMAT = 1  # bump when what a cached entry holds changes meaning
MAX_ENTRIES = 256  # per kind of entry; the oldest go first


def folder(kind: str) -> Path | None:
    """The folder for one kind of entry, made if needed; None when caching is off or impossible."""
    if os.environ.get("DRAFTER_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "drafter", kind)
    try:
        os.makedirs(path, exist_ok=True)
        if not os.access(path, os.W_OK):
            return None
    except OSError:
        return None
    return Path(path)


def key(*parts: bytes | str) -> str:
    import hashlib

    digest = hashlib.sha256(b"drafter-cache-%d-py%d.%d" % ((FORMAT,) + sys.version_info[:2]))
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest.hexdigest()[:32]


def json_entry(kind: str, source: bytes, make: Callable[[], Any]) -> Any:
    """`make()`, or what it returned last time for the same `source` bytes.  Only values that
    come back from JSON unchanged are kept (so a tuple or a date is never cached wrongly)."""
    where = folder(kind)
    if where is None:
        return make()
    path = where / (key(kind, source) + ".json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = make()
    try:
        text = json.dumps(value, ensure_ascii=False)
        if json.loads(text) == value:
            _write(path, text)
    except (TypeError, ValueError, OSError):
        pass
    return value


def _write(path: Path, text: str) -> None:
    _write_bytes(path, text.encode("utf-8"))


def pickled(kind: str, source: tuple[bytes | str, ...], make: Callable[[], Any]) -> Any:
    """`make()`, or what it returned last time for the same `source` and the same drafter code
    (`code_stamp`): for results that hold drafter's own objects (an imported plan and its
    findings).  Anything unreadable is made again; anything unpicklable is not kept."""
    import pickle

    where = folder(kind)
    if where is None:
        return make()
    path = where / (key(kind, code_stamp(), *source) + ".pickle")
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, cut short, or from code that no longer matches: make it again
        pass
    value = make()
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return value
    try:
        _write_bytes(path, data)
        _prune(where)
    except OSError:
        pass
    return value


_STAMP: list[str] = []


def code_stamp() -> str:
    """Names, sizes and times of drafter's own modules: an edited or upgraded drafter never
    reads entries made by other code."""
    if not _STAMP:
        root = Path(__file__).resolve().parent
        entries = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d != "__pycache__"]
            for name in filenames:
                if name.endswith(".py"):
                    st = os.stat(os.path.join(dirpath, name))
                    entries.append("%s:%d:%d" % (os.path.relpath(os.path.join(dirpath, name), root),
                                                 st.st_size, st.st_mtime_ns))
        _STAMP.append(key(*sorted(entries)))
    return _STAMP[0]


def _prune(where: Path) -> None:
    entries = [e for e in os.scandir(where) if e.is_file() and not e.name.startswith(".")]
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for e in entries[:len(entries) - MAX_ENTRIES]:
        try:
            os.unlink(e.path)
        except OSError:
            pass


def _write_bytes(path: Path, data: bytes) -> None:
    from .errors import OutputError
    from .fileio import atomic_write  # temp file, fsync, rename: a reader never sees half

    try:
        atomic_write(path, data)
    except OutputError as e:  # callers treat any failure to keep an entry alike
        raise OSError(str(e)) from None
