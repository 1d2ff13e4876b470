"""Timing and reporting for `bench/run.py`: interleaved runs of drafter and its baseline,
medians with their spread, targets, and the table in Markdown and JSON.

Each measured thing is a function returning the seconds it took (a whole process timed from
outside, or in-process work timed inside, possibly in the bench environment's own Python), so
that drafter and the baseline alternate run by run: drafter, baseline, drafter, baseline… and
a burst of load from other work on the machine hits both alike.  Each run also records the CPU
time it used (its own, or its child processes'), which load on a shared machine inflates far
less than wall time: the report gives both.
"""
from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
BENCH_VENV = ROOT / ".venv-bench"
WORKER = Path(__file__).resolve().parent / "baseline_worker.py"


@dataclass
class Stats:
    """Wall-clock seconds of each run (median, min, max) and the median CPU seconds."""

    median: float
    low: float
    high: float
    samples: list[float]
    cpu: float | None = None
    cpu_samples: list[float] | None = None

    @classmethod
    def of(cls, samples: list, cpu: list | None = None) -> "Stats":
        samples = [float(x) for x in samples]
        return cls(statistics.median(samples), min(samples), max(samples), samples,
                   statistics.median(cpu) if cpu else None, list(cpu) if cpu else None)

    @property
    def spread(self) -> float:
        """(max − min) / median: how much the runs disagreed."""
        return (self.high - self.low) / self.median if self.median else 0.0


@dataclass
class Target:
    """`kind` is "under" (drafter median < value seconds), "ratio" (drafter/baseline ≤ value)
    or "speedup" (baseline/drafter ≥ value)."""

    kind: str
    value: float
    source: str = ""  # the issue that set it

    def describe(self) -> str:
        if self.kind == "under":
            return "< %s" % fmt_seconds(self.value)
        if self.kind == "ratio":
            return "≤ %g× baseline" % self.value
        return "≥ %g× faster" % self.value

    def met(self, row: "Row") -> bool | None:
        if row.drafter is None:
            return None
        if self.kind == "under":
            return row.drafter.median < self.value
        ratio = row.ratio
        if ratio is None:
            return None
        return ratio <= self.value if self.kind == "ratio" else 1 / ratio >= self.value


@dataclass
class Row:
    group: str
    task: str
    baseline_name: str = ""
    drafter: Stats | None = None
    baseline: Stats | None = None
    target: Target | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.drafter is None or self.baseline is None or not self.baseline.median:
            return None
        return self.drafter.median / self.baseline.median

    @property
    def cpu_ratio(self) -> float | None:
        if self.drafter is None or self.baseline is None or not self.baseline.cpu:
            return None
        return (self.drafter.cpu or 0) / self.baseline.cpu

    @property
    def met(self) -> bool | None:
        extra_ok = self.extra.get("target_also_met")
        met = self.target.met(self) if self.target else None
        if met is not None and extra_ok is not None:
            return met and extra_ok
        return met

    def as_dict(self) -> dict:
        d = asdict(self)
        d["ratio"] = self.ratio
        d["cpu_ratio"] = self.cpu_ratio
        d["met"] = self.met
        d["target"] = self.target.describe() if self.target else None
        d["target_source"] = self.target.source if self.target else None
        for side in ("drafter", "baseline"):
            if d[side] is not None:
                d[side]["spread"] = getattr(self, side).spread
        return d


class Unavailable(Exception):
    """A baseline that cannot run here; the message says exactly why and goes in the table."""


Measure = Callable[[], "float | tuple[float, float]"]  # wall seconds, or (wall, CPU)


def interleave(runs: int, drafter: Measure, baseline: Measure | None = None,
               warmup: int = 1) -> tuple[Stats, Stats | None, str]:
    """Run drafter and the baseline alternately `runs` times each, after `warmup` unrecorded
    rounds; a baseline that fails is dropped with its reason (drafter keeps being timed)."""
    ours: list = []
    theirs: list = []
    reason = ""
    for k in range(warmup + runs):
        t = drafter()
        if k >= warmup:
            ours.append(t)
        if baseline is not None and not reason:
            try:
                t = baseline()
            except Unavailable as e:
                reason = str(e)
                continue
            if k >= warmup:
                theirs.append(t)
    return _stats(ours), (_stats(theirs) if theirs else None), reason


