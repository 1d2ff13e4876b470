"""Fuzzing every reader, the diff, the renderer and the CLI with hostile input (issue 10).

The one property: every run ends in a result or a clean `DrafterError` (on the command line:
`drafter: error: …`, exit 2) — never an unexpected exception, never a hang.  Inputs are random
bytes, random Unicode (control characters, lone surrogates, U+FFFE, combining marks, RTL
marks), the seeds and rendered .docx truncated and mutated at random offsets, generated
.docx XML with odd numbering definitions, deep and aliased YAML, and random plans.

Budgets scale with the hypothesis profile: `ci` (the default, a few minutes) and `long`
(`make fuzz`).  A hang is caught by faulthandler's watchdog, which dumps every thread's stack
and ends the run (a timeout used as a hang detector, not a speed limit).  With
DRAFTER_FUZZ_COUNTS=<file> the number of inputs tried per target is added to that JSON file.
"""
from __future__ import annotations

import contextlib
import faulthandler
import io
import json
import os
import random
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from helpers import PLANS, SEED_FILES, SEEDS, run_cli
from helpers.wordml import NS, package, rezip
from drafter.errors import DrafterError, InputError

HANG_SECONDS = int(os.environ.get("DRAFTER_FUZZ_HANG_SECONDS", "300"))
COUNTS: Counter = Counter()


def budget(n: int) -> dict:
    """`n` examples under the ci profile, scaled by the active profile's max_examples."""
    scale = settings().max_examples / 100
    return dict(max_examples=max(1, int(n * scale)), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture, HealthCheck.large_base_example])


@contextlib.contextmanager
def guarded(target: str):
    """Count one input for `target`, and end the whole run with every stack dumped if the
    input hangs."""
    COUNTS[target] += 1
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True, file=_hang_log())
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


_HANG_LOG = []


def _hang_log():
    """Where the watchdog writes the stacks of a hung input (pytest captures stderr, and the
    process ends before it could show them)."""
    if not _HANG_LOG:
        import tempfile

        path = os.environ.get("DRAFTER_FUZZ_HANG_LOG") or os.path.join(tempfile.gettempdir(),
                                                                      "drafter-fuzz-hang.log")
        _HANG_LOG.append(open(path, "w"))
    return _HANG_LOG[0]


@pytest.fixture(scope="module", autouse=True)
def _record_counts():
    yield
    out = os.environ.get("DRAFTER_FUZZ_COUNTS")
    if not out:
        return
    path = Path(out)
    total = Counter(json.loads(path.read_text()) if path.exists() else {})
    total.update(COUNTS)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(sorted(total.items())), indent=1))


@pytest.fixture(autouse=True)
def _debug(monkeypatch):
    """A bug must surface as a test failure, not as the CLI's polite 'this is a bug' line."""
    monkeypatch.setenv("DRAFTER_DEBUG", "1")


# Hostile text ------------------------------------------------------------------------------

NASTY = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\ud800", "\udfff",
         "\udc80", "\ufffe", "\uffff", "\ufeff", "\ufffd", "\u0301", "\u20dd", "\u0e49", "\u200b", "\u200d",
         "\u200e", "\u200f", "\u202e", "\u2066", "\u2028", "\u2029", "\u3000", "\xa0", "\r", "\r\n",
         "\n", "\n\n", "\t", " ", "\U0001f600", "\U00020000", "\U000e0001", "\U0010ffff",
         "\u0627\u0644\u0635\u062d\u0629", "\u05e9\u05dc\u05d5\u05dd", "%s", "{{ x }}", "{%", "${x}",
         "&amp;", "<w:t>", "]]>", "\\", "'", '"', "#", ": ", "- ", "&a", "*a", "!!python/object", "---",
         "...", "|", ">", "@", "`", "%1.", "²"]
WORDS = list("一二三四五六七八九十百千零〇两（）()、，。；：！？“”‘’《》【】〔〕…—·%％年月日号第") + [
    "卫生健康", "卫生计生", "工作要点", "医政医管科", "财务科", "疾控科", "牵头", "责任单位", "配合", "通知",
    "关于印发", "的通知", "各县市区卫生健康局", "委机关各科室", "衛生健康", "醫療", "工作", "推进", "完善",
    "30%", "40％", "10个百分点", "2017年", "2018年3月9日", "二〇一八年三月九日", "2017-03-09", "12345",
    "１２３", "ＡＢＣ", "ABC", "abc"]
LABELS = ["", "", "", "一、", "二、", "十一、", "（一）", "(二)", "（三十六）", "1.", "2．", "3、", "12.", "（1）",
          "(2)", "①", "⑴", "⒈", "第一，", "第二部分", "附件：", "附件1", "附件：1.", "抄送：", "印发",
          "卫发〔2017〕3号", "衡卫发[2017]3号", "2017年3月9日", "牵头单位：", "责任单位：", "同志们，",
          "（此件公开发布）", "（联系人：", "征求意见稿", "各县市区卫生健康局：", "关于印发2017年全市卫生计生工作要点的通知"]

