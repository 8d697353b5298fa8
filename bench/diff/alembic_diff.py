"""Alembic's autogenerate as a database-to-database diff, the way `alembic revision
--autogenerate` runs it: the desired state (B) is reflected into a MetaData, and
`produce_migrations` compares it with the live database (A).

Usage: alembic_diff.py A_URL B_URL OUT_SQL

Writes the upgrade as PostgreSQL SQL to OUT_SQL (rendered offline, as `alembic upgrade
--sql` does) and prints the phase timings as one JSON line on stdout.
"""

from __future__ import annotations

import io
import json
import sys
import time

from alembic.autogenerate import produce_migrations
from alembic.migration import MigrationContext
from alembic.operations import Operations
from alembic.operations.ops import OpContainer
from sqlalchemy import MetaData, create_engine


def flatten(container):
    for op in container.ops:
        if isinstance(op, OpContainer):
            yield from flatten(op)
        else:
            yield op


def main() -> None:
    a_url, b_url, out_path = sys.argv[1:4]
    timings: dict[str, float] = {}

    t0 = time.perf_counter()
    engine_b = create_engine(b_url)
    metadata_b = MetaData()
    with engine_b.connect() as conn_b:
        metadata_b.reflect(conn_b)
    timings["reflect_b"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    engine_a = create_engine(a_url)
    with engine_a.connect() as conn_a:
        ctx = MigrationContext.configure(
            conn_a, opts={"compare_type": True, "compare_server_default": True}
        )
        script = produce_migrations(ctx, metadata_b)
    timings["compare_a"] = time.perf_counter() - t0

    # Offline rendering: an as_sql MigrationContext writes each operation's DDL.
    t0 = time.perf_counter()
    buf = io.StringIO()
    offline = MigrationContext.configure(
        dialect_name="postgresql", opts={"as_sql": True, "output_buffer": buf}
    )
    ops = Operations(offline)
    count = 0
    for op in flatten(script.upgrade_ops):
        ops.invoke(op)
        count += 1
    with open(out_path, "w") as f:
        f.write(buf.getvalue())
    timings["render_sql"] = time.perf_counter() - t0
    timings["operations"] = count
    print(json.dumps(timings))


if __name__ == "__main__":
    main()
