"""Minimal hand-built .docx packages for the importer's tests: exactly the XML under test
(numbering definitions, tracked changes, tables, text boxes), nothing a library adds; and the
zip builders and WordprocessingML namespace the tests share."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS  # Clark prefix for ElementTree/lxml tag names: W + "p"
NSMAP = {"w": W_NS}  # for xpath/findall
NS = ('xmlns:w="%s" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"' % W_NS)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""


def run(text: str) -> str:
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(text)


def para(inner: str, num: tuple[int, int] | None = None, ppr_extra: str = "") -> str:
    numpr = ('<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (num[1], num[0])) if num else ""
    return "<w:p><w:pPr>%s%s</w:pPr>%s</w:p>" % (numpr, ppr_extra, inner)


def level(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return ('<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/>'
            '<w:suff w:val="nothing"/></w:lvl>' % (ilvl, start, fmt, escape(text)))


def numbering(abstracts: dict[int, list[str]], nums: dict[int, int], overrides: str = "") -> str:
    parts = ['<w:abstractNum w:abstractNumId="%d">%s</w:abstractNum>' % (a, "".join(lv))
             for a, lv in abstracts.items()]
    parts += ['<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>%s</w:num>' % (n, a, overrides if n == 99 else "")
              for n, a in nums.items()]
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering %s>%s</w:numbering>' % (
        NS, "".join(parts))


def zip_bytes(entries: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive holding `entries` (name → content), in that order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def write_zip(path: Path, entries: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    path.write_bytes(zip_bytes(entries, compression))
    return path


def rezip(raw: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """The zip `raw` with each part replaced by `change(name, bytes)`."""
    with zipfile.ZipFile(io.BytesIO(raw)) as zin:
        return zip_bytes({info.filename: change(info.filename, zin.read(info)) for info in zin.infolist()})


def document_xml(body: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s'
            '<w:sectPr/></w:body></w:document>' % (NS, body))


def package(body: str, numbering_xml: str | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A .docx whose body is `body` (paragraph XML), with numbering definitions when given."""
    return package_of(document_xml(body), numbering_xml, extra)


def package_of(document: str | bytes, numbering_xml: str | None = None,
               extra: dict[str, bytes] | None = None) -> bytes:
    """A .docx whose word/document.xml is exactly `document`."""
    entries: dict[str, bytes | str] = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                                       "word/document.xml": document}
    if numbering_xml:
        entries["word/_rels/document.xml.rels"] = DOC_RELS
        entries["word/numbering.xml"] = numbering_xml
    entries.update(extra or {})
    return zip_bytes(entries)
