"""The bench rows, one function per group (issue 9): render, redline, diff, import, start-up,
batch (with check of all seeds).  Each takes a `Ctx` and returns `harness.Row`s."""
from __future__ import annotations

import contextlib
import difflib
import json
import math
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import workloads as w
from harness import (BenchEnv, Row, Target, Unavailable, drafter_exe, interleave, must, process,
                     timed)

TAGS = ("ins", "del", "moveFrom", "moveTo")
NO_CACHE = {"DRAFTER_NO_CACHE": "1"}  # every cache of drafter's off: what a first run costs


@contextlib.contextmanager
def no_cache():
    """drafter's cache off in this process too (in-process rows that read documents)."""
    import os

    old = os.environ.get("DRAFTER_NO_CACHE")
    os.environ["DRAFTER_NO_CACHE"] = "1"
    try:
        yield
    finally:
        if old is None:
            del os.environ["DRAFTER_NO_CACHE"]
        else:
            os.environ["DRAFTER_NO_CACHE"] = old
_NUMERALS = re.compile(r"[零〇一二三四五六七八九十百（）()]*|[0-9]{1,3}")  # item numbers, not years


@dataclass
class Ctx:
    work: Path
    env: BenchEnv
    runs: int
    warmup: int
    quick: bool
    oracle: bool = True  # ask LibreOffice to accept/reject each redline (not timed)

    def dir(self, name: str) -> Path:
        d = self.work / name
        d.mkdir(parents=True, exist_ok=True)
        return d

    def pair(self, drafter, baseline=None, warmup: int | None = None):
        return interleave(self.runs, must(drafter), baseline, self.warmup if warmup is None else warmup)


def drafter_cmd(*args) -> list[str]:
    return [drafter_exe(), *map(str, args)]


# --- 1. render -------------------------------------------------------------------------------

def render(ctx: Ctx) -> list[Row]:
    """Seed 000 as a full GB/T 9704 notice vs a plain docxtpl template filled with the same
    paragraphs in one loop; whole process and in-process; and a 1,000-item plan in-process."""
    from drafter.writers.docx import layout, write

    d = ctx.dir("render")
    plan = w.load(w.SEED_000_PLAN)
    tpl = d / "plain-template.docx"
    base_ok = ""
    try:
        ctx.env.check("docxtpl")
        ctx.env.run("template", tpl)
    except Unavailable as e:
        base_ok = str(e)
    name = "docxtpl (plain template, one loop)"
    rows = []

    def data_for(p, stem: str) -> Path:
        texts = [para.text for para in layout(p, "notice" if p.notice else "plan")]
        path = d / (stem + ".json")
        path.write_text(json.dumps({"title": texts[0], "paras": texts[1:]}, ensure_ascii=False),
                        encoding="utf-8")
        return path

    data = data_for(plan, "seed000")
    ours, theirs, why = ctx.pair(
        process(drafter_cmd("render", w.SEED_000_PLAN, "-o", d / "drafter.docx", "--force"),
                what="drafter render"),
        None if base_ok else ctx.env.whole("fill", tpl, data, d / "docxtpl.docx"))
    rows.append(Row("render", "render seed 000 notice, whole process", name, ours, theirs,
                    Target("ratio", 1.2, "issue 3, 9"), _why(base_ok or why)))

    ours, theirs, why = ctx.pair(
        process(drafter_cmd("render", w.SEED_000_PLAN, "-o", d / "drafter-cold.docx", "--force"),
                what="drafter render", env=NO_CACHE),
        None if base_ok else ctx.env.whole("fill", tpl, data, d / "docxtpl.docx"))
    rows.append(Row("render", "render seed 000 notice, whole process, caches off (a first run)", name,
                    ours, theirs, None,
                    _why(base_ok or why) or "DRAFTER_NO_CACHE=1: templates compiled, look parsed"))

    ours, theirs, why = ctx.pair(
        timed(lambda: write(plan, d / "drafter-inproc.docx", "notice")),
        None if base_ok else ctx.env.inproc("fill", tpl, data, d / "docxtpl-inproc.docx"))
    rows.append(Row("render", "render seed 000 notice, in-process", name, ours, theirs,
                    Target("under", 0.030, "issue 3"),
                    _why(base_ok or why) or "plan already loaded; layout + build + save"))

    n = 60 if ctx.quick else 1000
    big = w.big_plan(n, w.corpus())
    big_data = data_for(big, "big")
    ours, theirs, why = ctx.pair(
        timed(lambda: write(big, d / "drafter-big.docx", "plan")),
        None if base_ok else ctx.env.inproc("fill", tpl, big_data, d / "docxtpl-big.docx"))
    rows.append(Row("render", "render %d-item plan, in-process" % n, name, ours, theirs,
                    Target("under", 1.0, "issue 3"), _why(base_ok or why)))
    return rows


