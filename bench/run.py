"""drafter's speed against the tools users would otherwise use, side by side in one run (issue 9).

usage: .venv/bin/python bench/run.py [--runs N] [--only GROUP ...] [--out DIR] [--head] [--quick]
       (`make bench` makes the baselines' environment .venv-bench first, then runs this)

Writes DIR/bench.md (the table) and DIR/bench.json (every sample).  Groups: render, redline,
diff, import, startup, batch.  Each row times drafter and its baseline alternately, N runs each
after a warm-up; `--quick` runs every task once on tiny inputs (the smoke test uses it).
`--head` times a snapshot of the last commit instead of the working tree (figures for a commit,
unaffected by edits in progress).
"""
from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GROUPS = ["render", "redline", "diff", "import", "startup", "batch"]


def parse(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs per row and side (default 5)")
    ap.add_argument("--only", nargs="+", choices=GROUPS, default=GROUPS, metavar="GROUP",
                    help="run only these groups: %s" % ", ".join(GROUPS))
    ap.add_argument("--out", type=Path, default=ROOT / "outputs", help="where bench.md/json go")
    ap.add_argument("--bench-python", type=Path, default=None,
                    help="the baselines' Python (default .venv-bench/bin/python)")
    ap.add_argument("--head", action="store_true",
                    help="time the last commit (a `git archive HEAD` snapshot), not the working tree")
    ap.add_argument("--quick", action="store_true", help="one run of each task on tiny inputs")
    ap.add_argument("--no-oracle", action="store_true",
                    help="skip LibreOffice's accept/reject check of the two redlines")
    ap.add_argument("--keep", type=Path, default=None, help="keep the inputs and outputs in this folder")
    return ap.parse_args(argv)


def _git(*args: str) -> str:
    p = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    return p.stdout.strip() if p.returncode == 0 else ""


def provenance(head: bool) -> dict:
    """Which drafter was timed: the commit, and whether uncommitted edits were in the tree."""
    dirty = _git("status", "--porcelain", "--", "drafter", "templates")
    return {"commit": _git("rev-parse", "--short", "HEAD") or "?",
            "tree": "snapshot of HEAD" if head else "working tree",
            "uncommitted_files": 0 if head else len(dirty.splitlines())}


def snapshot(dest: Path) -> Path:
    """`git archive HEAD` of drafter/ and templates/ into `dest`, put first on the module path
    of this process and of every process it starts (ahead of the editable install)."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", "HEAD", "drafter", "templates"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(dest), os.environ.get("PYTHONPATH")]))
    sys.path.insert(0, str(dest))
    return dest


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse(argv)
    args.out = args.out.resolve()
    home = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        if args.head:
            snapshot(Path(tmp) / "head")
        sys.path.insert(1 if args.head else 0, str(ROOT))
        sys.path.insert(0, str(HERE))
        import drafter
        import harness
        import tasks

        # Time drafter as `pip install` leaves it, byte-compiled like the baselines in
        # .venv-bench: where PYTHONDONTWRITEBYTECODE is set (this workplace sets it), every
        # process would otherwise compile drafter's source again (~150 ms of CPU).
        import compileall
        compileall.compile_dir(str(Path(drafter.__file__).parent), quiet=1)

        runs, warmup = (1, 0) if args.quick else (max(1, args.runs), 1)
        env = harness.BenchEnv(args.bench_python)
        meta = {"command": "bench/run.py " + " ".join(map(shlex.quote, argv)), "runs": runs,
                "warmup": warmup, "quick": args.quick, "machine": harness.machine(),
                "drafter": dict(provenance(args.head), path=str(Path(drafter.__file__).parent)),
                "baseline_env": str(env.python), "byte_compiled": True, "started": time.strftime("%Y-%m-%d %H:%M:%S")}
        rows: list = []
        work = (args.keep or Path(tmp) / "work").resolve()
        work.mkdir(parents=True, exist_ok=True)
        os.chdir(work)  # so that no process finds the checkout's drafter/ in its current folder
        ctx = tasks.Ctx(work=work, env=env, runs=runs, warmup=warmup, quick=args.quick,
                        oracle=not args.no_oracle)
        try:
            for name in args.only:
                t = time.perf_counter()
                print("bench: %s …" % name, file=sys.stderr, flush=True)
                got = tasks.GROUPS[name](ctx)
                rows += got
                for r in got:
                    print("  %-60s %9s (CPU %9s)  vs %9s (CPU %9s)  %s" % (
                        r.task, harness.fmt_seconds(r.drafter.median), harness.fmt_seconds(r.drafter.cpu),
                        harness.fmt_seconds(r.baseline.median if r.baseline else None),
                        harness.fmt_seconds(r.baseline.cpu if r.baseline else None),
                        "%.2f×" % r.ratio if r.ratio is not None else ""), file=sys.stderr)
                print("  (%.0f s)" % (time.perf_counter() - t), file=sys.stderr)
        finally:
            env.close()
            os.chdir(home)
    meta["loadavg_end"] = harness.machine()["loadavg"]
    md, js = harness.write_report(rows, meta, args.out)
    print("wrote %s and %s" % (md, js))
    return 0


if __name__ == "__main__":
    sys.exit(main())
