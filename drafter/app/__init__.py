"""The application layer: what each command does, as plain functions a front end calls.

The click commands in `drafter/commands/` (and, later, a web app) parse their input, call one
function here and report its result; nothing here imports click or prints.  A function takes
paths and plain values, reads and writes through the library (readers, writers, diff, lint,
rollover, consult) and returns what happened, raising `drafter.errors.DrafterError` for input
it cannot use.  Library modules are imported inside the functions, so that importing a
command stays cheap (`drafter --help` loads no heavy module).
"""