def _why(reason: str) -> str:
    return "baseline not run: %s" % reason if reason else ""


# --- 2. redline ------------------------------------------------------------------------------

def redline(ctx: Ctx) -> list[Row]:
    """Seed 000 against its scripted next-year edit: `drafter redline` vs python-redlines
    (Docxodus) on the same two .docx rendered by drafter; changed paragraphs and tracked-change
    elements of each output; LibreOffice's accept/reject verdict on each when it is here."""
    d = ctx.dir("redline")
    old_plan = w.load(w.SEED_000_PLAN)
    old_yaml = w.write_plan(old_plan, d / "2017.yaml")
    new_yaml = w.write_plan(w.next_year_000(old_plan), d / "2018.yaml")
    old_docx, new_docx = d / "2017.docx", d / "2018.docx"
    for src, out in ((old_yaml, old_docx), (new_yaml, new_docx)):
        must(process(drafter_cmd("render", src, "-o", out, "--force"), what="drafter render"))()
    ours_out, theirs_out = d / "drafter-redline.docx", d / "docxodus-redline.docx"
    base_ok = ""
    try:
        ctx.env.check("python_redlines")
        ctx.env.run("engine", ctx.env.engine_dir)
    except Unavailable as e:
        base_ok = str(e)
    ours, theirs, why = ctx.pair(
        process(drafter_cmd("redline", old_docx, new_docx, "-o", ours_out, "--force",
                            "--date", "2018-03-01"), what="drafter redline"),
        None if base_ok else ctx.env.whole("redline", old_docx, new_docx, theirs_out, ctx.env.engine_dir))
    why = base_ok or why
    counts = {"drafter": tracked_changes(ours_out)}
    if theirs is not None:
        counts["docxodus"] = tracked_changes(theirs_out)
    verdict = (lo_verdict([ours_out] + ([theirs_out] if theirs is not None else []), old_docx, new_docx)
               if ctx.oracle else {})
    extra = {"counts": counts, "libreoffice": verdict}
    if theirs is not None:
        extra["target_also_met"] = (counts["drafter"]["changed_paragraphs"]
                                    < counts["docxodus"]["changed_paragraphs"])
    note = "; ".join(
        "%s: %d changed paragraphs (%d of them renumbering only), %s%s" % (
            tool, c["changed_paragraphs"], c["numeral_only"], ", ".join("%d w:%s" % (c[t], t) for t in TAGS),
            verdict.get(tool, "")) for tool, c in counts.items())
    note = _why(why) + ("; " if why else "") + note
    rows = [Row("redline", "redline seed 000 → next-year edit (two .docx), whole process",
                "python-redlines 2.0 (Docxodus engine)", ours, theirs,
                Target("speedup", 5, "issue 5, 9 (and fewer changed paragraphs)"), note, extra)]
    ours, theirs, why = ctx.pair(
        process(drafter_cmd("redline", old_docx, new_docx, "-o", d / "drafter-redline-cold.docx",
                            "--force", "--date", "2018-03-01"), what="drafter redline", env=NO_CACHE),
        None if base_ok else ctx.env.whole("redline", old_docx, new_docx, theirs_out, ctx.env.engine_dir))
    rows.append(Row("redline", "redline, whole process, caches off (a first run: both .docx imported)",
                    "python-redlines 2.0 (Docxodus engine)", ours, theirs, None,
                    _why(base_ok or why) or "DRAFTER_NO_CACHE=1"))
    return rows


