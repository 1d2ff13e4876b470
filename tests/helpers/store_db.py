"""The two stores every storage and consultation test runs against: an SQLite file, and a real
PostgreSQL — DRAFTER_TEST_POSTGRES_URL when CI provides one, else a throwaway cluster started
by `pg_cluster` for the session, each test on a fresh database of it.  Without PostgreSQL's binaries the
PostgreSQL half skips on a laptop and fails when DRAFTER_REQUIRE_POSTGRES=1.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers.pg_cluster import cluster_url, fresh_database

from helpers import need


def postgres_url() -> str:
    admin = cluster_url()
    need("PostgreSQL (initdb, pg_ctl)", admin is not None, "DRAFTER_REQUIRE_POSTGRES")
    return fresh_database(admin)


STORES = ["sqlite", "postgresql"]


def url_for(kind: str, tmp_path: Path) -> str:
    return "sqlite:///%s" % (tmp_path / "drafter.db") if kind == "sqlite" else postgres_url()


@pytest.fixture(params=STORES)
def db_url(request, tmp_path) -> str:
    """An empty database of each kind."""
    return url_for(request.param, tmp_path)


@pytest.fixture
def store(db_url):
    from drafter.store import open_store

    s = open_store(db_url)
    yield s
    s.dispose()


# An invented draft and an office to run consultations with -------------------------------

DRAFT = """\
format: 1
title: 2031年全县卫生健康工作要点
year: 2031
issuer: 示例县卫生健康局
status: draft
sections:
  - id: s001
    title: 深化医药卫生体制改革
    items:
      - id: t001
        title: 推进紧密型县域医共体建设
        text: |-
          年内实现医共体覆盖全部乡镇，牵头医院下沉专家不少于20名。
      - id: t002
        title: 完善分级诊疗制度
        text: |-
          基层就诊率达到65%以上，县域内就诊率达到90%。
  - id: s002
    title: 提升公共卫生服务能力
    items:
      - id: t003
        title: 做好重点人群健康管理
        text: |-
          老年人健康管理率达到70%，高血压患者规范管理率达到65%。
      - id: t004
        title: 加强疾病预防控制体系建设
"""
OFFICE = "办公室小李"
PASSWORD = "correct horse battery"


def draft_file(folder: Path, text: str = DRAFT) -> Path:
    path = folder / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def office(store):
    from drafter.app.consultation import add_office_user

    add_office_user(store, OFFICE, PASSWORD)
    return OFFICE


@pytest.fixture
def opened(store, office, tmp_path):
    """A consultation on DRAFT for three units, open for a week: (id, {unit: token})."""
    from datetime import datetime, timedelta

    from drafter.app.consultation import open_consultation

    o = open_consultation(store, draft_file(tmp_path), who=office, deadline=datetime.now() + timedelta(days=7),
                          units=[("卫生监督所", "王五", "0734-1111111"), ("疾控中心", "赵六", "0734-2222222"),
                                 ("县人民医院", "钱七", "")])
    return o.consultation_id, dict(o.links)
