"""drafter.yamlio: the one home of the ruamel round trip — edits that keep the drafter's file,
positions, review comments, "dump, re-load, then write", and a model free of ruamel objects."""
from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import yamlio
from drafter.errors import DrafterError
from drafter.model import Item, Plan
from drafter.readers.yaml import loads

ROOT = Path(__file__).resolve().parents[1]
PLANS = sorted((ROOT / "plans").glob("*.yaml"))

HAND = textwrap.dedent("""\
    # a drafter's file: comments, quotes and a block to keep
    format: 1
    title: "2017年工作要点"   # quoted on purpose
    issuer: 某市卫生健康委员会
    # the sections follow
    sections:
      - title: 深化改革   # section comment
        text: |-
          第一段。

          第二段。
        items:
          - {title: 流式条目, lead: [办公室]}
          - title: 块式条目
            deadline: '6月底前'
    notice:
      kind: issue
      doc_number: 某卫发〔2017〕3号   # 文号
      date: 2017-03-09
      plan_as: text
    """)


def roundtrip(text: str) -> tuple[yamlio.Document, str]:
    doc = loads(text, "hand.yaml")
    return doc, yamlio.dump_tree(doc.tree)


def test_untouched_tree_dumps_byte_identical():
    doc, out = roundtrip(HAND)
    assert out == HAND


def test_insert_after_keeps_comments_and_order():
    doc, _ = roundtrip(HAND)
    yamlio.insert_after(doc.tree, ("format", "title"), "year", 2018)
    notice = doc.tree["notice"]
    yamlio.insert_after(notice, ("kind", "title", "doc_number"), "recipients", yamlio.flow_list(["各县区"]))
    yamlio.insert_after(notice, ("no-such-key",), "printed_by", "办公室")  # none there: goes first
    out = yamlio.dump_tree(doc.tree)
    assert list(doc.tree)[:4] == ["format", "title", "year", "issuer"]
    assert list(notice) == ["printed_by", "kind", "doc_number", "recipients", "date", "plan_as"]
    expected = (HAND.replace('# quoted on purpose\n', '# quoted on purpose\nyear: 2018\n')
                .replace("  kind: issue\n", "  printed_by: 办公室\n  kind: issue\n")
                .replace("# 文号\n", "# 文号\n  recipients: [各县区]\n"))
    assert out == expected
    assert loads(out).plan.year == 2018


def test_keep_style_edit_changes_only_the_value():
    doc, _ = roundtrip(HAND)
    sec = doc.tree["sections"][0]
    sec["text"] = yamlio.scalar_like(sec["text"], "第一段改。\n\n第二段。")
    doc.tree["title"] = yamlio.scalar_like(doc.tree["title"], "2018年工作要点")
    block = sec["items"][1]
    block["deadline"] = yamlio.scalar_like(block["deadline"], "9月底前")
    doc.tree["issuer"] = yamlio.scalar_like(doc.tree["issuer"], "某县卫生健康局")  # plain stays plain
    out = yamlio.dump_tree(doc.tree)
    assert out == (HAND.replace("第一段。", "第一段改。").replace('"2017年工作要点"', '"2018年工作要点"')
                   .replace("'6月底前'", "'9月底前'").replace("某市卫生健康委员会", "某县卫生健康局"))


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co")), min_size=1, max_size=30)
       .filter(lambda s: s.strip() == s))
def test_keep_style_edit_reads_back_as_the_new_value(new):
    """Whatever the new text, a quoted or block scalar keeps its style and reads back as it."""
    doc, _ = roundtrip(HAND)
    for container, key in ((doc.tree, "title"), (doc.tree["sections"][0]["items"][1], "deadline")):
        container[key] = yamlio.scalar_like(container[key], new)
    again = yamlio.make_yaml().load(yamlio.dump_tree(doc.tree))
    assert again["title"] == new and again["sections"][0]["items"][1]["deadline"] == new


def test_positions_and_the_node_map():
    doc = loads(HAND, "hand.yaml")
    lines = HAND.split("\n")
    tree = doc.tree
    line, col = yamlio.key_position(tree, "issuer")
    assert lines[line][col:].startswith("issuer:")
    line, col = yamlio.value_position(tree, "title")
    assert lines[line][col:].startswith('"2017年工作要点"')
    items = tree["sections"][0]["items"]
    line, col = yamlio.value_position(items, 1)
    assert lines[line][col:].startswith("title: 块式条目")
    assert yamlio.key_position(tree, "no-such-key") is None
    assert yamlio.node_position(object()) is None
    section = doc.plan.sections[0]
    flow, block = section.items
    assert doc.node_of(section) is tree["sections"][0]
    assert doc.node_of(flow) is items[0] and yamlio.is_flow(items[0])
    assert doc.node_of(block) is items[1] and not yamlio.is_flow(items[1])
    assert doc.node_of(doc.plan) is tree and doc.node_of(doc.plan.notice) is tree["notice"]
    for item in (section, flow, block):  # the model keeps the same place, as plain numbers
        line, col = yamlio.node_position(doc.node_of(item))
        assert (item.source.line, item.source.column) == (line + 1, col + 1)
    assert doc.node_of(Item(title=section.title)) is None  # an equal copy is not the loaded item


