"""Load on the online 征求意见, in process, on loopback: N units × T tasks, every unit saves
about C comments (some with a proposed wording) and submits, K clients at a time (threads
calling the application functions, each call its own session and transaction), against SQLite
and PostgreSQL; then the office's review of every comment, timed.

Reports errors, lost and duplicated comments (counted in the database afterwards against the
ids the saves acknowledged), p50/p95 latency and throughput, side by side per store.  The
clients are spread over `--workers` processes (4 by default), as a server's workers would be.  Bounded:
`--max-seconds` stops the clients (and the run counts as failed).

    .venv/bin/python bench/consult_load.py                       # 200 units × 36 tasks, 20 clients
    .venv/bin/python bench/consult_load.py --units 5 --clients 2 --stores sqlite
    .venv/bin/python bench/consult_load.py --http                # over HTTP to gunicorn's workers
    DRAFTER_TEST_POSTGRES_URL=postgresql://me@127.0.0.1/postgres .venv/bin/python bench/consult_load.py

PostgreSQL: the URL of a cluster whose databases may be created (DRAFTER_TEST_POSTGRES_URL or
--postgres), else a throwaway cluster started from Debian's postgresql binaries.
"""
from __future__ import annotations

import argparse
import json
import queue
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

OFFICE, PASSWORD = "bench-office", "bench password 1"
REVIEW_RUNS = 5


def draft_yaml(sections: int, per_section: int) -> str:
    """An invented plan of sections × per_section tasks, each with an ID and a sentence."""
    lines = ["format: 1", "title: 2031年全市卫生健康工作要点（负载测试）", "year: 2031",
             "issuer: 示例市卫生健康委员会", "status: draft", "sections:"]
    for s in range(sections):
        lines += ["  - id: s%03d" % s, "    title: 第%d方面重点工作" % (s + 1), "    items:"]
        for t in range(per_section):
            lines += ["      - id: t%03d%02d" % (s, t), "        title: 推进第%d项重点任务落实" % (s * per_section + t + 1),
                      "        text: |-",
                      "          年内完成率达到%d%%以上，覆盖%d个乡镇，按季度报送进展。" % (60 + t, 10 + s)]
    return "\n".join(lines) + "\n"


@dataclass
class Result:
    store: str
    units: int = 0
    tasks: int = 0
    clients: int = 0
    workers: int = 1
    operations: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    acknowledged: int = 0
    stored: int = 0
    lost: int = 0
    duplicated: int = 0
    submitted_units: int = 0
    seconds: float = 0.0
    throughput: float = 0.0  # operations per second
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    review_comments: int = 0
    review_p50_ms: float = 0.0
    review_max_ms: float = 0.0
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return not (self.errors or self.lost or self.duplicated or self.timed_out) and \
            self.submitted_units == self.units and self.stored == self.acknowledged


@dataclass
class Driven:
    """What one worker's clients did: each operation's latency, the comment ids acknowledged."""

    latencies: list[float] = field(default_factory=list)
    acked: list[int] = field(default_factory=list)
    errors: int = 0
    samples: list[str] = field(default_factory=list)
    left: int = 0  # units not done when the time ran out
    start: float = 0.0  # wall clock of the first call and the end of the last (a worker's
    end: float = 0.0  # start-up is not load)


class Clients:
    """`clients` threads taking units from `jobs` until the deadline, each unit's work done by
    `unit(token, picks, clients)`; every call timed, every failure counted and sampled."""

    def __init__(self, jobs: list[tuple[str, list[str]]], clients: int, deadline: float, unit):
        self.out = Driven()
        self.work: queue.Queue = queue.Queue()
        for job in jobs:
            self.work.put(job)
        self.lock = threading.Lock()
        self.clients, self.deadline, self.unit = clients, deadline, unit

    def timed(self, call):
        t0 = time.perf_counter()
        value = call()
        with self.lock:
            self.out.latencies.append(time.perf_counter() - t0)
        return value

    def ack(self, cid: int) -> None:
        with self.lock:
            self.out.acked.append(cid)

    def fail(self, text: str) -> None:
        with self.lock:
            self.out.errors += 1
            if len(self.out.samples) < 5:
                self.out.samples.append(text)

    def client(self) -> None:
        while time.time() < self.deadline:
            try:
                token, picks = self.work.get_nowait()
            except queue.Empty:
                return
            try:
                self.unit(token, picks, self)
            except Exception as e:  # counted and sampled, never hidden
                self.fail("%s: %s" % (type(e).__name__, e))

    def run(self) -> Driven:
        threads = [threading.Thread(target=self.client) for _ in range(max(1, self.clients))]
        self.out.start = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.out.end = time.time()
        self.out.left = self.work.qsize()
        return self.out


def said(task: str) -> str:
    return "关于%s的意见：建议细化考核指标。" % task


