//! PostgreSQL attributes of columns, constraints and indexes that the catalog keeps
//! (deferral, NOT VALID, NO INHERIT, NULLS NOT DISTINCT, exclusion constraints, generated
//! columns, collations, index INCLUDE/WITH/operator classes/NULLS order): for each pair of
//! schemas, both loaded for real, the plan from one to the other applied to the first
//! reaches the second and its inverse comes back, judged by `pg_dump` of both sides, in
//! the plain and in the online form.

use std::collections::BTreeSet;
use std::process::Command;

use autogen_diff::{DiffOptions, diff};
use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;

/// `pg_dump --schema-only` as a set of statements, comments and blank lines dropped.
fn dump(db: &ScratchDb) -> BTreeSet<String> {
    let out = Command::new("pg_dump")
        .args(["--schema-only", "--no-owner", "--schema=public", "-d"])
        .arg(&db.url)
        .output()
        .expect("pg_dump runs");
    assert!(
        out.status.success(),
        "pg_dump: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut statements = BTreeSet::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with("--") || line.starts_with('\\') {
            continue;
        }
        current.push_str(line);
        current.push('\n');
        if line.trim_end().ends_with(';') {
            statements.insert(std::mem::take(&mut current));
        }
    }
    statements
}

async fn loaded(sql: &str) -> ScratchDb {
    let db = ScratchDb::create(Dialect::Postgres).await;
    let statements: Vec<String> = sql
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    db.execute_all(&statements).await;
    db
}

/// Loads `from` and `to`, applies the plan from one to the other to a third database
/// loaded as `from`, then its inverse, comparing dumps after each.
async fn round_trip(name: &str, from: &str, to: &str) {
    for online in [false, true] {
        let a = loaded(from).await;
        let b = loaded(to).await;
        let work = loaded(from).await;
        let options = DiffOptions {
            dialect: Some(Dialect::Postgres),
            online,
            ..Default::default()
        };
        let plan = diff(&a.reflect().await, &b.reflect().await, &options);
        assert!(!plan.is_empty(), "{name}: nothing planned");
        let up = plan.to_sql(Dialect::Postgres).unwrap();
        work.execute_all(&up).await;
        let (got, want) = (dump(&work), dump(&b));
        assert_eq!(
            got.difference(&want).collect::<Vec<_>>(),
            want.difference(&got).collect::<Vec<_>>(),
            "{name} (online {online}): upgrade differs from the target; SQL: {up:#?}"
        );
        let down = plan.inverse().to_sql(Dialect::Postgres).unwrap();
        work.execute_all(&down).await;
        let (got, want) = (dump(&work), dump(&a));
        assert_eq!(
            got.difference(&want).collect::<Vec<_>>(),
            want.difference(&got).collect::<Vec<_>>(),
            "{name} (online {online}): downgrade differs from the start; SQL: {down:#?}"
        );
        // And no phantom difference once there.
        assert!(
            diff(&work.reflect().await, &a.reflect().await, &options).is_empty(),
            "{name}: a database equal to its start still differs from it"
        );
    }
}