def _stats(measured: list) -> Stats:
    if all(isinstance(m, tuple) for m in measured):
        return Stats.of([m[0] for m in measured], [m[1] for m in measured])
    return Stats.of([m[0] if isinstance(m, tuple) else m for m in measured])


def timed(fn: Callable[[], object]) -> Callable[[], tuple[float, float]]:
    """An in-process callable as one returning (wall, CPU) seconds."""
    def run() -> tuple[float, float]:
        c = time.process_time()
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t, time.process_time() - c
    return run


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def process(cmd: list[str], ok: tuple[int, ...] = (0,), cwd: Path | None = None,
            what: str = "", env: dict[str, str] | None = None) -> Callable[[], float]:
    """A whole process timed from outside (start-up included); a failure is Unavailable for
    a baseline and an error for drafter (the caller decides by catching or not).  `env`: extra
    environment variables (DRAFTER_NO_CACHE=1 for a first run)."""
    import os

    full_env = dict(os.environ, **env) if env else None

    def run() -> tuple[float, float]:
        c = _children_cpu()
        t = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, cwd=cwd, env=full_env)
        elapsed = time.perf_counter() - t
        cpu = _children_cpu() - c  # every descendant it waited for (a pool's workers too)
        if p.returncode not in ok:
            tail = (p.stderr or p.stdout).decode("utf-8", "replace").strip().splitlines()[-3:]
            raise Unavailable("%s exited %d: %s" % (what or Path(cmd[0]).name, p.returncode,
                                                     " / ".join(tail)))
        return elapsed, cpu
    return run


def must(fn: Callable[[], float]) -> Callable[[], float]:
    """drafter's own runs must succeed: a failure stops the bench with the reason."""
    def run() -> float:
        try:
            return fn()
        except Unavailable as e:
            raise SystemExit("bench: drafter failed: %s" % e) from None
    return run


class BenchEnv:
    """The baselines' own environment (.venv-bench), made by `make bench-env`: its Python runs
    `baseline_worker.py`, as whole processes or as one long-lived server for in-process
    timings."""

    def __init__(self, python: Path | None = None):
        self.python = Path(python) if python else BENCH_VENV / "bin" / "python"
        self.engine_dir = self.python.parent.parent / "redline-engine"
        self._server: subprocess.Popen | None = None
        self.missing = ""
        if not self.python.exists():
            self.missing = ("no bench environment at %s: run `make bench-env` (installs docxtpl "
                            "and python-redlines[docxodus] there)" % self.python.parent.parent)

    def check(self, module: str) -> None:
        """Raise Unavailable unless `module` imports in the bench environment."""
        if self.missing:
            raise Unavailable(self.missing)
        p = subprocess.run([str(self.python), "-c", "import %s" % module], capture_output=True)
        if p.returncode:
            err = p.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            raise Unavailable("%s does not import in the bench environment: %s" % (module, "".join(err)))

    def command(self, op: str, *args) -> list[str]:
        return [str(self.python), str(WORKER), op, *map(str, args)]

    def run(self, op: str, *args) -> None:
        process(self.command(op, *args), what="baseline %s" % op)()

    def whole(self, op: str, *args) -> Callable[[], float]:
        if self.missing:
            return _unavailable(self.missing)
        return process(self.command(op, *args), what="baseline %s" % op)

    def inproc(self, op: str, *args) -> Callable[[], float]:
        """One request to the long-lived worker; its answer is the time it measured inside."""
        if self.missing:
            return _unavailable(self.missing)

        def run() -> float:
            server = self._serve()
            server.stdin.write(json.dumps({"op": op, "args": [str(a) for a in args]}) + "\n")
            server.stdin.flush()
            line = server.stdout.readline()
            if not line:
                self._server = None
                raise Unavailable("baseline worker died: %s" % server.stderr.read().strip()[-300:])
            answer = json.loads(line)
            return answer["seconds"], answer["cpu"]
        return run

    def _serve(self) -> subprocess.Popen:
        if self._server is None or self._server.poll() is not None:
            self._server = subprocess.Popen([str(self.python), str(WORKER), "serve"], text=True,
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.PIPE)
        return self._server

    def close(self) -> None:
        if self._server is not None:
            self._server.stdin.close()
            self._server.wait(timeout=30)
            self._server = None


