"""Each Chinese writing convention has one home in drafter/text: the digit table, the
XML-forbidden characters and an item-number regex are written nowhere else in drafter."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "drafter"

# What a copy of each convention looks like in source text.
COPIES = {
    "Chinese digit table": (re.compile(r"[〇零○OＯ]一二三四五六七八九"), "text/numerals.py"),
    "XML-forbidden characters": (re.compile(r"\\x0e-\\x1f|\x0e-\x1f"), "text/xmlchars.py"),
    # the mark after an item number, 、 and a point in one character class: [、．] [.．、]
    "item-number regex": (re.compile(r"\[(?=[^\]\n\"', ]*、)(?=[^\]\n\"', ]*[．.])[^\]\n\"', ]*\]"), "text/labels.py"),
}


def _sources() -> dict[str, str]:
    return {str(p.relative_to(PACKAGE)): p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}


@pytest.mark.parametrize("what", sorted(COPIES))
def test_one_home(what):
    pattern, home = COPIES[what]
    homes = sorted(name for name, text in _sources().items() if pattern.search(text))
    assert homes == [home], "%s written in %s; it belongs in drafter/%s only" % (what, homes, home)


def test_the_old_homes_are_gone():
    assert not (PACKAGE / "chinese.py").exists() and not (PACKAGE / "readers" / "labels.py").exists()
    assert not (PACKAGE / "diff" / "targets.py").exists()
