"""Import speed: each seed in-process and as a whole `drafter import` process, and one very long plan
(a province's worth) at 1, 2, 4, 8 MB (the time per MB should stay flat: linear time).

usage: .venv/bin/python bench/bench_import.py
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))

from drafter.readers import read  # noqa: E402


def best(fn, n: int = 3) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    seeds = sorted(SEEDS.glob("00*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            inproc = best(lambda: read(seed))
            cmd = [sys.executable, "-m", "drafter", "import", str(seed), "-o", str(Path(tmp) / "x.yaml"),
                   "--force", "-q"]
            whole = best(lambda: subprocess.run(cmd, capture_output=True, check=True))
            print("%-28s in-process %6.1f ms   whole process %6.1f ms" % (seed.name, inproc * 1e3, whole * 1e3))
        # one very long plan: sections 一、… and items （一）… numbered on, seed 000's wording
        from drafter.chinese import to_chinese

        item = "深化公立医院综合改革。巩固公立医院综合改革成效，加强党对公立医院的领导。（医政科牵头，财务科参与落实）"
        for mb in (1, 2, 4, 8):
            path = Path(tmp) / ("big-%d.txt" % mb)
            lines, size, s, n = ["2017年全省卫生计生工作要点"], 0, 0, 0
            while size < mb * 2**20 and s < 9000:
                s += 1
                lines.append("%s、持续深化医药卫生体制改革" % to_chinese(s))
                for _ in range(5):
                    n += 1
                    lines.append("%d、%s" % (n, item))
                size += len(("\n".join(lines[-6:])).encode("utf-8"))
            path.write_text("\n".join(lines), encoding="utf-8")
            t = best(lambda: read(path), 1)
            print("%d MB (%d sections, %d items): %.2f s, %.2f s/MB" % (mb, s, n, t, t / mb))

if __name__ == "__main__":
    main()