def _unavailable(reason: str) -> Callable[[], float]:
    def run() -> float:
        raise Unavailable(reason)
    return run


# --- reporting -------------------------------------------------------------------------------

def fmt_seconds(s: float | None) -> str:
    if s is None:
        return "—"
    if s < 1e-3:
        return "%.0f µs" % (s * 1e6)
    if s < 1:
        return "%.1f ms" % (s * 1e3) if s < 0.1 else "%.0f ms" % (s * 1e3)
    return "%.2f s" % s


def machine() -> dict:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def markdown(rows: list[Row], meta: dict) -> str:
    out = ["# drafter bench", "",
           "Command: `%s`. Runs per row: %d (interleaved with the baseline, after %d warm-up), "
           "%d cores, Python %s; load average %s at the start, %s at the end." % (
               meta["command"], meta["runs"], meta["warmup"], meta["machine"]["cores"],
               meta["machine"]["python"], _load(meta["machine"]["loadavg"]),
               _load(meta.get("loadavg_end"))),
           "",
           "drafter timed: %s, commit %s%s." % (
               meta.get("drafter", {}).get("tree", "?"), meta.get("drafter", {}).get("commit", "?"),
               " with %d uncommitted files in drafter/ and templates/" % meta["drafter"]["uncommitted_files"]
               if meta.get("drafter", {}).get("uncommitted_files") else ""),
           "",
           "Wall: median wall-clock time (min–max over the runs). CPU: median CPU time used "
           "(user + system, child processes included); on a loaded machine it moves far less "
           "than wall time. Ratio: drafter ÷ baseline (below 1: drafter is faster). Targets are "
           "judged on wall time.",
           "",
           "| task | drafter wall | drafter CPU | baseline | baseline wall | baseline CPU "
           "| ratio (wall) | ratio (CPU) | target | met |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        d, b = r.drafter, r.baseline
        wall = "%s (%s–%s)" % (fmt_seconds(d.median), fmt_seconds(d.low), fmt_seconds(d.high)) if d else "—"
        met = {True: "yes", False: "**no**", None: "—"}[r.met]
        base = fmt_seconds(b.median) if b else ("not run" if r.baseline_name else "—")
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r.task, wall, fmt_seconds(d.cpu if d else None), r.baseline_name or "—", base,
            fmt_seconds(b.cpu if b else None), _ratio(r.ratio), _ratio(r.cpu_ratio),
            r.target.describe() if r.target else "—", met))
    notes = [(r.task, r.note) for r in rows if r.note]
    if notes:
        out += ["", "## Notes", ""]
        out += ["- **%s**: %s" % (task, note) for task, note in notes]
    return "\n".join(out) + "\n"


def _ratio(x: float | None) -> str:
    return "%.2f×" % x if x is not None else "—"


def _load(avg) -> str:
    return "/".join("%.2f" % x for x in avg) if avg else "?"


def write_report(rows: list[Row], meta: dict, out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    md, js = out_dir / "bench.md", out_dir / "bench.json"
    md.write_text(markdown(rows, meta), encoding="utf-8")
    js.write_text(json.dumps({"meta": meta, "rows": [r.as_dict() for r in rows]},
                             ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return md, js


def drafter_exe() -> str:
    """The `drafter` console script users run, beside the Python running the bench."""
    exe = Path(sys.executable).parent / "drafter"
    return str(exe) if exe.exists() else "drafter"
