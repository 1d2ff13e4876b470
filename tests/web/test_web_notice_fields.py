"""The editor reaches every notice field of the schema table (联合行文, 信函格式, 印章, 份号…):
a submitted value lands in the YAML as the plan format has it, and a form sent back untouched
changes no byte."""
from __future__ import annotations

from helpers import PLANS
from drafter import schema
from drafter.app.workspace import NOTICE_FIELDS, edit_text
from drafter.readers.yaml import loads

PLAN = PLANS / "2017-衡阳市-工作要点.yaml"


def test_every_notice_field_of_the_schema_is_editable():
    assert set(NOTICE_FIELDS) == {n for n, f in schema.NOTICE.items() if f.attr}


def test_joint_issue_letter_and_seal_are_written_as_the_format_has_them():
    text = PLAN.read_text(encoding="utf-8")
    new = edit_text(text, {"notice.co_issuers": "衡阳市财政局、衡阳市医疗保障局", "notice.letter": "true",
                           "notice.seal": "false", "notice.urgency": "加急"})
    n = loads(new, "plan.yaml").plan.notice
    assert n.co_issuers == ["衡阳市财政局", "衡阳市医疗保障局"]
    assert n.letter is True and n.seal is False and n.urgency == "加急"
    assert "letter: true" in new and "seal: false" in new
    back = edit_text(new, {"notice.letter": "", "notice.seal": "", "notice.co_issuers": "", "notice.urgency": ""})
    assert back == text


def test_untouched_choices_change_no_byte():
    text = PLAN.read_text(encoding="utf-8")
    assert edit_text(text, {"notice.letter": "", "notice.seal": "", "notice.attach_tasks": "",
                            "notice.urgency": "", "notice.co_issuers": ""}) == text
