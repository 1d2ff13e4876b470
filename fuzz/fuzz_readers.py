"""Coverage-guided fuzzing of drafter's readers with atheris (libFuzzer), beside the hypothesis
suite in tests/hostile/test_fuzz.py.  One target over raw bytes; the first byte picks the reader:
YAML plan, text document (any encoding), .docx package, or the YAML fast path.

    .venv/bin/python fuzz/fuzz_readers.py -max_total_time=600 outputs/fuzz/atheris-corpus

Every input must end in a result or a DrafterError; anything else is a crash libFuzzer saves.
Seed the corpus with plans/*.yaml and rendered .docx files for deeper coverage.
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from drafter.errors import DrafterError
    from drafter.fileio import decode
    from drafter.readers.docx import docx_paragraphs
    from drafter.readers.text import parse
    from drafter.readers.yaml import loads


def one_input(data: bytes) -> None:
    if not data:
        return
    kind, body = data[0] % 4, data[1:]
    try:
        if kind == 0:
            loads(decode(body, None, "fuzz.yaml"), "fuzz.yaml")
        elif kind == 1:
            loads(decode(body, None, "fuzz.yaml"), "fuzz.yaml", editable=False)
        elif kind == 2:
            parse(decode(body, None, "fuzz.txt").split("\n"), file="fuzz.txt", lines=True)
        else:
            paras = docx_paragraphs(body, "fuzz.docx")
            parse(paras, file="fuzz.docx")
    except DrafterError:
        pass


def main() -> None:
    sys.setrecursionlimit(5000)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