ANY_CHAR = st.characters(exclude_categories=())  # includes lone surrogates
fragment = st.one_of(st.sampled_from(NASTY), st.sampled_from(WORDS), st.sampled_from(WORDS),
                     st.text(ANY_CHAR, max_size=4))
hostile = st.lists(fragment, max_size=24).map("".join)
clean_fragment = st.one_of(st.sampled_from(WORDS), st.sampled_from(NASTY).filter(lambda s: s.isprintable()))
line = st.tuples(st.sampled_from(LABELS), hostile).map("".join)
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]


def encode(text: str, encoding: str) -> bytes:
    """`text` in `encoding`, characters it cannot hold replaced (lone surrogates pass through
    in UTF-8 as the invalid bytes a broken tool would write)."""
    if encoding.startswith("utf-8"):
        return text.encode(encoding, "surrogatepass")
    return text.encode(encoding, "replace")


@st.composite
def text_files(draw) -> bytes:
    lines = draw(st.lists(line, max_size=40))
    endings = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=3))
    text = "".join(ln + endings[i % len(endings)] for i, ln in enumerate(lines))
    return encode(text, draw(st.sampled_from(ENCODINGS)))


# Seeds, plans and rendered documents -------------------------------------------------------

def _seed_bytes() -> list[bytes]:
    return [(SEEDS / name).read_bytes() for name in SEED_FILES.values() if (SEEDS / name).exists()]


SEED_BYTES = _seed_bytes()
PLAN_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(PLANS.glob("*.yaml"))]


def _rendered() -> list[bytes]:
    """Real drafter output (notice, plan) for two seed plans, as the docx fuzz corpus."""
    from drafter import readers
    from drafter.writers.docx import render

    out = []
    for path in sorted(PLANS.glob("*.yaml"))[:3]:
        plan = readers.read(path).plan
        buf = io.BytesIO()
        render(plan, findings=[]).save(buf)
        out.append(buf.getvalue())
    return out


_RENDERED: list[bytes] = []


def rendered_docx(draw) -> bytes:
    """One of the rendered seed documents (chosen by index: the bytes are too long to print)."""
    if not _RENDERED:
        _RENDERED.extend(_rendered())
    return _RENDERED[draw(st.integers(0, len(_RENDERED) - 1))]


def mutate_text(draw, text: str) -> str:
    """A few random edits: insert hostile text, delete a stretch, cut the end, repeat a stretch."""
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "truncate", "repeat"]))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 200)))
        if op == "insert":
            text = text[:i] + draw(hostile) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "truncate":
            text = text[:i]
        else:
            text = text[:j] + text[i:j] * draw(st.integers(1, 5)) + text[j:]
    return text


def mutate_bytes(draw, data: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        i = draw(st.integers(0, len(data)))
        if op == "flip" and i < len(data):
            data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
        elif op == "insert":
            data = data[:i] + draw(st.binary(min_size=1, max_size=16)) + data[i:]
        elif op == "delete":
            data = data[:i] + data[i + draw(st.integers(1, 64)):]
        else:
            data = data[:i]
    return data


def ok_or_clean(fn, *args, **kwargs):
    """Run `fn`; a DrafterError with a message is a clean refusal (returns None)."""
    try:
        return fn(*args, **kwargs)
    except DrafterError as e:
        assert e.message and "Traceback" not in e.message
        return None


# YAML loader -------------------------------------------------------------------------------

def load_and_dump_back(text: str):
    """loads; when the plan is valid, its canonical YAML must load back as the same plan."""
    from drafter.readers.yaml import loads
    from drafter.writers.yaml import dump

    doc = ok_or_clean(loads, text, "fuzz.yaml")
    fast = ok_or_clean(loads, text, "fuzz.yaml", editable=False)  # render's and diff's fast path
    if doc is None:
        assert fast is None, "the fast path accepted what the careful loader refuses"
        return None
    assert fast is not None and fast.plan == doc.plan
    again = loads(dump(doc.plan), "again.yaml").plan
    assert again == doc.plan
    return doc


@settings(**budget(150))
@given(st.one_of(st.text(ANY_CHAR, max_size=300), hostile,
                 st.lists(st.tuples(st.sampled_from(["", "  ", "    ", "- ", "  - "]),
                                    st.sampled_from(["title: ", "sections:", "items:", "text: ", "format: 1",
                                                     "year: ", "notice:", "lead: ", "numbering:", "meta:",
                                                     "- ", "id: ", "&a ", "*a", "<<: *a", "!!binary ", "? "]),
                                    hostile).map("".join)).map("\n".join)))
def test_yaml_loader_random_text(text):
    with guarded("yaml: random text"):
        load_and_dump_back(text)


@st.composite
def mutated_plans(draw) -> str:
    assume(PLAN_TEXTS)
    return mutate_text(draw, draw(st.sampled_from(PLAN_TEXTS)))


@settings(**budget(60))
@given(mutated_plans())
def test_yaml_loader_mutated_seed_plans(text):
    with guarded("yaml: mutated seed plans"):
        load_and_dump_back(text)


yaml_scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(), hostile,
                        st.dates(), st.sampled_from(WORDS))


