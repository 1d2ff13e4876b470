"""How well drafter's importer reads documents of the genre it has not been tuned on.

Each fixture in tests/data/genre/ (`NAME.txt`, written for drafter with invented content in
the shapes catalogued in docs/genre.md) has a sidecar `NAME.expected.json` with the fields a
careful reader would take from it, `null` where the document truly lacks one (and, under
`accept`, other readings of a field that are as right).  This module
imports every fixture through drafter's public API (`drafter.readers.read`), judges each
field and sums the judgements per field:

- right: the value found equals the expected one;
- miss: a value was expected and none was found (counts against recall only);
- wrong: a value was found that is not the expected one, or one was found where the
  document has none (counts against precision, and against recall when one was expected);
- absent: nothing expected, nothing found (the honest "not found").

The office .docx fixtures (tests/office_docx.py builds them, at run time, into a temporary
folder; their sidecars and text twins are in tests/data/genre/office/) are scored apart, as are
their .txt twins, with the item recall (numbered nodes found / expected, by count) and, where a
sidecar lists `tasks` (a 任务分工表), each task's 牵头/参与 offices and 完成时限 on its item.

    python tests/genre_eval.py            # per-field recall and precision, per-fixture table
    python tests/genre_eval.py --json     # the same as JSON
    python tests/genre_eval.py --fixtures tests/data/holdout   # score another folder of
                                          # NAME.txt + NAME.expected.json (same verdict rules)

tests/test_genre.py runs it and holds the reader to its level.
"""
from __future__ import annotations

import json
import sys
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from the shell without installing drafter
    sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "data" / "genre"
HOLDOUT = ROOT / "tests" / "data" / "holdout"  # written after the reader work, scored before tuning
OFFICE = FIXTURES / "office"  # sidecars and text twins of the office .docx fixtures

# The header fields of issue 15 (文号, 主送, 成文日期, year, title, first section) ...
HEADER_FIELDS = ("doc_number", "recipients", "date", "year", "title", "first_section")
# ... and the structure around them.
STRUCTURE_FIELDS = ("plan_title", "section_count", "item_count")
FIELDS = HEADER_FIELDS + STRUCTURE_FIELDS
# A notice that carries no plan may take its own title as the plan's; not judged when null.
UNJUDGED_WHEN_NULL = frozenset({"plan_title"})
# A 任务分工表 row, judged on the item it names (sidecar `tasks`).
TASK_FIELDS = ("lead", "support", "deadline")

RIGHT, MISS, WRONG, ABSENT = "right", "miss", "wrong", "absent"
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "［": "〔", "］": "〕"})
_LIST_SEPARATORS = str.maketrans("", "", "，、,;；")


@dataclass
class Outcome:
    fixture: str
    field: str
    expected: Any
    actual: Any
    verdict: str


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # fixture → the importer's error
    tasks: list[Outcome] = field(default_factory=list)  # fixture#row, one per TASK_FIELDS

    def by_fixture(self) -> dict[str, dict[str, Outcome]]:
        out: dict[str, dict[str, Outcome]] = {}
        for o in self.outcomes:
            out.setdefault(o.fixture, {})[o.field] = o
        return out


def fixture_paths(folder: Path = FIXTURES) -> list[Path]:
    """Every fixture text that has a sidecar, in name order."""
    return sorted(p for p in folder.glob("*.txt") if sidecar(p).exists())


