//! Issue 11, item 1: a migration file is sized like its change. The example's initial
//! migration (33 tables, for PostgreSQL, MySQL/MariaDB and SQLite) is compared with the
//! same plan written as PostgreSQL SQL (`autogen diff --from empty --to
//! migrations/schema.json --format sql --dialect postgres`); both are computed here.

use std::path::{Path, PathBuf};

use autogen_diff::{DiffOptions, Plan};
use autogen_render::{DialectPlans, RevisionMeta, plan_sql_script, render_migration_for};
use autogen_schema::{Dialect, Schema};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations")
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
        .lines()
        .count()
}

fn head() -> Schema {
    let path = example().join("schema.json");
    let text = std::fs::read_to_string(&path).expect("the example's head snapshot");
    autogen_revisions::snapshot_from_json(&text)
        .expect("a valid snapshot")
        .schema
}

fn plan(to: &Schema, d: Dialect) -> Plan {
    autogen_diff::diff(
        &Schema::default(),
        to,
        &DiffOptions {
            dialect: Some(d),
            ..Default::default()
        },
    )
}

/// The PostgreSQL SQL of creating the example's schema (`up` only), in lines.
fn postgres_sql_lines(to: &Schema) -> usize {
    plan_sql_script(&plan(to, Dialect::Postgres), Dialect::Postgres)
        .expect("PostgreSQL SQL for every operation")
        .lines()
        .count()
}

/// The plan from empty to the example's head, rendered now for all three backends, is
/// at most 1.5 times its PostgreSQL SQL.
#[test]
fn a_three_backend_file_is_at_most_one_and_a_half_times_its_postgres_sql() {
    let to = head();
    let plans = DialectPlans {
        postgres: plan(&to, Dialect::Postgres),
        mysql: plan(&to, Dialect::Mysql),
        sqlite: plan(&to, Dialect::Sqlite),
    };
    let meta = RevisionMeta {
        revision: "104ffaa19b02".into(),
        parents: vec![],
        message: "initial schema".into(),
        created: "2026-11-24T23:18:21Z".into(),
    };
    let file = render_migration_for(&meta, &plans, &Dialect::ALL).expect("render");
    let (file_lines, sql_lines) = (file.lines().count(), postgres_sql_lines(&to));
    assert!(sql_lines > 600, "{sql_lines}: the example lost tables?");
    assert!(
        file_lines * 2 <= sql_lines * 3,
        "{file_lines} lines of Rust for {sql_lines} lines of PostgreSQL SQL"
    );
}

/// The committed initial migration (the head minus one column and one index) meets the
/// same bound against the head's SQL, and the one-column revision is under 40 lines.
#[test]
fn the_example_migrations_are_sized_like_their_changes() {
    let src = example().join("src");
    let initial = lines(&src.join("m20261124_231821_initial_schema.rs"));
    let sql_lines = postgres_sql_lines(&head());
    assert!(
        initial * 2 <= sql_lines * 3,
        "initial migration: {initial} lines for {sql_lines} lines of PostgreSQL SQL"
    );
    let one_column = lines(&src.join("m20261124_231829_add_documents_need_summary.rs"));
    assert!(one_column < 40, "a one-column change in {one_column} lines");
}
