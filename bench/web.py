"""The web workbench's rows (issues 18, 19), side by side in one run: editor page server time
for the 46-item 钦州 seed and a 1,000-item plan, the save of an edit, the preview of the
15-page 衡阳 notice after an edit with LibreOffice warm against a one-off
`soffice --convert-to pdf` of the same .docx, and the office's review page of a consultation
with 2,000 comments.

usage: .venv/bin/python bench/web.py [--runs 5] [--out outputs]   → outputs/bench-web.md/.json

Server time is measured in-process through Flask's test client (the request from routing to
the finished response body), which is what the page costs the server; no network in between.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import harness  # noqa: E402
import workloads as w  # noqa: E402
from harness import Row, Target, timed  # noqa: E402

SEED_46 = w.PLANS / "2019-钦州市-工作要点.yaml"
NOTICE_15 = w.SEED_000_PLAN


def editor_form(client, name: str) -> dict[str, str]:
    """The editor's fields as a browser submits them (controls left out)."""
    from lxml import html as lh

    form = lh.fromstring(client.get("/plans/" + name).get_data(as_text=True)).get_element_by_id("editor")
    data = {}
    for el in form.iter("input", "textarea", "select"):
        key = el.get("name")
        if not key:
            continue
        if el.tag == "select":
            chosen = [o for o in el.iter("option") if o.get("selected") is not None] or list(el.iter("option"))[:1]
            data[key] = chosen[0].get("value")
        elif el.tag == "textarea":
            data[key] = el.text or ""
        else:
            data[key] = el.get("value", "")
    return data


def rows(runs: int, warmup: int, work: Path) -> list[Row]:
    from drafter.app import preview
    from drafter.app.workspace import Workspace
    from drafter.office import convert
    from drafter.readers import read
    from drafter.web import create_app

    plans = work / "plans"
    plans.mkdir(parents=True)
    shutil.copy(SEED_46, plans / "seed46.yaml")
    shutil.copy(NOTICE_15, plans / "notice.yaml")
    w.write_plan(w.big_plan(1000, w.corpus()), plans / "big1000.yaml")
    client = create_app(work, secret_key=b"bench").test_client()
    client.get("/")
    out = []

    def page(name):
        r = client.get("/plans/" + name)
        assert r.status_code == 200, r.status_code
        r.get_data()

    for name, label, limit in (("seed46.yaml", "46-item seed (钦州 2019)", 0.100),
                               ("big1000.yaml", "1,000-item plan", 0.500)):
        ours, floor, _ = harness.interleave(runs, timed(lambda: page(name)),
                                            timed(lambda: read(str(plans / name), editable=False)), warmup)
        out.append(Row("web", "editor page, %s: server time" % label, "floor: read the plan", ours, floor,
                       Target("under", limit, "issue 18"),
                       "the server keeps the parsed plan by content hash, so the first open of a "
                       "plan costs the floor more; the check's messages follow by /validate"))

    counter = [0]

    def save():
        counter[0] += 1
        form = editor_form(client, "seed46.yaml")  # not timed: what the browser holds
        form["item.0.0.title"] = "%s（%d）" % (form["item.0.0.title"].split("（")[0], counter[0])
        t, c = time.perf_counter(), time.process_time()
        r = client.post("/plans/seed46.yaml", data=form)
        took = time.perf_counter() - t, time.process_time() - c
        assert r.status_code == 302, r.get_data(as_text=True)[:300]
        return took

    text = (plans / "seed46.yaml").read_text("utf-8")
    ours, floor, _ = harness.interleave(runs, save, timed(lambda: _atomic(work / "floor.yaml", text)), warmup)
    out.append(Row("web", "save of an edit, 46-item seed: server time (history kept)",
                   "floor: atomic write of the text", ours, floor, Target("under", 0.150, "issue 18")))

    ws = Workspace(work)
    if not preview.OFFICE.available():
        out.append(Row("web", "preview of the 15-page notice after an edit", note="skipped: no LibreOffice with python3-uno"))
        return out
    shown = preview.render(ws, "notice.yaml")  # LibreOffice warm
    docx = work / "baseline.docx"
    shutil.copy(shown.docx, docx)
    edits = [0]

    def edited_preview():
        edits[0] += 1
        path = plans / "notice.yaml"
        body = path.read_text("utf-8")
        path.write_text(body.replace("title: 2017年", "title: 2017年" if edits[0] % 2 else "title:  2017年", 1)
                        + "\n# edit %d\n" % edits[0], "utf-8")
        t = time.perf_counter()  # wall only: LibreOffice's CPU is in a process not yet reaped
        got = preview.render(ws, "notice.yaml")
        took = time.perf_counter() - t
        assert got.pages and got.pdf
        return took

    def one_off():
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            convert(docx, "pdf", tmp)
            return time.perf_counter() - t

    ours, theirs, why = harness.interleave(runs, edited_preview, one_off, warmup)
    out.append(Row("web", "preview of the 15-page notice after an edit (render + PDF + %d page images), "
                   "LibreOffice warm" % len(shown.pages), "one-off `soffice --convert-to pdf` of the .docx",
                   ours, theirs, Target("ratio", 0.5, "issue 18"), why))
    return out


