"""The .docx package (OPC zip) as a dict of part name → bytes.

drafter writes every part as text, so a render needs neither python-docx nor an XML tree: the
look's parts (styles, page, footers, font table) are made once per look and a document only
splices its body into them.  That keeps python-docx (a fifth of a cold render's time, for its
element classes) out of `render` and `redline`; `Package.document()` still gives a
python-docx Document for code that wants to walk or edit the result.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CONTENT_TYPES = "[Content_Types].xml"
DOC_RELS = "word/_rels/document.xml.rels"
# Word's own entries carry this date too; a fixed one makes the same input give the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class Package:
    """Parts in zip order ([Content_Types].xml first, as Word writes it)."""

    def __init__(self, parts: dict[str, bytes]):
        self.parts = dict(parts)

    def copy(self) -> Package:
        return Package(self.parts)

    def text(self, name: str) -> str:
        return self.parts[name].decode("utf-8")

    def put(self, name: str, xml: str) -> None:
        self.parts[name] = xml.encode("utf-8")

    def add_part(self, name: str, xml: str, content_type: str, rel_type: str) -> str:
        """Add word/<name> related from the main document; returns the relationship id."""
        self.put("word/" + name, xml)
        types = self.text(CONTENT_TYPES)
        self.put(CONTENT_TYPES, types.replace(
            "</Types>", '<Override PartName="/word/%s" ContentType="%s"/></Types>' % (name, content_type)))
        rels = self.text(DOC_RELS)
        n = 1
        while 'Id="rIdD%d"' % n in rels:
            n += 1
        rid = "rIdD%d" % n
        self.put(DOC_RELS, rels.replace(
            "</Relationships>",
            '<Relationship Id="%s" Type="%s%s" Target="%s"/></Relationships>' % (rid, REL, rel_type, name)))
        return rid

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.write(buf)
        return buf.getvalue()

    def write(self, file) -> None:
        with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in self.parts.items():
                info = zipfile.ZipInfo(name, ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)

    def save(self, path: str | Path) -> Path:
        """Atomically: the old file or the new one, never half of one."""
        from ...fileio import write_output

        def produce(tmp: Path) -> None:
            with open(tmp, "wb") as f:
                self.write(f)

        return write_output(path, produce)

    def document(self):
        """The package as a python-docx Document."""
        import docx

        return docx.Document(io.BytesIO(self.to_bytes()))


def read_package(path: str | Path) -> Package:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        names.sort(key=lambda n: n != CONTENT_TYPES)
        return Package({n: z.read(n) for n in names})
