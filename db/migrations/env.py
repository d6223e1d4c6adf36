"""Alembic environment. Run through :mod:`db.schema`, which passes the connection in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

import db.models
from db.base import Base, UTCDateTime

db.models.load_all()  # the whole schema, not only the tables start-up needs
config = context.config
target_metadata = Base.metadata


def _render_item(type_, obj, autogen_context):
    # Migrations stay free of app types: UTCDateTime is stored as a plain
    # timezone-aware DateTime.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
    )


connection = config.attributes.get("connection")
if connection is not None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