def review_rows(runs: int, warmup: int, work: Path) -> list[Row]:
    """The office's review page of a consultation holding 2,000 comments (100 units × 20, on
    the 46-item seed), server time through the test client, beside the review's own data
    (`consultation.review`, what the page shows, without the page)."""
    from datetime import datetime, timedelta

    from drafter.app import consultation as cs
    from drafter.store import open_store
    from drafter.web import create_app

    work.mkdir(parents=True, exist_ok=True)
    db = "sqlite:///%s" % (work / "review.db")
    store = open_store(db)
    cs.add_office_user(store, "office", "bench-password-1")
    opened = cs.open_consultation(store, SEED_46, who="office", deadline=datetime.now() + timedelta(days=7),
                                  units=[("单位%03d" % i, "联系人", "") for i in range(100)])
    tasks = [t.id for t in cs.unit_view(store, opened.links[0][1]).tasks]
    for u, (_, token) in enumerate(opened.links):
        for k in range(20):
            cs.save_comment(store, token, said="建议补充第%d项的完成时限（单位%03d）" % (k, u),
                            task_id=tasks[(u + k) % len(tasks)], reason="便于考核")
    cid = opened.consultation_id
    client = create_app(work, secret_key=b"bench", database=db).test_client()
    with client.session_transaction() as sess:
        sess["office"] = sess["who"] = "office"
        sess["sid"] = "bench"

    def page():
        r = client.get("/office/%d/review" % cid)
        assert r.status_code == 200, r.status_code
        r.get_data()

    ours, floor, _ = harness.interleave(runs, timed(page), timed(lambda: cs.review(store, cid, who="office")), warmup)
    store.dispose()
    return [Row("web", "office review page, 2,000 comments (100 units × 20): server time",
                "floor: the review's data alone", ours, floor, Target("under", 0.300, "issue 19"))]


def _atomic(path: Path, text: str) -> None:
    from drafter.fileio import atomic_write

    atomic_write(path, text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench/web.py", description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=HERE.parent / "outputs")
    args = ap.parse_args(argv)
    meta = {"command": "bench/web.py " + " ".join(argv or sys.argv[1:]), "runs": args.runs, "warmup": 1,
            "machine": harness.machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    from run import provenance

    meta["drafter"] = provenance(False)
    with tempfile.TemporaryDirectory(prefix="drafter-bench-web-") as tmp:
        got = rows(args.runs, 1, Path(tmp)) + review_rows(args.runs, 1, Path(tmp) / "review")
    meta["loadavg_end"] = harness.machine()["loadavg"]
    for r in got:
        print("  %-90s %9s  vs %9s  %s" % (r.task, harness.fmt_seconds(r.drafter.median if r.drafter else None),
                                           harness.fmt_seconds(r.baseline.median if r.baseline else None),
                                           "met" if r.met else ("not met" if r.met is False else "")), file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    md, js = args.out / "bench-web.md", args.out / "bench-web.json"
    md.write_text(harness.markdown(got, meta), encoding="utf-8")
    js.write_text(json.dumps({"meta": meta, "rows": [r.as_dict() for r in got]}, ensure_ascii=False, indent=2) + "\n",
                  encoding="utf-8")
    print("wrote %s and %s" % (md, js))
    return 0


if __name__ == "__main__":
    sys.exit(main())