def drive(store, jobs: list[tuple[str, list[str]]], wording: dict[str, str], clients: int,
          deadline: float) -> Driven:
    """Each unit saves its comments (every fifth with a proposed wording) and submits, through
    the application functions."""
    from drafter.app import consultation as cs

    def unit(token: str, picks: list[str], c: Clients) -> None:
        for k, task in enumerate(picks):
            proposed = wording[task].replace("按季度", "按月") if k % 5 == 0 else None
            c.ack(c.timed(lambda: cs.save_comment(store, token, task_id=task, said=said(task), reason="便于基层落实",
                                                  proposed=proposed, client_key="c%d" % k)))
        c.timed(lambda: cs.submit(store, token))

    return Clients(jobs, clients, deadline, unit).run()


def drive_http(port: int, jobs: list[tuple[str, list[str]]], wording: dict[str, str], clients: int,
               deadline: float) -> Driven:
    """As `drive`, through a real server: each client is a browser (cookies, CSRF) that opens
    its unit's link, saves comments as the page's autosave does and submits the form."""
    from helpers.webclient import Browser

    def unit(token: str, picks: list[str], c: Clients) -> None:
        browser = Browser(port)
        status, _, _ = c.timed(lambda: browser.get("/c/%s" % token))
        if status != 200:
            return c.fail("unit page: HTTP %d" % status)
        for k, task in enumerate(picks):
            fields = {"task_id": task, "said": said(task), "reason": "便于基层落实", "client_key": "c%d" % k}
            if k % 5 == 0:
                fields["proposed"] = wording[task].replace("按季度", "按月")
            status, body = c.timed(lambda: browser.post("/c/%s/comments" % token, fields, json_answer=True))
            answer = json.loads(body) if status == 200 else {}
            if answer.get("ok"):
                c.ack(answer["id"])
            else:
                c.fail("save: HTTP %d %s" % (status, body[:120]))
        status, _ = c.timed(lambda: browser.post("/c/%s/submit" % token, {}))
        if status != 200:
            c.fail("submit: HTTP %d" % status)

    return Clients(jobs, clients, deadline, unit).run()


def drive_in_worker(url: str, jobs, wording, clients: int, deadline: float) -> Driven:
    from drafter.store import open_store

    store = open_store(url, pool_size=max(1, clients), max_overflow=4)
    try:
        return drive(store, jobs, wording, clients, deadline)
    finally:
        store.dispose()


