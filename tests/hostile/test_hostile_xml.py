"""XML safety (issue 10): characters XML 1.0 forbids never reach a .docx; reading a .docx
resolves no entities and fetches nothing; zip bombs, path-traversal entries and zips that are
not Word documents are refused with a clear error — through the functions and the CLI."""
from __future__ import annotations

import http.server
import io
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest

from helpers import run_cli
from helpers.wordml import CONTENT_TYPES, NS, package, package_of, para, run, zip_bytes
from drafter.errors import InputError
from drafter.readers.docx import docx_paragraphs

ILLEGAL = {"\x0b": r"\v", "\x0c": r"\f", "\x1f": r"\x1f", "\ufffe": r"\uFFFE", "\x01": r"\x01"}


def clean_exit_2(r) -> str:
    assert r.code == 2, (r.code, r.out, r.err)
    assert "Traceback" not in r.err and "bug in drafter" not in r.err
    assert "drafter: error:" in r.err or ": error " in r.err
    return r.err


# Illegal characters in plan text -----------------------------------------------------------

PLAN = """format: 1
title: "2018年全市卫生健康{c}工作要点"
year: 2018
issuer: 某市卫生健康委员会
sections:
  - title: "深化{c}医改"
    items:
      - title: 完善分级诊疗制度
        text: "家庭医生签约{c}服务覆盖率达到40%。"
"""


@pytest.mark.parametrize("char", sorted(ILLEGAL))
def test_illegal_xml_characters_are_dropped_with_a_warning_naming_where(char, tmp_path, soffice):
    from drafter.office import convert

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(c=ILLEGAL[char]), encoding="utf-8")
    out = tmp_path / "plan.docx"
    r = run_cli("render", plan, "-o", out, "--as", "plan")
    assert r.code == 0, r.err
    warnings = [ln for ln in r.err.splitlines() if "illegal-char" in ln]
    # one warning per place, each naming the file and, for items, the YAML line and path
    assert any(ln.startswith("%s:6:" % plan) and "sections[0]" in ln for ln in warnings), r.err
    assert any(ln.startswith("%s:8:" % plan) and "sections[0].items[0]" in ln for ln in warnings), r.err
    assert any("title" in ln for ln in warnings), r.err

    import docx

    doc = docx.Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "卫生健康工作要点" in text and "深化医改" in text and "签约服务覆盖率" in text
    assert char not in text
    with zipfile.ZipFile(out) as z:
        assert char.encode("utf-8", "surrogatepass") not in z.read("word/document.xml")

    pdf = convert(out, "pdf", tmp_path)  # LibreOffice opens it as a Word document
    txt = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "深化医改" in txt.replace(" ", "") and "签约服务覆盖率" in txt.replace(" ", "").replace("\n", "")


def test_lone_surrogate_in_a_plan_is_dropped_not_written(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(c=r"\ud800"), encoding="utf-8")
    r = run_cli("render", plan, "-o", tmp_path / "plan.docx", "--as", "plan")
    if r.code == 2:  # refused when read, with the place named: also acceptable
        assert "plan.yaml" in clean_exit_2(r)
        return
    assert r.code == 0 and "illegal-char" in r.err
    import docx

    assert "深化医改" in "\n".join(p.text for p in docx.Document(str(tmp_path / "plan.docx")).paragraphs)


def test_imported_text_with_control_characters_warns_by_line_and_writes_valid_yaml(tmp_path):
    src = tmp_path / "plan.txt"
    filler = "（二）加强公共卫生服务。" + "推进基本公共卫生服务均等化，提高服务质量和水平。" * 10 + "\n"
    src.write_text("2018年全市卫生健康工作要点\n一、深化医改\n（一）完善\x0b分级诊疗。家庭医生\x1f签约。\n"
                   + filler, encoding="utf-8")
    out = tmp_path / "plan.yaml"
    r = run_cli("import", src, "-o", out)
    assert r.code == 0, r.err
    assert "%s:3: warning control-character" % src in r.err and "U+000B" in r.err and "U+001F" in r.err
    text = out.read_text(encoding="utf-8")
    assert "\x0b" not in text and "\x1f" not in text and "完善分级诊疗" in text
    assert run_cli("check", out).code in (0, 1)


