"""Where one cold `drafter render` / `drafter redline` process spends its time, stage by stage
(the remaining costs in docs/performance.md come from here).

usage: .venv/bin/python bench/stages.py [render|redline] [--repeat N]

Each repeat is a fresh process (a cold start, as from the shell); the stages are timed in CPU
and wall milliseconds and the medians printed.  The warm line repeats the work in the same
process: what is left when imports and first-use set-up are paid.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.append(str(HERE.parent))  # after PYTHONPATH: `PYTHONPATH=snapshot` times a snapshot


class Clock:
    def __init__(self):
        self.laps: dict[str, tuple[float, float]] = {}
        self._t, self._c = time.perf_counter(), time.process_time()

    def lap(self, name: str) -> None:
        t, c = time.perf_counter(), time.process_time()
        self.laps[name] = ((t - self._t) * 1e3, (c - self._c) * 1e3)
        self._t, self._c = t, c


def _read(read, path):
    """As `drafter render` reads a plan: the fast path without a ruamel tree, where there is one."""
    try:
        return read(path, editable=False).plan
    except TypeError:
        return read(path).plan


def _assemble():
    """The writer as `drafter render` calls it (python-docx's Document only in older code)."""
    try:
        from drafter.writers.docx import assemble
    except ImportError:
        from drafter.writers.docx import build as assemble
    return assemble


def render_stages(tmp: Path) -> dict:
    clock = Clock()
    import drafter.cli  # noqa: F401  (click and the command table, as `drafter` loads them)
    clock.lap("cli (click)")
    from drafter.readers import read
    from drafter.writers.docx import layout, save
    build = _assemble()
    clock.lap("imports (lxml, jinja2…)")
    import workloads

    plan = _read(read, workloads.SEED_000_PLAN)
    clock.lap("read plan YAML")
    paras = layout(plan, "notice")
    clock.lap("layout (templates, script)")
    doc = build(paras)
    clock.lap("build (look, styles, runs)")
    save(doc, tmp / "out.docx")
    clock.lap("save (zip)")
    for _ in range(3):
        plan = _read(read, workloads.SEED_000_PLAN)
        save(build(layout(plan, "notice")), tmp / "out.docx")
    clock.lap("warm: read+layout+build+save ×3")
    return clock.laps


def redline_stages(tmp: Path) -> dict:
    clock = Clock()
    import drafter.cli  # noqa: F401
    clock.lap("cli (click)")
    from drafter.app.plans import load_pair
    from drafter.diff import compare
    from drafter.writers.docx import save
    from drafter.writers.redline import redline_paras
    build = _assemble()
    clock.lap("imports (lxml, rapidfuzz…)")
    old, new = tmp / "2017.docx", tmp / "2018.docx"
    a, b = load_pair(str(old), str(new), None)
    clock.lap("import the two .docx")
    d = compare(a, b)
    clock.lap("compare (align, inline ops)")
    paras = redline_paras(d, "notice")
    clock.lap("layout both + merge")
    doc = build(paras)
    clock.lap("build")
    save(doc, tmp / "red.docx")
    clock.lap("save")
    return clock.laps


def _prepare_redline(tmp: Path) -> None:
    import workloads

    from drafter.writers.docx import write

    old = workloads.load(workloads.SEED_000_PLAN)
    write(old, tmp / "2017.docx", "notice")
    write(workloads.next_year_000(old), tmp / "2018.docx", "notice")


def child(what: str, tmp: str) -> None:
    laps = (render_stages if what == "render" else redline_stages)(Path(tmp))
    print(json.dumps(laps))


def main(argv: list[str]) -> int:
    what = argv[0] if argv and not argv[0].startswith("-") else "render"
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    with tempfile.TemporaryDirectory(prefix="drafter-stages-") as tmp:
        if what == "redline":
            _prepare_redline(Path(tmp))
        runs = []
        t0 = time.perf_counter()
        for _ in range(repeat + 1):  # the first run warms the page cache and .pyc files
            p = subprocess.run([sys.executable, __file__, "--child", what, tmp], capture_output=True,
                               text=True, check=True)
            runs.append(json.loads(p.stdout))
        runs = runs[1:]
    print("%s, %d cold processes (median ms), %.0f s" % (what, repeat, time.perf_counter() - t0))
    print("  %-36s %8s %8s" % ("stage", "wall", "CPU"))
    total_w = total_c = 0.0
    for name in runs[0]:
        w = statistics.median(r[name][0] for r in runs)
        c = statistics.median(r[name][1] for r in runs)
        if not name.startswith("warm"):
            total_w, total_c = total_w + w, total_c + c
        print("  %-36s %8.1f %8.1f" % (name, w, c))
    print("  %-36s %8.1f %8.1f  (+ interpreter start-up)" % ("total", total_w, total_c))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main(sys.argv[1:]))
