"""The optional 版头 elements (份号, 密级和保密期限, 紧急程度, §7.2.1–7.2.3), the seal's space
(§7.3.5.1) and the 任务分工表 as a landscape 附件, measured on LibreOffice's PDF; the new notice
fields survive a YAML round trip."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from helpers.pdfcheck import PT_MM, convert_many, read_pdf

LEFT, TOP, WIDTH = 28.0, 37.0, 156.0
PITCH = 28.95 * PT_MM
CHAR = 16 * PT_MM


def grid_line(ln) -> float:
    return (ln.baseline - TOP) / PITCH + 0.2


def plan(**notice):
    from drafter.model import Item, Notice, Plan

    fields = dict(recipients=["各县区卫生健康局"], date=dt.date(2020, 3, 9), doc_number="某卫发〔2020〕1号",
                  cc=["市委办公室"], printed_by="某市卫生健康委员会办公室", printed_on=dt.date(2020, 3, 10))
    fields.update(notice)
    return Plan(title="2020年全市卫生健康工作要点", issuer="某市卫生健康委员会", year=2020, sections=[
        Item(title="深化改革", items=[Item(id="ab12", title="推进分级诊疗", text="建立医联体。", lead=["医政科"],
                                       deadline="12月底")])],
        notice=Notice(**fields))


def test_new_notice_fields_round_trip():
    from drafter.readers.yaml import loads
    from drafter.writers.yaml import dump

    p = plan(seal=False, copy_number="000123", secrecy="机密★1年", urgency="特急", attach_tasks=True)
    back = loads(dump(p)).plan.notice
    assert (back.seal, back.copy_number, back.secrecy, back.urgency, back.attach_tasks) == \
        (False, "000123", "机密★1年", "特急", True)
    assert loads(dump(plan())).plan.notice.seal is None  # unset: the kind's default


def test_urgency_outside_the_standard_is_refused():
    from drafter.errors import InputError
    from drafter.readers.yaml import loads
    from drafter.writers.yaml import dump

    text = dump(plan(urgency="特急")).replace("urgency: 特急", "urgency: 很急")
    with pytest.raises(InputError) as e:
        loads(text)
    assert any(f.path == "notice.urgency" and "特急" in f.message for f in e.value.findings)


@pytest.fixture(scope="module")
def docs(soffice, tmp_path_factory):
    from drafter.writers.docx import assemble, layout

    folder = tmp_path_factory.mktemp("head")
    made = {
        "head": plan(copy_number="123", secrecy="机密★1年", urgency="特急"),
        "plain": plan(),
        "no-seal": plan(seal=False),
        "tasks": plan(plan_as="attachment", attach_tasks=True),
    }
    paras = {k: layout(p, "notice") for k, p in made.items()}
    files = [assemble(v).save(folder / ("%s.docx" % k)) for k, v in paras.items()]
    return {k: (paras[k], read_pdf(pdf)) for k, pdf in zip(made, convert_many(files, folder))}


@pytest.mark.libreoffice
def test_head_elements_top_left_in_order(docs):
    paras, pages = docs["head"]
    lines = pages[0].body_lines
    assert [ln.squeezed for ln in lines[:3]] == ["000123", "机密★1年", "特急"]
    for n, ln in enumerate(lines[:3], 1):
        assert round(grid_line(ln)) == n and abs(ln.x0 - LEFT) <= 0.5, ln.text
    assert all(any("Sans" in f for f in ln.fonts) for ln in lines[1:3]), "密级/紧急 not in 黑体"
    for key in ("head", "plain"):
        mark = docs[key][1][0].body_lines[3 if key == "head" else 0]
        assert abs(mark.top - (TOP + 35)) <= 2, "%s: 标志 top %.1f mm" % (key, mark.top)


@pytest.mark.libreoffice
def test_seal_space_and_position(docs):
    """With a seal: two blank lines under the body, the date 4字 from the right, the 署名 over
    it; without: one blank line, the 署名 2字 from the right (7.3.5.2)."""
    for key, gap, right in (("plain", 3, 4), ("no-seal", 2, 2)):
        paras, pages = docs[key]
        lines = [ln for p in pages[:1] for ln in p.body_lines]
        body = next(ln for ln in lines if ln.squeezed.endswith("执行。"))
        sig = next(ln for ln in lines if ln.squeezed == "某市卫生健康委员会")
        date = next(ln for ln in lines if ln.squeezed == "2020年3月9日")
        assert round((sig.baseline - body.baseline) / PITCH) == gap, key
        end = date.x1 if key == "plain" else sig.x1
        assert abs(end - (LEFT + WIDTH - right * CHAR)) <= 1.2, "%s: ends %.1f mm in" % (key, LEFT + WIDTH - end)


@pytest.mark.libreoffice
def test_task_table_attached_on_landscape_pages(docs):
    paras, pages = docs["tasks"]
    notes = [p.text for p in paras if p.role == "attachment_note"]
    assert notes == ["附件：1.2020年全市卫生健康工作要点", "2.2020年全市卫生健康工作要点任务分工表"]
    turned = [p for p in pages if p.width > p.height]
    assert turned, "no landscape page"
    head = turned[0].body_lines[0]
    assert head.squeezed == "附件2" and round((head.baseline - 28.0) / PITCH + 0.2) == 1
    title = next(ln for ln in turned[0].body_lines if ln.squeezed.endswith("任务分工表"))
    assert round((title.baseline - 28.0) / PITCH + 0.2) == 3
    assert pages[-1].width < pages[-1].height, "the 版记 page is not upright"
    assert len(pages) % 2 == 0 or re.search("抄送", "".join(ln.squeezed for ln in pages[-1].body_lines))
