"""`make demo`: render every plan in plans/ as notice, plan and task table into outputs/."""
from __future__ import annotations

import sys
from pathlib import Path


def main(plans_dir: str = "plans", out_dir: str = "outputs") -> int:
    from .errors import DrafterError
    from .readers import read
    from .writers.docx import default_kind, write
    from .writers.xlsx import write_tasks

    plans = sorted(Path(plans_dir).glob("*.yaml"))
    if not plans:
        print("no plans in %s/ (run `drafter import` on a document first)" % plans_dir)
        return 1
    failed = 0
    for path in plans:
        try:
            plan = read(path).plan
            kinds = ([default_kind(plan)] if plan.notice else []) + ["plan", "tasks"]
            for kind in kinds:
                out = write(plan, Path(out_dir) / ("%s-%s.docx" % (path.stem, kind)), kind)
                print("wrote %s" % out)
            print("wrote %s" % write_tasks(plan, Path(out_dir) / ("%s-tasks.xlsx" % path.stem)))
        except DrafterError as e:
            failed += 1
            print("%s: %s" % (path, e), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
