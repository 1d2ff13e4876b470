"""The look: page set-up, fonts, sizes, colours and spacing, read from one swappable file.

`templates/look.yaml` holds every layout number; an office overrides any part of it with its
own `look.yaml` in `--template-dir` (deep-merged, so a one-line file changes one rule).
"""
from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import InputError

LOOK_FILE = "look.yaml"
MM_TWIPS = 1440 / 25.4


@dataclass
class Look:
    """The merged look.yaml, with the derived numbers writers need."""

    data: dict[str, Any]
    source: str = LOOK_FILE

    @property
    def page(self) -> dict[str, Any]:
        return self.data["page"]

    @property
    def line_twips(self) -> int:
        return int(self.data["grid"]["line_twips"])

    @property
    def char_spacing(self) -> int:
        return int(self.data["grid"]["char_spacing"])

    @property
    def text_width_twips(self) -> int:
        """Width of the 版心 in twips (156 mm with the GB/T 9704 margins)."""
        return self.text_width(landscape=False)

    def page_setup(self, landscape: bool = False) -> dict[str, Any]:
        """The page: size in mm, margins in twips; `landscape` turns it so that its top (a
        table's head) lies on the upright page's left edge, the binding edge of an odd page
        (GB/T 9704 §8): the 订口 becomes the top margin, the 天头 the right one; the 版心 stays
        where it was on the sheet.  Header and footer distances kept."""
        p = self.page
        if not landscape:
            return p
        return dict(p, width_mm=p["height_mm"], height_mm=p["width_mm"],
                    top_twips=p["left_twips"], right_twips=p["top_twips"],
                    bottom_twips=p["right_twips"], left_twips=p["bottom_twips"])

    def text_width(self, landscape: bool = False) -> int:
        """Width of the 版心 in twips on the page upright or turned (225 mm)."""
        p = self.page_setup(landscape)
        return round(p["width_mm"] * MM_TWIPS) - int(p["left_twips"]) - int(p["right_twips"])

    def table(self, name: str):
        """The table `name` (tasks, feedback, compare, summary) as this look describes it."""
        from .tables import table_of

        return table_of(self, name)

    def role(self, name: str) -> dict[str, Any]:
        try:
            return self.data["roles"][name]
        except KeyError:
            raise InputError("%s: no look for paragraph role %r (roles: %s)"
                             % (self.source, name, ", ".join(self.data["roles"]))) from None

    def font(self, key: str) -> dict[str, str]:
        try:
            return self.data["fonts"][key]
        except KeyError:
            raise InputError("%s: unknown font %r (fonts: %s)"
                             % (self.source, key, ", ".join(self.data["fonts"]))) from None

    def colour(self, name: str | None) -> str | None:
        if not name:
            return None
        return str(self.data["colours"].get(name, name))

    def char_twips(self, size_pt: float) -> float:
        """Advance of one full-width character of `size_pt`, condensed as body runs are."""
        return size_pt * 20 + self.char_spacing


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_yaml(path: Path) -> dict:
    """The look file's mapping; parsed once per content and then read from drafter's cache
    (every render of every process reads the look, and parsing it means importing ruamel)."""
    from ... import cache

    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError("%s: cannot read the look: %s" % (path, e)) from None
    return cache.json_entry("look", raw, lambda: _parse_yaml(path, raw))


def _parse_yaml(path: Path, raw: bytes) -> dict:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        text = raw.decode("utf-8")
        try:  # the C loader first
            data = YAML(typ="safe", pure=False).load(text)
        except YAMLError:  # parse again in pure Python, whose messages are the located ones
            data = YAML(typ="safe", pure=True).load(text)
    except UnicodeDecodeError as e:
        raise InputError("%s: cannot read the look: %s" % (path, e)) from None
    except YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = ":%d" % (mark.line + 1) if mark is not None else ""
        raise InputError("%s%s: the look is not valid YAML: %s"
                         % (path, where, getattr(e, "problem", None) or e)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("%s: the look should be a mapping of sections (page, fonts, roles…)" % path)
    return data


@functools.lru_cache(maxsize=8)
def load_look(template_dir: str | None = None) -> Look:
    """The built-in look, overridden by `template_dir/look.yaml` when there is one."""
    from ...templating import builtin_template_dir

    base_path = builtin_template_dir() / LOOK_FILE
    data = _read_yaml(base_path)
    source = str(base_path)
    if template_dir:
        mine = Path(template_dir) / LOOK_FILE
        if mine.is_file():
            data = _merge(data, _read_yaml(mine))
            source = str(mine)
    for section in ("page", "grid", "fonts", "colours", "roles", "runs"):
        if not isinstance(data.get(section), dict):
            raise InputError("%s: the look needs a %r mapping" % (source, section))
    return Look(data, source)