def tracked_changes(docx: Path) -> dict:
    """Changed paragraphs (those holding any w:ins/w:del/w:moveFrom/w:moveTo, paragraph-mark
    marks included) and the count of each tracked-change element in word/document.xml."""
    from lxml import etree

    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = {t: len(root.findall(".//{%s}%s" % (ns, t))) for t in TAGS}
    changed = renumbered = 0
    for p in root.iter("{%s}p" % ns):
        marks = [el for t in TAGS for el in p.iter("{%s}%s" % (ns, t))]
        if not marks:
            continue
        changed += 1
        texts = ["".join(el.itertext()) for el in marks]
        if all(t.split("}")[-1] in ("ins", "del") for t in (m.tag for m in marks)) and \
                all(_NUMERALS.fullmatch(t) for t in texts):
            renumbered += 1
    out["changed_paragraphs"] = changed
    out["numeral_only"] = renumbered  # paragraphs whose only change is the item number
    out["paragraphs"] = sum(1 for _ in root.iter("{%s}p" % ns))
    return out


ORACLE = w.ROOT / "tests" / "lo_oracle.py"


def lo_verdict(outputs: list[Path], old_docx: Path, new_docx: Path) -> dict:
    """Does accepting every change give the new document's text, and rejecting every change
    the old one's?  Asked of LibreOffice (not timed); empty when it is not installed."""
    py = "/usr/bin/python3"
    if not (Path(py).exists() and shutil.which("soffice") and ORACLE.exists()):
        return {}
    p = subprocess.run([py, str(ORACLE), str(old_docx), str(new_docx), *map(str, outputs)],
                       capture_output=True, text=True, timeout=600)
    seen = {}
    for line in p.stdout.splitlines():
        try:
            info = json.loads(line)
            seen[info["file"]] = info
        except (ValueError, KeyError):
            continue
    old, new = seen.get(str(old_docx), {}), seen.get(str(new_docx), {})
    if "asis" not in old or "asis" not in new:
        return {}
    out = {}
    for tool, path in zip(("drafter", "docxodus"), outputs):
        info = seen.get(str(path), {})
        if "accept" not in info:
            out[tool] = " (LibreOffice could not judge it)"
            continue
        acc = _squash(_printed(info, "accept")) == _squash(_printed(new, "asis"))
        rej = _squash(_printed(info, "reject")) == _squash(_printed(old, "asis"))
        # drafter's default redline prints each kept item's NEW number untracked (README:
        # renumbering is no change), so reject-all is the old text under the new numbers.
        unlabelled = not rej and _unlabelled(_printed(info, "reject")) == _unlabelled(_printed(old, "asis"))
        out[tool] = " (LibreOffice: accept all %s new, reject all %s old%s)" % (
            "=" if acc else "≠", "=" if rej or unlabelled else "≠",
            ", item numbers aside" if unlabelled else "")
    return out


def _printed(info: dict, mode: str) -> list[str]:
    """Paragraphs as printed: a Word list label (LibreOffice keeps it out of the text) before
    its text, so Word-numbered and literally numbered documents compare alike."""
    labels = info.get(mode + "_labels") or [""] * len(info[mode])
    return [label + text for label, text in zip(labels, info[mode])]


def _unlabelled(paras: list[str]) -> list[str]:
    from drafter.text.labels import strip_labels

    return _squash([strip_labels(p.strip()) for p in paras])