# XXE, entity expansion, external DTDs --------------------------------------------------------

@pytest.fixture
def secret(tmp_path) -> Path:
    p = tmp_path / "secret.txt"
    p.write_text("TOP-SECRET-CONTENT-4711", encoding="utf-8")
    return p


@pytest.fixture
def listener():
    """A local HTTP server that records every request: a reader must never call it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY remote "REMOTE-ENTITY-TEXT">')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % server.server_address[1], hits
    server.shutdown()


def _xxe_documents(secret: Path, url: str) -> dict[str, str]:
    body = '<w:body><w:p><w:r><w:t>开头&xxe;结尾</w:t></w:r></w:p></w:body>'
    doc = '<w:document %s>%s</w:document>' % (NS, body)
    return {
        "file entity": '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://%s">]>%s'
                       % (secret, doc),
        "http entity": '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "%s/xxe">]>%s'
                       % (url, doc),
        "parameter entity": '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY %% p SYSTEM "%s/dtd"> %%p;'
                            '<!ENTITY xxe "x">]>%s' % (url, doc.replace("&xxe;", "&remote;")),
        "external DTD": '<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "%s/external.dtd">%s'
                        % (url, doc.replace("&xxe;", "&remote;")),
        "xinclude": '<?xml version="1.0"?><w:document %s xmlns:xi="http://www.w3.org/2001/XInclude">'
                    '<w:body><w:p><w:r><w:t>开头<xi:include href="file://%s" parse="text"/>结尾</w:t></w:r>'
                    '</w:p></w:body></w:document>' % (NS, secret),
    }


@pytest.mark.parametrize("attack", ["file entity", "http entity", "parameter entity", "external DTD", "xinclude"])
def test_docx_reader_resolves_no_external_entities(attack, secret, listener, tmp_path):
    url, hits = listener
    data = package_of(_xxe_documents(secret, url)[attack])
    try:
        paras = docx_paragraphs(data, "xxe.docx")
    except InputError as e:
        assert "xxe.docx" in e.message
        paras = []
    joined = "\n".join(paras)
    assert "TOP-SECRET" not in joined and "REMOTE-ENTITY" not in joined
    assert hits == []  # nothing was fetched

    src = tmp_path / "xxe.docx"
    src.write_bytes(data)
    for args in (["import", src, "-o", tmp_path / "xxe.yaml"], ["check", src]):
        r = run_cli(*args)
        assert r.code in (0, 1, 2) and "Traceback" not in r.err
        assert "TOP-SECRET" not in r.out + r.err and "REMOTE-ENTITY" not in r.out + r.err
        if r.code == 2:
            clean_exit_2(r)
    if (tmp_path / "xxe.yaml").exists():
        assert "TOP-SECRET" not in (tmp_path / "xxe.yaml").read_text(encoding="utf-8")
    assert hits == []


def test_billion_laughs_entities_in_document_xml_are_not_expanded():
    lol = '<!ENTITY l0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        '<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10) for i in range(1, 10))
    doc = ('<?xml version="1.0"?><!DOCTYPE w:document [%s]><w:document %s><w:body><w:p><w:r><w:t>&l9;'
           '</w:t></w:r></w:p></w:body></w:document>' % (lol, NS))
    try:
        paras = docx_paragraphs(package_of(doc), "lol.docx")
    except InputError as e:
        assert "lol.docx" in e.message
        return
    assert sum(len(p) for p in paras) < 10_000  # never 10^10 characters


# Zip bombs, traversal, not-a-docx -----------------------------------------------------------

def _bomb(size: int, filler: bytes = b" ") -> bytes:
    """A .docx whose document.xml unpacks to `size` bytes (valid XML, mostly white space)."""
    head = ('<?xml version="1.0"?><w:document %s><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p>' % NS).encode()
    tail = b"</w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            chunk = filler * 2**20
            left = size
            while left > 0:
                fh.write(chunk[:left])
                left -= len(chunk)
            fh.write(tail)
    return buf.getvalue()


@pytest.mark.parametrize("size,why", [(5 * 2**20, "compressed"), (300 * 2**20, "unpack")])
def test_zip_bombs_are_refused(size, why, tmp_path):
    data = _bomb(size)
    assert len(data) < size // 100  # it really is a bomb
    with pytest.raises(InputError) as e:
        docx_paragraphs(data, "bomb.docx")
    assert "bomb.docx" in e.value.message and "refused" in e.value.message and why in e.value.message
    src = tmp_path / "bomb.docx"
    src.write_bytes(data)
    err = clean_exit_2(run_cli("import", src, "-o", tmp_path / "bomb.yaml"))
    assert "refused" in err and not (tmp_path / "bomb.yaml").exists()


def test_a_part_that_lies_about_its_size_is_not_read_past_its_claim(tmp_path):
    """The central directory says 1 KB; the data holds 50 MB: reading stops at the claim."""
    data = bytearray(_bomb(50 * 2**20, b"a"))
    cd = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml") + 1)
    # uncompressed size in the central directory is at offset 24 (zip64 keeps it in the extra)
    z64 = data.find(b"\x01\x00", cd + 46 + len(b"word/document.xml"))
    if data[cd + 24:cd + 28] == b"\xff\xff\xff\xff" and z64 > 0:
        data[z64 + 4:z64 + 12] = (1024).to_bytes(8, "little")
    else:
        data[cd + 24:cd + 28] = (1024).to_bytes(4, "little")
    with pytest.raises(InputError) as e:
        docx_paragraphs(bytes(data), "liar.docx")
    assert "liar.docx" in e.value.message


@pytest.mark.parametrize("entry", ["../evil.xml", "word/../../evil.xml", "/etc/evil.xml", "..\\evil.xml",
                                   "C:\\Windows\\evil.xml", "word\\..\\..\\evil.xml"])
def test_path_traversal_entries_are_refused(entry, tmp_path):
    data = package(para(run("正文")), extra={entry: b"<x/>"})
    with pytest.raises(InputError) as e:
        docx_paragraphs(data, "trav.docx")
    assert "unsafe path" in e.value.message and repr(entry) in e.value.message
    src = tmp_path / "trav.docx"
    src.write_bytes(data)
    clean_exit_2(run_cli("import", src, "-o", tmp_path / "t.yaml"))
    assert not (tmp_path.parent / "evil.xml").exists() and not Path("/etc/evil.xml").exists()


def _zip(entries: dict[str, bytes]) -> bytes:
    return zip_bytes(entries, zipfile.ZIP_STORED)


def _zip_of_version(version: int) -> bytes:
    """A zip whose central directory asks for a zip version no reader knows (found by atheris)."""
    data = bytearray(_zip({"word/document.xml": b"<x/>"}))
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 6:cd + 8] = version.to_bytes(2, "little")
    return bytes(data)


NOT_DOCX = {
    "unknown zip version": (_zip_of_version(236), "not a Word .docx"),
    "odt": (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "OpenDocument"),
    "xlsx": (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "not a Word document"),
    "plain zip": (_zip({"readme.txt": "工作要点".encode()}), "not a Word document"),
    "empty zip": (_zip({}), "not a Word document"),
    "old .doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc"),
    "not a zip": (b"PK\x03\x04 but nothing after", "not a Word .docx"),
    "empty file": (b"", "empty"),
}


# The CLI hands an old binary .doc (whatever its suffix) to LibreOffice, which refuses this one.
STARTS_LIBREOFFICE = {"old .doc"}


@pytest.mark.parametrize("what", [pytest.param(w, marks=pytest.mark.libreoffice) if w in STARTS_LIBREOFFICE else w
                                  for w in sorted(NOT_DOCX)])
def test_zips_that_are_not_word_documents_are_refused(what, tmp_path):
    data, says = NOT_DOCX[what]
    with pytest.raises(InputError) as e:
        docx_paragraphs(data, "x.docx")
    assert says in e.value.message and "x.docx" in e.value.message
    src = tmp_path / "x.docx"
    src.write_bytes(data)
    for args in (["import", src, "-o", tmp_path / "x.yaml"], ["check", src], ["render", src, "-o", tmp_path / "o.docx"]):
        assert "x.docx" in clean_exit_2(run_cli(*args))