def _yaml_value(children):
    return st.one_of(st.lists(children, max_size=4),
                     st.dictionaries(st.sampled_from(["title", "text", "items", "id", "lead", "support",
                                                      "heading", "tag", "deadline", "status", "numbering",
                                                      "levels", "continuous", "x", "", "标题"]),
                                     children, max_size=5))


@st.composite
def structured_plans(draw) -> str:
    """Plan-shaped data with random types in every field, written as YAML."""
    from ruamel.yaml import YAML

    value = st.recursive(yaml_scalar, _yaml_value, max_leaves=25)
    keys = ["format", "title", "year", "issuer", "status", "preamble", "numbering", "sections", "closing",
            "offices", "notice", "meta", "unknown"]
    tree = {}
    for k in draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys))):
        tree[k] = draw(value)
    if draw(st.booleans()):
        tree["title"] = draw(hostile)
        tree["sections"] = draw(st.lists(st.fixed_dictionaries(
            {"title": hostile}, optional={"items": st.lists(st.fixed_dictionaries(
                {"title": hostile}, optional={"text": hostile, "lead": st.lists(hostile, max_size=3),
                                              "id": st.text("abcxyz019_-", min_size=1, max_size=6)}),
                max_size=4), "text": value}), max_size=4))
    if draw(st.booleans()):
        tree["notice"] = draw(st.dictionaries(st.sampled_from(
            ["kind", "title", "doc_number", "recipients", "body", "issuer", "date", "plan_as", "cc",
             "printed_on", "deadline", "attachments", "phone"]), value, max_size=6))
    buf = io.StringIO()
    y = YAML(typ="safe", pure=True)
    y.allow_unicode = draw(st.booleans())
    try:
        y.dump(tree, buf)
    except Exception:  # the dumper cannot write some values (e.g. lone surrogates); skip them
        assume(False)
    return buf.getvalue()


@settings(**budget(120))
@given(structured_plans())
def test_yaml_loader_structured_plans(text):
    with guarded("yaml: structured plans"):
        load_and_dump_back(text)


@st.composite
def alias_bombs(draw) -> str:
    """Billion-laughs YAML, aliases at random places: meta, the item list, an item's items,
    offices; sometimes a self-referencing (recursive) node."""
    width = draw(st.integers(2, 12))
    depth = draw(st.integers(1, 9))
    where = draw(st.sampled_from(["meta", "sections", "items", "lead", "recursive-items",
                                  "recursive-sections", "merge"]))
    if where == "recursive-items":
        return "title: x\nsections:\n  - &s\n    title: a\n    items: [*s]\n"
    if where == "recursive-sections":
        return "title: x\nsections: &l [{title: a, items: *l}]\n"
    if where == "merge":
        lines = ["title: x", "meta:", "  a0: &a0 {k: v}"]
        lines += ["  a%d: &a%d {%s}" % (i, i, ", ".join("<<: *a%d" % (i - 1) for _ in range(1))) for i in range(1, depth)]
        return "\n".join(lines) + "\nsections: []\n"
    leaf = {"meta": "x", "sections": "{title: t}", "items": "{title: t}", "lead": "科"}[where]
    lines = ["defs:", "  - &a0 [%s]" % ", ".join([leaf] * width)]
    for i in range(1, depth):
        lines.append("  - &a%d [%s]" % (i, ", ".join("*a%d" % (i - 1) for _ in range(width))))
    top = "*a%d" % (depth - 1)
    body = {"meta": "meta: {big: %s}\nsections: []" % top,
            "sections": "sections: %s" % top,
            "items": "sections:\n  - title: s\n    items: %s" % top,
            "lead": "sections:\n  - title: s\n    items:\n      - title: t\n        lead: %s" % top}[where]
    return "\n".join(lines) + "\ntitle: x\n" + body + "\n"


@settings(**budget(30))
@given(alias_bombs())
def test_yaml_alias_bombs_are_bounded(text):
    from drafter.readers.yaml import loads

    note(text)
    with guarded("yaml: alias bombs"):
        ok_or_clean(loads, text, "bomb.yaml")


def test_a_yaml_library_warning_is_a_located_finding_not_stderr_noise(tmp_path):
    """ruamel warns about an anchor defined twice on stderr, in Python's words; drafter says it
    as a finding with the place, through the real entry point (pytest would swallow warnings)."""
    import subprocess
    import sys

    p = tmp_path / "dup.yaml"
    p.write_text("title: &a 工作要点\nsections:\n  - title: &a 医改\n    id: k3f9\n", encoding="utf-8")
    for command in ("check", "render"):
        args = [command, str(p)] + (["-o", str(tmp_path / "o.docx")] if command == "render" else [])
        r = subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, text=True,
                           timeout=HANG_SECONDS)
        assert r.returncode == 0, r.stderr
        assert "Warning:" not in r.stderr and ".py:" not in r.stderr, r.stderr
        assert "dup.yaml:3:" in r.stdout + r.stderr and "duplicate anchor" in r.stdout + r.stderr