def _squash(paras: list[str]) -> list[str]:
    """Paragraph texts without blank paragraphs and whitespace (layout-only differences)."""
    out = [re.sub(r"\s+", "", p) for p in paras]
    return [p for p in out if p]


# --- 3. diff scale ---------------------------------------------------------------------------

def diff(ctx: Ctx) -> list[Row]:
    """compare() on generated plans with 10% of tasks edited, vs a line diff (difflib, what
    `diff`/git show) of the same plans' text; time per item shows how it scales."""
    from drafter.diff import compare

    base = w.corpus()
    sizes = (40, 120) if ctx.quick else (100, 1000, 5000)
    targets = {1000: Target("under", 1.0, "issue 5, 9"), 5000: Target("under", 10.0, "issue 5")}
    rows = []
    for n in sizes:
        a = w.big_plan(n, base)
        b = w.edited(a)
        la, lb = w.plan_lines(a), w.plan_lines(b)
        summary = compare(a, b).summary()
        ours, theirs, _ = ctx.pair(timed(lambda: compare(a, b)),
                                   timed(lambda: list(difflib.unified_diff(la, lb, lineterm=""))))
        rows.append(Row("diff", "diff %s-item plans, 10%% edited, in-process" % format(n, ","),
                        "difflib line diff (no structure)", ours, theirs, targets.get(n),
                        "%.2f ms per item; %s" % (ours.median / n * 1e3, _summary(summary)),
                        {"items": n, "per_item": ours.median / n, "summary": summary}))
    _exponent(rows)
    return rows


def _summary(s: dict) -> str:
    return ", ".join("%d %s" % (s[k], k) for k in ("added", "removed", "modified", "moved", "renumbered"))


def _exponent(rows: list[Row]) -> None:
    """The growth exponent k in time ∝ nᵏ between the smallest and largest size (1 = linear)."""
    if len(rows) < 2:
        return
    a, b = rows[0], rows[-1]
    k = math.log(b.drafter.median / a.drafter.median) / math.log(b.extra["items"] / a.extra["items"])
    b.extra["growth_exponent"] = k
    b.note += "; time ∝ n^%.2f from %d to %d items" % (k, a.extra["items"], b.extra["items"])


# --- 4. import -------------------------------------------------------------------------------

def read_floor(path: Path) -> list[str]:
    """The least any importer does: read the bytes, decode, split into lines."""
    return path.read_bytes().decode("utf-8").splitlines()


def import_(ctx: Ctx) -> list[Row]:
    """Each seed in-process and as a whole `drafter import`; long texts of 1/2/4/8 MB (time
    per MB flat = linear), each against the floor of reading and splitting the text.  With
    drafter's cache off: these rows time the importer, not a cache hit."""
    with no_cache():
        return _import_rows(ctx)


def _import_rows(ctx: Ctx) -> list[Row]:
    from drafter.readers import read

    d = ctx.dir("import")
    floor = "floor: read + decode + split lines"
    rows = []
    seeds = w.seed_files()[:2] if ctx.quick else w.seed_files()
    for seed in seeds:
        ours, theirs, _ = ctx.pair(timed(lambda: read(seed)), timed(lambda: read_floor(seed)))
        rows.append(Row("import", "import seed %s, in-process" % seed.name[:3], floor, ours, theirs))
    for seed in seeds:
        ours, theirs, why = ctx.pair(
            process(drafter_cmd("import", seed, "-o", d / "x.yaml", "--force", "-q"), what="drafter import",
                    env=NO_CACHE),
            process([sys.executable, "-c", "import sys; open(sys.argv[1], encoding='utf-8').read()"
                     ".splitlines()", str(seed)]))
        rows.append(Row("import", "import seed %s, whole process" % seed.name[:3],
                        "floor: python reading the file", ours, theirs, note=_why(why)))
    sizes = (0.02, 0.04) if ctx.quick else (1, 2, 4, 8)
    for mb in sizes:
        path = d / ("big-%gMB.txt" % mb)
        sections, items = w.big_text(path, mb)
        runs = ctx.runs
        ours, theirs, _ = ctx.pair(timed(lambda: read(path)), timed(lambda: read_floor(path)))
        real_mb = path.stat().st_size / 2**20
        rows.append(Row("import", "import %g MB text (%d items), in-process" % (mb, items), floor,
                        ours, theirs, note="%.2f s per MB" % (ours.median / real_mb),
                        extra={"mb": real_mb, "per_mb": ours.median / real_mb, "runs": runs}))
    big = [r for r in rows if "per_mb" in r.extra]
    if len(big) > 1:
        k = math.log(big[-1].drafter.median / big[0].drafter.median) / math.log(
            big[-1].extra["mb"] / big[0].extra["mb"])
        big[-1].extra["growth_exponent"] = k
        big[-1].note += "; time ∝ size^%.2f" % k
    return rows


