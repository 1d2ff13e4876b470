"""The inputs every benchmark runs on, made from the real seeds so that timings reflect the text
offices actually write: seed 000 and a scripted next-year edit of it, large generated plans with
a fixed share of edits, long text files, a small plan, and a batch of plans for 100 counties.

Everything is deterministic (fixed random seeds), so two runs of the bench time the same work.
"""
from __future__ import annotations

import copy
import datetime as dt
import random
from pathlib import Path

from drafter.model import Item, Plan

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
PLANS = ROOT / "plans"
SEED_000_PLAN = PLANS / "2017-衡阳市-工作要点.yaml"


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("00*.txt"))


def seed_plans() -> list[Path]:
    return sorted(PLANS.glob("*.yaml"))


def load(path: Path) -> Plan:
    from drafter.readers import read

    return read(path).plan


def write_plan(plan: Plan, path: Path) -> Path:
    from drafter.writers.yaml import dump

    path.write_text(dump(plan), encoding="utf-8")
    return path


# --- seed 000 and its next-year edit ---------------------------------------------------------

def _find(plan: Plan, title: str) -> tuple[Item, int]:
    for section in plan.sections:
        for k, item in enumerate(section.items):
            if item.title == title:
                return section, k
    raise KeyError("seed 000 has no item %r (was plans/ regenerated?)" % title)


def _bump_year(text: str, year: int) -> str:
    return text.replace("%d年" % year, "%d年" % (year + 1))


def next_year_000(plan: Plan) -> Plan:
    """A realistic edit of seed 000 for the following year, as a drafting office makes it:
    the year moves on, three items are reworded, targets rise (覆盖率 30%→40%, 6-8个→8-10个,
    费用增幅 10%→8%), one item is dropped, one is added, one moves to another section."""
    new = copy.deepcopy(plan)
    year = new.year or 2017
    new.year = year + 1
    new.title = _bump_year(new.title, year)
    new.preamble = _bump_year(new.preamble, year)
    if new.notice is not None:
        new.notice.title = _bump_year(new.notice.title, year)
        new.notice.body = _bump_year(new.notice.body, year)
        if new.notice.date:
            new.notice.date = new.notice.date.replace(year=new.notice.date.year + 1)

    def edit(title: str, old: str, new_text: str) -> None:
        section, k = _find(new, title)
        item = section.items[k]
        if old not in item.text:
            raise KeyError("seed 000 item %r no longer says %r" % (title, old))
        item.text = item.text.replace(old, new_text, 1)

    # targets
    edit("推进分级诊疗体系建设", "覆盖率达30%以上", "覆盖率达40%以上")
    edit("推进分级诊疗体系建设", "6-8个", "8-10个")
    edit("深化公立医院综合改革", "10%以下", "8%以下")
    # rewording
    edit("深化公立医院综合改革", "健全公立医院监管体系", "完善公立医院综合监管体系")
    edit("提升基层卫生服务能力", "。", "，持续推进基层医疗卫生机构标准化建设。")
    edit("加强法治建设", "。", "，全面推进依法行政。")
    # delete one, insert one, move one
    section, k = _find(new, "切实加强行政审批工作")
    section.items.pop(k)
    section, k = _find(new, "加强重大疾病防控")
    section.items.insert(k + 1, Item(
        title="加强职业病防治",
        text="落实用人单位职业病防治主体责任，开展重点行业职业病危害专项治理，"
             "重点职业病监测覆盖率达到90%以上。"))
    section, k = _find(new, "加快推进信息化建设")
    moved = section.items.pop(k)
    new.sections[-1].items.insert(1, moved)
    return new


# --- large generated plans -------------------------------------------------------------------

def corpus() -> list[Item]:
    """Every task of the five seeds: real titles and texts to build large plans from."""
    items = []
    for f in seed_files():
        plan = load(f)
        items += [n for n, d in plan.walk() if d >= 1 and n.text]
    return items