def run_store(name: str, url: str, *, units: int, sections: int, per_section: int, comments: int,
              clients: int, max_seconds: float, workers: int = 1, seed: int = 19, http: bool = False) -> Result:
    from sqlalchemy import func, select

    from drafter.app import consultation as cs
    from drafter.store import open_store
    from drafter.store.models import Comment, Unit

    store = open_store(url, pool_size=clients, max_overflow=4)
    cs.add_office_user(store, OFFICE, PASSWORD)
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "draft.yaml"
        plan.write_text(draft_yaml(sections, per_section), encoding="utf-8")
        opened = cs.open_consultation(store, plan, who=OFFICE, units=["单位%03d" % i for i in range(units)])
    tasks = [t.id for t in cs.unit_view(store, opened.links[0][1]).tasks if t.id.startswith("t")]
    wording = {t.id: t.wording for t in cs.unit_view(store, opened.links[0][1]).tasks}
    result = Result(name, units, len(tasks), clients, workers)
    rng = random.Random(seed)
    jobs = [(token, rng.sample(tasks, min(len(tasks), rng.randint(comments - 2, comments + 2))))
            for _, token in opened.links]
    deadline = time.time() + max_seconds
    if http:  # the README's office server: gunicorn with `workers` processes; the clients here
        from helpers.webclient import gunicorn

        with tempfile.TemporaryDirectory() as workspace, gunicorn(Path(workspace), url, workers=workers) as port:
            outs = [drive_http(port, jobs, wording, clients, deadline)]
    elif workers == 1:
        outs = [drive(store, jobs, wording, clients, deadline)]
    else:  # like a server's worker processes: each its own engine, pool and interpreter
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        share = [jobs[i::workers] for i in range(workers)]
        per = [clients // workers + (i < clients % workers) for i in range(workers)]
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            outs = list(pool.map(drive_in_worker, [url] * workers, share, [wording] * workers, per,
                                 [deadline] * workers))
    result.seconds = max(o.end for o in outs) - min(o.start for o in outs)
    latencies = [x for o in outs for x in o.latencies]
    acked = [x for o in outs for x in o.acked]
    result.errors = sum(o.errors for o in outs)
    result.error_samples = [x for o in outs for x in o.samples][:5]
    result.timed_out = any(o.left for o in outs)
    with store.session() as s:
        stored = list(s.scalars(select(Comment.id).join(Unit).where(Unit.consultation_id == opened.consultation_id)))
        result.submitted_units = s.scalar(select(func.count()).select_from(Unit).where(
            Unit.consultation_id == opened.consultation_id, Unit.submitted_at.is_not(None)))
        result.duplicated = sum(n - 1 for _, _, n in s.execute(
            select(Comment.unit_id, Comment.client_key, func.count()).group_by(Comment.unit_id, Comment.client_key)).all())
    result.operations = len(latencies)
    result.acknowledged, result.stored = len(acked), len(stored)
    result.lost = len(set(acked) - set(stored))
    result.duplicated += len(acked) - len(set(acked))
    result.throughput = result.operations / result.seconds if result.seconds else 0.0
    if latencies:
        ordered = sorted(latencies)
        result.p50_ms = 1000 * statistics.median(ordered)
        result.p95_ms = 1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    runs = []
    for _ in range(REVIEW_RUNS):
        t1 = time.perf_counter()
        review = cs.review(store, opened.consultation_id, who=OFFICE)
        runs.append(time.perf_counter() - t1)
    result.review_comments = len(review.comments())
    result.review_p50_ms, result.review_max_ms = 1000 * statistics.median(runs), 1000 * max(runs)
    store.dispose()
    return result


ROWS = [("units × tasks", lambda r: "%d × %d" % (r.units, r.tasks)), ("clients / worker processes", lambda r: "%d / %d" % (r.clients, r.workers)),
        ("operations (calls timed)", lambda r: r.operations), ("errors", lambda r: r.errors),
        ("acknowledged comments", lambda r: r.acknowledged), ("stored comments", lambda r: r.stored),
        ("lost", lambda r: r.lost), ("duplicated", lambda r: r.duplicated),
        ("units submitted", lambda r: r.submitted_units), ("wall time (s)", lambda r: "%.1f" % r.seconds),
        ("throughput (ops/s)", lambda r: "%.0f" % r.throughput), ("latency p50 (ms)", lambda r: "%.1f" % r.p50_ms),
        ("latency p95 (ms)", lambda r: "%.1f" % r.p95_ms),
        ("office review: comments", lambda r: r.review_comments),
        ("office review p50 / max (ms)", lambda r: "%.0f / %.0f" % (r.review_p50_ms, r.review_max_ms)),
        ("verdict", lambda r: "ok" if r.ok else "FAILED")]


def table(results: list[Result]) -> str:
    head = ["", *[r.store for r in results]]
    body = [[label, *[str(get(r)) for r in results]] for label, get in ROWS]
    widths = [max(len(str(row[i])) for row in [head] + body) for i in range(len(head))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(row, widths)) for row in [head] + body)


def postgres_url(given: str | None) -> str | None:
    import os

    from helpers.pg_cluster import cluster_url, fresh_database

    admin = given or os.environ.get("DRAFTER_TEST_POSTGRES_URL") or cluster_url(durable=True)
    return fresh_database(admin) if admin else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--units", type=int, default=200)
    ap.add_argument("--sections", type=int, default=6)
    ap.add_argument("--tasks-per-section", type=int, default=6)
    ap.add_argument("--comments", type=int, default=10, help="comments per unit, about")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--workers", type=int, default=4, help="processes the clients are spread over, as a server's")
    ap.add_argument("--stores", default="sqlite,postgresql")
    ap.add_argument("--postgres", help="admin URL of a cluster to create the bench database in")
    ap.add_argument("--max-seconds", type=float, default=300)
    ap.add_argument("--http", action="store_true",
                    help="through gunicorn over HTTP (--workers server processes), not the application functions")
    ap.add_argument("--json", help="also write the results here")
    a = ap.parse_args(argv)
    if not (0 < a.units <= 2000 and 0 < a.clients <= 64 and 0 < a.comments <= 36 and 0 < a.workers <= 16):
        ap.error("units 1–2000, clients 1–64, comments 1–36, workers 1–16")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in a.stores.split(","):
            url = "sqlite:///%s" % (Path(tmp) / "bench.db") if name == "sqlite" else postgres_url(a.postgres)
            if url is None:
                print("consult_load: no PostgreSQL (no URL given, no initdb found): skipped", file=sys.stderr)
                continue
            results.append(run_store(name, url, units=a.units, sections=a.sections, per_section=a.tasks_per_section,
                                     comments=a.comments, clients=a.clients, max_seconds=a.max_seconds,
                                     workers=a.workers, http=a.http))
    print(table(results))
    for r in results:
        for sample in r.error_samples:
            print("%s error: %s" % (r.store, sample), file=sys.stderr)
    if a.json:
        Path(a.json).write_text(json.dumps([asdict(r) | {"ok": r.ok} for r in results], ensure_ascii=False, indent=1),
                                encoding="utf-8")
    return 0 if results and all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