@settings(**budget(12))
@given(st.integers(10, 4000), st.sampled_from(["flow-list", "flow-map", "block-items", "block-map",
                                                "quoted-keys"]))
def test_yaml_deep_nesting_is_a_clean_error(depth, shape):
    if shape == "flow-list":
        text = "title: x\nsections: " + "[" * depth + "]" * depth + "\n"
    elif shape == "flow-map":
        text = "title: x\nmeta: " + "{a: " * depth + "1" + "}" * depth + "\n"
    elif shape == "quoted-keys":
        text = "title: x\nmeta: " + "{? [" * min(depth, 3000) + "1" + "]: 1}" * min(depth, 3000) + "\n"
    else:
        depth = min(depth, 600)  # block nesting: the text grows with the square of the depth
        lines = ["title: x", "sections:"]
        for d in range(depth):
            pad = "  " * (d + 1)
            lines.append(pad + "- title: t%d" % d if shape == "block-items" else pad + "- a:")
            lines.append(pad + "  items:" if shape == "block-items" else pad + "  b:")
        text = "\n".join(lines) + "\n"
    from drafter.readers.yaml import loads

    with guarded("yaml: deep nesting"):
        ok_or_clean(loads, text, "deep.yaml")


# Text importer -----------------------------------------------------------------------------

def read_file(tmp_path: Path, data: bytes, suffix: str, encoding: str | None = None):
    """readers.read on `data` saved as a file; a plan it returns must dump to valid YAML."""
    from drafter import readers
    from drafter.readers.yaml import loads
    from drafter.writers.yaml import dump

    path = tmp_path / ("input" + suffix)
    path.write_bytes(data)
    loaded = ok_or_clean(readers.read, path, encoding=encoding)
    if loaded is not None:
        for f in loaded.findings:
            assert f.message and f.level in ("error", "warning", "info")
        loads(dump(loaded.plan), "imported.yaml")  # `drafter import` writes only what reads back
    return loaded


@settings(**budget(150))
@given(text_files())
def test_text_importer_hostile_documents(tmp_path_factory, data):
    with guarded("text import: generated documents"):
        read_file(tmp_path_factory.mktemp("t"), data, ".txt")


@settings(**budget(60))
@given(st.binary(max_size=2000), st.sampled_from([".txt", "", ".md"]))
def test_text_importer_random_bytes(tmp_path_factory, data, suffix):
    from drafter.readers import OLE_MAGIC, RTF_MAGIC

    assume(not data.startswith((OLE_MAGIC, RTF_MAGIC)))  # those go to LibreOffice: the next test
    with guarded("text import: random bytes"):
        read_file(tmp_path_factory.mktemp("b"), data, suffix)


@pytest.mark.libreoffice
@pytest.mark.slow
@settings(**budget(3))
@given(st.sampled_from(["OLE_MAGIC", "RTF_MAGIC"]), st.binary(max_size=500), st.sampled_from([".txt", "", ".md"]))
def test_office_bytes_under_a_text_name_go_through_libreoffice_cleanly(tmp_path_factory, soffice, magic, rest, suffix):
    """An old binary .doc or an RTF file named .txt is converted by LibreOffice, and ends in a
    plan or a clean error like any other input."""
    from drafter import readers

    with guarded("office import: office bytes named as text"):
        read_file(tmp_path_factory.mktemp("o"), getattr(readers, magic) + rest, suffix)


@st.composite
def damaged_seeds(draw) -> tuple[bytes, str]:
    assume(SEED_BYTES)
    text = draw(st.sampled_from(SEED_BYTES)).decode("utf-8")
    if draw(st.booleans()):
        text = mutate_text(draw, text)
    encoding = draw(st.sampled_from(ENCODINGS))
    data = encode(text, encoding)
    if draw(st.booleans()):  # cut anywhere, even inside a multi-byte character
        data = data[:draw(st.integers(0, len(data)))]
    return data, encoding


@settings(**budget(40))
@given(damaged_seeds(), st.booleans())
def test_text_importer_truncated_and_mutated_seeds(tmp_path_factory, seed, give_encoding):
    data, encoding = seed
    with guarded("text import: damaged seeds"):
        read_file(tmp_path_factory.mktemp("s"), data, ".txt", encoding if give_encoding else None)


# .docx importer ----------------------------------------------------------------------------

def read_docx(data: bytes):
    from drafter.readers.docx import docx_paragraphs

    paras = ok_or_clean(docx_paragraphs, data, "fuzz.docx")
    if paras is not None:
        assert all(isinstance(p, str) for p in paras)
        from drafter.readers.text import parse

        ok_or_clean(parse, paras, file="fuzz.docx")
    return paras


@settings(**budget(60))
@given(st.data())
def test_docx_importer_truncated_and_flipped(data):
    raw = rendered_docx(data.draw)
    if data.draw(st.booleans()):
        raw = raw[:data.draw(st.integers(0, len(raw)))]
    else:
        raw = mutate_bytes(data.draw, raw)
    with guarded("docx import: truncated/flipped packages"):
        read_docx(raw)


