"""Rollover's files: where the new plan goes by default, and any input read as plan YAML (a
document is imported first), so the edits always work on a YAML tree."""
from __future__ import annotations

import re
from pathlib import Path


def default_output(source: str | Path, old: int, new: int) -> Path:
    """`plans/<new year>-<stem>.yaml`; a stem that starts with the old year has it replaced
    (`2017-衡阳市-工作要点` → `2018-衡阳市-工作要点`), not doubled."""
    stem = Path(source).stem
    m = re.match(r"^%d(?=[-_年 .]|$)[-_ .]?" % old, stem)
    if m:
        rest = stem[m.end():]
        return Path("plans") / ("%d-%s.yaml" % (new, rest) if rest else "%d.yaml" % new)
    return Path("plans") / ("%d-%s.yaml" % (new, stem))


def load_any(path: str | Path, encoding: str | None = None):
    """A plan YAML as its Document; anything else imported first (IDs assigned) and read back
    as canonical YAML, so the rest of rollover always edits a YAML tree."""
    from ..ids import assign_ids
    from ..readers import read
    from ..readers.yaml import loads
    from ..writers.yaml import dump

    loaded = read(path, encoding=encoding)
    if loaded.kind == "yaml":
        return loaded.document, False
    assign_ids(loaded.plan)
    text = dump(loaded.plan, header="Imported from %s by `drafter rollover`." % Path(path).name)
    return loads(text, str(path)), True
