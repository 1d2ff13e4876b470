#!/usr/bin/python3
"""LibreOffice as the judge of tracked changes (run with the SYSTEM python3 that has `uno`).

usage: /usr/bin/python3 tests/helpers/lo_oracle.py file1.docx [file2.docx ...]

For each file, loads it three times in a private headless soffice and prints one JSON line:
{"file", "asis", "accept", "reject": [paragraph texts], "redlines": count as loaded}
where accept/reject are the paragraphs after .uno:AcceptAllTrackedChanges /
.uno:RejectAllTrackedChanges (tables flattened cell by cell).  getString() leaves out list
labels, so "asis_labels", "accept_labels", "reject_labels" give each paragraph's
ListLabelString ("" when it has none), parallel to the texts.  Errors are reported per file.
"""
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

SOFFICE = os.environ.get("SOFFICE", "soffice")


def _prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start_office(profile):
    pipe = "drafter_oracle_" + uuid.uuid4().hex[:10]
    env = dict(os.environ)
    env.setdefault("SAL_USE_VCLPLUGIN", "svp")
    proc = subprocess.Popen(
        [SOFFICE, "-env:UserInstallation=" + Path(profile).resolve().as_uri(), "--headless",
         "--invisible", "--nologo", "--norestore", "--nodefault",
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
    for _ in range(480):
        try:
            return proc, resolver.resolve(url)
        except NoConnectException:
            if proc.poll() is not None:
                raise RuntimeError("soffice exited with %s" % proc.returncode)
            time.sleep(0.25)
    proc.kill()
    raise RuntimeError("could not connect to soffice")


def paragraphs(doc, labels=None):
    out = []

    def walk(text):
        en = text.createEnumeration()
        while en.hasMoreElements():
            el = en.nextElement()
            if el.supportsService("com.sun.star.text.Paragraph"):
                out.append(el.getString())
                if labels is not None:
                    labels.append(el.getPropertyValue("ListLabelString") or "")
            elif el.supportsService("com.sun.star.text.TextTable"):
                for name in el.getCellNames():
                    walk(el.getCellByName(name).getText())

    walk(doc.getText())
    return out


def judge(desktop, dispatcher, path):
    url = Path(path).resolve().as_uri()
    info = {"file": str(path)}
    for mode in ("asis", "accept", "reject"):
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
        if doc is None:
            raise RuntimeError("LibreOffice could not load %s" % path)
        try:
            if mode == "asis":
                info["redlines"] = doc.getRedlines().getCount()
            else:
                frame = doc.getCurrentController().getFrame()
                cmd = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
                dispatcher.executeDispatch(frame, cmd, "", 0, ())
                info[mode + "_redlines_left"] = doc.getRedlines().getCount()
            info[mode + "_labels"] = []
            info[mode] = paragraphs(doc, info[mode + "_labels"])
        finally:
            doc.close(True)
    return info


@contextlib.contextmanager
def office(prefix="drafter_oracle_profile_"):
    """A private soffice (own profile, own pipe): yields (component context, desktop), then
    shuts the office down and removes the profile, whatever happened in between."""
    profile = tempfile.mkdtemp(prefix=prefix)
    proc, ctx = start_office(profile)
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        yield ctx, desktop
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge drops when the office exits
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        subprocess.run(["rm", "-rf", profile])


def main():
    files = sys.argv[1:]
    rc = 0
    with office() as (ctx, desktop):
        dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for f in files:
            try:
                print(json.dumps(judge(desktop, dispatcher, f), ensure_ascii=False), flush=True)
            except Exception as e:  # keep judging the other files
                rc = 1
                print(json.dumps({"file": f, "error": repr(e)}), flush=True)
    sys.exit(rc)


if __name__ == "__main__":
    main()
