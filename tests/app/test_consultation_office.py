"""The office's side, on both stores: review with near-identical comments grouped, decisions
(audited), progress, returned Word files in the same table, the 汇总表 and the next version."""
from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from helpers.store_db import DRAFT, db_url, draft_file, office, opened, store  # noqa: F401  (fixtures)

from drafter.app import consultation as cs
from drafter.store.models import AuditEntry


def _wording(store, token, task_id):
    return next(t.wording for t in cs.unit_view(store, token).tasks if t.id == task_id)


def test_review_puts_every_comment_under_its_task_and_groups_near_identical_ones(store, opened, office):  # noqa: F811
    cid, tokens = opened
    a = cs.save_comment(store, tokens["卫生监督所"], task_id="t001", said="建议增加下沉专家数量，由20名增加到30名。")
    b = cs.save_comment(store, tokens["疾控中心"], task_id="t001", said="建议增加下沉专家数量,由20名增加到30名")
    c = cs.save_comment(store, tokens["县人民医院"], task_id="t001", said="牵头医院人手紧张，下沉专家难以保证")
    d = cs.save_comment(store, tokens["县人民医院"], task_id="t003", said="建议增加下沉专家数量，由20名增加到30名。")
    g = cs.save_comment(store, tokens["疾控中心"], said="总体同意")
    rv = cs.review(store, cid, who=office)
    by_task = {t.id: [x.id for x in t.comments] for t in rv.tasks}
    assert by_task == {"s001": [], "t001": [a, b, c], "t002": [], "s002": [], "t003": [d], "t004": [], None: [g]}
    assert rv.groups == [[a, b]]  # the same words on another task are another matter
    grouped = {x.id: x.group for x in rv.comments()}
    assert grouped[a] == grouped[b] == 1 and grouped[c] == grouped[d] == grouped[g] == 0
    assert [x.unit for x in rv.tasks[1].comments] == ["卫生监督所", "疾控中心", "县人民医院"]


def test_one_units_repeated_comment_is_no_group(store, opened, office):  # noqa: F811
    cid, tokens = opened
    for _ in range(2):
        cs.save_comment(store, tokens["卫生监督所"], task_id="t002", said="同一单位说了两遍")
    assert cs.review(store, cid, who=office).groups == []


def test_decisions_record_who_and_when_and_every_one_is_audited(store, opened, office):  # noqa: F811
    from drafter.app.consultation import add_office_user

    cid, tokens = opened
    x = cs.save_comment(store, tokens["疾控中心"], task_id="t002", said="目标偏低")
    cs.decide(store, x, "不采纳", who=office, reason="与上级要求一致")
    add_office_user(store, "科长老张", "another long password")
    cs.decide(store, x, "采纳", who="科长老张", reason="复核后采纳")
    (rc,) = [c for c in cs.review(store, cid, who=office).comments() if c.id == x]
    assert (rc.decision, rc.decision_reason, rc.decided_by) == ("采纳", "复核后采纳", "科长老张")
    assert rc.decided_at is not None
    with store.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "decide").order_by(AuditEntry.id)).all()
    assert [(e.who, json.loads(e.detail)["decision"]) for e in entries] == [(office, "不采纳"), ("科长老张", "采纳")]
    assert json.loads(entries[1].detail)["before"]["decision"] == "不采纳"
    assert [e.action for e in cs.audit_log(store, cid, who=office)] == ["open", "decide", "decide"]
    with pytest.raises(cs.ConsultationError) as e:
        cs.decide(store, x, "再议", who=office)
    assert e.value.field == "decision"
    with pytest.raises(cs.NotFound):
        cs.decide(store, 999999, "采纳", who=office)


def test_progress_lists_who_submitted_and_who_not_with_contacts(store, opened, office):  # noqa: F811
    cid, tokens = opened
    cs.save_comment(store, tokens["疾控中心"], task_id="t001", said="一")
    cs.save_comment(store, tokens["疾控中心"], task_id="t002", said="二")
    cs.submit(store, tokens["疾控中心"])
    rows = cs.progress(store, cid, who=office)
    assert [(r.name, r.contact, r.phone, r.submitted_at is not None, r.comments) for r in rows] == [
        ("卫生监督所", "王五", "0734-1111111", False, 0), ("疾控中心", "赵六", "0734-2222222", True, 2),
        ("县人民医院", "钱七", "", False, 0)]


