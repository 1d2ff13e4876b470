"""Every file from outside goes through `drafter.safeopen` (issue 14, part 5): zip bombs refused
by their headers and, when the headers lie, while inflating, with memory bounded; unsafe entry
names and DTDs refused for every entry point (import, check, collect, decisions); and no module
outside the opener opens an input by itself."""
from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from docx_fixtures import CONTENT_TYPES, NS, RELS, package, para, run
from drafter import safeopen
from drafter.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plans" / "2012-平湖市-工作要点-征求意见稿.yaml"
MB = 2**20
BOMB_MB = 800
RSS_LIMIT_MB = 300


# A fresh, small Python starts drafter and waits for it: a process's peak RSS counts the memory
# of the process it was forked from (Linux keeps the pre-exec high-water mark), so drafter must
# not be forked from pytest, which may be large by then.
_MEASURE = ("import os, subprocess, sys\n"
            "p = subprocess.Popen(sys.argv[1:])\n"
            "_, status, usage = os.wait4(p.pid, 0)\n"
            "sys.stderr.write('\\n%s %d\\n' % ('peak-rss-kb', usage.ru_maxrss))\n"
            "sys.exit(os.waitstatus_to_exitcode(status))\n")


def drafter(*args, cwd: Path | None = None) -> tuple[int, str, str, float]:
    """Run the CLI in a child process: exit code, stdout, stderr and its peak RSS in MB."""
    r = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "drafter", *map(str, args)],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=cwd)
    err, _, rss = r.stderr.rstrip().rpartition("\npeak-rss-kb ")
    return r.returncode, r.stdout, err, int(rss) / 1024


def document_xml(body: str = "") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>'
            % (NS, body or para(run("一、总体要求")))).encode()


def write_bomb(path: Path, size_mb: int) -> Path:
    """A .docx whose word/document.xml inflates to `size_mb` MB of valid XML (mostly spaces),
    written in 1 MB steps so the test never holds it in memory."""
    head = document_xml().split(b"</w:body>")[0]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            spaces = b" " * MB
            for _ in range(size_mb):
                fh.write(spaces)
            fh.write(b"</w:body></w:document>")
    return path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    path = write_bomb(tmp_path_factory.mktemp("bomb") / "返回文件.docx", BOMB_MB)
    assert path.stat().st_size < MB  # an 800 KB file …
    with zipfile.ZipFile(path) as z:  # … that says it inflates to 800 MB
        assert z.getinfo("word/document.xml").file_size > BOMB_MB * MB
    return path


def assert_bomb_refused(code: int, err: str, rss: float) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    assert "返回文件.docx: word/document.xml inflates past 200 MB" in err and "refused" in err, err
    assert rss < RSS_LIMIT_MB, "peak RSS %.0f MB" % rss


def test_collect_refuses_a_bomb_with_bounded_memory_and_says_why(bomb, tmp_path):
    code, _, err, rss = drafter("collect", PLAN, bomb, "-o", tmp_path / "汇总.docx")
    assert_bomb_refused(code, err, rss)
    last = err.strip().splitlines()[-1]  # the final error names the file and the reason too
    assert "none of the 1 returned files" in last and "返回文件.docx: word/document.xml inflates past" in last
    assert not (tmp_path / "汇总.docx").exists()


def test_import_refuses_a_bomb_with_bounded_memory(bomb, tmp_path):
    code, _, err, rss = drafter("import", bomb, "-o", tmp_path / "plan.yaml")
    assert_bomb_refused(code, err, rss)
    assert not (tmp_path / "plan.yaml").exists()


def test_check_refuses_a_bomb_with_bounded_memory(bomb):
    code, _, err, rss = drafter("check", bomb)
    assert_bomb_refused(code, err, rss)


def render_copy_with_a_comment(path: Path) -> Path:
    """A returned copy of the draft with one Word comment on the first task's title."""
    import docx

    from drafter.consult.send import consult_plan
    from drafter.readers import read
    from drafter.writers.docx import build, layout, save

    plan = read(PLAN).plan
    save(build(layout(consult_plan(plan), "plan")), path)
    d = docx.Document(str(path))
    title = plan.items()[0].title
    target = next(r for p in d.paragraphs for r in p.runs if r.text == title)
    d.add_comment(target, text="同意", author="丙单位")
    d.save(str(path))
    return path


def test_collect_warns_about_a_refused_file_and_goes_on_with_the_others(bomb, tmp_path):
    good = render_copy_with_a_comment(tmp_path / "丙单位.docx")
    code, out, err, _ = drafter("collect", PLAN, bomb, good, "-o", tmp_path / "汇总.docx")
    assert code == 1, err  # some files skipped
    assert "返回文件.docx: skipped: word/document.xml inflates past 200 MB" in err
    assert (tmp_path / "汇总.docx").exists()
    from drafter.consult.summary import read_decisions

    assert [(r.unit, r.said) for r in read_decisions(tmp_path / "汇总.docx")] == [("丙单位", "同意")]


