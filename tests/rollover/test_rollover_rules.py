"""drafter.rollover.rules: the year rules and the other text decisions work on text alone.

They import no YAML library and nothing that edits or reads plan files, so they run (and are
tested) without ruamel; blanking quantities is a law of its own: every quantity's number, and
nothing else, becomes the placeholder, and blanking a blanked text changes nothing.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from helpers import ROOT
from drafter.rollover.rules import PLACEHOLDER, blank_quantities
from drafter.text.targets import extract_targets

PACKAGE = ROOT / "drafter" / "rollover"
# What the text-only modules of rollover may not reach: YAML, and the layers that read or
# write plan files (relative imports are named without their dots).
NOT_PURE = ("ruamel", "yaml", "yamlio", "readers", "writers", "edit", "files",
            "drafter.yamlio", "drafter.readers", "drafter.writers")


def imported_names(path: Path) -> set[str]:
    """Every module `path` imports, lazy imports inside functions included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_rules_and_report_import_no_yaml():
    for module in ("rules.py", "report.py"):
        names = imported_names(PACKAGE / module)
        wrong = sorted(n for n in names if any(n == p or n.startswith(p + ".") for p in NOT_PURE))
        assert not wrong, "%s imports %s" % (module, wrong)


def test_rules_run_without_ruamel_loaded():
    """Importing the package and deciding every kind of year, date and quantity leaves ruamel
    unloaded: the rules are usable where no plan file is."""
    code = """if True:
        import sys
        from drafter.rollover.rules import ambiguous, blank_quantities, past_dates, roll_text
        from drafter.text.targets import extract_targets
        text = "力争2017年覆盖率达到30%，《纲要（2015-2020年）》，2016年3月9日召开"
        rolled, decisions = roll_text(text, 2017, 2018)
        print(rolled)
        print(len(ambiguous(rolled, decisions, 2018)), len(past_dates(text, 2018)))
        print(blank_quantities(text, extract_targets(text))[1])
        print(sorted(m for m in sys.modules if m.split(".")[0] == "ruamel"))
    """
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout.splitlines()
    assert out == ["力争2018年覆盖率达到30%，《纲要（2015-2020年）》，2016年3月9日召开", "0 1", "1", "[]"]


UNITS = ["%", "‰", "张", "所", "个", "万人", "家"]
LABELS = ["签约服务覆盖率", "建设床位", "创建示范机构", "培训基层医生", "新建卫生院"]


@st.composite
def quantity_texts(draw):
    """A clause per quantity, `…达到30%`, `建设床位500张`, joined by ，."""
    parts = draw(st.lists(st.tuples(st.sampled_from(LABELS), st.integers(1, 99999), st.sampled_from(UNITS)),
                          min_size=1, max_size=5))
    return "，".join("%s达到%d%s" % p for p in parts) + "。"


@given(quantity_texts())
def test_blanking_replaces_each_quantity_number_and_nothing_else(text):
    targets = extract_targets(text)
    blanked, n = blank_quantities(text, targets)
    assert n == len(targets)
    assert blanked.count(PLACEHOLDER) == n
    # put the numbers back in order: the text comes back whole, so nothing else changed
    numbers = iter(text[t.start:t.end].rstrip("".join(UNITS)) for t in sorted(targets, key=lambda t: t.start))
    restored = "".join(part + (next(numbers) if i < n else "") for i, part in enumerate(blanked.split(PLACEHOLDER)))
    assert restored == text
    assert blank_quantities(blanked, extract_targets(blanked)) == (blanked, 0)


def test_deadlines_are_listed_not_blanked():
    text = "2017年6月底前完成，覆盖率达到30%"
    blanked, n = blank_quantities(text, extract_targets(text))
    assert (blanked, n) == ("2017年6月底前完成，覆盖率达到%s%%" % PLACEHOLDER, 1)
