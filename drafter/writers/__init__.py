"""Writers: the plan model out to .docx (notice, plan, tasks, redline, compare table), HTML,
JSON and YAML.  Each writer consumes `drafter.model.Plan` (or a `drafter.diff.PlanDiff`)."""
