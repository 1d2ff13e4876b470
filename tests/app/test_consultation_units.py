"""What a unit does through its link, on both stores: comment, propose, submit; the token
reaches its own unit only; deadline and submission make comments read-only."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text
from helpers.store_db import DRAFT, db_url, draft_file, office, opened, store  # noqa: F401  (fixtures)

from drafter.app import consultation as cs
from drafter.store.models import AuditEntry, Comment, Unit


def test_a_unit_sees_the_draft_and_only_its_own_comments(store, opened):  # noqa: F811
    cid, tokens = opened
    a = cs.save_comment(store, tokens["卫生监督所"], task_id="t001", said="建议明确下沉专家的考核办法", reason="便于落实")
    cs.save_comment(store, tokens["疾控中心"], task_id="t001", said="疾控的意见")
    view = cs.unit_view(store, tokens["卫生监督所"])
    assert view.consultation_id == cid and view.unit == "卫生监督所"
    assert [t.id for t in view.tasks] == ["s001", "t001", "t002", "s002", "t003", "t004"]
    assert [(c.id, c.said, c.reason) for c in view.comments] == [(a, "建议明确下沉专家的考核办法", "便于落实")]
    assert not view.read_only


def test_a_proposed_wording_is_shown_as_a_diff_against_the_draft(store, opened):  # noqa: F811
    _, tokens = opened
    t = tokens["疾控中心"]
    wording = next(x.wording for x in cs.unit_view(store, t).tasks if x.id == "t002")
    cs.save_comment(store, t, task_id="t002", said="目标偏低", proposed=wording.replace("65%", "70%"))
    (c,) = cs.unit_view(store, t).comments
    assert ("replace", "65%", "70%") in c.diff
    assert "".join(op[1] for op in c.diff) == wording


def test_tokens_are_long_random_and_stored_only_as_hashes(store, opened, db_url):  # noqa: F811
    cid, tokens = opened
    assert len(set(tokens.values())) == 3
    assert all(len(t) >= 43 for t in tokens.values())  # 32 bytes of urlsafe base64: 256 bits
    with store.session() as s:
        hashes = set(s.scalars(select(Unit.token_hash)))
        assert hashes == {cs.token_hash(t) for t in tokens.values()}
        dump = "\n".join(repr(row) for table in ("consultations", "units", "comments", "audit_log")
                         for row in s.execute(text("SELECT * FROM %s" % table)).all())
    for t in tokens.values():
        assert t not in dump
    if db_url.startswith("sqlite:///"):  # the file itself, WAL included
        from pathlib import Path

        path = Path(db_url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        assert raw and not any(t.encode() in raw for t in tokens.values())


def test_a_token_reaches_its_own_unit_and_nothing_else(store, opened, office, tmp_path):  # noqa: F811
    cid, tokens = opened
    mine, theirs = tokens["卫生监督所"], tokens["疾控中心"]
    their_comment = cs.save_comment(store, theirs, task_id="t003", said="他们的意见")
    # another unit's comment, by id: neither changed nor deleted, and it looks like no comment
    with pytest.raises(cs.NotFound):
        cs.save_comment(store, mine, comment_id=their_comment, task_id="t003", said="篡改")
    with pytest.raises(cs.NotFound):
        cs.delete_comment(store, mine, their_comment)
    for bad_id in ("1 OR 1=1", 2 ** 40, -1, [3]):
        with pytest.raises(cs.NotFound):
            cs.save_comment(store, mine, comment_id=bad_id, said="x")
    with pytest.raises(cs.NotFound):
        cs.reopen(store, cid, 2 ** 40, who=office)
    with pytest.raises(cs.NotFound):
        cs.review(store, "1; DROP TABLE units", who=office)
    # another consultation: the token does not reach it; its own token does not reach ours
    other = cs.open_consultation(store, draft_file(tmp_path), who=office, units=["卫生监督所"])
    other_token = other.links[0][1]
    cs.save_comment(store, other_token, task_id="t001", said="另一次征求意见的意见")
    assert [c.said for c in cs.unit_view(store, mine).comments] == []
    assert cs.unit_view(store, other_token).consultation_id == other.consultation_id
    with pytest.raises(cs.NotFound):
        cs.save_comment(store, other_token, comment_id=their_comment, said="x")
    # office functions with a unit token
    for call in (lambda: cs.review(store, cid, who=mine), lambda: cs.progress(store, cid, who=mine),
                 lambda: cs.decide(store, their_comment, "采纳", who=mine),
                 lambda: cs.reopen(store, cid, 1, who=mine), lambda: cs.close(store, cid, who=mine),
                 lambda: cs.audit_log(store, cid, who=mine), lambda: cs.summary_rows(store, cid, who=mine)):
        with pytest.raises(cs.Forbidden):
            call()
    with pytest.raises(cs.ConsultationError):
        cs.office_login(store, office, mine)
    # a tampered or empty token
    unit_id = next(p.unit_id for p in cs.progress(store, cid, who=office) if p.name == "卫生监督所")
    assert cs.resolve_token(store, mine) == cs.UnitRef(cid, unit_id, "卫生监督所")
    for bad in (mine[:-1], mine + "A", "", cs.token_hash(mine)):
        with pytest.raises(cs.NotFound):
            cs.unit_view(store, bad)
        with pytest.raises(cs.NotFound):
            cs.resolve_token(store, bad)
    with store.session() as s:
        assert s.scalar(select(Comment.said).where(Comment.id == their_comment)) == "他们的意见"


@pytest.mark.parametrize("kwargs,field", [
    ({"said": ""}, "said"),
    ({"said": "   \n "}, "said"),
    ({"said": "很" * (cs.SAID_MAX + 1)}, "said"),
    ({"said": "好", "reason": "因" * (cs.REASON_MAX + 1)}, "reason"),
    ({"said": "好", "proposed": ["不是", "文字"]}, "proposed"),
    ({"said": "好", "proposed": 42}, "proposed"),
    ({"said": 7}, "said"),
    ({"said": "好", "task_id": "nope"}, "task_id"),
    ({"said": "好", "task_id": None, "proposed": "整体改写"}, "proposed"),
])
def test_bad_input_is_refused_at_its_field(store, opened, kwargs, field):  # noqa: F811
    _, tokens = opened
    kwargs = {"task_id": "t001", **kwargs}
    with pytest.raises(cs.ConsultationError) as e:
        cs.save_comment(store, tokens["县人民医院"], **kwargs)
    assert e.value.field == field and e.value.message
    assert cs.unit_view(store, tokens["县人民医院"]).comments == []


def test_general_comments_and_a_resave_with_the_same_client_key(store, opened):  # noqa: F811
    _, tokens = opened
    t = tokens["县人民医院"]
    g = cs.save_comment(store, t, said="总体上同意", client_key="k1")
    assert cs.save_comment(store, t, said="总体上同意，另有两点", client_key="k1") == g
    (c,) = cs.unit_view(store, t).comments
    assert c.general and c.task_id is None and c.said == "总体上同意，另有两点"


def test_after_submitting_comments_are_read_only_until_the_office_reopens(store, opened, office):  # noqa: F811
    cid, tokens = opened
    t = tokens["卫生监督所"]
    c = cs.save_comment(store, t, task_id="t001", said="第一条意见")
    cs.submit(store, t)
    view = cs.unit_view(store, t)
    assert view.read_only and view.submitted_at and all(x.submitted for x in view.comments)
    for call in (lambda: cs.save_comment(store, t, task_id="t002", said="再加一条"),
                 lambda: cs.save_comment(store, t, comment_id=c, said="改一下"),
                 lambda: cs.delete_comment(store, t, c), lambda: cs.submit(store, t)):
        with pytest.raises(cs.ReadOnly) as e:
            call()
        assert "已于" in e.value.message and "重新开放" in e.value.message
    unit_id = next(p.unit_id for p in cs.progress(store, cid, who=office) if p.name == "卫生监督所")
    cs.reopen(store, cid, unit_id, who=office, why="单位来电要求补充")
    assert not cs.unit_view(store, t).read_only
    cs.save_comment(store, t, comment_id=c, said="改过的意见")
    with store.session() as s:
        (entry,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "reopen")).all()
    assert entry.who == office and "卫生监督所" in entry.detail and "单位来电要求补充" in entry.detail
    assert [p.reopened for p in cs.progress(store, cid, who=office) if p.name == "卫生监督所"] == [1]


def test_after_the_deadline_saving_is_refused_and_what_was_submitted_stays_readable(store, office, tmp_path):  # noqa: F811
    deadline = datetime(2031, 3, 1)
    o = cs.open_consultation(store, draft_file(tmp_path), who=office, units=["甲单位", "乙单位"], deadline=deadline.date())
    a, b = (t for _, t in o.links)
    cs.save_comment(store, a, task_id="t001", said="按时提交的意见", now=datetime(2031, 3, 1, 23, 0))
    cs.submit(store, a, now=datetime(2031, 3, 1, 23, 30))
    late = datetime(2031, 3, 2, 0, 1)
    for t in (a, b):
        with pytest.raises(cs.ReadOnly) as e:
            cs.save_comment(store, t, task_id="t002", said="迟到的意见", now=late)
        assert "截止" in e.value.message and "2031年3月2日 00:00" in e.value.message
    with pytest.raises(cs.ReadOnly):
        cs.submit(store, b, now=late)
    view = cs.unit_view(store, a, now=late)
    assert view.expired and view.read_only and [c.said for c in view.comments] == ["按时提交的意见"]


def test_a_closed_consultation_takes_no_more_comments(store, opened, office):  # noqa: F811
    cid, tokens = opened
    cs.close(store, cid, who=office)
    with pytest.raises(cs.ReadOnly) as e:
        cs.save_comment(store, tokens["疾控中心"], task_id="t001", said="晚了")
    assert "结束" in e.value.message


def test_opening_needs_an_office_login_a_plan_with_ids_and_units(store, office, tmp_path):  # noqa: F811
    from drafter.errors import InputError

    with pytest.raises(cs.Forbidden):
        cs.open_consultation(store, draft_file(tmp_path), who="nobody", units=["甲"])
    with pytest.raises(cs.ConsultationError) as e:
        cs.open_consultation(store, draft_file(tmp_path), who=office, units=["甲", "甲"])
    assert e.value.field == "units"
    with pytest.raises(InputError):
        cs.open_consultation(store, draft_file(tmp_path, DRAFT.replace("      - id: t004\n", "      - ")),
                             who=office, units=["甲"])


def test_units_from_the_offices_workbook(store, office, tmp_path):  # noqa: F811
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["单位名单"])
    ws.append(["序号", "单位名称", "联系人", "联系电话"])
    ws.append([1, "县中医院", "孙八", "0734-3333333"])
    ws.append([2, "妇幼保健院", "周九", None])
    ws.append([None, None, None, None])
    wb.save(tmp_path / "units.xlsx")
    assert cs.read_units(tmp_path / "units.xlsx") == [cs.UnitEntry("县中医院", "孙八", "0734-3333333"),
                                                       cs.UnitEntry("妇幼保健院", "周九", "")]
    o = cs.open_consultation(store, draft_file(tmp_path), who=office, units=tmp_path / "units.xlsx")
    assert [p.name for p in cs.progress(store, o.consultation_id, who=office)] == ["县中医院", "妇幼保健院"]
