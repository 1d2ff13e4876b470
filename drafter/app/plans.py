"""Loading plans for a task: two plans to compare, a plan whose tasks carry IDs."""
from __future__ import annotations

from typing import Any


def load_pair(old: str, new: str, encoding: str | None) -> list[Any]:
    """Both plans through the one reader entry point; a file that is no plan is a located
    error, never a traceback."""
    from .. import readers
    from ..errors import InputError

    plans = []
    for path in (old, new):
        loaded = readers.read(path, encoding=encoding, editable=False)
        if not any(True for _ in loaded.plan.walk()) and not loaded.plan.title:
            raise InputError("%s: holds no plan (no title, no numbered items)" % path)
        plans.append(loaded.plan)
    return plans


def require_ids(loaded: Any, plan: str) -> None:
    """Comments are traced back by task ID, so the plan must be YAML with an ID on every item."""
    from ..errors import InputError

    if loaded.kind != "yaml":
        raise InputError("%s: send a plan YAML out for comment (drafter import it first), so that "
                         "returned comments can be tied to its tasks" % plan)
    missing = [node for node, _ in loaded.plan.walk() if not node.id]
    if missing:
        raise InputError("%s: %d item%s without an ID (first: %r); comments on them could not be "
                         "traced back: run `drafter check --fix %s` first"
                         % (plan, len(missing), "s" if len(missing) > 1 else "", missing[0].title[:30], plan))


def load_with_ids(plan: str, encoding: str | None = None) -> Any:
    """The plan as `readers.read` loads it, refused unless every task has an ID."""
    from ..readers import read

    loaded = read(plan, encoding=encoding)
    require_ids(loaded, plan)
    return loaded
