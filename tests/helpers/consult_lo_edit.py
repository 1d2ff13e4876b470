#!/usr/bin/python3
"""Edit a .docx in LibreOffice with change tracking on, as a unit would (run with the SYSTEM
python3 that has `uno`).

usage: /usr/bin/python3 tests/helpers/consult_lo_edit.py IN.docx OUT.docx AUTHOR EDITS.json

EDITS.json is a list of {"find": text, "replace": text} (replace "" deletes) and
{"after_paragraph": text, "insert": text} (a new paragraph after the one containing text).
Each `find` must occur in the document; the result is saved as .docx by LibreOffice itself.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lo_oracle import _prop, office  # noqa: E402

PARAGRAPH_BREAK = 0  # com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK


def set_author(ctx, name):
    smgr = ctx.ServiceManager
    cp = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    access = cp.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                            (_prop("nodepath", "/org.openoffice.UserProfile/Data"),))
    access.setPropertyValue("givenname", name)
    access.setPropertyValue("sn", "")
    access.commitChanges()


def find(doc, text):
    sd = doc.createSearchDescriptor()
    sd.SearchString = text
    found = doc.findFirst(sd)
    if found is None:
        raise SystemExit("not found in the document: %r" % text)
    return found


def main():
    src, out, author, edits = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(Path(sys.argv[4]).read_text("utf-8"))
    with office("drafter_lo_edit_") as (ctx, desktop):
        set_author(ctx, author)
        doc = desktop.loadComponentFromURL(Path(src).resolve().as_uri(), "_blank", 0, (_prop("Hidden", True),))
        doc.setPropertyValue("RecordChanges", True)
        for e in edits:
            if "find" in e:
                find(doc, e["find"]).setString(e["replace"])
            else:
                found = find(doc, e["after_paragraph"])
                text = found.getText()
                cur = text.createTextCursorByRange(found.getEnd())
                cur.gotoEndOfParagraph(False)
                text.insertControlCharacter(cur, PARAGRAPH_BREAK, False)
                text.insertString(cur, e["insert"], False)
        doc.storeToURL(Path(out).resolve().as_uri(), (_prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)


if __name__ == "__main__":
    main()