# Headers that lie, by hand ------------------------------------------------------------------------

def raw_zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    """A zip built byte by byte: (name, content, declared size) — the declared size goes into
    both the local header and the central directory, whatever the content really is."""
    body, central = io.BytesIO(), io.BytesIO()
    for name, content, declared in entries:
        packed = zlib.compressobj(9, zlib.DEFLATED, -15)
        data = packed.compress(content) + packed.flush()
        crc, encoded, offset = zlib.crc32(content), name.encode(), body.tell()
        body.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), declared,
                               len(encoded), 0) + encoded + data)
        central.write(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data),
                                  declared, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    cd = central.getvalue()
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(cd), body.tell(), 0)
    return body.getvalue() + cd + end


def lying_docx(actual: int, declared: int = 1024) -> bytes:
    head = document_xml().split(b"</w:body>")[0]
    content = head + b" " * actual + b"</w:body></w:document>"
    return docx_with({"word/document.xml": content}, {"word/document.xml": declared})


def test_a_part_that_inflates_past_its_declared_size_is_refused_while_reading():
    data = lying_docx(20 * MB)
    with zipfile.ZipFile(io.BytesIO(data)) as z:  # the headers pass every size and ratio check
        assert z.getinfo("word/document.xml").file_size == 1024
    with safeopen.open_word(data, "liar.docx") as pkg:
        chunks = pkg.chunks("word/document.xml")
        with pytest.raises(safeopen.Refused) as e:
            for chunk in chunks:
                assert len(chunk) <= safeopen.CHUNK  # never more than a chunk at a time
    assert e.value.message == "liar.docx: word/document.xml inflates past the 1 KB its header declares; refused"


@pytest.mark.parametrize("entry", ["docx reader", "returned file", "workbook"])
def test_every_opener_refuses_a_lying_part(entry, tmp_path):
    from drafter.readers.docx import docx_paragraphs

    src = tmp_path / ("liar.xlsx" if entry == "workbook" else "liar.docx")
    src.write_bytes(lying_docx(5 * MB))
    open_it = {"docx reader": lambda: docx_paragraphs(src.read_bytes(), src.name),
               "returned file": lambda: safeopen.open_docx(src, src.name),
               "workbook": lambda: safeopen.open_workbook(src)}[entry]
    with pytest.raises(safeopen.Refused) as e:
        open_it()
    assert "word/document.xml inflates past the 1 KB its header declares; refused" in e.value.message


def test_collect_reports_the_lying_part_by_name(tmp_path):
    src = tmp_path / "乙单位.docx"
    src.write_bytes(lying_docx(5 * MB))
    code, _, err, _ = drafter("collect", PLAN, src, "-o", tmp_path / "s.docx")
    assert code == 2 and "Traceback" not in err
    assert "乙单位.docx: skipped: word/document.xml inflates past the 1 KB its header declares; refused" in err


def test_a_part_shorter_than_it_claims_is_damaged_not_trusted():
    data = raw_zip([("word/document.xml", document_xml(), 4096)])
    with safeopen.open_word(data, "short.docx") as pkg, pytest.raises(InputError) as e:
        pkg.read("word/document.xml")
    assert "short.docx" in e.value.message and "damaged" in e.value.message


def test_honest_parts_read_back_exactly():
    parts = {"word/document.xml": document_xml(para(run("正文" * 50000))), "docProps/app.xml": b"<a/>"}
    data = raw_zip([(n, c, len(c)) for n, c in parts.items()])
    with safeopen.open_package(data, "ok.docx") as pkg:
        pkg.verify()
        assert {n: pkg.read(n) for n in parts} == parts
        assert pkg.read("word/missing.xml") is None


# Unsafe names, for every opener ------------------------------------------------------------------

UNSAFE = ["../evil.xml", "word/../../evil.xml", "/etc/evil.xml", "..\\evil.xml", "C:\\Windows\\evil.xml",
          "word\\..\\..\\evil.xml"]
OPENERS = {
    "docx reader": lambda p: __import__("drafter.readers.docx", fromlist=["x"]).docx_paragraphs(p.read_bytes(), p.name),
    "returned file": lambda p: safeopen.open_docx(p, p.name),
    "workbook": lambda p: safeopen.open_workbook(p),
    "odt before LibreOffice": lambda p: safeopen.check_zip(p.read_bytes(), p.name),
}