# --- 5. start-up -----------------------------------------------------------------------------

def startup(ctx: Ctx) -> list[Row]:
    d = ctx.dir("startup")
    small = w.write_plan(w.small_plan(), d / "small.yaml")
    bare = process([sys.executable, "-c", "pass"])
    ours, theirs, _ = ctx.pair(process(drafter_cmd("--help"), what="drafter --help"), bare)
    rows = [Row("startup", "`drafter --help`", "`python -c pass`", ours, theirs,
                Target("under", 0.150, "issue 9"))]
    ours, theirs, _ = ctx.pair(process(drafter_cmd("check", small), ok=(0, 1), what="drafter check"), bare)
    rows.append(Row("startup", "`drafter check` of a 3-item plan", "`python -c pass`", ours, theirs))
    return rows


# --- 6. batch, and check of every seed --------------------------------------------------------

def batch(ctx: Ctx) -> list[Row]:
    """N plans from the seeds: one `drafter render` with all of them (process pool, -j default
    = all cores) vs a shell loop of single `drafter render` calls; and `drafter check`'s work
    on all five seeds in-process."""
    from drafter import lint
    from drafter.readers import read

    d = ctx.dir("batch")
    n = 4 if ctx.quick else 100
    plans = w.batch(d / "plans", n)
    out_pool, out_loop = d / "pool", d / "loop"
    out_pool.mkdir(exist_ok=True)
    out_loop.mkdir(exist_ok=True)
    loop = ('for f in "$@"; do "%s" render "$f" -o "%s/" --force >/dev/null || exit 1; done'
            % (drafter_exe(), out_loop))
    ours, theirs, why = ctx.pair(
        process(drafter_cmd("render", *plans, "-o", str(out_pool) + "/", "--force"), what="drafter render (batch)"),
        process(["bash", "-c", loop, "loop", *map(str, plans)], what="shell loop"),
        warmup=0)  # 100 renders warm every cache a warm-up would
    rows = [Row("batch", "render %d plans: one `drafter render` (pool) vs shell loop" % n,
                "shell loop of `drafter render`", ours, theirs,
                Target("speedup", 3, "issue 9"), _why(why))]

    seeds = w.seed_files()

    def check_all():
        for s in seeds:
            loaded = lint.load(s)
            lint.merge(loaded.findings, lint.run(loaded, s))

    with no_cache():  # the linter's work on freshly imported seeds, not on cached imports
        ours, theirs, _ = ctx.pair(timed(check_all), timed(lambda: [read(s) for s in seeds]))
    rows.append(Row("batch", "`drafter check` work on all %d seeds, in-process" % len(seeds),
                    "floor: import only", ours, theirs, Target("under", 1.0, "issue 8")))
    return rows


GROUPS = {"render": render, "redline": redline, "diff": diff, "import": import_,
          "startup": startup, "batch": batch}