const PARENT: &str = "CREATE TABLE parent (id int PRIMARY KEY);";

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn deferrable_and_not_valid_constraints() {
    round_trip(
        "deferrable foreign key",
        &format!("{PARENT} CREATE TABLE child (id int PRIMARY KEY, p int REFERENCES parent)"),
        &format!(
            "{PARENT} CREATE TABLE child (id int PRIMARY KEY, \
             p int REFERENCES parent DEFERRABLE INITIALLY DEFERRED)"
        ),
    )
    .await;
    round_trip(
        "deferrable unique, nulls not distinct",
        "CREATE TABLE t (a int, b int, CONSTRAINT t_a_key UNIQUE (a))",
        "CREATE TABLE t (a int, b int, CONSTRAINT t_a_key UNIQUE (a) DEFERRABLE, \
         CONSTRAINT t_b_key UNIQUE NULLS NOT DISTINCT (b))",
    )
    .await;
    round_trip(
        "not valid check and foreign key",
        &format!("{PARENT} CREATE TABLE child (id int PRIMARY KEY, p int)"),
        &format!(
            "{PARENT} CREATE TABLE child (id int PRIMARY KEY, p int); \
             ALTER TABLE child ADD CONSTRAINT p_positive CHECK (p > 0) NOT VALID; \
             ALTER TABLE child ADD CONSTRAINT child_p_fkey FOREIGN KEY (p) \
             REFERENCES parent NOT VALID"
        ),
    )
    .await;
    round_trip(
        "no inherit check",
        "CREATE TABLE t (a int, CONSTRAINT a_positive CHECK (a > 0))",
        "CREATE TABLE t (a int, CONSTRAINT a_positive CHECK (a > 0) NO INHERIT); \
         ALTER TABLE t ADD CONSTRAINT a_small CHECK (a < 100) NO INHERIT NOT VALID",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn exclusion_constraints() {
    round_trip(
        "exclusion constraint",
        "CREATE TABLE booking (room int, during int4range)",
        "CREATE TABLE booking (room int, during int4range, \
         CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room > 0))",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn generated_columns_and_collations() {
    round_trip(
        "generated column",
        "CREATE TABLE t (a int, b int)",
        "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED)",
    )
    .await;
    round_trip(
        "column collation",
        "CREATE TABLE t (s text, v varchar(10) COLLATE \"POSIX\")",
        "CREATE TABLE t (s text COLLATE \"C\", v varchar(10))",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn index_attributes() {
    round_trip(
        "index opclass, order, include, storage, collation",
        "CREATE TABLE t (a varchar(20), b int, c int, d text)",
        "CREATE TABLE t (a varchar(20), b int, c int, d text); \
         CREATE INDEX t_ab ON t (a varchar_pattern_ops DESC NULLS LAST, b NULLS FIRST) \
         INCLUDE (c) WITH (fillfactor=70); \
         CREATE INDEX t_d ON t (d COLLATE \"C\" text_pattern_ops); \
         CREATE UNIQUE INDEX t_b ON t (b) NULLS NOT DISTINCT; \
         CREATE INDEX t_lower ON t (lower(d) COLLATE \"POSIX\") WHERE b > 0; \
         CREATE INDEX t_hash ON t USING hash (c)",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn defaults_keep_their_printed_spelling() {
    round_trip(
        "typed literals, now() and a NULL cast as defaults",
        "CREATE TABLE t (id int)",
        "CREATE TABLE t (id int, big bigint DEFAULT bigint '2', ratio numeric DEFAULT '1.5', \
         at timestamptz DEFAULT now(), item varchar(16) DEFAULT NULL, \
         on_ boolean DEFAULT boolean 'true')",
    )
    .await;
    round_trip(
        "a default changed to a typed literal",
        "CREATE TABLE t (big bigint DEFAULT 1, v varchar(5) DEFAULT 'a')",
        "CREATE TABLE t (big bigint DEFAULT '2'::bigint, v varchar(5) DEFAULT NULL::varchar)",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn identity_options_and_serial_types() {
    round_trip(
        "identity with sequence options added",
        "CREATE TABLE v (volt int)",
        "CREATE TABLE v (volt int GENERATED BY DEFAULT AS IDENTITY \
         (START WITH -100 INCREMENT BY 5 MINVALUE -100 MAXVALUE 100 CACHE 3 CYCLE))",
    )
    .await;
    round_trip(
        "identity options changed",
        "CREATE TABLE v (volt int GENERATED BY DEFAULT AS IDENTITY \
         (START WITH -200 INCREMENT BY 10 MINVALUE -200 MAXVALUE 200)); \
         INSERT INTO v DEFAULT VALUES",
        "CREATE TABLE v (volt bigint GENERATED ALWAYS AS IDENTITY (INCREMENT BY -1))",
    )
    .await;
    round_trip(
        "serial to bigserial",
        "CREATE TABLE u (id serial NOT NULL, n smallserial)",
        "CREATE TABLE u (id bigserial NOT NULL, n serial)",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn declarative_partitioning() {
    const LOGS: &str = "CREATE TABLE logs (id bigint NOT NULL, at timestamp NOT NULL, \
                        PRIMARY KEY (id, at)) PARTITION BY RANGE (at)";
    round_trip(
        "partitioned table with partitions, a default one and an index",
        "CREATE TABLE t (id int)",
        &format!(
            "CREATE TABLE t (id int); {LOGS}; \
             CREATE TABLE logs_2024_01 PARTITION OF logs \
             FOR VALUES FROM ('2024-01-01') TO ('2024-02-01'); \
             CREATE TABLE logs_rest PARTITION OF logs DEFAULT; \
             CREATE INDEX logs_at ON logs (at); \
             CREATE TABLE orders (id int, region text) PARTITION BY LIST (region); \
             CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('US', 'CA')"
        ),
    )
    .await;
    round_trip(
        "a partition added and another's bound changed",
        &format!(
            "{LOGS}; CREATE TABLE logs_a PARTITION OF logs \
             FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')"
        ),
        &format!(
            "{LOGS}; CREATE TABLE logs_a PARTITION OF logs \
             FOR VALUES FROM ('2024-01-01') TO ('2024-03-01'); \
             CREATE TABLE logs_b PARTITION OF logs \
             FOR VALUES FROM ('2024-03-01') TO ('2024-04-01')"
        ),
    )
    .await;
}