def big_plan(n: int, base: list[Item], per_section: int = 25) -> Plan:
    """An n-node plan (sections included) of the seeds' tasks, each made unique by a counter."""
    sections = [Item(title="第%d部分重点工作" % k) for k in range(max(1, n // per_section))]
    for i in range(n - len(sections)):
        src = base[i % len(base)]
        sections[i % len(sections)].items.append(
            Item(title="%s（%d）" % (src.title, i), text=src.text, lead=list(src.lead),
                 support=list(src.support)))
    return Plan(title="%d项重点工作" % n, year=2017, sections=sections)


def edited(plan: Plan, share: float = 0.10, seed: int = 5) -> Plan:
    """Next year's version with `share` of the tasks edited: half reworded (with a changed
    target), a fifth each deleted and inserted, a tenth moved to another section."""
    rnd = random.Random(seed)
    new = copy.deepcopy(plan)
    tasks = [(s, it) for s in new.sections for it in s.items]
    budget = max(4, int(len(tasks) * share))
    n_reword, n_delete, n_insert = budget // 2, budget // 5, budget // 5
    n_move = max(1, budget - n_reword - n_delete - n_insert)
    picked = rnd.sample(tasks, min(len(tasks), n_reword + n_delete + n_move))
    reword, delete, move = (picked[:n_reword], picked[n_reword:n_reword + n_delete],
                            picked[n_reword + n_delete:])
    for _, it in reword:
        it.text = "进一步" + it.text.replace("%", "5%", 1).replace("加强", "强化", 1)
    for s, it in delete:
        s.items.remove(it)
    for s, it in move:
        if it in s.items:
            s.items.remove(it)
            rnd.choice(new.sections).items.append(it)
    for k in range(n_insert):
        s = rnd.choice(new.sections)
        s.items.insert(rnd.randrange(len(s.items) + 1), Item(
            title="新增重点任务%d" % k, text="开展新型试点工作，覆盖率达到%d%%以上。" % (50 + k % 40)))
    return new


def plan_lines(plan: Plan) -> list[str]:
    """The plan as the lines a text diff would see: one per heading or task."""
    return ["%s。%s" % (n.title, n.text) if n.text else n.title for n, _ in plan.walk()]


# --- long text -------------------------------------------------------------------------------

def big_text(path: Path, megabytes: float) -> tuple[int, int]:
    """A province's worth of plan as UTF-8 text of about `megabytes` MB: sections `一、…` with
    five items `1、…5、` each (numbered per section: the importer reads at most three-digit
    item numbers, as real plans have); returns (sections, items)."""
    from drafter.text.numerals import to_chinese

    item = "深化公立医院综合改革。巩固公立医院综合改革成效，加强党对公立医院的领导。（医政科牵头，财务科参与落实）"
    lines, size, s, n = ["2017年全省卫生计生工作要点"], 0, 0, 0
    while size < megabytes * 2**20 and s < 9000:
        s += 1
        block = ["%s、持续深化医药卫生体制改革" % to_chinese(s)]
        for k in range(1, 6):
            n += 1
            block.append("%d、%s" % (k, item))
        lines += block
        size += len("\n".join(block).encode("utf-8")) + 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return s, n


# --- small plan and a batch ------------------------------------------------------------------

def small_plan() -> Plan:
    base = load(SEED_000_PLAN)
    small = copy.deepcopy(base)
    small.sections = small.sections[:1]
    small.sections[0].items = small.sections[0].items[:3]
    return small


COUNTIES = "东西南北中"


def batch(folder: Path, count: int) -> list[Path]:
    """`count` plans for as many counties, cycled from the imported seeds (each a real plan,
    with its own issuer and date), written as YAML into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = [load(p) for p in seed_plans()]
    out = []
    for k in range(count):
        plan = copy.deepcopy(bases[k % len(bases)])
        county = "%s%d县" % (COUNTIES[k % len(COUNTIES)], k + 1)
        plan.issuer = county + "卫生健康局"
        if plan.notice is not None:
            plan.notice.issuer = plan.issuer if plan.notice.issuer else ""
            if plan.notice.date:
                plan.notice.date = plan.notice.date + dt.timedelta(days=k % 28)
        out.append(write_plan(plan, folder / ("plan-%03d.yaml" % k)))
    return out