def sidecar(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.json")


def expected_of(path: Path) -> dict[str, Any]:
    return json.loads(sidecar(path).read_text(encoding="utf-8"))


def office_docx(folder: Path) -> list[Path]:
    """Build the office .docx fixtures into `folder` (tests/office_docx.py); their paths."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from office_docx import build
    finally:
        sys.path.remove(str(ROOT / "tests"))
    return build(folder)


def office_twins() -> list[Path]:
    return fixture_paths(OFFICE)


def actual_of(path: Path) -> tuple[dict[str, Any], str | None]:
    """The fields drafter's importer reads from the file; `{}` and the error when it refuses."""
    from drafter.errors import InputError
    from drafter.readers import read

    try:
        plan = read(path).plan
    except InputError as exc:
        return {}, str(exc).splitlines()[0]
    notice = plan.notice
    return {
        "doc_number": notice.doc_number if notice else None,
        "recipients": list(notice.recipients) if notice else None,
        "date": notice.date.isoformat() if notice and notice.date else None,
        "year": plan.year,
        "title": notice.title if notice else plan.title,  # a notice's own title, not its plan's
        "first_section": plan.sections[0].title if plan.sections else None,
        "plan_title": plan.title,
        "section_count": len(plan.sections),
        "item_count": len(plan.items()) - len(plan.sections),
        "tasks": [{"title": i.title, "text": i.text, "lead": i.lead, "support": i.support,
                   "deadline": i.deadline} for i in plan.items()],
    }, None


def _text(value: str) -> str:
    """Compare text as a reader would: script, width and spacing do not count."""
    from drafter.text.script import to_simplified

    s = unicodedata.normalize("NFKC", to_simplified(value))
    return "".join(s.split()).rstrip("。.")


def normalise(name: str, value: Any) -> Any:
    """The comparable form of a field's value; None when the value is empty."""
    if value is None or value == "" or value == []:
        return None
    if name in ("year", "section_count", "item_count"):
        return int(value)
    if name in ("recipients", "lead", "support"):
        joined = "".join(value) if isinstance(value, (list, tuple)) else str(value)
        return _text(joined).translate(_LIST_SEPARATORS) or None
    text = _text(str(value))
    if name == "doc_number":
        text = text.translate(_BRACKETS)
    return text or None


def judge(name: str, expected: Any, actual: Any, also: list[Any] = ()) -> str | None:
    """right, miss, wrong or absent; None when the field is not judged for this fixture.
    `also`: other readings of the document that are as right (the sidecar's `accept`)."""
    want, got = normalise(name, expected), normalise(name, actual)
    if want is None and name in UNJUDGED_WHEN_NULL:
        return None
    if want is None:
        return ABSENT if got is None else WRONG
    if got is None:
        return MISS
    return RIGHT if got == want or got in [normalise(name, a) for a in also] else WRONG


def evaluate(paths: list[Path] | None = None, sidecars: Path | None = None) -> Report:
    """Score each file against its sidecar: beside it, or NAME.expected.json in `sidecars`."""
    report = Report()
    for path in paths if paths is not None else fixture_paths():
        expected = expected_of(sidecars / path.name if sidecars else path)
        actual, refused = actual_of(path)
        if refused:
            report.refused[path.stem] = refused
        for name in FIELDS:
            verdict = judge(name, expected.get(name), actual.get(name), expected.get("accept", {}).get(name, []))
            if verdict is not None:
                report.outcomes.append(Outcome(path.stem, name, expected.get(name), actual.get(name), verdict))
        for k, task in enumerate(expected.get("tasks", []), 1):
            item = task_item(task["item"], actual.get("tasks", []))
            for name in TASK_FIELDS:
                got = item.get(name) if item else None
                report.tasks.append(Outcome("%s#%d" % (path.stem, k), name, task[name], got,
                                            judge(name, task[name], got)))
    return report


def task_item(title: str, items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The imported item a 任务分工表 row names: its title, or the start of its text."""
    want = _text(title)
    for item in items:
        if _text(item["title"]) == want or _text(item["title"] + item["text"]).startswith(want):
            return item
    return None


def item_recall(report: Report) -> dict[str, Any]:
    """Numbered nodes (sections and items) found / expected, summed over the fixtures; a fixture
    counts at most what it holds, so extra nodes in one do not make up for missing ones in another."""
    expected = found = 0
    for cells in report.by_fixture().values():
        want = sum(cells[f].expected or 0 for f in ("section_count", "item_count"))
        got = sum(cells[f].actual or 0 for f in ("section_count", "item_count"))
        expected += want
        found += min(got, want)
    return {"found": found, "expected": expected, "recall": found / expected if expected else None}


def not_right(report: Report) -> list[str]:
    """Every field and task cell of `report` that is neither right nor rightly absent, as
    `fixture.field: expected …, got …` lines (what a failing level test prints)."""
    return ["%s.%s: expected %r, got %r" % (o.fixture, o.field, o.expected, o.actual)
            for o in report.outcomes + report.tasks if o.verdict not in (RIGHT, ABSENT)]


def summary(outcomes: list[Outcome], fields: tuple[str, ...] = FIELDS) -> dict[str, dict[str, Any]]:
    """Per field (and `header`, all header fields together): counts, recall, precision.
    recall = right / expected present; precision = right / values given (right + wrong)."""
    groups = {name: [o for o in outcomes if o.field == name] for name in fields}
    groups["header"] = [o for o in outcomes if o.field in HEADER_FIELDS]
    out = {}
    for name, group in groups.items():
        n = {v: sum(1 for o in group if o.verdict == v) for v in (RIGHT, MISS, WRONG, ABSENT)}
        present = sum(1 for o in group if normalise(o.field, o.expected) is not None)
        given = n[RIGHT] + n[WRONG]
        out[name] = dict(n, expected=present, given=given,
                         recall=n[RIGHT] / present if present else None,
                         precision=n[RIGHT] / given if given else None)
    return out


def _pct(x: float | None) -> str:
    return "  -  " if x is None else "%5.1f%%" % (100 * x)


def render(report: Report) -> str:
    lines = ["%-14s %6s %6s %5s %5s %5s %6s %9s" % ("field", "recall", "", "right", "miss", "wrong",
                                                      "absent", "precision")]
    for name, s in summary(report.outcomes).items():
        lines.append("%-14s %6s %6s %5d %5d %5d %6d %9s" % (name, _pct(s["recall"]), "", s[RIGHT], s[MISS],
                                                           s[WRONG], s[ABSENT], _pct(s["precision"])))
    lines.append("")
    mark = {RIGHT: "ok", MISS: "--", WRONG: "XX", ABSENT: ".."}
    lines.append("%-36s %s" % ("fixture", " ".join("%-5s" % f[:5] for f in FIELDS)))
    for fixture, cells in report.by_fixture().items():
        row = " ".join("%-5s" % (mark[cells[f].verdict] if f in cells else "") for f in FIELDS)
        lines.append("%-36s %s%s" % (fixture, row, "  (refused)" if fixture in report.refused else ""))
    lines.append("")
    lines.append("ok right · -- miss · XX wrong · .. absent, rightly not found")
    lines.append("")
    lines.append("%-36s %9s %9s   (found/expected)" % ("fixture", "sections", "items"))
    for fixture, cells in report.by_fixture().items():
        counts = ["%s/%s" % ("-" if cells[f].actual is None else cells[f].actual, cells[f].expected)
                  for f in ("section_count", "item_count")]
        lines.append("%-36s %9s %9s" % (fixture, *counts))
    lines.append("")
    for o in report.outcomes:
        if o.verdict == WRONG:
            lines.append("wrong %s.%s: expected %r, got %r" % (o.fixture, o.field, o.expected, o.actual))
    for fixture, why in report.refused.items():
        lines.append("refused %s: %s" % (fixture, why))
    return "\n".join(lines)


def render_office(report: Report) -> str:
    """`render`, then the item recall and the 任务分工表 rows."""
    items = item_recall(report)
    lines = [render(report), "", "items (numbered nodes found / expected): %d/%d %s"
             % (items["found"], items["expected"], _pct(items["recall"]).strip())]
    tasks = summary(report.tasks, TASK_FIELDS)
    for name in TASK_FIELDS:
        s = tasks[name]
        lines.append("task %-9s recall %s  right %d miss %d wrong %d  precision %s"
                     % (name, _pct(s["recall"]), s[RIGHT], s[MISS], s[WRONG], _pct(s["precision"])))
    return "\n".join(lines)


def _as_json(report: Report) -> dict[str, Any]:
    return {"summary": summary(report.outcomes), "refused": report.refused,
            "outcomes": [asdict(o) for o in report.outcomes], "items": item_recall(report),
            "tasks": summary(report.tasks, TASK_FIELDS), "task_outcomes": [asdict(o) for o in report.tasks]}


def _fixtures_option(argv: list[str]) -> Path | None:
    """The folder after `--fixtures` (or `--fixtures=DIR`), relative to the working directory."""
    for k, arg in enumerate(argv):
        if arg.startswith("--fixtures="):
            return Path(arg.split("=", 1)[1])
        if arg == "--fixtures" and k + 1 < len(argv):
            return Path(argv[k + 1])
    return None


def main(argv: list[str] | None = None) -> int:
    import tempfile

    argv = sys.argv[1:] if argv is None else argv
    folder = _fixtures_option(argv)
    if folder is not None:  # one folder of text fixtures, no office set
        report = evaluate(fixture_paths(folder.resolve()))
        print(json.dumps(_as_json(report), ensure_ascii=False, indent=1) if "--json" in argv else render(report))
        return 0
    report = evaluate()
    with tempfile.TemporaryDirectory(prefix="drafter-genre-") as tmp:
        office = evaluate(office_docx(Path(tmp)), sidecars=OFFICE)
    twins = evaluate(office_twins())
    if "--json" in argv:
        print(json.dumps({**_as_json(report), "office_docx": _as_json(office), "office_txt": _as_json(twins)},
                         ensure_ascii=False, indent=1))
    else:
        print(render(report))
        print("\n== office .docx (tests/office_docx.py) ==\n")
        print(render_office(office))
        print("\n== their .txt twins (tests/data/genre/office/) ==\n")
        print(render_office(twins))
    return 0


if __name__ == "__main__":
    sys.exit(main())
