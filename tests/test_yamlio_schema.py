"""drafter.schema: one field table drives both the YAML reader and the YAML writer.

The law: every field of every table round-trips, `load(dump(x)) == x`, and is written exactly
when it differs from the model's default (or always, when the table says so).  A field added
to the table with a kind no generator here knows fails `test_every_kind_has_a_generator`.
"""
from __future__ import annotations

import ast
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import schema
from drafter.errors import InputError
from drafter.model import Item, Notice, Numbering, Plan
from drafter.readers.yaml import loads
from drafter.writers.yaml import dump, plan_to_yaml
from helpers import ROOT


chars = st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co"))
line = st.text(chars, min_size=1, max_size=24).map(str.strip).filter(bool)
paragraphs = st.lists(line, min_size=1, max_size=3).map("\n\n".join)
names = st.lists(line, max_size=3)
styles = st.sampled_from(["一、", "（一）", "1.", "（1）", "(一)", "1．", "第一", "一."])

KINDS = {
    "str": line,
    "text": paragraphs,
    "int": st.integers(1900, 2100),
    "bool": st.booleans(),
    "strlist": names,
    "date": st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31))),
    "id": st.from_regex(r"[A-Za-z0-9_\-]{1,32}", fullmatch=True),
    "items": st.lists(st.builds(Item, title=line), max_size=3),
    "notice": st.builds(Notice, kind=st.sampled_from(["issue", "consult"])),
    "numbering": st.builds(Numbering, levels=st.lists(styles, min_size=1, max_size=4),
                           continuous=st.lists(st.booleans(), max_size=4)),
    "mapping": st.dictionaries(st.from_regex(r"k[a-z]{0,6}", fullmatch=True),
                               st.one_of(line, st.integers(-10**6, 10**6)), max_size=3),
    "stylelist": st.lists(styles, min_size=1, max_size=4),
    "boollist": st.lists(st.booleans(), max_size=4),
}


def value_of(f: schema.Field):
    return st.sampled_from(f.choices) if f.kind == "enum" else KINDS[f.kind]


def holder(table: str, f: schema.Field, value) -> tuple[Plan, object]:
    """A minimal valid plan with `value` set on the object the table describes."""
    plan = Plan(title="某年工作要点", sections=[Item(title="一项工作")])
    target = {"plan": plan, "item": plan.sections[0], "notice": None, "numbering": None}[table]
    if table == "notice":
        plan.notice = target = Notice()
    elif table == "numbering":
        plan.numbering = target = Numbering()
    setattr(target, f.attr, value)
    return plan, target


FIELDS = [(t, f) for t, table in schema.TABLES.items() for f in table.values() if f.attr]


def test_every_kind_has_a_generator():
    kinds = {f.kind for table in schema.TABLES.values() for f in table.values()}
    assert kinds - {"enum"} <= set(KINDS), "a new kind needs a generator here (and in the reader)"


def test_table_defaults_are_the_models():
    assert schema.PLAN["status"].default == Plan().status == "final"
    assert schema.PLAN["numbering"].default == Numbering()
    assert schema.ITEM["id"].default is None and schema.ITEM["lead"].default == []
    assert schema.NOTICE["plan_as"].default == "text" and schema.PLAN["format"].attr is None
    for name, table in schema.TABLES.items():  # every model attribute but `source` is in the table
        model = {"plan": Plan, "item": Item, "notice": Notice, "numbering": Numbering}[name]
        attrs = set(model.__dataclass_fields__) - {"source"}
        assert attrs == {f.attr for f in table.values() if f.attr}, name


@pytest.mark.parametrize("table,f", FIELDS, ids=["%s.%s" % (t, f.name) for t, f in FIELDS])
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_every_field_round_trips_and_is_written_only_when_set(table, f, data):
    value = data.draw(value_of(f))
    plan, target = holder(table, f, value)
    text = dump(plan)
    again = loads(text, "law.yaml").plan
    assert again == plan
    tree = plan_to_yaml(plan)
    node = {"plan": tree, "item": (tree["sections"] or [None])[0], "notice": tree.get("notice"),
            "numbering": tree.get("numbering")}[table]
    written = node is not None and f.name in node
    if table == "numbering" and plan.numbering == Numbering():
        assert node is None  # the default numbering is left out whole
    else:
        assert written == (f.always or value != f.default)
    if written:  # in table order
        assert [k for k in node if k in schema.TABLES[table]] == [k for k in schema.TABLES[table] if k in node]


def test_writer_keys_follow_the_table_order():
    plan = Plan(title="题", year=2018, issuer="委", status="draft", preamble="前言。",
                numbering=Numbering(["一、"], [False]), offices=["办公室"],
                sections=[Item(title="项", text="文。", id="k3f9", heading=True, tag="标", lead=["甲"],
                               support=["乙"], deadline="年底", status="done",
                               numbering=Numbering(), items=[Item(title="子")])],
                closing="结语。", notice=Notice(title="通知", doc_number="号", recipients=["各单位"],
                                              body="正文。", issuer="委", date=dt.date(2018, 1, 2),
                                              plan_as="attachment", disclosure="主动公开", cc=["丙"],
                                              printed_by="办", printed_on=dt.date(2018, 1, 3),
                                              deadline=dt.date(2018, 2, 1), contact="张", phone="1",
                                              email="a@b.c", attachments=["附件"], seal=True,
                                              copy_number="000001", secrecy="秘密", urgency="加急",
                                              attach_tasks=True, letter=True,
                                              co_issuers=["财政局"]),
                meta={"k": "v"})
    tree = plan_to_yaml(plan)
    assert list(tree) == list(schema.PLAN)
    assert list(tree["sections"][0]) == list(schema.ITEM)
    assert list(tree["notice"]) == list(schema.NOTICE)
    assert loads(dump(plan)).plan == plan


def test_reader_and_writer_both_follow_the_table(monkeypatch):
    """Take a field out of the table: the writer stops writing it and the reader refuses it."""
    text = dump(Plan(title="题", sections=[Item(title="项", tag="（重点项目）")]))
    assert "tag: （重点项目）" in text
    monkeypatch.delitem(schema.ITEM, "tag")
    assert "tag:" not in dump(Plan(title="题", sections=[Item(title="项", tag="（重点项目）")]))
    with pytest.raises(InputError) as e:
        loads(text, "p.yaml")
    assert [(f.code, f.path) for f in e.value.findings] == [("unknown-key", "sections[0].tag")]
    monkeypatch.setitem(schema.PLAN, "title", schema.Field("title", "str", "line", always=True,
                                                          attr="title", default=""))
    assert loads("sections: []\n").plan.title == ""  # no longer required


def test_readers_never_import_writers():
    """The layering rule this table made possible: readers/yaml.py reads the schema, not the writer."""
    for path in (ROOT / "drafter" / "readers").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = ("." * node.level) + (node.module or "")
                assert "writers" not in target.split("."), "%s imports %s" % (path.name, target)
