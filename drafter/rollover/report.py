"""What rollover decided, for the reviewer: every year moved and kept with its rule, the notice
fields reset, done items dropped, targets to decide and dates already passed, as terminal
lines (`Report.lines`) or the `--format json` contract (`Report.as_dict`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .rules import PLACEHOLDER, RULE_BY_CODE, Decision

REVIEW = "rollover"  # every comment rollover writes starts with `# rollover`


@dataclass
class Report:
    """Everything rollover decided, so a reviewer sees each decision."""

    source: str
    output: str | None
    old_year: int
    new_year: int
    decisions: list[Decision] = field(default_factory=list)
    ambiguous: list[Decision] = field(default_factory=list)
    notice: list[tuple[str, str]] = field(default_factory=list)  # (key, old value)
    status: tuple[str, str] | None = None
    dropped: list[tuple[str | None, str]] = field(default_factory=list)  # (id, title)
    targets: list[tuple[str, str, list[tuple[str, str, str]]]] = field(default_factory=list)
    past: list[tuple[str, str, str]] = field(default_factory=list)  # (path, date, why)
    ids_assigned: int = 0
    imported: bool = False
    blanked: int = 0
    reformatted: bool = False  # the YAML's own layout is not ruamel's: more lines than values changed

    @property
    def moved(self) -> list[Decision]:
        return [d for d in self.decisions if d.moved]

    @property
    def kept(self) -> list[Decision]:
        return [d for d in self.decisions if not d.moved]

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "output": self.output,
            "old_year": self.old_year, "new_year": self.new_year,
            "moved": [d.as_dict() for d in self.moved],
            "kept": [d.as_dict() for d in self.kept],
            "ambiguous": [d.as_dict() for d in self.ambiguous],
            "notice_reset": [{"key": k, "old": v} for k, v in self.notice],
            "status": list(self.status) if self.status else None,
            "dropped": [{"id": i, "title": t} for i, t in self.dropped],
            "targets": [{"path": p, "title": title, "targets": [
                {"label": label, "value": value, "kind": kind} for label, value, kind in ts]}
                for p, title, ts in self.targets],
            "blanked": self.blanked,
            "past_dates": [{"path": p, "date": d, "why": w} for p, d, w in self.past],
            "ids_assigned": self.ids_assigned, "imported": self.imported,
            "reformatted": self.reformatted,
        }

    def lines(self) -> list[str]:
        """The summary as text lines for the terminal."""
        out = ["rollover %d → %d: %s%s" % (self.old_year, self.new_year, self.source,
                                          " → %s" % self.output if self.output else "")]
        if self.imported:
            out.append("  (imported first; the YAML is the importer's canonical form)")
        if self.reformatted:
            out.append("  note: the input's layout (indentation, quoting or wrapping) is not the one drafter "
                       "writes; lines other than the changed ones were re-laid out too")

        def where(d: Decision) -> str:
            return "%s%s" % (d.path, ":%d" % d.line if d.line else "")

        out.append("Years moved (%d):" % len(self.moved))
        out += ["  %s  %s→%s  %s  %s" % (where(d), d.old, d.new, RULE_BY_CODE[d.rule].label, d.context)
                for d in self.moved]
        out.append("Years kept (%d):" % len(self.kept))
        out += ["  %s  %s  %s  %s" % (where(d), d.old, RULE_BY_CODE[d.rule].label, d.context)
                for d in self.kept]
        if self.ambiguous:
            out.append("Kept years that now read as the plan year or its neighbour (%d) — check them:"
                       % len(self.ambiguous))
            out += ["  %s  %s  %s" % (where(d), d.old, d.context) for d in self.ambiguous]
        out.append("Notice reset (%d): %s" % (len(self.notice), ", ".join(
            "%s (was %s)" % (k, v or "empty") for k, v in self.notice) or "no notice"))
        if self.status:
            out.append("Status: %s → %s" % self.status)
        out.append("Done items dropped (%d):" % len(self.dropped))
        out += ["  %s %s" % (i or "-", t) for i, t in self.dropped]
        n = sum(len(ts) for _, _, ts in self.targets)
        out.append("Targets to decide (%d in %d items)%s:" % (
            n, len(self.targets), ", %d blanked as %s" % (self.blanked, PLACEHOLDER) if self.blanked else ""))
        out += ["  %s %s: %s" % (p, title[:20], "；".join("%s %s" % (lab, val) for lab, val, _ in ts))
                for p, title, ts in self.targets]
        out.append("Dates already passed in %d (%d):" % (self.new_year, len(self.past)))
        out += ["  %s  %s  (%s)" % (p, d, w) for p, d, w in self.past]
        if self.ids_assigned:
            out.append("IDs assigned to %d items (so next year's diff matches by ID)" % self.ids_assigned)
        out.append("Every change is marked `# %s` in the YAML; fill the `# %s TODO` keys." % (REVIEW, REVIEW))
        return out

