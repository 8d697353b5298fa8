//! PostgreSQL SQL for a schema other than `public` (issue 8, item 6): every name is
//! qualified with the plan's namespace, so a script run with the default `search_path`
//! acts on `app`, never on `public`'s tables of the same name.

use autogen_diff::{DiffOptions, diff};
use autogen_reflect::ReflectOptions;
use autogen_schema::{
    Column, ColumnType, Dialect, EnumType, FkAction, ForeignKey, Identity, Index, IndexMethod,
    IndexPart, IndexTarget, PrimaryKey, Schema, Table,
};
use autogen_testkit::{ScratchDb, describe_differences, ignoring_column_order};

async fn reflect(db: &ScratchDb, namespace: &str) -> Schema {
    let conn = db.connect().await;
    let schema = conn
        .reflect(&ReflectOptions {
            schema: Some(namespace.to_string()),
            ..Default::default()
        })
        .await
        .unwrap();
    conn.close().await;
    schema
}

fn options() -> DiffOptions {
    DiffOptions {
        dialect: Some(Dialect::Postgres),
        namespace: Some("app".into()),
        ..Default::default()
    }
}

fn not_null(mut c: Column) -> Column {
    c.nullable = false;
    c
}

/// `app`'s schema: an enum, a serial key, a foreign key, an index, comments.
fn app_schema() -> Schema {
    let mut s = Schema::default();
    s.enums.insert(
        "mood".into(),
        EnumType {
            name: "mood".into(),
            values: vec!["happy".into(), "sad".into()],
        },
    );
    let mut users = Table::new("users");
    let mut id = not_null(Column::new("id", ColumnType::Integer));
    id.identity = Some(Identity::Serial);
    users.columns.push(id);
    users.columns.push(Column::new(
        "mood",
        ColumnType::Enum {
            name: "mood".into(),
        },
    ));
    users
        .columns
        .push(Column::new("email", ColumnType::varchar(100)));
    users.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some("users_pkey".into()),
        columns: vec!["id".into()],
    });
    users.comment = Some("app users".into());
    users.indexes.push(Index {
        options: Default::default(),
        name: "users_email_idx".into(),
        unique: false,
        parts: vec![IndexPart {
            nulls_first: None,
            opclass: None,
            target: IndexTarget::Column("email".into()),
            descending: false,
            collation: None,
        }],
        method: IndexMethod::Btree,
        predicate: None,
    });
    let mut posts = Table::new("posts");
    posts
        .columns
        .push(not_null(Column::new("id", ColumnType::Integer)));
    posts
        .columns
        .push(Column::new("user_id", ColumnType::Integer));
    posts.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some("posts_pkey".into()),
        columns: vec!["id".into()],
    });
    posts.foreign_keys.push(ForeignKey {
        deferrable: Default::default(),
        not_valid: false,
        name: "posts_user_id_fkey".into(),
        columns: vec!["user_id".into()],
        ref_table: "users".into(),
        ref_columns: vec!["id".into()],
        on_delete: FkAction::Cascade,
        on_update: FkAction::NoAction,
    });
    s.tables.insert("users".into(), users);
    s.tables.insert("posts".into(), posts);
    s
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn sql_for_a_non_public_schema_touches_only_that_schema() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    // `public` has a `users` (and a `posts`) of its own, with a row that must survive.
    db.execute_all(&[
        "CREATE SCHEMA app".into(),
        "CREATE TABLE public.users (id integer PRIMARY KEY, name text)".into(),
        "CREATE TABLE public.posts (id integer PRIMARY KEY)".into(),
        "INSERT INTO public.users VALUES (1, 'keep me')".into(),
    ])
    .await;
    let public_before = reflect(&db, "public").await;

    // Empty → app: created in app, whatever the search_path.
    let create = diff(&Schema::default(), &app_schema(), &options());
    let sql = create.to_sql(Dialect::Postgres).unwrap();
    assert!(
        sql.iter()
            .any(|s| s.starts_with("CREATE TABLE \"app\".\"users\"")),
        "{sql:#?}"
    );
    db.execute_all(&sql).await;
    let app = ignoring_column_order(reflect(&db, "app").await);
    let expected = ignoring_column_order(Dialect::Postgres.lower(&app_schema()));
    assert!(
        app == expected,
        "app after the script:\n{}",
        describe_differences(&expected, &app)
    );
    assert_eq!(reflect(&db, "public").await, public_before);

    // The case: app → empty (`diff --from database --to empty --format sql |
    // psql` with `schema = "app"`) drops app's tables and type, and nothing of public's.
    let drop = diff(&reflect(&db, "app").await, &Schema::default(), &options());
    let sql = drop.to_sql(Dialect::Postgres).unwrap();
    db.execute_all(&sql).await;
    let app = reflect(&db, "app").await;
    assert!(
        app.tables.is_empty() && app.enums.is_empty(),
        "app still has {:?} {:?}",
        app.tables.keys(),
        app.enums.keys()
    );
    assert_eq!(reflect(&db, "public").await, public_before, "{sql:#?}");
}

/// Without a namespace (or for other dialects) names stay unqualified.
#[test]
fn names_are_unqualified_without_a_namespace() {
    let plan = diff(
        &Schema::default(),
        &app_schema(),
        &DiffOptions {
            dialect: Some(Dialect::Postgres),
            ..Default::default()
        },
    );
    let sql = plan.to_sql(Dialect::Postgres).unwrap().join(";\n");
    assert!(!sql.contains("\"app\""), "{sql}");
    let mysql = diff(
        &Schema::default(),
        &app_schema(),
        &DiffOptions {
            dialect: Some(Dialect::Mysql),
            namespace: Some("app".into()),
            ..Default::default()
        },
    );
    assert_eq!(mysql.namespace, None);
}
