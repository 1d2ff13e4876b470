"""Next year's first draft from last year's plan: move the years that mean "the plan year",
keep every other year, reset the notice, and mark every decision for review.

- `rules`: the table of year rules and the other decisions on text alone (no YAML);
- `report`: the `Report` listing every year moved *and* every year kept, with the rule that
  decided it;
- `edit`: `roll`, the in-place edits of the YAML tree, each marked `# rollover`;
- `files`: the default output path and any input read as plan YAML.

The names below are the package's interface; the steps of `drafter rollover` (load, roll,
write) are in `drafter.app.documents`.
"""
from __future__ import annotations

from .edit import Result, roll, strip_review_comments
from .files import default_output, load_any
from .report import REVIEW, Report
from .rules import (PLACEHOLDER, RULE_BY_CODE, RULES, Decision, Rule, Token, ambiguous, decide,
                    past_dates, plan_year_of, roll_text, year_tokens)

__all__ = ["PLACEHOLDER", "REVIEW", "RULES", "RULE_BY_CODE", "Decision", "Report", "Result", "Rule",
           "Token", "ambiguous", "decide", "default_output", "load_any", "past_dates", "plan_year_of",
           "roll", "roll_text", "strip_review_comments", "year_tokens"]
