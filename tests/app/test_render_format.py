"""`drafter render --format letter|file` chooses the 信函格式 or the 文件格式 for one render,
exactly as the notice's own `letter:` field would."""
from __future__ import annotations

import zipfile

from helpers import PLANS, run_cli

PLAN = PLANS / "2017-衡阳市-工作要点.yaml"


def _body(path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return b"".join(z.read(n) for n in sorted(z.namelist()) if not n.startswith("docProps/"))


def test_format_letter_is_the_letter_field(tmp_path):
    as_field = tmp_path / "letter.yaml"
    as_field.write_text(PLAN.read_text(encoding="utf-8").replace("\nnotice:\n", "\nnotice:\n  letter: true\n", 1),
                        encoding="utf-8")
    assert run_cli("render", as_field, "-o", tmp_path / "field.docx").code == 0
    assert run_cli("render", PLAN, "--format", "letter", "-o", tmp_path / "option.docx").code == 0
    assert run_cli("render", PLAN, "-o", tmp_path / "plain.docx").code == 0
    assert _body(tmp_path / "option.docx") == _body(tmp_path / "field.docx")
    assert _body(tmp_path / "option.docx") != _body(tmp_path / "plain.docx")
    assert run_cli("render", as_field, "--format", "file", "-o", tmp_path / "back.docx").code == 0
    assert _body(tmp_path / "back.docx") == _body(tmp_path / "plain.docx")


def test_an_unknown_format_is_a_usage_error(tmp_path):
    r = run_cli("render", PLAN, "--format", "fax", "-o", tmp_path / "x.docx")
    assert r.code == 2 and "fax" in r.err and not (tmp_path / "x.docx").exists()


CONSULT = PLANS / "2012-平湖市-工作要点-征求意见稿.yaml"


def test_a_units_link_is_printed_in_its_consult_notice(tmp_path):
    """Each unit of an online consultation can be sent a consult notice carrying its own link."""
    import docx

    link = "http://127.0.0.1:8000/c/Zx8-unit-token"
    assert run_cli("render", CONSULT, "--as", "consult", "--link", link, "-o", tmp_path / "unit.docx").code == 0
    assert run_cli("render", CONSULT, "--as", "consult", "-o", tmp_path / "plain.docx").code == 0
    texts = [p.text for p in docx.Document(str(tmp_path / "unit.docx")).paragraphs]
    assert "在线填写意见：" + link in texts
    assert not any("在线填写意见" in p.text for p in docx.Document(str(tmp_path / "plain.docx")).paragraphs)


def test_a_link_needs_the_consult_notice(tmp_path):
    r = run_cli("render", CONSULT, "--link", "http://x/c/t", "-o", tmp_path / "x.docx")
    assert r.code == 2 and "--as consult" in r.err and not (tmp_path / "x.docx").exists()


def test_the_link_is_printed_when_the_notice_body_names_the_phone_itself(tmp_path):
    """An office's own notice text that gives the phone number keeps its wording (no second
    contact block), and each unit's link is still printed under it."""
    import docx

    from drafter.readers import read
    from drafter.writers.yaml import dump

    plan = read(CONSULT).plan
    plan.notice.body += "\n\n联系人：沈羽，电话：%s。" % plan.notice.phone
    src = tmp_path / "plan.yaml"
    src.write_text(dump(plan), encoding="utf-8")
    link = "http://127.0.0.1:8000/c/Zx8-unit-token"
    assert run_cli("render", src, "--as", "consult", "--link", link, "-o", tmp_path / "unit.docx").code == 0
    texts = [p.text for p in docx.Document(str(tmp_path / "unit.docx")).paragraphs]
    assert "在线填写意见：" + link in texts
    assert sum(plan.notice.phone in t for t in texts) == 1 and not any(t.startswith("联系电话") for t in texts)
