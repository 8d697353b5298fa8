"""Synthetic PostgreSQL schemas for the diff benchmark.

`schema_a(n)` is the DDL of database A: n tables of 12 columns of mixed types, each with
a primary key, a unique constraint, two indexes and a foreign key to the table before it.

`changes_b(n)` is the DDL that turns a copy of A into B: about 5 % of the tables changed
(columns added, dropped, retyped, nullability, defaults, an index added or dropped), plus
tables added and dropped. B is made as `CREATE DATABASE b TEMPLATE a` and this script, so
that the names PostgreSQL picks are the ones a real migration would leave behind.

Everything is deterministic: the same n gives the same SQL.
"""

from __future__ import annotations


def table_name(i: int) -> str:
    return f"t{i:05d}"


def _create_table(name: str, i: int, parent: str | None) -> list[str]:
    """One table and its indexes. Lengths and precisions vary a little with i."""
    code_len = 24 + (i % 5) * 8          # varchar(24) … varchar(56)
    name_len = 100 + (i % 3) * 50        # varchar(100) … varchar(200)
    precision = 10 + (i % 4) * 2         # numeric(10,2) … numeric(16,2)
    fk_target = parent if parent is not None else name  # the first table points at itself
    return [
        f"CREATE TABLE {name} (\n"
        f"    id uuid NOT NULL DEFAULT gen_random_uuid(),\n"
        f"    code varchar({code_len}) NOT NULL,\n"
        f"    name varchar({name_len}) NOT NULL DEFAULT '',\n"
        f"    description text,\n"
        f"    qty integer NOT NULL DEFAULT 0,\n"
        f"    big_total bigint,\n"
        f"    price numeric({precision},2) NOT NULL DEFAULT 0,\n"
        f"    active boolean NOT NULL DEFAULT true,\n"
        f"    created_at timestamptz NOT NULL DEFAULT now(),\n"
        f"    payload jsonb,\n"
        f"    due_on date,\n"
        f"    parent_id uuid,\n"
        f"    CONSTRAINT {name}_pkey PRIMARY KEY (id),\n"
        f"    CONSTRAINT {name}_code_key UNIQUE (code),\n"
        f"    CONSTRAINT {name}_parent_id_fkey FOREIGN KEY (parent_id)"
        f" REFERENCES {fk_target} (id) ON DELETE SET NULL\n"
        f");",
        f"CREATE INDEX {name}_created_at_idx ON {name} (created_at);",
        f"CREATE INDEX {name}_name_qty_idx ON {name} (name, qty);",
    ]


def schema_a(n: int) -> str:
    out: list[str] = []
    for i in range(n):
        parent = table_name(i - 1) if i > 0 else None
        out.extend(_create_table(table_name(i), i, parent))
    return "\n".join(out) + "\n"


# One kind of change per changed table, in turn. Each is a list of statements for table t.
CHANGE_KINDS: list[tuple[str, list[str]]] = [
    ("add nullable column", ["ALTER TABLE {t} ADD COLUMN note text;"]),
    ("add NOT NULL column with default",
     ["ALTER TABLE {t} ADD COLUMN score integer NOT NULL DEFAULT 0;"]),
    ("drop column", ["ALTER TABLE {t} DROP COLUMN description;"]),
    ("type change integer -> bigint", ["ALTER TABLE {t} ALTER COLUMN qty TYPE bigint;"]),
    ("type change varchar length, numeric precision",
     ["ALTER TABLE {t} ALTER COLUMN name TYPE varchar(255);",
      "ALTER TABLE {t} ALTER COLUMN price TYPE numeric(18,4);"]),
    ("nullability", ["ALTER TABLE {t} ALTER COLUMN big_total SET NOT NULL;",
                     "ALTER TABLE {t} ALTER COLUMN active DROP NOT NULL;"]),
    ("defaults", ["ALTER TABLE {t} ALTER COLUMN qty SET DEFAULT 1;",
                  "ALTER TABLE {t} ALTER COLUMN name DROP DEFAULT;",
                  "ALTER TABLE {t} ALTER COLUMN due_on SET DEFAULT CURRENT_DATE;"]),
    ("index added", ["CREATE INDEX {t}_active_due_on_idx ON {t} (active, due_on);"]),
    ("index dropped", ["DROP INDEX {t}_created_at_idx;"]),
]


def changed_tables(n: int) -> list[int]:
    """About 5 % of the tables: every 20th, starting at the 11th (at least one)."""
    picked = [i for i in range(n) if i % 20 == 10]
    return picked or [n // 2]


def added_dropped_count(n: int) -> int:
    return max(1, n // 500)


def kinds_of(k: int, changed: int) -> list[int]:
    """The change kinds of the k-th changed table: one each in turn, or, when fewer tables
    change than there are kinds (small n), several each, so that every kind appears."""
    if changed >= len(CHANGE_KINDS):
        return [k % len(CHANGE_KINDS)]
    return [j for j in range(len(CHANGE_KINDS)) if j % changed == k]


def changes_b(n: int) -> str:
    out: list[str] = []
    changed = changed_tables(n)
    for k, i in enumerate(changed):
        for kind in kinds_of(k, len(changed)):
            out.extend(s.format(t=table_name(i)) for s in CHANGE_KINDS[kind][1])
    m = added_dropped_count(n)
    # Tables dropped: the last m (nothing but the next of them refers to them).
    for i in range(n - 1, n - 1 - m, -1):
        out.append(f"DROP TABLE {table_name(i)} CASCADE;")
    # Tables added, pointing at table 0.
    for j in range(m):
        out.extend(_create_table(f"added_{j:03d}", n + j, table_name(0)))
    return "\n".join(out) + "\n"


def summary(n: int) -> str:
    m = added_dropped_count(n)
    return (f"{n} tables x 12 columns; B: {len(changed_tables(n))} tables altered, "
            f"{m} added, {m} dropped")


if __name__ == "__main__":
    import sys

    size = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    sys.stdout.write(schema_a(size) if sys.argv[1] == "a" else changes_b(size))
