"""Alembic environment, driven by `drafter.store.upgrade`: the connection comes in through
`config.attributes`, already inside a transaction."""
from alembic import context

from drafter.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
