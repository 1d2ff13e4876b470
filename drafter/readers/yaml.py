"""YAML plan files (format 1) → the plan model, validating everything in one pass against
the field table of `drafter.schema` (the one the YAML writer writes by).

Every problem is reported at once with file:line:column, the YAML path and what was expected;
the ruamel.yaml tree is kept in the `yamlio.Document`, with the node each item came from, so
that `check --fix`, `rollover` and `collect --apply` can edit values in place without losing
the drafter's comments.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
from pathlib import Path

from .. import schema
from ..errors import Finding, InputError
from ..fileio import decode, read_bytes
from ..model import FORMAT_VERSION, Item, Notice, Numbering, Plan, Source, join_paragraphs, split_paragraphs
from ..text.dates import parse_date
from ..text.labels import parse_style
from ..yamlio import Document, key_position, make_yaml, node_position, value_position

__all__ = ["Document", "load", "loads"]

MAX_NODES = 2_000_000  # aliases are followed; this stops a billion-laughs file


# Kinds the field table (`drafter.schema`) uses, as the messages word them.
_KIND_WORDS = {
    "str": "a single line of text", "text": "text", "int": "a whole number",
    "bool": "true or false", "strlist": "a list of names, like [医政医管科, 财务科]",
    "date": "a date like 2017-03-09", "id": "a short ID like k3f9",
    "items": "a list of items (each starting with '- title: …')", "mapping": "a mapping of keys",
    "notice": "a mapping (the notice fields)", "numbering": "a mapping with levels and continuous",
    "stylelist": "a list of numbering styles like [\"一、\", \"（一）\", \"1.\"]",
    "boollist": "a list of true/false",
}


class _Loader:
    def __init__(self, path: str, document: Document | None = None):
        self.path = path
        self.findings: list[Finding] = []
        self.ids: dict[str, str] = {}
        self.nodes = 0
        self.document = document  # where model objects are bound to their tree nodes

    def bind(self, obj, node) -> None:
        if self.document is not None:
            self.document.bind(obj, node)

    # -- reporting --------------------------------------------------------------------------
    def error(self, message: str, path: str, where: tuple[int, int] | None, code: str = "schema"):
        line, col = (where[0] + 1, where[1] + 1) if where else (None, None)
        self.findings.append(Finding("error", code, message, self.path, line, col, path or None))

    def _count(self, where):
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise InputError("%s: the YAML expands to more than %d values (anchors/aliases "
                             "repeated too often?)" % (self.path, MAX_NODES))

    # -- generic field checks ---------------------------------------------------------------
    def mapping(self, node, fields: dict[str, schema.Field], path: str, where, what: str) -> dict | None:
        if not isinstance(node, dict):
            self.error("%s should be a mapping of keys, found %s" % (what, _describe(node)),
                       path, where)
            return None
        out = {}
        for key in node:
            kpos = key_position(node, key)
            kpath = "%s.%s" % (path, key) if path else str(key)
            if not isinstance(key, str) or key not in fields:
                hint = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
                msg = "unknown key %r in %s" % (key, what)
                msg += "; did you mean %r?" % hint[0] if hint else "; expected one of: %s" % ", ".join(fields)
                self.error(msg, kpath, kpos, "unknown-key")
                continue
            f = fields[key]
            out[key] = self.value(node[key], f.kind, kpath, value_position(node, key) or kpos, f.choices)
        return out

    def value(self, v, kind: str, path: str, where, choices: tuple[str, ...] = ()):
        self._count(where)
        if kind in ("str", "text", "id"):
            if isinstance(v, bool) or v is None:
                if v is None:
                    return ""
                self.error("expected %s, found %s" % (_KIND_WORDS[kind], _describe(v)), path, where)
                return None
            if kind == "id" and isinstance(v, int):
                v = str(v)
            if not isinstance(v, str):
                self.error("expected %s, found %s" % (_KIND_WORDS[kind], _describe(v)), path, where)
                return None
            v = str(v)
            if kind == "id" and not re.fullmatch(r"[A-Za-z0-9_\-]{1,32}", v):
                self.error("an ID is letters, digits, - or _ (at most 32), found %r" % v, path, where)
                return None
            if kind == "str" and "\n" in v.strip():
                v = "".join(line.strip() for line in v.split("\n"))
            return join_paragraphs(split_paragraphs(v)) if kind == "text" else v.strip()
        if kind == "int":
            if isinstance(v, bool) or not isinstance(v, int):
                self.error("expected %s, found %s" % (_KIND_WORDS[kind], _describe(v)), path, where)
                return None
            return int(v)
        if kind == "bool":
            if not isinstance(v, bool):
                self.error("expected true or false, found %s" % _describe(v), path, where)
                return None
            return bool(v)
        if kind == "date":
            if v is None or v == "":
                return None
            if isinstance(v, _dt.datetime):
                return v.date()
            if isinstance(v, _dt.date):
                return v
            if isinstance(v, str) and parse_date(v):
                return parse_date(v)
            self.error("expected a date like 2017-03-09 or 2017年3月9日, found %s" % _describe(v),
                       path, where, "bad-date")
            return None
        if kind == "enum":
            if v not in choices:
                hint = difflib.get_close_matches(str(v), choices, n=1)
                msg = "expected one of %s, found %s" % (", ".join(choices), _describe(v))
                if hint:
                    msg += "; did you mean %r?" % hint[0]
                self.error(msg, path, where, "bad-value")
                return None
            return str(v)
        if kind == "strlist":
            if v is None:
                return []
            if isinstance(v, str):
                return [v.strip()] if v.strip() else []
            if not isinstance(v, list):
                self.error("expected %s, found %s" % (_KIND_WORDS[kind], _describe(v)), path, where)
                return None
            out = []
            for i, x in enumerate(v):
                self._count(where)
                if not isinstance(x, (str, int)) or isinstance(x, bool):
                    self.error("expected a name, found %s" % _describe(x), "%s[%d]" % (path, i),
                               value_position(v, i) or where)
                    continue
                out.append(str(x).strip())
            return out
        if kind == "mapping":
            if not isinstance(v, dict):
                self.error("expected a mapping, found %s" % _describe(v), path, where)
                return None
            return {str(k): self.plain(x, where) for k, x in v.items()}
        if kind == "items":
            return self.items(v, path, where)
        if kind == "notice":
            return self.notice(v, path, where)
        if kind == "numbering":
            return self.numbering(v, path, where)
        if kind == "stylelist":
            if not isinstance(v, list) or not v:
                self.error("expected %s" % _KIND_WORDS[kind], path, where)
                return None
            out = []
            for i, x in enumerate(v):
                try:
                    parse_style(str(x))
                    out.append(str(x))
                except ValueError as e:
                    self.error(str(e), "%s[%d]" % (path, i), value_position(v, i) or where, "bad-style")
            return out
        if kind == "boollist":
            if not isinstance(v, list) or not all(isinstance(x, bool) for x in v):
                self.error("expected %s" % _KIND_WORDS[kind], path, where)
                return None
            return list(v)
        raise AssertionError(kind)

    def plain(self, v, where):
        """Free-form values (meta) as plain Python, counting nodes so aliases cannot explode."""
        self._count(where)
        if isinstance(v, dict):
            return {str(k): self.plain(x, where) for k, x in v.items()}
        if isinstance(v, list):
            return [self.plain(x, where) for x in v]
        if isinstance(v, float):  # ruamel's ScalarFloat re-formats when written and can lose a digit
            return float(v)
        # the plan holds plain Python, never ruamel's types (ScalarString, ScalarBoolean, TimeStamp…)
        if isinstance(v, str):
            return str(v)
        if isinstance(v, bool) or type(v).__name__ == "ScalarBoolean":  # (anchored: an int to ruamel)
            return bool(v)
        if isinstance(v, int):
            return int(v)
        if isinstance(v, _dt.datetime) and type(v) is not _dt.datetime:
            return _dt.datetime(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond, v.tzinfo)
        if type(v).__name__ == "TaggedScalar":  # `!tag value`: the value (meta is free-form)
            return self.plain(v.value, where)
        return v

    # -- structures -------------------------------------------------------------------------
    def numbering(self, v, path, where) -> Numbering | None:
        got = self.mapping(v, schema.NUMBERING, path, where, "numbering")
        if got is None:
            return None
        n = Numbering()
        if got.get("levels"):
            n.levels = got["levels"]
        if got.get("continuous") is not None:
            n.continuous = got["continuous"]
        return n

    def items(self, v, path, where) -> list[Item] | None:
        if v is None:
            return []
        if not isinstance(v, list):
            self.error("expected %s, found %s" % (_KIND_WORDS["items"], _describe(v)), path, where)
            return None
        out = []
        for i, node in enumerate(v):
            ipath = "%s[%d]" % (path, i)
            ipos = value_position(v, i) or where
            if isinstance(node, str):
                out.append(Item(title=node.strip(), source=Source(self.path, ipos[0] + 1 if ipos else None)))
                continue
            got = self.mapping(node, schema.ITEM, ipath, ipos, "an item")
            if got is None:
                continue
            npos = node_position(node) or ipos
            missing = [key for key in schema.required(schema.ITEM) if key not in got]
            if missing:
                self.error("an item needs a %s" % missing[0], ipath, npos, "missing-key")
            elif got.get("title") == "":
                self.error("an item's title is empty", ipath + ".title",
                           value_position(node, "title") or npos, "missing-key")
            item = Item(source=Source(self.path, npos[0] + 1 if npos else None,
                                      npos[1] + 1 if npos else None))
            self.bind(item, node)
            for key, val in got.items():
                if val is not None:
                    setattr(item, key, val)
            if item.id is not None:
                first = self.ids.get(item.id)
                if first:
                    self.error("duplicate ID %r: already used at %s" % (item.id, first),
                               ipath + ".id", value_position(node, "id"), "duplicate-id")
                else:
                    self.ids[item.id] = ipath
            out.append(item)
        return out

    def notice(self, v, path, where) -> Notice | None:
        got = self.mapping(v, schema.NOTICE, path, where, "the notice")
        if got is None:
            return None
        npos = node_position(v)
        n = Notice(source=Source(self.path, npos[0] + 1 if npos else None))
        self.bind(n, v)
        for key, val in got.items():
            if val is not None:
                setattr(n, key, val)
        return n

    def plan(self, tree) -> Plan:
        got = self.mapping(tree, schema.PLAN, "", (0, 0), "the plan") or {}
        plan = Plan(source=Source(self.path, 1, 1))
        self.bind(plan, tree)
        for key in schema.required(schema.PLAN):
            if key not in got and isinstance(tree, dict):
                self.error("the plan needs a %r key" % key, key, (0, 0), "missing-key")
        if got.get("format") not in (None, FORMAT_VERSION):
            self.error("this drafter reads format %d, the file says format %s"
                       % (FORMAT_VERSION, got["format"]), "format",
                       value_position(tree, "format"), "bad-value")
        for key, val in got.items():
            if key == "format" or val is None:
                continue
            setattr(plan, key, val)
        return plan


def _describe(v) -> str:
    if v is None:
        return "nothing"
    if isinstance(v, bool):
        return "%s (true/false)" % str(v).lower()
    if isinstance(v, int):
        return "the number %d" % v
    if isinstance(v, (_dt.date, _dt.datetime)):
        return "the date %s" % v.isoformat()
    if isinstance(v, str):
        s = v if len(v) <= 30 else v[:30] + "…"
        return "the text %r" % s
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "a mapping"
    return type(v).__name__




def _syntax_finding(e: Exception, path: str) -> Finding:
    """A ruamel.yaml parse error as a located finding with a plain-language message."""
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    problem = (getattr(e, "problem", None) or str(e)).strip()
    context = (getattr(e, "context", None) or "").strip()
    name = type(e).__name__
    if "found character '\\t'" in problem or "\\t" in problem and "tab" not in problem:
        msg = "a tab character: YAML indentation must use spaces"
    elif name == "DuplicateKeyError":
        msg = "a key appears twice in the same mapping (%s)" % problem.split("\n")[0]
        dm = getattr(e, "problem_mark", None)
        if dm is not None:
            line, col = dm.line + 1, dm.column + 1
    elif "could not find expected ':'" in problem or ("simple key" in context and "':'" in problem):
        msg = "a line is missing the ':' between key and value (or a value needs quotes)"
    elif "mapping values are not allowed" in problem:
        msg = "a ':' where a value was expected; put text with ':' in quotes"
    elif "expected <block end>" in problem:
        msg = "the indentation does not line up with the lines above"
    else:
        msg = problem + ("; " + context if context and context not in problem else "")
    return Finding("error", "yaml-syntax", msg, path, line, col)


def _warning_finding(w, path: str) -> Finding:
    """A ruamel.yaml warning (such as an anchor defined twice) as a located warning."""
    import re

    text = str(w)
    where = re.findall(r"line (\d+), column (\d+)", text)
    line, col = (int(where[-1][0]), int(where[-1][1])) if where else (None, None)
    message = text.strip().split("\n")[0]
    if "duplicate anchor" in message:
        message += "; aliases after it refer to this later one"
    return Finding("warning", "yaml-warning", message, path, line, col)


def loads(text: str, path: str = "<input>", *, editable: bool = True) -> Document:
    """Parse and validate YAML text; raise InputError carrying every finding.

    `editable=False` is for readers that only need the plan (render, diff): a valid file is
    parsed by the C loader, about eight times faster, and has no ruamel tree and no positions.
    Anything the fast path does not like is parsed again the careful way, so errors are
    always located."""
    if not editable:
        fast = _fast_plan(text, path)
        if fast is not None:
            return fast
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    y = make_yaml()
    if "\t" in text:
        for n, line in enumerate(text.split("\n"), 1):
            indent = len(line) - len(line.lstrip(" \t"))
            if "\t" in line[:indent]:
                f = Finding("error", "yaml-syntax",
                            "a tab character in the indentation: YAML indentation must use spaces",
                            path, n, line.index("\t") + 1)
                raise InputError(str(f), [f])
    import warnings

    try:
        with warnings.catch_warnings(record=True) as caught:  # ruamel warns on stderr otherwise
            warnings.simplefilter("always")
            tree = y.load(text)
    except MarkedYAMLError as e:
        f = _syntax_finding(e, path)
        raise InputError(str(f), [f]) from None
    except (YAMLError, ValueError, TypeError, RecursionError) as e:
        f = Finding("error", "yaml-syntax", "not valid YAML: %s" % str(e).split("\n")[0], path)
        raise InputError(str(f), [f]) from None
    if tree is None:
        f = Finding("error", "empty", "the file is empty; a plan needs at least a title and sections",
                    path, 1, 1)
        raise InputError(str(f), [f])
    document = Document(plan=None, tree=tree, text=text, path=path)
    loader = _Loader(path, document)
    loader.findings.extend(_warning_finding(w.message, path) for w in caught)
    try:
        plan = loader.plan(tree)
    except RecursionError:
        f = Finding("error", "too-deep", "the YAML is nested too deeply", path)
        raise InputError(str(f), [f]) from None
    errors = [f for f in loader.findings if f.level == "error"]
    if errors:
        raise InputError("%s: %d problem%s" % (path, len(errors), "s" if len(errors) > 1 else ""),
                         loader.findings)
    document.plan, document.findings = plan, loader.findings
    return document


def load(path: str | Path, encoding: str | None = None, *, editable: bool = True) -> Document:
    data = read_bytes(path)
    return loads(decode(data, encoding, str(path)), str(path), editable=editable)


def _fast_plan(text: str, path: str) -> Document | None:
    """The plan of a valid file through ruamel's C safe loader, or None (no C loader, a
    syntax error, an alias bomb, any finding): the caller then takes the careful path."""
    try:
        from ruamel.yaml import YAML

        y = YAML(typ="safe", pure=False)
        if "CParser" not in getattr(y.Parser, "__name__", ""):
            return None
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a warning (a reused anchor): the careful path words it
            tree = y.load(text)
        if not isinstance(tree, dict):
            return None
        loader = _Loader(path)
        plan = loader.plan(tree)
    except Exception:  # the careful path reports it, located
        return None
    if loader.findings:
        return None
    return Document(plan=plan, tree=None, text=text, path=path, findings=[])

