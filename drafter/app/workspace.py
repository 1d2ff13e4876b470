"""A workspace: a folder of plans (`plans/`) with a version history, a recycle folder and a
staging area under `.drafter/`, for front ends that edit plans in place (the web app).

Nothing is ever lost: every save snapshots both the version it replaces and the new one
(`.drafter/history/<plan>/`), a delete moves the plan to `.drafter/recycle/`, and a save whose
base is no longer what is on disk (the CLI or a colleague changed it) is refused with both
texts.  Plan names come from users (URLs, forms), so each one is checked to name a file
directly inside `plans/`; nothing outside the workspace is ever read or written.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import schema
from ..errors import DrafterError, InputError

PLANS = "plans"
STATE = ".drafter"
PLAN_SUFFIXES = (".yaml", ".yml")
_NAME = re.compile(r"[^/\\\x00-\x1f:*?\"<>|]{1,120}")
# The fields a front end may edit, and how a submitted string becomes a YAML value: kinds and
# key order come from the one schema table (drafter/schema.py), so a new notice field is
# editable here as soon as it is in the table.
_WEB_KIND = {"strlist": "list", "text": "text", "int": "int", "date": "date", "bool": "bool"}


def _fields(table: dict, names: tuple[str, ...] | None = None) -> dict[str, str]:
    return {n: _WEB_KIND.get(f.kind, "str") for n, f in table.items()
            if f.attr and f.kind not in ("items", "notice", "numbering", "mapping", "id")
            and (names is None or n in names)}


PLAN_FIELDS = _fields(schema.PLAN, ("title", "year", "issuer", "status", "preamble", "closing"))
NOTICE_FIELDS = _fields(schema.NOTICE)
ITEM_FIELDS = _fields(schema.ITEM, ("title", "text", "lead", "support", "deadline"))
# Key order used when a field is added to a mapping that lacked it (the writer's order).
ITEM_ORDER = tuple(schema.ITEM)
PLAN_ORDER = tuple(schema.PLAN)
NOTICE_ORDER = tuple(schema.NOTICE)
NEW_ITEM_TITLE = "新任务"
NEW_SECTION_TITLE = "新部分"


class NameRefused(InputError):
    """A plan name that is not a plain file name inside plans/ (../x, a/b, .hidden)."""


class SaveConflict(DrafterError):
    """The plan changed on disk since the editor loaded it: both texts travel with the error."""

    def __init__(self, name: str, current: str, mine: str, current_hash: str):
        super().__init__("%s 在您打开之后已被修改（命令行或其他同事），未保存；请对照两个版本后再保存" % name)
        self.name, self.current, self.mine, self.current_hash = name, current, mine, current_hash


def content_hash(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class PlanInfo:
    name: str
    title: str = ""
    year: int | None = None
    status: str = ""
    items: int = 0
    changed: _dt.datetime | None = None
    error: str | None = None


@dataclass
class Version:
    id: str  # the snapshot's file stem: <utc stamp>-<hash>
    hash: str
    when: _dt.datetime
    who: str = ""
    note: str = ""


@dataclass
class Saved:
    name: str
    hash: str
    findings: list = field(default_factory=list)


class Workspace:
    """The folder a front end serves: `plans/` and the state under `.drafter/`."""

    def __init__(self, root: str | Path):
        import threading

        self.root = Path(root).resolve()
        self.plans = self.root / PLANS
        self.state = self.root / STATE
        # Parsed plans and YAML trees by content hash: a plan the editor just saved opens
        # without being parsed again, and the next save starts from the tree of the last.
        self._plans: dict[str, Any] = {}
        self._trees: dict[str, Any] = {}
        self._cache_lock = threading.Lock()
        self._save_lock = threading.RLock()  # the base check and the write as one step

    # -- names and paths ------------------------------------------------------------------
    def path(self, name: str, *, exists: bool = True) -> Path:
        """The file `name` names inside plans/, refusing anything that is not a plain plan
        file name there (separators, `..`, hidden files, other suffixes, symlinks out)."""
        if (not isinstance(name, str) or not _NAME.fullmatch(name) or name.startswith(".")
                or not name.endswith(PLAN_SUFFIXES) or name.strip() != name):
            raise NameRefused("计划名称无效：%r（只能是 plans/ 文件夹中的 .yaml 文件名）" % (name,))
        path = self.plans / name
        if path.parent.resolve() != self.plans.resolve() or (
                path.exists() and path.resolve().parent != self.plans.resolve()):
            raise NameRefused("计划名称无效：%r" % (name,))
        if exists and not path.is_file():
            raise NameRefused("没有这个计划：%s" % name)
        return path

    def free_name(self, stem: str) -> str:
        """A plan file name from `stem` (a title, an upload's name) that is safe and unused."""
        stem = re.sub(r"[/\\\x00-\x1f:*?\"<>|]+", "-", stem).strip(" .-")[:80] or "计划"
        name, n = stem + ".yaml", 2
        while (self.plans / name).exists():
            name, n = "%s-%d.yaml" % (stem, n), n + 1
        return name

    def staging(self) -> Path:
        """A private folder for work in progress (uploads, renders) inside the workspace."""
        folder = self.state / "tmp"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    # -- listing --------------------------------------------------------------------------
    def list_plans(self) -> list[PlanInfo]:
        """Every plan in plans/ with year, title, status, item count and last change, newest
        year first; a file that does not load is listed with its error."""
        out = []
        if not self.plans.is_dir():
            return out
        for path in sorted(p for p in self.plans.iterdir() if p.suffix in PLAN_SUFFIXES and p.is_file()
                           and not p.name.startswith(".")):
            info = PlanInfo(path.name, changed=_dt.datetime.fromtimestamp(path.stat().st_mtime))
            try:
                plan = self.plan(path.name)[0]
                info.title, info.year, info.status = plan.title, plan.year, plan.status
                info.items = sum(1 for _ in plan.walk())
            except DrafterError as e:
                info.error = e.message
            out.append(info)
        out.sort(key=lambda i: (-(i.year or 0), i.name))
        return out

    def read(self, name: str) -> tuple[str, str]:
        """The plan's text and content hash."""
        from ..fileio import decode, read_bytes

        path = self.path(name)
        data = read_bytes(path)
        return decode(data, None, name), content_hash(data)

    def load(self, name: str, *, editable: bool = True) -> Any:
        """The plan as `readers.read` loads it (InputError with findings when it is invalid);
        `editable=False` is the fast reader, for showing a plan."""
        from .. import readers

        return readers.read(str(self.path(name)), editable=editable)

    def plan(self, name: str) -> tuple[Any, str]:
        """The plan for showing (not for editing in place) and its content hash; parsed once
        per content."""
        from ..readers.yaml import loads

        text, h = self.read(name)
        with self._cache_lock:
            plan = self._plans.get(h)
        if plan is None:
            plan = loads(text, name, editable=False).plan
            self._remember(self._plans, h, plan)
        return plan, h

    def _remember(self, cache: dict, key: str, value: Any, keep: int = 8) -> None:
        with self._cache_lock:
            cache[key] = value
            while len(cache) > keep:
                cache.pop(next(iter(cache)))

    def edit(self, name: str, changes: dict[str, str], op: str | None, base: str | None, *,
             who: str = "", note: str = "") -> Saved:
        """Apply editor `changes` and `op` (see `edit_text`) to plan `name` and save it like
        `save` does (valid plan, history, refused when `base` is stale)."""
        text, current = self.read(name)
        with self._cache_lock:
            tree = self._trees.pop(current, None)
        tree = _edited_tree(text if tree is None else tree, changes, op)
        new = _yamlio().dump_tree(tree)
        saved = self.save(name, new, base, who=who, note=note)
        self._remember(self._trees, saved.hash, tree, keep=4)
        return saved

    # -- saving and history ---------------------------------------------------------------
    def save(self, name: str, text: str, base: str | None, *, who: str = "", note: str = "",
             new: bool = False) -> Saved:
        """Write `text` as plan `name` atomically after checking it is a valid plan, keeping
        the version it replaces and the new one in the history.  `base` is the hash of the
        text the editor started from; when the file no longer has it, nothing is written and
        SaveConflict carries both versions."""
        from ..readers.yaml import loads

        path = self.path(name, exists=not new)
        doc = loads(text, name, editable=False)  # InputError with every finding when it is no valid plan
        self._remember(self._plans, content_hash(text), doc.plan)
        with self._save_lock:
            return self._write(name, path, text, base, doc, who=who, note=note, new=new)

    def _write(self, name, path, text, base, doc, *, who, note, new) -> Saved:
        from ..fileio import atomic_write, read_bytes

        if new and path.exists():
            raise InputError("已有同名计划：%s" % name)
        if path.exists():
            data = read_bytes(path)
            current = content_hash(data)
            if base is not None and current != base:
                raise SaveConflict(name, data.decode("utf-8", "replace"), text, current)
            self._snapshot(name, data, who="（保存前的版本）", note="",
                           when=_dt.datetime.fromtimestamp(path.stat().st_mtime, _dt.timezone.utc))
        self.plans.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
        self._snapshot(name, text.encode("utf-8"), who=who, note=note)
        return Saved(name, content_hash(text), doc.findings)

    def _history_dir(self, name: str) -> Path:
        return self.state / "history" / name

    def _snapshot(self, name: str, data: bytes, *, who: str, note: str,
                  when: _dt.datetime | None = None) -> None:
        """Keep `data` as a version of `name`, unless the latest version already holds it."""
        from ..fileio import atomic_write

        h = content_hash(data)
        folder = self._history_dir(name)
        latest = max((p.stem for p in folder.glob("*.yaml")), default="") if folder.is_dir() else ""
        if latest.endswith("-" + h):
            return
        when = when or _dt.datetime.now(_dt.timezone.utc)
        stamp = when.astimezone(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        if stamp <= latest.split("-")[0]:  # keep ids in save order
            stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        vid = "%s-%s" % (stamp, h)
        atomic_write(folder / (vid + ".yaml"), data)
        atomic_write(folder / (vid + ".json"), json.dumps({"who": who, "note": note, "hash": h},
                                                          ensure_ascii=False))

    def history(self, name: str) -> list[Version]:
        """The plan's kept versions, newest first."""
        self.path(name, exists=False)
        folder = self._history_dir(name)
        out = []
        if folder.is_dir():
            for p in folder.glob("*.yaml"):
                stamp, _, h = p.stem.partition("-")
                try:
                    when = _dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%f").replace(tzinfo=_dt.timezone.utc)
                except ValueError:
                    continue
                meta = {}
                side = p.with_suffix(".json")
                if side.exists():
                    try:
                        meta = json.loads(side.read_text("utf-8"))
                    except (OSError, ValueError):
                        meta = {}
                out.append(Version(p.stem, h, when, meta.get("who", ""), meta.get("note", "")))
        out.sort(key=lambda v: v.id, reverse=True)
        return out

    def version_path(self, name: str, vid: str) -> Path:
        """The file holding version `vid` of `name` (refused unless it is one of its versions)."""
        if not any(v.id == vid for v in self.history(name)):
            raise NameRefused("没有这个版本：%s" % vid)
        return self._history_dir(name) / (vid + ".yaml")

    def restore(self, name: str, vid: str, base: str | None, *, who: str = "") -> Saved:
        """Make version `vid` the current text again (itself a save: nothing is lost)."""
        text = self.version_path(name, vid).read_text("utf-8")
        return self.save(name, text, base, who=who, note="恢复为 %s 的版本" % vid[:15])

    # -- whole plans ----------------------------------------------------------------------
    def duplicate(self, name: str, *, who: str = "") -> str:
        """A copy of the plan under a new free name; return that name."""
        text, _ = self.read(name)
        new = self.free_name(Path(name).stem + "-副本")
        self.save(new, text, None, who=who, note="复制自 %s" % name, new=True)
        return new

    def delete(self, name: str) -> Path:
        """Move the plan into .drafter/recycle/ (never a hard delete); return where it went."""
        import os

        path = self.path(name)
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.state / "recycle" / ("%s-%s" % (stamp, name))
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        return target

    def recycled(self) -> list[str]:
        """The recycle folder's entries (<stamp>-<plan name>), most recently deleted first."""
        folder = self.state / "recycle"
        return sorted((p.name for p in folder.iterdir()), reverse=True) if folder.is_dir() else []

    def undelete(self, entry: str) -> str:
        """Move a recycled plan back into plans/ (under a free name); return its name."""
        import os

        if entry not in self.recycled():
            raise NameRefused("回收站中没有：%s" % entry)
        original = re.sub(r"^\d{8}-\d{6}-\d{6}-", "", entry)
        name = original if not (self.plans / original).exists() else self.free_name(Path(original).stem)
        self.path(name, exists=False)
        self.plans.mkdir(parents=True, exist_ok=True)
        os.replace(self.state / "recycle" / entry, self.plans / name)
        return name


# -- editing the YAML in place --------------------------------------------------------------

def field_key(ypath: str | None) -> str | None:
    """A finding's YAML path as the editor's field key: `sections[2].items[4].lead` →
    `item.2.4.lead`, `notice.doc_number` stays, `title` → `plan.title`."""
    if not ypath:
        return None
    m = re.fullmatch(r"sections\[(\d+)\]((?:\.items\[\d+\])*)(?:\.([a-z_]+))?.*", ypath)
    if m:
        steps = [m.group(1)] + re.findall(r"\[(\d+)\]", m.group(2))
        return "item." + ".".join(steps) + ("." + m.group(3) if m.group(3) else "")
    head = re.match(r"[a-z_]+(?:\.[a-z_]+)?", ypath)
    if not head:
        return None
    key = head.group(0)
    return key if key.startswith("notice.") else "plan." + key.split(".")[0]


def item_key(path: tuple[int, ...]) -> str:
    return "item." + ".".join(str(i) for i in path)


def parse_item_key(text: str) -> tuple[int, ...]:
    if not re.fullmatch(r"\d+(?:\.\d+)*", text or ""):
        raise InputError("条目位置无效：%r" % (text,))
    return tuple(int(i) for i in text.split("."))


def split_list(value: str) -> list[str]:
    """Office names as typed: separated by 、，, ; or line breaks."""
    return [v.strip() for v in re.split(r"[、，,;；\n]+", value) if v.strip()]


def edit_text(text: str, changes: dict[str, str], op: str | None = None) -> str:
    """`text` (plan YAML) with the submitted field `changes` and one structural `op` applied
    to the ruamel tree, comments and key order kept.  Keys: `plan.<field>`,
    `notice.<field>`, `item.<path>.<field>`; a value equal to what is there leaves the node
    untouched.  Ops: `add-child:<path>`, `add-after:<path>`, `add-section`, `delete:<path>`,
    `up:<path>`, `down:<path>`, `move:<path>:<section index>`."""
    return _yamlio().dump_tree(_edited_tree(text, changes, op))


def _edited_tree(text_or_tree: Any, changes: dict[str, str], op: str | None) -> Any:
    """The ruamel tree of `text_or_tree` (parsed when it is text) with the edits applied."""
    tree = _yamlio().make_yaml().load(text_or_tree) if isinstance(text_or_tree, str) else text_or_tree
    if not hasattr(tree, "get"):
        raise InputError("这不是一个计划文件")
    for key, value in changes.items():
        _apply_change(tree, key, value)
    if op:
        _apply_op(tree, op)
    return tree


def _apply_change(tree: Any, key: str, value: str) -> None:
    kind, _, rest = key.partition(".")
    if kind == "plan" and rest in PLAN_FIELDS:
        _set(tree, rest, value, PLAN_FIELDS[rest], PLAN_ORDER, required=rest == "title")
    elif kind == "notice" and rest in NOTICE_FIELDS:
        notice = tree.get("notice")
        if notice is None:
            if not value.strip():
                return
            from ruamel.yaml.comments import CommentedMap

            notice = CommentedMap([("kind", "issue")])
            _insert(tree, "notice", notice, PLAN_ORDER)
        _set(notice, rest, value, NOTICE_FIELDS[rest], NOTICE_ORDER, required=rest == "kind",
             default=schema.NOTICE[rest].default)
    elif kind == "item":
        where, _, name = rest.rpartition(".")
        if name not in ITEM_FIELDS:
            raise InputError("不能编辑的字段：%s" % key)
        node = _node(tree, parse_item_key(where))
        _set(node, name, value, ITEM_FIELDS[name], ITEM_ORDER, required=name == "title")
    else:
        raise InputError("不能编辑的字段：%s" % key)


def _set(mapping: Any, key: str, value: str, kind: str, order: tuple[str, ...], *, required: bool,
         default: Any = None) -> None:
    """Set `mapping[key]` from a submitted string, leaving it alone when it already says that
    (a yes/no left at the field's default where the file does not name it stays unnamed)."""
    yaml_scalar, yaml_text = _yamlio().line_scalar, _yamlio().text_scalar
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.strip() if kind != "text" else value.strip("\n").rstrip()
    current = mapping.get(key)
    if kind == "bool" and key not in mapping and isinstance(default, bool) and \
            value.lower() in (("true", "是", "1", "yes", "on") if default else ("false", "否", "0", "no", "off")):
        return
    if _shown(current, kind) == value or (kind == "text" and current is not None
                                          and _as_read(_shown(current, kind)) == _as_read(value)):
        return  # the same once read: the node, its style and its blanks stay as they are
    if not value and not required:
        if key in mapping:
            del mapping[key]
        return
    if kind == "list":
        new: Any = _flow(split_list(value))
    elif kind == "int":
        new = int(value) if re.fullmatch(r"\d{1,6}", value) else yaml_scalar(value)
    elif kind == "date":
        try:
            new = _dt.date.fromisoformat(value)
        except ValueError:
            new = yaml_scalar(value)  # the validator says where and what a date looks like
    elif kind == "text":
        new = yaml_text(value)
    elif kind == "bool":
        new = value.lower() in ("true", "是", "1", "yes", "on")
    else:
        new = yaml_scalar(value)
    if key in mapping:
        mapping[key] = new
    else:
        _insert(mapping, key, new, order)


def _shown(value: Any, kind: str) -> str:
    """A YAML value as the editor shows it in its field."""
    if value is None:
        return ""
    if kind == "list" and isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip("\n").rstrip() if kind == "text" else str(value).strip()


def _as_read(text: str) -> str:
    """A text field as the reader makes it (paragraphs, blanks around lines dropped)."""
    from ..model import join_paragraphs, split_paragraphs

    return join_paragraphs(split_paragraphs(text))


def shown(value: Any, kind: str = "str") -> str:
    """A model value as the editor's field shows it (lists joined with 、, dates ISO)."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    return _shown(value, kind)


def _flow(values: list[str]):
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq([_yamlio().line_scalar(v) for v in values])
    seq.fa.set_flow_style()
    return seq


def _insert(mapping: Any, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Insert `key` where the canonical order puts it among the keys already there."""
    rank = {k: i for i, k in enumerate(order)}
    mine = rank.get(key, len(order))
    pos = len(mapping)
    for i, k in enumerate(mapping):
        if rank.get(k, len(order)) > mine:
            pos = i
            break
    mapping.insert(pos, key, value)


def _siblings(tree: Any, path: tuple[int, ...]) -> Any:
    """The sequence holding the node at `path` (sections, or a parent's items)."""
    seq = tree.get("sections")
    for i in path[:-1]:
        if seq is None or not 0 <= i < len(seq):
            raise InputError("条目位置无效：%s" % ".".join(map(str, path)))
        seq = seq[i].get("items")
    if seq is None or not 0 <= path[-1] < len(seq):
        raise InputError("条目位置无效：%s" % ".".join(map(str, path)))
    return seq


def _node(tree: Any, path: tuple[int, ...]) -> Any:
    return _siblings(tree, path)[path[-1]]


def _new_item(tree: Any, title: str):
    from ruamel.yaml.comments import CommentedMap

    from ..ids import make_id

    taken: set[str] = set()

    def collect(seq):
        for m in seq or []:
            if hasattr(m, "get"):
                if m.get("id"):
                    taken.add(str(m["id"]))
                collect(m.get("items"))

    collect(tree.get("sections"))
    return CommentedMap([("id", make_id(title + str(len(taken)), taken)), ("title", title)])


def _apply_op(tree: Any, op: str) -> None:
    from ruamel.yaml.comments import CommentedSeq

    verb, _, arg = op.partition(":")
    if verb == "add-section":
        seq = tree.get("sections")
        if seq is None:
            seq = CommentedSeq()
            _insert(tree, "sections", seq, PLAN_ORDER)
        seq.append(_new_item(tree, NEW_SECTION_TITLE))
        return
    target = None
    if verb == "move":
        arg, _, target = arg.partition(":")
    path = parse_item_key(arg)
    seq = _siblings(tree, path)
    i = path[-1]
    if verb == "add-child":
        node = seq[i]
        if node.get("items") is None:
            _insert(node, "items", CommentedSeq(), ITEM_ORDER)
        node["items"].append(_new_item(tree, NEW_ITEM_TITLE))
    elif verb == "add-after":
        seq.insert(i + 1, _new_item(tree, NEW_SECTION_TITLE if len(path) == 1 else NEW_ITEM_TITLE))
    elif verb == "delete":
        del seq[i]
        if not seq and len(path) > 1:
            del _node(tree, path[:-1])["items"]
    elif verb in ("up", "down"):
        j = i - 1 if verb == "up" else i + 1
        if 0 <= j < len(seq):
            seq[i], seq[j] = seq[j], seq[i]
    elif verb == "move":
        sections = tree.get("sections")
        k = int(target) if (target or "").isdigit() else -1
        if not 0 <= k < len(sections) or len(path) < 2:
            raise InputError("不能移动到这个位置")
        node = seq.pop(i)
        dest = sections[k]
        if dest.get("items") is None:
            _insert(dest, "items", CommentedSeq(), ITEM_ORDER)
        dest["items"].append(node)
        if not seq:
            parent = _node(tree, path[:-1])
            if parent is not dest:
                del parent["items"]
    else:
        raise InputError("未知的操作：%s" % op)


# -- checks on unsaved text -----------------------------------------------------------------

def findings_of_text(ws: Workspace, name: str, text: str) -> list:
    """What `drafter check` says about `text` as if it were plan `name` (schema errors and
    lint findings, the same messages), without touching the plan."""
    import tempfile

    from ..fileio import atomic_write
    from .check import check

    with tempfile.TemporaryDirectory(dir=ws.staging()) as tmp:
        path = Path(tmp) / Path(name).name
        atomic_write(path, text)
        try:
            findings = check(str(path)).findings
        except InputError as e:
            findings = e.findings or [_as_finding(e)]
    for f in findings:
        f.file = name
    return findings


def _as_finding(e: DrafterError):
    from ..errors import Finding

    return Finding("error", "input", e.message)


def fixed_text(ws: Workspace, name: str) -> tuple[str, list[str]]:
    """The plan's text after `drafter check --fix` (safe fixes, missing IDs), worked on a copy
    so that the caller saves it through `Workspace.save` (history, conflict check)."""
    import tempfile

    from ..fileio import atomic_write
    from .check import check

    text, _ = ws.read(name)
    with tempfile.TemporaryDirectory(dir=ws.staging()) as tmp:
        path = Path(tmp) / name
        atomic_write(path, text)
        result = check(str(path), fix=True)
        return path.read_text("utf-8"), result.fixed


# -- what a front end shows ---------------------------------------------------------------------

@dataclass
class Row:
    """One node of the task tree as the editor lists it, with its printed number."""

    key: str  # item.<path>
    path: tuple[int, ...]
    depth: int
    label: str
    node: Any


def outline(plan: Any) -> list[Row]:
    """Every node in document order with the label it will print with (drafter.numbering)."""
    from ..numbering import label_tree

    labels = label_tree(plan)
    return [Row(item_key(p), p, len(p) - 1, labels.get(id(node), ""), node) for node, p in plan.walk_paths()]


def resolve_ref(ws: Workspace, ref: str) -> Path:
    """A plan (`plan:<name>`) or one of its kept versions (`version:<name>:<id>`) as a path."""
    kind, _, rest = (ref or "").partition(":")
    if kind == "plan":
        return ws.path(rest)
    if kind == "version":
        name, _, vid = rest.rpartition(":")
        return ws.version_path(name, vid)
    raise InputError("请选择要比较的计划或版本")


def ref_name(ref: str) -> str:
    """How a plan or version reference is named in a report (never a server path)."""
    kind, _, rest = (ref or "").partition(":")
    if kind == "version":
        name, _, vid = rest.rpartition(":")
        return "%s（%s 的版本）" % (name, vid[:15])
    return rest


def compare_html(ws: Workspace, old: str, new: str) -> str:
    """The side-by-side HTML report (drafter's html writer) of two plans or versions."""
    return _report(resolve_ref(ws, old), resolve_ref(ws, new), ref_name(old), ref_name(new))


def _report(old: Path, new: Path, old_name: str, new_name: str) -> str:
    from ..diff import compare
    from ..writers.html import diff_report
    from .plans import load_pair

    a, b = load_pair(str(old), str(new), None)
    return diff_report(compare(a, b, old_name=old_name, new_name=new_name))


def conflict_report(ws: Workspace, name: str, mine: str) -> str:
    """The side-by-side report of the plan on disk (原) and the unsaved text `mine` (新)."""
    import tempfile

    from ..fileio import atomic_write

    with tempfile.TemporaryDirectory(dir=ws.staging()) as tmp:
        path = Path(tmp) / name
        atomic_write(path, mine)
        return _report(ws.path(name), path, "%s（磁盘上的版本）" % name, "%s（您的版本，未保存）" % name)


def compare_download(ws: Workspace, old: str, new: str, what: str) -> bytes:
    """The redline .docx (`redline`) or the 新旧对照表 (`table`) of two plans or versions."""
    import tempfile

    from . import compare

    a, b = str(resolve_ref(ws, old)), str(resolve_ref(ws, new))
    with tempfile.TemporaryDirectory(dir=ws.staging()) as tmp:
        out = Path(tmp) / "out.docx"
        if what == "redline":
            compare.redline(a, b, str(out))
        elif what == "table":
            compare.compare_table(a, b, str(out))
        else:
            raise InputError("未知的下载类型：%s" % what)
        return out.read_bytes()


IMPORT_SUFFIXES = (".docx", ".doc", ".wps", ".txt", ".pdf")


@dataclass
class Staged:
    token: str
    text: str
    plan: Any
    findings: list
    suggested: str  # a free plan name from the title


def stage_import(ws: Workspace, data: bytes, filename: str) -> Staged:
    """Import an uploaded document into the staging area (never into plans/): only the
    suffix of `filename` is used, the upload is read through drafter's readers, and a failure
    leaves the workspace as it was."""
    import secrets
    import tempfile

    from ..fileio import atomic_write
    from .documents import import_document

    suffix = Path(filename or "").suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise InputError("不支持的文件类型%s：请上传 .docx、.doc、.wps、.txt 或 .pdf 文件"
                         % ("“%s”" % suffix if suffix else ""))
    if not data:
        raise InputError("上传的文件是空的")
    shown = Path(filename.replace("\\", "/")).name or "上传的文件"
    with tempfile.TemporaryDirectory(dir=ws.staging()) as tmp:
        src = Path(tmp) / ("上传" + suffix)
        src.write_bytes(data)
        try:
            imported = import_document(str(src), str(Path(tmp) / "plan.yaml"))
        except DrafterError as e:  # say it of the user's file, not of a server path
            e.message = e.message.replace(str(src), shown)
            for f in e.findings:
                f.file = shown if f.file == str(src) else f.file
                f.message = f.message.replace(str(src), shown)
            raise
        text = (Path(tmp) / "plan.yaml").read_text("utf-8")
    token = secrets.token_hex(8)
    _drop_stale_imports(ws.state / "imports")
    atomic_write(ws.state / "imports" / (token + ".yaml"), text)
    return Staged(token, text, imported.plan, imported.findings,
                  ws.free_name(imported.plan.title or Path(filename).stem))


STAGED_FOR = 7 * 24 * 3600  # seconds an import waits to be saved as a plan


def _drop_stale_imports(folder: Path) -> None:
    import time

    if folder.is_dir():
        for p in folder.glob("*.yaml"):
            if time.time() - p.stat().st_mtime > STAGED_FOR:
                p.unlink(missing_ok=True)


def plan_of_text(text: str) -> Any:
    from ..readers.yaml import loads

    return loads(text, editable=False).plan


def staged_text(ws: Workspace, token: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{16}", token or ""):
        raise NameRefused("导入记录无效")
    path = ws.state / "imports" / (token + ".yaml")
    if not path.is_file():
        raise NameRefused("导入记录已过期，请重新上传")
    return path.read_text("utf-8")


def save_import(ws: Workspace, token: str, name: str, changes: dict[str, str] | None = None, *,
                who: str = "") -> Saved:
    """Save a staged import as a new plan `name` (a file name checked like any other), with
    the fields the user corrected (`changes`, as for `edit_text`)."""
    text = staged_text(ws, token)
    if changes:
        text = edit_text(text, changes)
    name = name.strip()
    if not name:
        raise InputError("请填写计划名称")
    if not name.endswith(PLAN_SUFFIXES):
        name += ".yaml"
    saved = ws.save(name, text, None, who=who, note="导入", new=True)
    (ws.state / "imports" / (token + ".yaml")).unlink(missing_ok=True)
    return saved


def rollover_plan(ws: Workspace, name: str, *, who: str = "") -> tuple[str, Any]:
    """Next year's first draft of plan `name` as a new plan in the workspace (drafter
    rollover); return its name and the rollover report."""
    import tempfile

    from .documents import rollover

    with tempfile.TemporaryDirectory(dir=ws.staging()) as tmp:
        out = Path(tmp) / "rolled.yaml"
        _, report = rollover(str(ws.path(name)), output=str(out))
        text = out.read_text("utf-8")
    new = ws.free_name(re.sub(r"^\d{4}", str(report.new_year), Path(name).stem)
                       if re.match(r"\d{4}", name) else "%d-%s" % (report.new_year, Path(name).stem))
    ws.save(new, text, None, who=who, note="由 %s 滚动生成" % name, new=True)
    return new, report


def _yamlio():
    """drafter's one ruamel set-up (round trip, never folding, its scalar styles), imported
    when an edit needs it."""
    from .. import yamlio

    return yamlio