@settings(**budget(60))
@given(st.data())
def test_docx_importer_mutated_xml(data):
    raw = rendered_docx(data.draw)
    target = data.draw(st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml"]))

    def change(name, content):
        if name != target:
            return content
        return mutate_text(data.draw, content.decode("utf-8")).encode("utf-8", "surrogatepass")

    with guarded("docx import: mutated XML parts"):
        read_docx(rezip(raw, change))


# Generated WordprocessingML with odd numbering definitions
_attr = st.one_of(st.integers(-3, 12).map(str), st.sampled_from(["", "x", "1.5", "-0", "99999999999999999999",
                                                                 "２", "²", "0x10", " 1"]))
_fmt = st.sampled_from(["decimal", "chineseCounting", "chineseCountingThousand", "ideographDigital",
                        "chineseLegalSimplified", "ideographTraditional", "ideographZodiac",
                        "decimalEnclosedCircle", "decimalEnclosedParen", "decimalEnclosedFullstop",
                        "decimalFullWidth", "decimalZero", "upperLetter", "lowerLetter", "upperRoman",
                        "lowerRoman", "bullet", "none", "ordinal", "cardinalText", "", "bogus"])
_lvl_text = st.one_of(st.sampled_from(["%1、", "（%1）", "%1.", "%1.%2.", "%2）", "%9", "%0", "%", "%%1",
                                       "%²", "第%1条", ""]), hostile.map(lambda s: s[:8]))


def _esc(s: str) -> str:
    from xml.sax.saxutils import quoteattr

    return quoteattr("".join(ch for ch in s if ch in "\t\n\r" or (" " <= ch <= "\ud7ff")
                             or ("\ue000" <= ch <= "\ufffd") or ch > "\uffff"))


@st.composite
def numbering_xml(draw) -> str:
    parts = []
    for aid in draw(st.lists(_attr, max_size=3)):
        levels = "".join(
            '<w:lvl w:ilvl=%s><w:start w:val=%s/><w:numFmt w:val=%s/><w:lvlText w:val=%s/>%s%s</w:lvl>'
            % (_esc(draw(_attr)), _esc(draw(st.one_of(_attr, st.integers(-10**12, 10**12).map(str)))),
               _esc(draw(_fmt)), _esc(draw(_lvl_text)),
               draw(st.sampled_from(["", '<w:lvlRestart w:val=%s/>' % _esc(draw(_attr))])),
               draw(st.sampled_from(["", "<w:isLgl/>", '<w:suff w:val="nothing"/>'])))
            for _ in range(draw(st.integers(0, 4))))
        link = draw(st.sampled_from(["", '<w:numStyleLink w:val="L"/>', '<w:styleLink w:val="L"/>']))
        parts.append('<w:abstractNum w:abstractNumId=%s>%s%s</w:abstractNum>' % (_esc(aid), link, levels))
    for nid in draw(st.lists(_attr, max_size=3)):
        override = draw(st.sampled_from(
            ["", '<w:lvlOverride w:ilvl=%s><w:startOverride w:val=%s/></w:lvlOverride>'
             % (_esc(draw(_attr)), _esc(draw(_attr))),
             '<w:lvlOverride w:ilvl=%s><w:lvl w:ilvl="0"><w:start w:val=%s/></w:lvl></w:lvlOverride>'
             % (_esc(draw(_attr)), _esc(draw(_attr)))]))
        parts.append('<w:num w:numId=%s><w:abstractNumId w:val=%s/>%s</w:num>'
                     % (_esc(nid), _esc(draw(_attr)), override))
    return '<?xml version="1.0" encoding="UTF-8"?><w:numbering %s>%s</w:numbering>' % (NS, "".join(parts))


def _run(draw) -> str:
    kind = draw(st.sampled_from(["t", "t", "tab", "br", "brpage", "del", "ins", "vanish", "txbx", "sym"]))
    text = _esc(draw(hostile))[1:-1]
    return {"t": '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % text,
            "tab": "<w:r><w:tab/></w:r>", "br": "<w:r><w:br/></w:r>",
            "brpage": '<w:r><w:br w:type="page"/></w:r>',
            "del": '<w:del w:id="1" w:author="a"><w:r><w:delText>%s</w:delText></w:r></w:del>' % text,
            "ins": '<w:ins w:id="2" w:author="a"><w:r><w:t>%s</w:t></w:r></w:ins>' % text,
            "vanish": '<w:r><w:rPr><w:vanish w:val=%s/></w:rPr><w:t>%s</w:t></w:r>' % (
                _esc(draw(st.sampled_from(["0", "1", "false", "x"]))), text),
            "txbx": '<w:r><w:txbxContent><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:txbxContent></w:r>' % text,
            "sym": '<w:r><w:sym w:char="F0B7"/></w:r>'}[kind]


@st.composite
def body_xml(draw, depth: int = 0) -> str:
    out = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["p", "p", "p", "tbl", "sdt"] if depth < 2 else ["p"]))
        if kind == "p":
            numpr = draw(st.sampled_from(["", "num", "style", "numId-only", "ilvl-only"]))
            ppr = {"": "", "num": '<w:numPr><w:ilvl w:val=%s/><w:numId w:val=%s/></w:numPr>'
                   % (_esc(draw(_attr)), _esc(draw(_attr))),
                   "style": '<w:pStyle w:val=%s/>' % _esc(draw(st.sampled_from(["L", "H1", "x", ""]))),
                   "numId-only": '<w:numPr><w:numId w:val=%s/></w:numPr>' % _esc(draw(_attr)),
                   "ilvl-only": '<w:numPr><w:ilvl w:val=%s/></w:numPr>' % _esc(draw(_attr))}[numpr]
            if draw(st.booleans()):
                ppr += '<w:rPr><w:del w:id="3" w:author="a"/></w:rPr>'
            runs = "".join(_run(draw) for _ in range(draw(st.integers(0, 4))))
            out.append("<w:p><w:pPr>%s</w:pPr>%s</w:p>" % (ppr, runs))
        elif kind == "tbl":
            rows = "".join("<w:tr>%s</w:tr>" % "".join("<w:tc>%s</w:tc>" % draw(body_xml(depth + 1))
                                                       for _ in range(draw(st.integers(0, 3))))
                           for _ in range(draw(st.integers(0, 3))))
            out.append("<w:tbl>%s</w:tbl>" % rows)
        else:
            out.append("<w:sdt><w:sdtContent>%s</w:sdtContent></w:sdt>" % draw(body_xml(depth + 1)))
    return "".join(out)