@pytest.mark.parametrize("opener", sorted(OPENERS))
@pytest.mark.parametrize("name", UNSAFE)
def test_unsafe_entry_names_are_refused_by_every_opener(opener, name, tmp_path):
    src = tmp_path / "trav.docx"
    src.write_bytes(package(para(run("正文")), extra={name: b"<x/>"}))
    with pytest.raises(safeopen.Refused) as e:
        OPENERS[opener](src)
    assert e.value.message.endswith("trav.docx: the package holds an entry with an unsafe path (%r); refused" % name)


def test_collect_and_decisions_refuse_unsafe_names(tmp_path):
    from drafter.consult.summary import read_decisions

    src = tmp_path / "甲单位.docx"
    src.write_bytes(package(para(run("正文")), extra={"../../evil.xml": b"<x/>"}))
    code, _, err, _ = drafter("collect", PLAN, src, "-o", tmp_path / "s.docx")
    assert code == 2 and "甲单位.docx: skipped: the package holds an entry with an unsafe path" in err
    book = tmp_path / "汇总.xlsx"
    book.write_bytes(raw_zip([("xl/../../evil.xml", b"<x/>", 4)]))
    with pytest.raises(InputError, match="unsafe path"):
        read_decisions(book)
    assert not (tmp_path.parent / "evil.xml").exists()


# DTDs and entities, for every entry point ---------------------------------------------------------

def dtd_documents(secret: Path) -> dict[str, bytes]:
    body = '<w:body><w:p><w:r><w:t>开头&e;结尾</w:t></w:r></w:p></w:body>'
    doc = '<w:document %s>%s</w:document>' % (NS, body)
    lol = '<!ENTITY l0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        '<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10) for i in range(1, 10)) + '<!ENTITY e "&l9;">'
    return {
        "external entity": ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e SYSTEM "file://%s">]>%s'
                            % (secret, doc)).encode(),
        "billion laughs": ('<?xml version="1.0"?><!DOCTYPE w:document [%s]>%s' % (lol, doc)).encode(),
        "external DTD": ('<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "file://%s">%s'
                         % (secret, doc.replace("&e;", ""))).encode(),
        "UTF-16 DTD": ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [<!ENTITY e SYSTEM '
                       '"file://%s">]>%s' % (secret, doc)).encode("utf-16"),
    }


def docx_with(parts: dict[str, bytes], declared: dict[str, int] | None = None) -> bytes:
    """A minimal .docx with these parts (document.xml replaced when given), sizes declared as
    given or honest."""
    parts = {"[Content_Types].xml": CONTENT_TYPES.encode(), "_rels/.rels": RELS.encode(),
             "word/document.xml": document_xml(), **parts}
    return raw_zip([(n, c, (declared or {}).get(n, len(c))) for n, c in parts.items()])


@pytest.fixture
def secret(tmp_path) -> Path:
    p = tmp_path / "secret.txt"
    p.write_text("TOP-SECRET-CONTENT-4711", encoding="utf-8")
    return p


@pytest.mark.parametrize("attack", ["external entity", "billion laughs", "external DTD", "UTF-16 DTD"])
@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml"])
def test_a_dtd_in_any_part_is_refused_by_every_entry_point(attack, part, secret, tmp_path):
    from drafter.consult.summary import read_decisions
    from drafter.readers.docx import docx_paragraphs

    data = docx_with({part: dtd_documents(secret)[attack]})
    refusal = "%s declares a DTD (<!DOCTYPE>), which Office files never do; refused" % part
    src = tmp_path / "dtd.docx"
    src.write_bytes(data)
    if part == "word/document.xml":  # the importer reads document, numbering and styles
        with pytest.raises(safeopen.Refused, match=re.escape(refusal)):
            docx_paragraphs(data, "dtd.docx")
    for open_it in (lambda: safeopen.open_docx(src), lambda: read_decisions(src)):
        with pytest.raises(safeopen.Refused) as e:
            open_it()
        assert e.value.message == "%s: %s" % (src, refusal)
    book = tmp_path / "dtd.xlsx"
    book.write_bytes(raw_zip([("xl/workbook.xml", dtd_documents(secret)[attack], len(dtd_documents(secret)[attack]))]))
    with pytest.raises(safeopen.Refused, match="xl/workbook.xml declares a DTD"):
        read_decisions(book)
    code, _, err, _ = drafter("collect", PLAN, src, "-o", tmp_path / "s.docx")
    assert code == 2 and "dtd.docx: skipped: " + refusal in err and "TOP-SECRET" not in err