def _decided_cycle(store, opened, office):
    """Two units propose wordings, one comments in general; the office accepts one proposal
    and rejects the other."""
    cid, tokens = opened
    t1, t2 = tokens["疾控中心"], tokens["卫生监督所"]
    yes = cs.save_comment(store, t1, task_id="t002", said="基层就诊率目标偏低", reason="省里要求70%",
                          proposed=_wording(store, t1, "t002").replace("65%以上", "70%以上"))
    no = cs.save_comment(store, t2, task_id="t003", said="建议提高管理率",
                         proposed=_wording(store, t2, "t003").replace("老年人健康管理率达到70%", "老年人健康管理率达到75%"))
    general = cs.save_comment(store, t2, said="总体同意")
    cs.submit(store, t1)
    cs.submit(store, t2)
    cs.decide(store, yes, "采纳", who=office, reason="按省要求")
    cs.decide(store, no, "不采纳", who=office, reason="基数不足")
    return cid, yes, no, general


def test_summary_rows_docx_and_xlsx_come_from_stored_comments_and_decisions(store, opened, office, tmp_path):  # noqa: F811
    from drafter.consult.summary import read_decisions

    cid, yes, no, general = _decided_cycle(store, opened, office)
    cs.save_comment(store, opened[1]["县人民医院"], task_id="t001", said="未提交的意见不进汇总表")
    rows, _ = cs.summary_rows(store, cid, who=office)
    assert [(r.id, r.unit, r.quote, r.proposed, r.decision, r.why) for r in rows] == [
        ("t002", "疾控中心", "基层就诊率达到65%以上，", "基层就诊率达到70%以上，", "采纳", "按省要求"),
        ("t003", "卫生监督所", "老年人健康管理率达到70%，", "老年人健康管理率达到75%，", "不采纳", "基数不足"),
        ("", "卫生监督所", "", "", "", "")]
    assert "省里要求70%" in rows[0].said and rows[2].entry.endswith("总体意见")
    written = cs.write_summary(store, cid, tmp_path / "意见采纳情况汇总表.docx", who=office, xlsx=True)
    assert [p.suffix for p in written] == [".docx", ".xlsx"]
    for path in written:
        back = read_decisions(path)
        assert [(r.id, r.unit, r.quote, r.proposed, r.decision, r.why) for r in back] == \
            [(r.id, r.unit, r.quote, r.proposed, r.decision, r.why) for r in rows]


def test_apply_makes_exactly_the_accepted_edit_and_shows_its_diff(store, opened, office, tmp_path):  # noqa: F811
    from drafter.diff import compare
    from drafter.readers.yaml import loads

    cid, *_ = _decided_cycle(store, opened, office)
    nxt = cs.apply_accepted(store, cid, who=office)
    assert [line for line in nxt.diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        "-          基层就诊率达到65%以上，县域内就诊率达到90%。", "+          基层就诊率达到70%以上，县域内就诊率达到90%。"]
    assert nxt.text == DRAFT.replace("基层就诊率达到65%以上", "基层就诊率达到70%以上")
    d = compare(loads(DRAFT, "a").plan, loads(nxt.text, "b").plan)
    assert [c.new.id for c in d.changes if c.changed] == ["t002"]
    assert "65%" in nxt.changes and "70%" in nxt.changes
    assert len(nxt.outcome.applied) == 1 and not nxt.outcome.conflicts
    saved = cs.save_next_version(nxt, tmp_path / "next.yaml")
    assert saved.read_text(encoding="utf-8") == nxt.text


def test_a_partial_decision_applies_the_offices_own_wording(store, opened, office):  # noqa: F811
    cid, tokens = opened
    t = tokens["县人民医院"]
    x = cs.save_comment(store, t, task_id="t002", said="提高目标",
                        proposed=_wording(store, t, "t002").replace("县域内就诊率达到90%", "县域内就诊率达到95%"))
    cs.submit(store, t)
    cs.decide(store, x, "部分采纳", who=office, reason="适当提高", proposed="县域内就诊率达到92%。")
    assert cs.apply_accepted(store, cid, who=office).text == DRAFT.replace("县域内就诊率达到90%", "县域内就诊率达到92%")


