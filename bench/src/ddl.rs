//! The synthetic PostgreSQL schema: `n` tables of 12 columns each, with a primary key,
//! a unique constraint, two indexes (one of them multi-column), one foreign key to
//! another table, and comments on the table and every column.

use std::fmt::Write;

/// Columns per table.
pub const COLUMNS: usize = 12;
/// Statements per table in [`table_ddl`]: CREATE TABLE, 2 × CREATE INDEX, table comment,
/// one comment per column.
pub const STATEMENTS_PER_TABLE: usize = 1 + 2 + 1 + COLUMNS;

/// The name of table `i`.
pub fn table_name(i: usize) -> String {
    format!("bench_t{i:05}")
}

/// The table that table `i` (of `n`) references. Tables after the first reference an
/// earlier table, so each `CREATE TABLE` can declare its key inline; the first one
/// references the last (a cycle, added by [`closing_ddl`] once every table exists).
pub fn fk_target(i: usize, n: usize) -> usize {
    if i == 0 {
        n.saturating_sub(1)
    } else {
        (i * 7 + 3) % i
    }
}

/// The DDL of table `i` of `n`: a script of [`STATEMENTS_PER_TABLE`] statements.
pub fn table_ddl(i: usize, n: usize) -> String {
    let t = table_name(i);
    let name_len = 40 + i % 200;
    let precision = 12 + i % 7;
    let mut s = String::with_capacity(2048);
    let _ = write!(
        s,
        "CREATE TABLE {t} (\n\
         \x20   id uuid NOT NULL DEFAULT gen_random_uuid(),\n\
         \x20   name varchar({name_len}) NOT NULL,\n\
         \x20   slug varchar(64) NOT NULL,\n\
         \x20   description text,\n\
         \x20   sort_order integer NOT NULL DEFAULT 0,\n\
         \x20   views bigint NOT NULL DEFAULT 0,\n\
         \x20   amount numeric({precision},2) DEFAULT 0.00,\n\
         \x20   is_active boolean NOT NULL DEFAULT true,\n\
         \x20   created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,\n\
         \x20   payload jsonb DEFAULT '{{}}'::jsonb,\n\
         \x20   due_on date,\n\
         \x20   parent_id uuid,\n\
         \x20   CONSTRAINT pk_{t} PRIMARY KEY (id),\n\
         \x20   CONSTRAINT uq_{t}_slug UNIQUE (slug)"
    );
    if i == 0 {
        s.push_str("\n);\n");
    } else {
        let target = table_name(fk_target(i, n));
        let _ = write!(
            s,
            ",\n    CONSTRAINT fk_{t}_parent_id FOREIGN KEY (parent_id) \
             REFERENCES {target} (id) ON DELETE SET NULL\n);\n"
        );
    }
    let _ = writeln!(s, "CREATE INDEX ix_{t}_parent_id ON {t} (parent_id);");
    let _ = writeln!(
        s,
        "CREATE INDEX ix_{t}_active_created ON {t} (is_active, created_at DESC);"
    );
    let _ = writeln!(s, "COMMENT ON TABLE {t} IS 'Synthetic table {i} of {n}';");
    for (column, comment) in [
        ("id", "Primary key"),
        ("name", "Display name"),
        ("slug", "URL name, unique"),
        ("description", "Free text"),
        ("sort_order", "Position in lists"),
        ("views", "View counter"),
        ("amount", "Amount in the account's currency"),
        ("is_active", "Whether the row is shown"),
        ("created_at", "Creation time"),
        ("payload", "Free-form settings; it's JSON"),
        ("due_on", "Due date"),
        ("parent_id", "Parent row in another table"),
    ] {
        let comment = comment.replace('\'', "''");
        let _ = writeln!(s, "COMMENT ON COLUMN {t}.{column} IS '{comment}';");
    }
    s
}

/// What follows every table: the first table's foreign key (to the last table).
pub fn closing_ddl(n: usize) -> String {
    if n == 0 {
        return String::new();
    }
    let t = table_name(0);
    let target = table_name(fk_target(0, n));
    format!(
        "ALTER TABLE {t} ADD CONSTRAINT fk_{t}_parent_id FOREIGN KEY (parent_id) \
         REFERENCES {target} (id) ON DELETE SET NULL;\n"
    )
}

/// The whole script for `n` tables, in chunks of at most `tables_per_chunk` tables, so
/// that each chunk is one round trip and the server never parses a huge string at once.
/// Chunks are made as they are consumed, so the benchmark process stays small.
pub fn script_chunks(n: usize, tables_per_chunk: usize) -> impl Iterator<Item = String> {
    let per = tables_per_chunk.max(1);
    (0..n)
        .step_by(per)
        .map(move |start| {
            (start..(start + per).min(n))
                .map(|i| table_ddl(i, n))
                .collect()
        })
        .chain(std::iter::once(closing_ddl(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_its_parts() {
        let n = 50;
        let script: String = script_chunks(n, 7).collect::<String>();
        assert_eq!(script.matches("CREATE TABLE ").count(), n);
        assert_eq!(script.matches("CREATE INDEX ").count(), 2 * n);
        assert_eq!(script.matches("PRIMARY KEY").count(), n);
        assert_eq!(script.matches(" UNIQUE (").count(), n);
        assert_eq!(script.matches("FOREIGN KEY").count(), n);
        assert_eq!(script.matches("COMMENT ON TABLE").count(), n);
        assert_eq!(script.matches("COMMENT ON COLUMN").count(), n * COLUMNS);
        assert_eq!(script.matches(";\n").count(), n * STATEMENTS_PER_TABLE + 1);
    }

    #[test]
    fn twelve_columns() {
        let ddl = table_ddl(3, 10);
        let body = ddl.split("CONSTRAINT").next().unwrap();
        let columns = body.lines().skip(1).filter(|l| !l.trim().is_empty());
        assert_eq!(columns.count(), COLUMNS);
    }

    #[test]
    fn keys_point_at_tables_that_already_exist() {
        for n in [1, 2, 3, 100] {
            for i in 1..n {
                assert!(fk_target(i, n) < i, "table {i} of {n}");
            }
            assert!(fk_target(0, n) < n);
        }
    }

    #[test]
    fn chunks_cover_all_tables() {
        assert_eq!(script_chunks(10, 3).count(), 4 + 1);
        assert_eq!(script_chunks(9, 3).count(), 3 + 1);
        assert_eq!(script_chunks(0, 3).collect::<Vec<_>>(), vec![String::new()]);
    }
}
