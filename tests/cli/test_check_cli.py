"""`drafter check` from the command line: exit codes, grouping, JSON, --rule/--ignore/--fail-on,
--fix with a .bak and comments kept, and documents (text in any encoding, .docx)."""
from __future__ import annotations

import json

import pytest

from helpers import seed_path
from helpers.sample_plan import plan_text


def write(tmp_path, text: str, name: str = "plan.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_clean_plan_exits_0(tmp_path, cli):
    r = cli("check", write(tmp_path, plan_text()))
    assert r.code == 0 and "ok, no findings" in r.out


def test_errors_exit_1_grouped_by_severity_with_counts(tmp_path, cli):
    p = write(tmp_path, plan_text(doc_number="钦卫发[2019]14号", text="落实办法,严格实行。"))
    r = cli("check", p)
    assert r.code == 1
    assert r.out.index("错误 errors (1)") < r.out.index("警告 warnings (1)")
    assert "doc-number" in r.out and "[fixable]" in r.out and "1 error, 1 warning" in r.out


def test_fail_on_and_ignore(tmp_path, cli):
    p = write(tmp_path, plan_text(text="落实办法,严格实行。"))
    assert cli("check", p).code == 0  # a warning is below the default --fail-on error
    assert cli("check", p, "--fail-on", "warning").code == 1
    assert cli("check", p, "--fail-on", "warning", "--ignore", "punct-halfwidth").code == 0
    assert cli("check", p, "--fail-on", "warning", "--ignore", "punct").code == 0


def test_rule_selects_codes_and_unknown_codes_are_refused(tmp_path, cli):
    p = write(tmp_path, plan_text(doc_number="钦卫发[2019]14号", text="落实办法,严格实行。"))
    data = json.loads(cli("check", p, "--format", "json", "--rule", "punct-halfwidth").out)
    assert [f["code"] for f in data] == ["punct-halfwidth"]
    data = json.loads(cli("check", p, "--format", "json", "--rule", "doc-number,punct").out)
    assert sorted(f["code"] for f in data) == ["doc-number", "punct-halfwidth"]
    r = cli("check", p, "--rule", "no-such-rule")
    assert r.code == 2 and "--list-rules" in r.err


def test_json_is_the_list_of_located_findings(tmp_path, cli):
    p = write(tmp_path, plan_text(doc_number="钦卫发[2019]14号"))
    r = cli("check", p, "--format", "json")
    assert r.code == 1
    [f] = json.loads(r.out)
    assert {"level", "code", "message", "file", "line", "column", "path", "fix"} <= set(f)
    assert (f["code"], f["level"], f["path"]) == ("doc-number", "error", "notice.doc_number")
    line = p.read_text(encoding="utf-8").split("\n")[f["line"] - 1]
    assert line[f["column"] - 1] == "["
    assert f["fix"]["edits"][0]["new"] == "〔2019〕14"


def test_fix_rewrites_in_place_keeps_comments_and_a_backup(tmp_path, cli):
    text = plan_text(doc_number="钦卫发[2019]第014号", text="落实办法,严格实行。").replace("      - id: a2\n        title", "      - title")
    p = write(tmp_path, text)
    r = cli("check", p, "--fix")
    assert r.code == 0, r.out
    assert "fixed:" in r.out and "doc-number" in r.out and "assigned ID" in r.out
    new = p.read_text(encoding="utf-8")
    assert (tmp_path / "plan.yaml.bak").read_text(encoding="utf-8") == text
    assert "钦卫发〔2019〕14号" in new and "落实办法，严格实行。" in new
    assert "# a drafter's comment" in new and "# section comment" in new
    assert cli("check", p, "--fail-on", "info").code == 0


def test_fix_refuses_documents_and_leaves_them_alone(tmp_path, cli):
    doc = write(tmp_path, "2019年全市卫生健康工作要点\n一、甲\n一、乙\n", "plan.txt")
    before = doc.read_bytes()
    r = cli("check", doc, "--fix")
    assert r.code == 2 and "YAML only" in r.err
    assert doc.read_bytes() == before


def test_unusable_input_exits_2(tmp_path, cli):
    r = cli("check", tmp_path / "missing.yaml")
    assert r.code == 2 and "no such file" in r.err
    bad = write(tmp_path, "title: [unclosed\n")
    r = cli("check", bad, "--format", "json")
    assert r.code == 2 and json.loads(r.out)[0]["code"] == "yaml-syntax"
    assert "Traceback" not in r.err + r.out


def test_document_in_gb18030_is_checked_by_paragraph(tmp_path, cli):
    text = "2012年全市卫生工作要点\n一、指导思想\n正文,内容。\n一、主要任务\n1、任务。\n"
    p = tmp_path / "plan.txt"
    p.write_bytes(text.encode("gb18030"))
    r = cli("check", p, "--format", "json")
    data = json.loads(r.out)
    assert r.code == 1
    repeat = [f for f in data if f["code"] == "numbering-repeat"]
    assert repeat and repeat[0]["paragraph"] == 4
    assert any(f["code"] == "punct-halfwidth" and f["paragraph"] == 3 for f in data)


@pytest.mark.libreoffice  # check lays a .docx out to read its page rules
def test_docx_written_by_hand_is_checked(tmp_path, cli):
    import docx

    d = docx.Document()
    for para in ["2019年全市卫生健康工作要点", "一、坚持党的全面领导", "（一）加强建设。正文。",
                 "（三）推进改革。正文。", "二、落实健康工程", "（四）推进建设。落实“三医联动。"]:
        d.add_paragraph(para)
    p = tmp_path / "plan.docx"
    d.save(str(p))
    r = cli("check", p, "--format", "json")
    data = json.loads(r.out)
    assert r.code == 1, r.err
    assert {(f["code"], f["paragraph"]) for f in data if f["code"].startswith(("numbering", "punct"))} == {
        ("numbering-gap", 4), ("punct-unbalanced", 6)}


def test_seed_004_through_the_cli(cli):
    r = cli("check", seed_path("004"), "--format", "json")
    data = json.loads(r.out)
    assert r.code == 1
    assert "numbering-repeat" in {f["code"] for f in data}
    # the importer's own note on the same repeat is not shown twice
    assert "repeated-number" not in {f["code"] for f in data}


def test_list_rules(cli):
    r = cli("check", "--list-rules")
    assert r.code == 0 and "doc-number" in r.out and "[fixable]" in r.out


def test_fix_keeps_the_files_encoding_and_line_endings(tmp_path, cli):
    text = plan_text(doc_number="钦卫发[2019]14号", text="落实办法,严格实行。")
    p = tmp_path / "plan.yaml"
    p.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    r = cli("check", p, "--fix")
    assert r.code == 0, r.out + r.err
    want = text.replace("钦卫发[2019]14号", "钦卫发〔2019〕14号").replace("办法,严格", "办法，严格")
    assert p.read_bytes() == want.replace("\n", "\r\n").encode("gb18030")
