"""The baselines, run by the bench environment's Python (.venv-bench: docxtpl, python-redlines
with its Docxodus engine), never by drafter's own.

usage (whole process, timed from outside):
    python baseline_worker.py template OUT.dotx          # make the plain docxtpl template
    python baseline_worker.py fill TEMPLATE DATA.json OUT.docx
    python baseline_worker.py engine ENGINE_DIR              # unpack the Docxodus binary
    python baseline_worker.py redline OLD.docx NEW.docx OUT.docx ENGINE_DIR
    python baseline_worker.py serve                      # in-process: JSON requests on stdin

`serve` reads one JSON request per line, `{"op": "fill", "args": [...]}`, runs it and answers
`{"seconds": …, "cpu": …}` (wall and CPU time measured inside this process, after imports), so the harness can
interleave in-process runs of drafter and of the baseline.
"""
from __future__ import annotations

import json
import sys
import time


def make_template(out: str) -> None:
    """A plain docxtpl template: title, then every paragraph of the text in one loop, in the
    default style (what an office writes when it does not lay out to GB/T 9704)."""
    import docx

    d = docx.Document()
    d.add_paragraph("{{ title }}", style="Title")
    d.add_paragraph("{%p for p in paras %}")
    d.add_paragraph("{{ p }}")
    d.add_paragraph("{%p endfor %}")
    d.save(out)


def fill(template: str, data: str, out: str) -> None:
    """The docxtpl script an office would write: read the text, fill the template, save."""
    from docxtpl import DocxTemplate

    with open(data, encoding="utf-8") as fh:
        context = json.load(fh)
    tpl = DocxTemplate(template)
    tpl.render(context)
    tpl.save(out)


def engine(engine_dir: str) -> None:
    """Unpack the Docxodus binary from its wheel into `engine_dir` (once, before timing)."""
    from python_redlines import DocxodusEngine

    DocxodusEngine(target_path=engine_dir)


def redline(old: str, new: str, out: str, engine_dir: str) -> None:
    """python-redlines' Docxodus engine on two .docx (its binary is unpacked into
    `engine_dir` once, never downloaded)."""
    from python_redlines import DocxodusEngine

    engine = DocxodusEngine(target_path=engine_dir)
    data, _, _ = engine.run_redline("bench", old, new)
    with open(out, "wb") as fh:
        fh.write(data)


OPS = {"template": make_template, "fill": fill, "engine": engine, "redline": redline}


def serve() -> None:
    for line in sys.stdin:
        req = json.loads(line)
        c = time.process_time()
        t = time.perf_counter()
        OPS[req["op"]](*req["args"])
        print(json.dumps({"seconds": time.perf_counter() - t, "cpu": time.process_time() - c}),
              flush=True)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "serve":
        serve()
        return 0
    if not argv or argv[0] not in OPS:
        print(__doc__, file=sys.stderr)
        return 2
    OPS[argv[0]](*argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
