"""drafter's speed against the tools users would otherwise use, side by side in one run (issue 9).

usage: .venv/bin/python bench/run.py [--runs N] [--only GROUP ...] [--out DIR] [--quick]
       (`make bench` makes the baselines' environment .venv-bench first, then runs this)

Writes DIR/bench.md (the table) and DIR/bench.json (every sample).  Groups: render, redline,
diff, import, startup, batch.  Each row times drafter and its baseline alternately, N runs each
after a warm-up; `--quick` runs every task once on tiny inputs (the smoke test uses it).
"""
from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import harness  # noqa: E402
import tasks  # noqa: E402


def parse(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs per row and side (default 5)")
    ap.add_argument("--only", nargs="+", choices=list(tasks.GROUPS), default=list(tasks.GROUPS),
                    metavar="GROUP", help="run only these groups: %s" % ", ".join(tasks.GROUPS))
    ap.add_argument("--out", type=Path, default=harness.ROOT / "outputs", help="where bench.md/json go")
    ap.add_argument("--bench-python", type=Path, default=None,
                    help="the baselines' Python (default .venv-bench/bin/python)")
    ap.add_argument("--quick", action="store_true", help="one run of each task on tiny inputs")
    ap.add_argument("--no-oracle", action="store_true",
                    help="skip LibreOffice's accept/reject check of the two redlines")
    ap.add_argument("--keep", type=Path, default=None, help="keep the inputs and outputs in this folder")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    runs, warmup = (1, 0) if args.quick else (max(1, args.runs), 1)
    env = harness.BenchEnv(args.bench_python)
    meta = {"command": "bench/run.py " + " ".join(map(shlex.quote, sys.argv[1:] if argv is None else argv)),
            "runs": runs, "warmup": warmup, "quick": args.quick, "machine": harness.machine(),
            "baseline_env": str(env.python), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    rows: list[harness.Row] = []
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        work = args.keep or Path(tmp)
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
    meta["loadavg_end"] = harness.machine()["loadavg"]
    md, js = harness.write_report(rows, meta, args.out)
    print("wrote %s and %s" % (md, js))
    return 0


if __name__ == "__main__":
    sys.exit(main())
