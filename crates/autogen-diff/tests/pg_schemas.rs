//! PostgreSQL schemas beyond the default one (issue 9, item 3: `--schema a,b` and every
//! non-system schema), on a real server. Each case loads a start and a target into
//! databases of their own, reads every schema (`OtherSchemas::All`), applies the plan and
//! its inverse to fresh copies, and asks the database whether it got there: reflection
//! and `pg_dump --schema-only` of both sides must agree, and nothing is left to do.

use autogen_diff::{DiffOptions, Op, diff};
use autogen_reflect::{OtherSchemas, ReflectOptions};
use autogen_schema::{Dialect, Schema, qualified};
use autogen_testkit::{ScratchDb, describe_differences, pg_dump_set};

/// `(name, start, target)`.
const CASES: &[(&str, &str, &str)] = &[
    (
        "schemas created with a table of the same name in each, a serial and an index",
        "",
        "CREATE SCHEMA test;
         CREATE TABLE dummy (id int);
         CREATE TABLE test.dummy (id serial PRIMARY KEY, email text);
         CREATE INDEX dummy_email_idx ON test.dummy (email);",
    ),
    (
        "cross-schema foreign key, enum and views, created in dependency order",
        "",
        "CREATE SCHEMA core; CREATE SCHEMA reporting; CREATE SCHEMA \"MySchema\";
         CREATE TYPE core.mood AS ENUM ('happy', 'sad');
         CREATE TABLE core.users (id integer PRIMARY KEY, mood core.mood);
         CREATE TABLE posts (id integer PRIMARY KEY,
                             user_id integer REFERENCES core.users (id) ON DELETE CASCADE);
         CREATE TABLE \"MySchema\".\"Users\" (id int, name text);
         CREATE VIEW reporting.user_list AS SELECT id, mood FROM core.users;
         CREATE VIEW reporting.post_count AS
           SELECT u.id, count(*) AS n FROM reporting.user_list u JOIN posts p ON p.user_id = u.id
           GROUP BY u.id;",
    ),
    (
        "objects of a schema changed in place: a column, an index, an enum value, a domain",
        "CREATE SCHEMA app;
         CREATE TYPE app.status AS ENUM ('active');
         CREATE DOMAIN app.amount AS integer CHECK (VALUE > 0);
         CREATE TABLE app.items (id int PRIMARY KEY, status app.status, n app.amount);
         CREATE INDEX items_status ON app.items (status);
         ALTER TABLE app.items ENABLE ROW LEVEL SECURITY;",
        "CREATE SCHEMA app;
         CREATE TYPE app.status AS ENUM ('active', 'gone');
         CREATE DOMAIN app.amount AS integer CHECK (VALUE >= 0);
         CREATE TABLE app.items (id int PRIMARY KEY, status app.status, n app.amount, note text);
         CREATE INDEX items_note ON app.items (note);
         ALTER TABLE app.items ENABLE ROW LEVEL SECURITY;
         CREATE POLICY p_items ON app.items USING (id > 0);",
    ),
    (
        "a schema and everything in it dropped while public stays",
        "CREATE SCHEMA old; CREATE TABLE keep (id int);
         CREATE TABLE old.t (id int PRIMARY KEY, k int); CREATE VIEW old.v AS SELECT id FROM old.t;",
        "CREATE TABLE keep (id int);",
    ),
];

async fn load(sql: &str) -> ScratchDb {
    let db = ScratchDb::create(Dialect::Postgres).await;
    if !sql.trim().is_empty() {
        db.execute_all(&[sql.to_string()]).await;
    }
    db
}

async fn reflect_all(db: &ScratchDb) -> Schema {
    let conn = db.connect().await;
    let schema = conn
        .reflect(&ReflectOptions {
            others: OtherSchemas::All,
            ..Default::default()
        })
        .await
        .unwrap();
    conn.close().await;
    schema
}

async fn apply_and_compare(
    name: &str,
    direction: &str,
    start: &str,
    sql: &[String],
    target: &ScratchDb,
) {
    let db = load(start).await;
    let conn = db.connect().await;
    for statement in sql {
        if let Err(e) = conn.execute(statement).await {
            panic!(
                "{name} ({direction}): {statement}: {e}\nSQL:\n{}",
                sql.join(";\n")
            );
        }
    }
    conn.close().await;
    let (got, want) = (reflect_all(&db).await, reflect_all(target).await);
    assert_eq!(
        got,
        want,
        "{name} ({direction}): reflection differs\n{}\nSQL:\n{}",
        describe_differences(&got, &want),
        sql.join(";\n")
    );
    let (got, want) = (pg_dump_set(&db), pg_dump_set(target));
    assert_eq!(
        got.symmetric_difference(&want).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "{name} ({direction}): pg_dump differs\nSQL:\n{}",
        sql.join(";\n")
    );
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn schemas_both_ways() {
    let options = DiffOptions {
        dialect: Some(Dialect::Postgres),
        ..Default::default()
    };
    for (name, start, target) in CASES {
        let a = load(start).await;
        let b = load(target).await;
        let (from, to) = (reflect_all(&a).await, reflect_all(&b).await);
        assert_ne!(from, to, "{name}: the two sides must differ");
        let plan = diff(&from, &to, &options);
        let up = plan.to_sql(Dialect::Postgres).unwrap();
        let down = plan.inverse().to_sql(Dialect::Postgres).unwrap();
        apply_and_compare(name, "up", start, &up, &b).await;
        apply_and_compare(name, "down", target, &down, &a).await;
        let again = diff(&to, &reflect_all(&b).await, &options);
        assert!(again.ops.is_empty(), "{name}: {:?}", again.ops);
    }
}

/// Objects outside the default schema are keyed by qualified name; a `public` table of
/// the same name is another table; `DROP SCHEMA` comes last and is a destructive step.
#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn qualified_keys_and_a_destructive_drop() {
    let db =
        load("CREATE SCHEMA test; CREATE TABLE dummy (id int); CREATE TABLE test.dummy (id int);")
            .await;
    let schema = reflect_all(&db).await;
    let keys: Vec<&String> = schema.tables.keys().collect();
    assert_eq!(
        keys,
        [&"dummy".to_string(), &qualified::qualify("test", "dummy")]
    );
    assert!(schema.namespaces.contains("test"));
    // Only the default schema: nothing of `test` is seen.
    let conn = db.connect().await;
    let public_only = conn.reflect(&ReflectOptions::default()).await.unwrap();
    conn.close().await;
    assert_eq!(public_only.tables.keys().collect::<Vec<_>>(), ["dummy"]);
    assert!(public_only.namespaces.is_empty());

    let plan = diff(
        &schema,
        &Schema::default(),
        &DiffOptions {
            dialect: Some(Dialect::Postgres),
            ..Default::default()
        },
    );
    let last = plan.ops.last().unwrap();
    assert!(
        matches!(last, Op::DropSchema { name } if name == "test"),
        "{:?}",
        plan.ops
    );
    assert!(
        plan.hazards_of(plan.ops.len() - 1)
            .contains(&autogen_diff::Hazard::DeletesData)
    );
    let sql = plan.to_sql(Dialect::Postgres).unwrap();
    assert!(
        sql.contains(&"DROP TABLE \"test\".\"dummy\"".to_string()),
        "{sql:#?}"
    );
    assert_eq!(sql.last().unwrap(), "DROP SCHEMA \"test\"");
}
