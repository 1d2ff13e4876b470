"""drafter's cache folder (~/.cache/drafter, or $XDG_CACHE_HOME/drafter).

Every command is a new process, so what is costly to make and never changes for the same input
(compiled templates, the parsed look) is kept here between runs.  Entries are keyed by a hash
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
    tmp = path.with_name(".%s.%d.tmp" % (path.name, os.getpid()))
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