STYLES = ('<?xml version="1.0" encoding="UTF-8"?><w:styles %s>'
          '<w:style w:styleId="L"><w:pPr><w:numPr><w:ilvl w:val="%s"/><w:numId w:val="%s"/></w:numPr></w:pPr></w:style>'
          '<w:style w:styleId="H1"><w:basedOn w:val="%s"/></w:style>'
          '<w:style w:styleId="x"><w:basedOn w:val="H1"/></w:style></w:styles>')


@settings(**budget(150))
@given(body_xml(), numbering_xml(), st.sampled_from(["0", "1", "x", "-1"]), st.sampled_from(["1", "0", ""]),
       st.sampled_from(["L", "x", "H1"]))
def test_docx_importer_generated_numbering_and_structure(body, numbering, s_ilvl, s_num, based):
    styles = STYLES % (NS, s_ilvl, s_num, based)
    data = package(body, numbering, {"word/styles.xml": styles.encode("utf-8")})
    with guarded("docx import: generated XML and numbering"):
        read_docx(data)


@settings(**budget(40))
@given(st.binary(max_size=3000))
def test_docx_importer_random_bytes(data):
    with guarded("docx import: random bytes"):
        read_docx(data)
        read_docx(b"PK\x03\x04" + data)


# Random plans for the diff and the renderer ------------------------------------------------

STYLES_BY_DEPTH = [["一、", "第一部分", "一是"], ["（一）", "(一)", "1."], ["1.", "（1）", "1、"], ["（1）", "(1)", "第1项"]]


@st.composite
def items(draw, depth: int = 0, text=hostile):
    kids = draw(st.lists(items(depth + 1, text), max_size=3)) if depth < 2 and draw(st.booleans()) else []
    from drafter.model import Item

    return Item(title=draw(text), text=draw(st.one_of(st.just(""), text)),
                heading=draw(st.booleans()), tag=draw(st.sampled_from(["", "（重点项目第1项）"])),
                lead=draw(st.lists(text, max_size=2)), support=draw(st.lists(text, max_size=2)),
                deadline=draw(st.sampled_from(["", "6月底前", "2018年"])),
                status=draw(st.sampled_from(["", "done"])), items=kids,
                id=draw(st.one_of(st.none(), st.text("abcdefghjk0123", min_size=4, max_size=4))))


@st.composite
def plans(draw, text=hostile, notice: bool = True):
    import datetime as dt

    from drafter.model import Notice, Numbering, Plan

    depth = draw(st.integers(1, 4))
    numbering = Numbering(levels=[draw(st.sampled_from(STYLES_BY_DEPTH[d])) for d in range(depth)],
                          continuous=[draw(st.booleans()) for _ in range(depth)])
    n = None
    if notice and draw(st.booleans()):
        n = Notice(kind=draw(st.sampled_from(["issue", "consult"])), title=draw(text),
                   doc_number=draw(st.sampled_from(["", "衡卫发〔2017〕3号"]) | text),
                   recipients=draw(st.lists(text, max_size=3)), body=draw(text), issuer=draw(text),
                   date=draw(st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))),
                   plan_as=draw(st.sampled_from(["text", "attachment"])), disclosure=draw(text),
                   cc=draw(st.lists(text, max_size=2)), printed_by=draw(text),
                   printed_on=draw(st.one_of(st.none(), st.dates())),
                   deadline=draw(st.one_of(st.none(), st.dates())), contact=draw(text),
                   phone=draw(text), email=draw(text), attachments=draw(st.lists(text, max_size=2)),
                   co_issuers=draw(st.lists(text, max_size=4)), seal=draw(st.one_of(st.none(), st.booleans())),
                   letter=draw(st.booleans()), attach_tasks=draw(st.booleans()),
                   copy_number=draw(st.sampled_from(["", "12"]) | text), urgency=draw(st.sampled_from(["", "特急", "加急"])))
    plan = Plan(title=draw(text), year=draw(st.one_of(st.none(), st.integers(-5, 99999))), issuer=draw(text),
                status=draw(st.sampled_from(["final", "draft"])), preamble=draw(text),
                numbering=numbering, sections=draw(st.lists(items(0, text), max_size=4)),
                closing=draw(text), offices=draw(st.lists(text, max_size=3)), notice=n)
    _unique_ids(plan)
    return plan


