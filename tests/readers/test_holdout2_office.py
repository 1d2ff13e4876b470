"""The importer on a second set of office files it was not tuned on (tests/holdout2_docx.py;
twins and sidecars in tests/data/holdout2/office/), scored through the public API by
tests/genre_eval.py, and one test for each reader rule the set called for.

Scored before the reader was touched (8 .docx and the PDF LibreOffice exports from g07):
header fields 52 of 54 (96.3%), no header value wrong but two missed — g02's 文号 read as
`青卫发20253号` (its brackets are `w:sym`) so none was taken, g03's 成文日期 read as the date three
times over (a nested field's instructions printed); numbered nodes 68 of 73 (93.2%), with wrong
counts: g04 a moved-away item left as a bare `（一）` (3 items instead of 6), g05 every heading
numbered at level 0 (9 sections, 0 items), g06 6 items of 8 (the genre reader takes no `１．`
/ `①` item: its .txt twin reads the same), q01 (the two-column PDF) plan title `促进工作要点`.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import genre_eval as ge
import holdout2_docx as hd

from drafter.readers import read

NAMES = sorted(hd.FIXTURES)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[list[Path], ge.Report]:
    paths = hd.build(tmp_path_factory.mktemp("holdout2"))
    return paths, ge.evaluate(paths, sidecars=hd.TWINS)


def _not_right(report: ge.Report) -> list[str]:
    return ["%s.%s: expected %r, got %r" % (o.fixture, o.field, o.expected, o.actual)
            for o in report.outcomes + report.tasks if o.verdict not in (ge.RIGHT, ge.ABSENT)]


def test_holdout2_set_is_complete_and_twinned():
    assert len(hd.FIXTURES) >= 8
    for name in list(hd.FIXTURES) + list(hd.PDF_SOURCES):
        twin = hd.TWINS / (name + ".txt")
        assert ge.sidecar(twin).exists(), name
        source = hd.PDF_SOURCES.get(name, name)
        assert twin.read_text(encoding="utf-8") == hd.FIXTURES[source]().text(), name