def test_returned_word_files_join_the_same_table_once(store, opened, office, tmp_path):  # noqa: F811
    import docx

    from drafter.app.consult import send_for_comment

    cid, tokens = opened
    cs.save_comment(store, tokens["卫生监督所"], task_id="t001", said="在线意见")
    cs.submit(store, tokens["卫生监督所"])
    pkg, _ = send_for_comment(str(draft_file(tmp_path)), str(tmp_path / "pkg"), deadline=date(2031, 3, 1), contact="小李", phone="0734-0000000", recipients=["各医疗卫生单位"])
    d = docx.Document(str(pkg.form))
    t = d.tables[0]
    cols = {cell.text: i for i, cell in enumerate(t.rows[0].cells)}
    row = t.add_row()
    row.cells[cols["编号"]].text = "t004"
    row.cells[cols["修改意见"]].text = "建议补充疾控机构改革内容"
    p = next(p for p in d.paragraphs if p.text.startswith("反馈单位"))
    p.runs[0].text = "反馈单位：县疾控中心　联系人：赵六"
    d.save(str(tmp_path / "back.docx"))
    (tmp_path / "junk.docx").write_bytes(b"not a docx")
    got = cs.import_returned(store, cid, [tmp_path / "back.docx", tmp_path / "junk.docx"], who=office)
    assert (got.stored, got.again, len(got.skipped)) == (1, 0, 1) and got.skipped[0].startswith("junk.docx: ")
    again = cs.import_returned(store, cid, [tmp_path / "back.docx"], who=office)
    assert (again.stored, again.again) == (0, 1)
    rv = cs.review(store, cid, who=office)
    assert [(x.unit, x.task_id, x.origin) for x in rv.comments()] == [
        ("卫生监督所", "t001", "online"), ("疾控中心", "t004", "form")]
    rows, _ = cs.summary_rows(store, cid, who=office)
    assert [(r.unit, r.id) for r in rows] == [("卫生监督所", "t001"), ("疾控中心", "t004")]


def test_a_word_comment_proposing_a_wording_is_applied_like_an_online_one(store, opened, office, tmp_path):  # noqa: F811
    import docx

    from drafter.app.consult import send_for_comment

    cid, _ = opened
    pkg, _ = send_for_comment(str(draft_file(tmp_path)), str(tmp_path / "pkg"), deadline=date(2031, 3, 1),
                              contact="小李", phone="0734-0000000", recipients=["各医疗卫生单位"])
    d = docx.Document(str(pkg.draft))
    run = next(x for p in d.paragraphs for x in p.runs if x.text == "加强疾病预防控制体系建设")
    d.add_comment(run, text="修改为：加强疾病预防控制体系和能力建设", author="县人民医院")
    d.save(str(tmp_path / "copy.docx"))
    assert cs.import_returned(store, cid, [tmp_path / "copy.docx"], who=office).stored == 1
    (x,) = cs.review(store, cid, who=office).comments()
    assert (x.unit, x.task_id, x.origin, x.edit) == ("县人民医院", "t004", "comment", True)
    cs.decide(store, x.id, "采纳", who=office)
    assert cs.apply_accepted(store, cid, who=office).text == \
        DRAFT.replace("title: 加强疾病预防控制体系建设", "title: 加强疾病预防控制体系和能力建设")


@given(st.integers(0, 40), st.integers(0, 40), st.text("增强落实年度考核％0123456789，。", max_size=8))
@settings(max_examples=150)
def test_the_edit_a_proposed_wording_makes_rebuilds_that_wording(a, b, new):
    """Law: for a proposal that changes one line of a task, replacing the derived 原文 (found
    once in the task) by the derived 建议修改为 in that line gives the proposed line."""
    tasks = cs.draft_tasks(DRAFT)
    node = tasks.items["t002"]
    line = node.paragraphs()[0]
    a, b = sorted((min(a, len(line)), min(b, len(line))))
    proposed_line = line[:a] + new + line[b:]
    edit = cs.proposal_edit(tasks, "t002", "\n".join([node.title, proposed_line]))
    if proposed_line == line:
        assert edit is None
        return
    quote, replacement = edit
    assert sum(text.count(quote) for _, _, text in tasks.fields("t002")) == 1
    assert line.replace(quote, replacement) == proposed_line
