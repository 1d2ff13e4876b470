"""Minimal hand-built .docx packages for the importer's tests: exactly the XML under test
(numbering definitions, tracked changes, tables, text boxes), nothing a library adds."""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')

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


def package(body: str, numbering_xml: str | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s'
           '<w:sectPr/></w:body></w:document>' % (NS, body))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", doc)
        if numbering_xml:
            z.writestr("word/_rels/document.xml.rels", DOC_RELS)
            z.writestr("word/numbering.xml", numbering_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()