def _unique_ids(plan) -> None:
    seen = set()
    for node, _ in plan.walk():
        if node.id in seen:
            node.id = None
        seen.add(node.id)


@settings(**budget(100))
@given(plans(), plans())
def test_diff_of_random_plans(a, b):
    from drafter.diff import compare, invert

    with guarded("diff: random plans"):
        d = compare(a, b, old_name="a.yaml", new_name="b.yaml")
        json.dumps(d.to_json(), ensure_ascii=False, default=str)
        d.summary()
        invert(d)
        assert compare(a, a).empty


@st.composite
def edited_pairs(draw):
    """A plan and a random edit of it (titles reworded, items dropped, moved, added)."""
    import copy

    a = draw(plans(notice=False))
    b = copy.deepcopy(a)
    nodes = [node for node, _ in b.walk()]
    for _ in range(draw(st.integers(0, 5))):
        if not nodes:
            break
        node = draw(st.sampled_from(nodes))
        op = draw(st.sampled_from(["title", "text", "lead", "drop-kids", "reverse", "add"]))
        if op == "title":
            node.title = mutate_text(draw, node.title)
        elif op == "text":
            node.text = mutate_text(draw, node.text)
        elif op == "lead":
            node.lead = draw(st.lists(hostile, max_size=2))
        elif op == "drop-kids":
            node.items = node.items[1:]
        elif op == "reverse":
            node.items.reverse()
        else:
            node.items.append(draw(items(2)))
    _unique_ids(b)
    return a, b


@settings(**budget(60))
@given(edited_pairs())
def test_diff_and_redline_of_edited_plans(pair):
    from drafter.diff import compare
    from drafter.writers.docx import build
    from drafter.writers.redline import redline_paras

    a, b = pair
    with guarded("diff+redline: edited plans"):
        d = compare(a, b)
        json.dumps(d.to_json(), ensure_ascii=False, default=str)
        paras = ok_or_clean(redline_paras, d, "plan", findings=[])
        if paras is not None:
            reopen(build(paras, date="2018-03-01T00:00:00Z"))


def reopen(doc) -> None:
    """Save a python-docx Document and prove it is well-formed: python-docx reopens it and a
    strict XML parser reads every part."""
    import docx
    from lxml import etree

    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    docx.Document(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name), etree.XMLParser(resolve_entities=False, recover=False))


@settings(**budget(80))
@given(plans(), st.sampled_from(["plan", "notice", "consult", "tasks"]))
def test_renderer_random_plans(plan, kind):
    from drafter.writers.docx import render

    findings: list = []
    with guarded("render: random plans"):
        doc = ok_or_clean(render, plan, kind, findings=findings)
        if doc is not None:
            reopen(doc)
            for f in findings:
                assert f.message


@settings(**budget(15))
@given(plans(notice=False))
def test_task_table_xlsx_random_plans(tmp_path_factory, plan):
    import openpyxl

    from drafter.writers.xlsx import write_tasks

    out = tmp_path_factory.mktemp("x") / "t.xlsx"
    with guarded("render: task table .xlsx"):
        if ok_or_clean(write_tasks, plan, out, None, findings=[]) is not None or out.exists():
            openpyxl.load_workbook(out)


# The command line --------------------------------------------------------------------------

def assert_clean_exit(r, what: str) -> None:
    assert r.code in (0, 1, 2), (what, r.code, r.err)
    assert "Traceback" not in r.err + r.out, (what, r.err)
    assert "bug in drafter" not in r.err, (what, r.err)
    if r.code == 2:
        assert "error" in r.err.lower(), (what, r.err)


@st.composite
def hostile_inputs(draw) -> tuple[bytes, str]:
    kind = draw(st.sampled_from(["text", "yaml", "structured", "docx", "bytes"]))
    if kind == "text":
        return draw(text_files()), ".txt"
    if kind == "yaml":
        return draw(mutated_plans()).encode("utf-8", "surrogatepass"), ".yaml"
    if kind == "structured":
        return draw(structured_plans()).encode("utf-8"), ".yaml"
    if kind == "docx":
        raw = rendered_docx(draw)
        return raw[:draw(st.integers(0, len(raw)))] if draw(st.booleans()) else mutate_bytes(draw, raw), ".docx"
    return draw(st.binary(max_size=500)), draw(st.sampled_from([".txt", ".yaml", ".docx", ".yml"]))