def test_review_comments_go_beside_values_and_strip_again():
    doc, _ = roundtrip(HAND)
    notes = yamlio.ReviewNotes("rollover")
    sec = doc.tree["sections"][0]
    notes.add(doc.tree, "issuer", "检查发文机关")
    notes.add(doc.tree, "issuer", "检查发文机关")  # once only
    notes.add(doc.tree, "title", "2017→2018")  # after the comment already there
    notes.add(sec, "text", "targets: 两段")  # a block: on a line of its own before the key
    notes.write()
    out = yamlio.dump_tree(doc.tree)
    assert "issuer: 某市卫生健康委员会  # rollover: 检查发文机关\n# the sections follow\n" in out
    assert '# quoted on purpose  # rollover: 2017→2018\n' in out
    assert "    # rollover: targets: 两段\n    text: |-\n" in out
    assert out.count("检查发文机关") == 1
    assert loads(out).plan == loads(HAND).plan
    assert yamlio.strip_comments(out, "rollover") == HAND


def test_reload_refuses_text_that_does_not_load():
    with pytest.raises(DrafterError, match=r"^p\.yaml: the edits would break the plan \(.*\); nothing was written$"):
        yamlio.reload("title: x\nsections: [\n", "p.yaml", "the edits")
    doc = yamlio.reload(HAND, "p.yaml")
    assert doc.plan.title == "2017年工作要点"


def test_write_checked_leaves_the_file_untouched_when_the_text_does_not_reload(tmp_path):
    out = tmp_path / "plan.yaml"
    out.write_text(HAND, encoding="utf-8")
    before = out.read_bytes()
    with pytest.raises(DrafterError, match="would break the plan"):
        yamlio.write_checked(out, "title: x\nsections: 3\n")
    assert out.read_bytes() == before
    other = loads(HAND).plan
    other.title = "另一个标题"
    with pytest.raises(DrafterError, match="would not read back as the same plan"):
        yamlio.write_checked(out, HAND, "the dump", expect=other)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]  # no temp file left
    new = HAND.replace("深化改革", "深化医改")
    doc = yamlio.write_checked(out, new, expect=loads(new).plan)
    assert out.read_text(encoding="utf-8") == new and doc.plan.sections[0].title == "深化医改"


# the model holds no ruamel objects ------------------------------------------------------------

def test_model_module_imports_no_ruamel():
    code = "import sys, drafter.model; print([m for m in sys.modules if m.startswith('ruamel')])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert "ruamel" not in (ROOT / "drafter" / "model.py").read_text(encoding="utf-8").replace(
        "holds no ruamel objects", "")


def ruamel_objects(obj, path="plan"):
    """(path, type) of every value under a model object whose type is ruamel's."""
    if type(obj).__module__.startswith("ruamel"):
        yield path, type(obj).__qualname__
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from ruamel_objects(getattr(obj, f.name), "%s.%s" % (path, f.name))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from ruamel_objects(k, "%s key %r" % (path, k))
            yield from ruamel_objects(v, "%s[%r]" % (path, k))
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from ruamel_objects(v, "%s[%d]" % (path, i))


ODD = HAND + textwrap.dedent("""\
    status: &st "final"
    meta:
      quoted: "x"
      block: |-
        two
        lines
      when: 2017-03-09 10:00:00+08:00
      day: 2017-03-09
      flag: &f true
      again: *f
      number: 0x1f
      ratio: 1.50
      tagged: !note 备注
      nested: {a: [1, 'b', {c: ~}]}
    """)


@pytest.mark.parametrize("path", PLANS + ["<odd>"], ids=lambda p: getattr(p, "name", p))
def test_a_loaded_plan_holds_no_ruamel_objects(path):
    text = ODD if path == "<odd>" else Path(path).read_text(encoding="utf-8")
    doc = loads(text, str(path))
    assert list(ruamel_objects(doc.plan)) == []
    fast = loads(text, str(path), editable=False)
    assert fast.plan == doc.plan


def test_odd_meta_reads_as_plain_python():
    meta = loads(ODD).plan.meta
    assert meta["quoted"] == "x" and type(meta["quoted"]) is str
    assert meta["block"] == "two\nlines" and meta["number"] == 31 and type(meta["number"]) is int
    assert meta["flag"] is True and meta["again"] is True and meta["tagged"] == "备注"
    assert meta["day"] == dt.date(2017, 3, 9) and type(meta["when"]) is dt.datetime
    assert meta["nested"] == {"a": [1, "b", {"c": None}]}
