"""The render runner of the application layer: jobs planned from plain arguments, outcomes
returned in order, progress reported through a callback (no terminal involved)."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.app.render import Job, plan_jobs, run_jobs
from drafter.errors import DrafterError, OutputError
from helpers import PLANS

PLAN = str(PLANS / "2017-衡阳市-工作要点.yaml")


def test_jobs_go_to_one_file_or_into_a_folder(tmp_path):
    assert [j.output for j in plan_jobs([PLAN], str(tmp_path / "n.docx"))] == [str(tmp_path / "n.docx")]
    two = plan_jobs([PLAN, "other/b.yaml"], str(tmp_path), "tasks", xlsx=True)
    assert [Path(j.output).name for j in two] == ["2017-衡阳市-工作要点-tasks.xlsx", "b-tasks.xlsx"]
    assert all(j.xlsx and j.kind == "tasks" for j in two)
    assert plan_jobs(["a/p.yaml"])[0].output == str(Path("outputs") / "p.docx")


def test_two_plans_for_one_output_are_refused(tmp_path):
    with pytest.raises(OutputError, match="would both be written"):
        plan_jobs(["a/p.yaml", "b/p.yaml"], str(tmp_path))


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "pool"])
def test_each_finished_job_is_reported_and_failures_come_back_as_outcomes(tmp_path, workers):
    jobs = [Job(PLAN, str(tmp_path / "a.docx")), Job(str(tmp_path / "missing.yaml"), str(tmp_path / "b.docx")),
            Job(PLAN, str(tmp_path / "c.docx"), kind="plan")]
    heard = []
    outcomes = run_jobs(jobs, workers, on_done=heard.append)
    assert heard == outcomes and [o.plan for o in outcomes] == [j.plan for j in jobs]
    assert outcomes[0].written == [str(tmp_path / "a.docx")] and (tmp_path / "a.docx").stat().st_size > 0
    assert outcomes[2].written == [str(tmp_path / "c.docx")] and outcomes[0].exception() is None
    failed = outcomes[1].exception()
    assert isinstance(failed, DrafterError) and "missing.yaml" in str(failed) and not outcomes[1].written
    assert not (tmp_path / "b.docx").exists()


def test_the_command_reports_every_outcome(tmp_path, cli):
    r = cli("render", PLAN, tmp_path / "missing.yaml", "-o", str(tmp_path) + "/", "-j", "1")
    assert r.code == 2
    assert "wrote %s" % (tmp_path / "2017-衡阳市-工作要点.docx") in r.out
    assert "missing.yaml" in r.err and "1 of 2 plans could not be rendered" in r.err
