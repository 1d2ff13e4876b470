"""Speed of `drafter.diff.compare` on large plans (issue 5: 1,000 items < 1 s, 5,000 < 10 s).

usage: .venv/bin/python bench/bench_diff.py [N ...]

Builds an N-item plan from the seeds' real task texts (cycled, each made unique with a
counter), and a next-year version with a realistic edit set: 5% reworded, 2% deleted,
2% inserted, 1% moved across sections, targets changed; then times compare() in-process.
Also times the worst case for blocking: two unrelated plans of N items.
"""
from __future__ import annotations

import copy
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafter.diff import compare  # noqa: E402
from drafter.model import Item, Plan  # noqa: E402
from drafter.readers import read  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def corpus() -> list[Item]:
    items = []
    for f in sorted(SEEDS.glob("00*.txt")):
        plan = read(f).plan
        items += [n for n, d in plan.walk() if d >= 1 and n.text]
    return items


def big_plan(n: int, base: list[Item], salt: str = "") -> Plan:
    sections = [Item(title="第%d部分重点工作%s" % (k, salt)) for k in range(max(1, n // 25))]
    for i in range(n - len(sections)):
        src = base[i % len(base)]
        sections[i % len(sections)].items.append(
            Item(title="%s（%s%d）" % (src.title, salt, i), text=src.text))
    return Plan(title="bench", sections=sections)


def next_year(plan: Plan, rnd: random.Random) -> Plan:
    new = copy.deepcopy(plan)
    nodes = [(s, k) for s in new.sections for k in range(len(s.items))]
    for s, k in rnd.sample(nodes, len(nodes) // 20):
        if k < len(s.items):
            it = s.items[k]
            it.text = it.text.replace("加强", "进一步强化", 1).replace("%", "5%", 1)
    for s in rnd.sample(new.sections, max(1, len(new.sections) // 3)):
        if s.items:
            s.items.pop(rnd.randrange(len(s.items)))
            s.items.insert(rnd.randrange(len(s.items) + 1), Item(title="新增任务%d" % rnd.randrange(10**6),
                                                                 text="开展试点，覆盖率达到50%。"))
    for _ in range(max(1, len(nodes) // 100)):
        a, b = rnd.sample(new.sections, 2) if len(new.sections) > 1 else (new.sections[0],) * 2
        if a.items:
            b.items.append(a.items.pop(rnd.randrange(len(a.items))))
    return new


def timed(a: Plan, b: Plan) -> tuple[float, dict]:
    t = time.perf_counter()
    d = compare(a, b)
    return time.perf_counter() - t, d.summary()


def main(argv: list[str]) -> None:
    sizes = [int(x) for x in argv] or [1000, 5000]
    base = corpus()
    rnd = random.Random(5)
    for n in sizes:
        a = big_plan(n, base)
        b = next_year(a, rnd)
        secs, s = timed(a, b)
        print("%5d items, next-year edits: %.2f s  %s" % (n, secs, s))
        other = big_plan(n, list(reversed(base)), salt="乙")
        secs, s = timed(a, other)
        print("%5d items, unrelated plans:  %.2f s  %s" % (n, secs, s))


if __name__ == "__main__":
    main(sys.argv[1:])
