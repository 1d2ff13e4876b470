"""Nothing acknowledged is lost: a process saving comments is killed mid-load; every comment
id it printed (after the save returned) is in the database, none twice, and the store opens
and takes comments again afterwards."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select
from helpers.store_db import db_url, draft_file, office, store  # noqa: F401  (fixtures)

from drafter.app import consultation as cs
from drafter.store import open_store
from drafter.store.models import Comment

ROOT = Path(__file__).resolve().parents[2]
SAVER = """
import sys
from drafter.app.consultation import save_comment
from drafter.store import open_store
store = open_store(sys.argv[1])
tokens = sys.argv[2:]
n = 0
while True:
    for t in tokens:
        n += 1
        cid = save_comment(store, t, task_id="t00%d" % (n % 4 + 1), said="第%d条意见" % n, client_key="k%d" % n)
        print(cid, flush=True)
"""
ACKED = 60


def test_a_killed_process_loses_no_acknowledged_comment(store, office, db_url, tmp_path):  # noqa: F811
    o = cs.open_consultation(store, draft_file(tmp_path), who=office, units=["甲", "乙", "丙"])
    tokens = [t for _, t in o.links]
    proc = subprocess.Popen([sys.executable, "-c", SAVER, db_url, *tokens], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    acked = []
    try:
        while len(acked) < ACKED:
            line = proc.stdout.readline()
            assert line, "the saver stopped before it was killed"
            acked.append(int(line))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        acked += [int(x) for x in proc.stdout.read().split()]  # acknowledged before it died
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    again = open_store(db_url)  # "restart": migrations find nothing to do, the data is there
    with again.session() as s:
        stored = set(s.scalars(select(Comment.id)))
        per_key = s.execute(select(Comment.client_key, func.count()).group_by(Comment.client_key)).all()
    assert set(acked) <= stored
    assert len(acked) == len(set(acked)) and all(n == 1 for _, n in per_key)
    assert len(stored) in (len(acked), len(acked) + 1)  # at most one committed, not yet printed
    assert cs.save_comment(again, tokens[0], task_id="t001", said="重启后的意见") not in stored
    again.dispose()