@pytest.mark.libreoffice  # render and check of a notice lay it out in LibreOffice (its 版记, its page rules)
@settings(**budget(60))
@given(hostile_inputs(), st.sampled_from(["import", "check", "check-fix", "render", "diff", "redline"]))
def test_cli_never_shows_a_traceback(tmp_path_factory, given_input, command):
    data, suffix = given_input
    tmp = tmp_path_factory.mktemp("cli")
    src = tmp / ("input" + suffix)
    src.write_bytes(data)
    other = sorted(PLANS.glob("*.yaml"))[0] if PLANS.is_dir() else src
    args = {"import": ["import", src, "-o", tmp / "out.yaml"],
            "check": ["check", src],
            "check-fix": ["check", "--fix", src],
            "render": ["render", src, "-o", tmp / "out.docx"],
            "diff": ["diff", "--format", "json", other, src],
            "redline": ["redline", other, src, "-o", tmp / "red.docx"]}[command]
    with guarded("cli: %s" % command):
        r = run_cli(*args)
    assert_clean_exit(r, command)
    if command == "check-fix" and r.code != 2 and (tmp / (src.name + ".bak")).exists():
        assert (tmp / (src.name + ".bak")).read_bytes() == data  # the original is kept
    elif command != "check-fix":
        assert src.read_bytes() == data  # inputs are never touched
    if r.code == 0 and command in ("render", "redline"):
        import docx

        docx.Document(str(tmp / ("out.docx" if command == "render" else "red.docx")))


# Big plans ---------------------------------------------------------------------------------

def big_plan_yaml(n_items: int, per_section: int = 100, seed: int = 0) -> str:
    """A plan of `n_items` tasks (plus sections), generated as text."""
    rnd = random.Random(seed)
    out = ["format: 1", "title: 2018年全市卫生健康工作要点", "year: 2018", "issuer: 某市卫生健康委员会",
           "sections:"]
    for s in range(n_items // per_section):
        out.append("  - title: 第%d部分工作" % (s + 1))
        out.append("    items:")
        for i in range(per_section):
            out.append("      - title: 推进第%d项重点工作%s" % (s * per_section + i, rnd.choice(WORDS[:40])))
            out.append("        text: 完成率达到%d%%以上。" % rnd.randint(1, 99))
            out.append("        lead: [医政医管科]")
    return "\n".join(out) + "\n"


def big_plan(n_items: int, per_section: int = 100):
    from drafter.model import Item, Plan

    return Plan(title="2018年全市卫生健康工作要点", year=2018, issuer="某市卫生健康委员会", sections=[
        Item(title="第%d部分工作" % (s + 1), items=[
            Item(title="推进第%d项重点工作" % (s * per_section + i), text="完成率达到%d%%以上。" % (i % 99 + 1),
                 lead=["医政医管科"]) for i in range(per_section)])
        for s in range(n_items // per_section)])


@pytest.mark.slow
def test_100000_item_plan_numbers_diffs_and_lays_out():
    """The size nobody should send but someone will: numbered (一万零一…), diffed and laid
    out, not refused and not crashed.  (Rendering and YAML writing: the long profile.)"""
    import copy

    from drafter.diff import compare
    from drafter.numbering import label_tree
    from drafter.writers.docx import layout

    with guarded("big: 100,000-item plan (model)"):
        a = big_plan(100_000)
        labels = label_tree(a)
        assert labels[id(a.sections[-1].items[-1])] == "（十万）"
        assert labels[id(a.sections[100].items[0])] == "（一万零一）"
        b = copy.deepcopy(a)
        b.sections[777].items[7].title = "落实重点工作"
        d = compare(a, b)
        assert d.summary()["modified"] == 1
        assert len(layout(a, "plan", findings=[])) > 100_000


LONG = settings().max_examples >= 1000


@pytest.mark.skipif(not LONG, reason="the long profile (make fuzz) renders and writes 100,000 items")
def test_100000_item_plan_renders_and_writes():
    from drafter.writers.docx import render
    from drafter.writers.yaml import dump

    with guarded("big: 100,000-item plan (render, YAML)"):
        a = big_plan(100_000)
        reopen(render(a, "plan", findings=[]))
        assert dump(a).count("- title:") == 101_000


@pytest.mark.skipif(not LONG, reason="the long profile (make fuzz) reads 100,000 items from YAML")
def test_100000_item_plan_through_the_cli(tmp_path):
    """`drafter check`, `diff` and `render` on a 100,000-item YAML file, each in a subprocess
    with a hang timeout."""
    import subprocess
    import sys

    big = tmp_path / "big.yaml"
    big.write_text(big_plan_yaml(100_000), encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text(big_plan_yaml(100_000).replace("推进第77777项", "落实第77777项"), encoding="utf-8")
    for args in (["check", big], ["diff", "--format", "json", "-o", tmp_path / "d.json", big, other],
                 ["render", big, "-o", tmp_path / "big.docx"]):
        COUNTS["big: 100,000-item plan (CLI subprocess)"] += 1
        r = subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], capture_output=True,
                           text=True, timeout=HANG_SECONDS * 4)
        assert r.returncode in (0, 1), (args, r.stderr[-2000:])
        assert "Traceback" not in r.stderr
