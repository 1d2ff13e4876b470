"""`make demo`: the office's year on the bundled plans, through the real CLI, into outputs/.

1. render every plan in plans/ (notice or consult notice, plan, 任务分工表 .docx/.xlsx);
2. roll 衡阳 2017 over to 2018 and make the edits a drafter would (targets raised);
3. show the reviewer what changed: terminal summary, HTML report, 新旧对照表, redline;
4. send the 2018 draft out for comment (征求意见 package).
"""
from __future__ import annotations

import sys
from pathlib import Path

SOURCE = "2017-衡阳市-工作要点"
# What a drafter changes by hand after the rollover: next year's targets.
EDITS = [("家庭医生签约服务覆盖率达30%以上", "家庭医生签约服务覆盖率达40%以上"),
         ("在全市组建6-8个医疗联合体", "在全市组建8-10个医疗联合体")]


def main(plans_dir: str = "plans", out_dir: str = "outputs") -> int:
    from .cli import run

    plans = sorted(Path(plans_dir).glob("*.yaml"))
    if not plans:
        print("no plans in %s/ (run `drafter import` on a document first)" % plans_dir)
        return 1
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    failed = 0

    def drafter(*args) -> int:
        nonlocal failed
        print("\n$ drafter " + " ".join(str(a) for a in args), flush=True)
        code = run([str(a) for a in args])
        failed += code not in (0, 1)  # 1 = findings/differences, which the demo expects
        return code

    print("== 1. render every plan in %s/" % plans_dir)
    drafter("render", *plans, "-o", str(out) + "/", "--force")
    drafter("render", *plans, "--as", "plan", "-o", out / "plan", "--force")
    drafter("render", *plans, "--as", "tasks", "-o", out / "tasks", "--force")
    drafter("render", *plans, "--xlsx", "-o", out / "tasks", "--force")

    old = Path(plans_dir) / ("%s.yaml" % SOURCE)
    if not old.exists():
        return 1 if failed else 0
    new = out / SOURCE.replace("2017", "2018", 1)
    new = new.with_suffix(".yaml")
    print("\n== 2. next year's first draft from last year's plan")
    drafter("rollover", old, "-o", new, "--force")
    text = new.read_text(encoding="utf-8")
    for before, after in EDITS:
        text = text.replace(before, after)
    new.write_text(text, encoding="utf-8")
    print("(edited %s by hand: %s)" % (new, "; ".join("%s → %s" % e for e in EDITS)))
    drafter("check", new)

    print("\n== 3. what changed since last year")
    drafter("diff", old, new)
    drafter("diff", old, new, "--format", "html", "-o", out / "diff-2017-2018.html", "--force")
    drafter("compare-table", old, new, "-o", out / "新旧对照表-2017-2018.docx", "--force")
    drafter("redline", old, new, "-o", out / "redline-2017-2018.docx", "--force")

    print("\n== 4. the 2018 draft out for comment")
    drafter("consult", new, "-o", out / "consult-2018", "--deadline", "2018-02-28",
            "--contact", "规划信息科 张三", "--phone", "0734-8888888", "--email", "ghk@example.cn",
            "--date", "2018-02-10", "--force")
    print("\ndemo finished: see %s/" % out)
    print("in the browser: drafter serve  (then open http://127.0.0.1:8000/)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