@pytest.mark.parametrize("command", ["import", "check"])
def test_import_and_check_refuse_a_dtd(command, secret, tmp_path):
    src = tmp_path / "dtd.docx"
    src.write_bytes(docx_with({"word/document.xml": dtd_documents(secret)["external entity"]}))
    args = [command, src] + (["-o", tmp_path / "x.yaml"] if command == "import" else [])
    code, out, err, _ = drafter(*args)
    assert code == 2 and "Traceback" not in err and "TOP-SECRET" not in out + err
    assert "word/document.xml declares a DTD" in err


def test_the_xml_parser_resolves_nothing_and_never_processes_xinclude(secret):
    doc = ('<r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file://%s" parse="text"/></r>'
           % secret).encode()
    root = safeopen.parse_xml(doc, "x.xml")
    assert "TOP-SECRET" not in "".join(root.itertext())
    assert root[0].tag == "{http://www.w3.org/2001/XInclude}include"  # left as an element
    with pytest.raises(safeopen.Refused, match="declares a DTD"):
        safeopen.parse_xml(dtd_documents(secret)["billion laughs"], "x.xml")


def test_a_pdf_stream_that_inflates_past_the_limit_is_refused(monkeypatch):
    """pdfminer inflates each stream whole; the opener bounds it (limit lowered for the test)."""
    monkeypatch.setattr(safeopen, "MAX_PART_BYTES", 4 * MB)
    bounded = safeopen._BoundedZlib("big.pdf")
    small = zlib.compress(b"x" * MB)
    assert bounded.decompress(small) == b"x" * MB
    with pytest.raises(safeopen.Refused, match="big.pdf: a compressed stream inflates past 4 MB; refused"):
        bounded.decompress(zlib.compress(b"x" * 5 * MB))
    d = bounded.decompressobj()
    with pytest.raises(safeopen.Refused):
        for i in range(0, len(big := zlib.compress(b"y" * 5 * MB)), 100):
            d.decompress(big[i:i + 100])


# Only the opener opens inputs ---------------------------------------------------------------------

OPENING = re.compile(r"\bZipFile\(|\bdocx\.Document\(|from docx import Document|\bload_workbook\(|"
                     r"pdfplumber\.open\(|etree\.(?:fromstring|parse|XML|iterparse|XMLParser)\(|\bparse_xml\(")
# (module, call): code that opens only what drafter itself wrote or ships, never an input.
ALLOWED = {
    ("drafter/writers/docx/package.py", "ZipFile("),  # writes packages; reads the built-in base.docx
    ("drafter/writers/docx/package.py", "docx.Document("),  # a package drafter just built
    ("drafter/writers/docx/oxml.py", "parse_xml("),  # drafter's own markup strings
    ("drafter/consult/send.py", "parse_xml("),  # drafter's own markup strings
}


def test_no_module_but_the_opener_opens_an_input_itself():
    found = set()
    for path in sorted((ROOT / "drafter").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "drafter/safeopen.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            for m in OPENING.finditer(code):
                call = m.group(0).split(".")[-1] if "etree." not in m.group(0) else m.group(0)
                key = (rel, "docx.Document(" if "docx.Document(" in m.group(0) else call)
                if key not in ALLOWED:
                    found.add("%s:%d: %s" % (rel, n, line.strip()))
    assert not found, "open inputs through drafter.safeopen:\n" + "\n".join(sorted(found))


def test_the_grep_finds_a_direct_open():
    """The check above can fail: each pattern matches the calls it is meant to catch."""
    for call in ("zipfile.ZipFile(path)", "docx.Document(str(path))", "load_workbook(p)", "pdfplumber.open(f)",
                 "etree.fromstring(raw)", "etree.parse(f)", "etree.XMLParser(resolve_entities=True)"):
        assert OPENING.search(call), call


def test_many_small_bombs_and_too_many_entries_are_refused_by_their_headers():
    """Each part under every per-part limit, the package as a whole a bomb."""
    spaces = b" " * safeopen.RATIO_FLOOR  # not over the per-part floor: only the total says "bomb"
    many = [("word/media/p%d.xml" % i, spaces, len(spaces)) for i in range(8)]
    with pytest.raises(safeopen.Refused, match=r"many\.docx: the package is compressed \d+:1, like a zip bomb"):
        safeopen.open_package(raw_zip(many), "many.docx")
    crowd = [("p%d.xml" % i, b"", 0) for i in range(safeopen.MAX_PARTS + 1)]
    with pytest.raises(safeopen.Refused, match="crowd.docx: the package holds more than 10000 entries"):
        safeopen.open_package(raw_zip(crowd), "crowd.docx")


def test_an_input_without_an_honest_size_is_read_no_further_than_the_cap():
    """/dev/zero says it is empty and never ends: the read stops at the cap."""
    from drafter import fileio

    with pytest.raises(InputError, match="/dev/zero: file is 1 MB, more than the 1 MB drafter reads"):
        fileio.read_bytes("/dev/zero", limit=MB)
