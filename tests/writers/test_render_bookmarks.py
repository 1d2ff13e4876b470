"""Task anchors: every rendered item sits in a bookmark `drafter_<id>` spanning exactly its own
text, and LibreOffice keeps those bookmarks when it re-saves the document as .docx or .odt
(what a reviewer's copy comes back as)."""
from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest

from helpers import PLANS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def spans_docx(path: Path) -> dict[str, str]:
    """Bookmark name → the text between its start and end, whitespace removed."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    names: dict[str, str] = {}
    open_: set[str] = set()
    out: dict[str, list[str]] = defaultdict(list)
    for el in root.iter():
        if el.tag == W + "bookmarkStart":
            names[el.get(W + "id")] = el.get(W + "name")
            open_.add(el.get(W + "name"))
            out[el.get(W + "name")]
        elif el.tag == W + "bookmarkEnd":
            open_.discard(names.get(el.get(W + "id")))
        elif el.tag == W + "t" and el.text:
            for name in open_:
                out[name].append(el.text)
    return {k: squeeze("".join(v)) for k, v in out.items()}


def spans_odt(path: Path) -> dict[str, str]:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("content.xml"))
    body = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
    open_: set[str] = set()
    out: dict[str, list[str]] = defaultdict(list)
    for event, el in etree.iterwalk(body, events=("start", "end")):
        if event == "start":
            if el.tag == TEXT + "bookmark-start":
                open_.add(el.get(TEXT + "name"))
                out[el.get(TEXT + "name")]
            elif el.tag == TEXT + "bookmark-end":
                open_.discard(el.get(TEXT + "name"))
            elif el.tag == TEXT + "bookmark":
                out[el.get(TEXT + "name")]
            text = el.text
        else:
            text = el.tail if el is not body else None
        if text:
            for name in open_:
                out[name].append(text)
    return {k: squeeze("".join(v)) for k, v in out.items()}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def expected(paras) -> dict[str, str]:
    """Bookmark name → the text of the item's paragraphs as layout gave them (in a task table:
    the task cell)."""
    from drafter.writers.docx import bookmark_name

    out: dict[str, str] = defaultdict(str)
    for p in paras:
        if p.node_id:
            text = "".join(r.text for r in p.cells[1]) if p.cells else p.text
            out[bookmark_name(p.node_id)] += squeeze(text)
    return dict(out)


def anchors(spans: dict[str, str]) -> dict[str, str]:
    from drafter.writers.docx import item_id_of

    return {k: v for k, v in spans.items() if item_id_of(k)}


def documents():
    from drafter.readers import read
    from drafter.writers.docx import default_kind

    out = []
    for path in sorted(PLANS.glob("*.yaml")):
        plan = read(path).plan
        kinds = {default_kind(plan), "plan", "tasks"}
        out.extend((path, kind) for kind in sorted(kinds))
    return out


def render(path: Path, kind: str, folder: Path):
    from drafter.readers import read
    from drafter.writers.docx import build, layout, save

    plan = read(path).plan
    paras = layout(plan, kind)
    out = save(build(paras), folder / ("%s-%s.docx" % (path.stem, kind)))
    return plan, paras, out


@pytest.mark.parametrize("path,kind", documents(), ids=lambda v: getattr(v, "stem", v))
def test_every_item_with_an_id_is_anchored_over_its_own_text(path, kind, tmp_path):
    plan, paras, docx_path = render(path, kind, tmp_path)
    spans = anchors(spans_docx(docx_path))
    want = expected(paras)
    assert want, "the seed plans carry ids"
    assert spans == want
    ids = {node.id for node, _ in plan.walk() if node.id}
    shown = {p.node_id for p in paras if p.node_id}
    assert {k[len("drafter_"):] for k in spans} == shown <= ids


def test_items_without_id_get_no_anchor_and_ids_stay_unique(tmp_path):
    """A redline prints a moved item twice: one bookmark, on its first place."""
    from drafter.model import Item, Plan
    from drafter.writers.docx import Para, Run, build, layout, save

    plan = Plan(title="工作要点", sections=[Item(title="甲", items=[
        Item(title="有编号", text="第一段。\n\n第二段。", id="k3f9"), Item(title="无编号", text="正文。")])])
    paras = layout(plan, "plan")
    paras.append(Para("item", [Run("有编号。移到这里。", change="moveTo")], node_id="k3f9"))
    doc = save(build(paras), tmp_path / "a.docx")
    spans = spans_docx(doc)
    assert list(anchors(spans)) == ["drafter_k3f9"]
    assert spans["drafter_k3f9"] == squeeze("".join(p.text for p in paras[:-1] if p.node_id == "k3f9"))
    assert "无编号" not in "".join(spans.values())


def test_item_id_of_reads_back_only_drafter_anchors():
    from drafter.writers.docx import bookmark_name, item_id_of

    assert item_id_of(bookmark_name("k3f9_a-1")) == "k3f9_a-1"
    assert item_id_of("_GoBack") is None
    assert item_id_of("drafter_") is None


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_libreoffice_keeps_the_anchors(fmt, soffice, tmp_path):
    from helpers.pdfcheck import convert_many

    made = [render(path, kind, tmp_path) for path, kind in documents()]
    resaved = convert_many([m[2] for m in made], tmp_path / fmt, fmt)
    read_spans = spans_docx if fmt == "docx" else spans_odt
    for (plan, paras, src), out in zip(made, resaved):
        assert anchors(read_spans(out)) == expected(paras), src.name
