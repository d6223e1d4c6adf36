"""The same schema and change capture on PostgreSQL (the bureau's database)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import schema
from db.hlc import HybridClock
from db.models import OutboxEntry, School, UserAccount
from db.session import Database, make_engine

pytestmark = pytest.mark.postgres


def test_migrations_and_capture_work_on_postgresql(empty_postgres_url):
    engine = make_engine(empty_postgres_url)
    schema.upgrade(engine)
    assert schema.current(engine) == schema.HEAD
    cfg = schema.alembic_config(empty_postgres_url)
    from alembic import command

    command.check(cfg)
    engine.dispose()

    db = Database(empty_postgres_url, clock=HybridClock())
    try:
        from db.base import new_id

        school_id = new_id()
        with db.write(actor_id=None, school_id=school_id) as s:
            s.add(School(id=school_id, name="县一中", code="220105-0001", kind="secondary"))
            s.add(UserAccount(username="li", display_name="李", role="principal"))
        with db.read() as s:
            ops = [(o.table_name, o.op) for o in s.scalars(select(OutboxEntry))]
            assert sorted(ops) == [("school", "insert"), ("user_account", "insert")]
            user = s.scalar(select(UserAccount))
            assert user.school_id == school_id and user.created_at.tzinfo is not None
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO audit_entry (id, school_id, hlc, origin_device, created_at, "
                    "updated_at, seq, at, actor_name, actor_role, action, targets, detail, "
                    "prev_hash, entry_hash) VALUES (gen_random_uuid(), gen_random_uuid(), 1, "
                    "gen_random_uuid(), now(), now(), 1, now(), 'x', 'x', 'x', '[]', '', '', '')"
                )
            )
            conn.execute(text("DELETE FROM audit_entry"))
    finally:
        db.dispose()
