//! PostgreSQL reflection against a real server (`AUTOGEN_TEST_POSTGRES_URL`): every fact
//! of the feature fixture one by one, the Dify fixture, round trips through
//! `Dialect::Postgres.create_statements`, and namespaces.

use autogen_reflect::{ReflectError, ReflectOptions};
use autogen_schema::{
    Column, ColumnType, DefaultValue, Dialect, FkAction, Identity, Index, IndexMethod, IndexTarget,
    Schema, Table,
};
use autogen_testkit::{ScratchDb, assert_schema_eq};

const FEATURES: &str = include_str!("fixtures/postgres_features.sql");
const DIFY: &str = include_str!("fixtures/dify_postgres.sql");

/// What the Dify fixture creates before its tables (the extension and `uuidv7()`), which
/// the defaults of a recreated schema need too.
fn dify_prelude() -> &'static str {
    let end = DIFY
        .find("-- account.py")
        .expect("the Dify fixture marks where its tables start");
    &DIFY[..end]
}

async fn load(db: &ScratchDb, script: &str) {
    let conn = db.connect().await;
    conn.execute(script)
        .await
        .unwrap_or_else(|e| panic!("loading fixture: {e}"));
    conn.close().await;
}

async fn reflect_namespace(db: &ScratchDb, namespace: &str) -> Result<Schema, ReflectError> {
    let conn = db.connect().await;
    let result = conn
        .reflect(&ReflectOptions {
            schema: Some(namespace.to_string()),
            ..Default::default()
        })
        .await;
    conn.close().await;
    result
}

fn table<'a>(schema: &'a Schema, name: &str) -> &'a Table {
    schema
        .tables
        .get(name)
        .unwrap_or_else(|| panic!("table {name} not reflected"))
}

fn col<'a>(table: &'a Table, name: &str) -> &'a Column {
    table
        .column(name)
        .unwrap_or_else(|| panic!("column {}.{name} not reflected", table.name))
}

fn index<'a>(table: &'a Table, name: &str) -> &'a Index {
    table
        .index(name)
        .unwrap_or_else(|| panic!("index {}.{name} not reflected", table.name))
}

fn string(s: &str) -> Option<DefaultValue> {
    Some(DefaultValue::String(s.into()))
}

fn number(s: &str) -> Option<DefaultValue> {
    Some(DefaultValue::Number(s.into()))
}

fn column_names(index: &Index) -> Vec<&str> {
    index.column_names().expect("plain columns")
}

/// Reflect → create statements → apply to an empty database (after `prelude`) → reflect:
/// the two schemas must be equal, and lowering must not change what was reflected.
async fn assert_round_trip(reflected: &Schema, prelude: &str) {
    assert_schema_eq!(
        Dialect::Postgres.lower(reflected),
        *reflected,
        "lowering a reflected schema changes it"
    );
    let copy = ScratchDb::create(Dialect::Postgres).await;
    if !prelude.is_empty() {
        load(&copy, prelude).await;
    }
    copy.execute_all(&Dialect::Postgres.create_statements(reflected))
        .await;
    let again = copy.reflect().await;
    assert_schema_eq!(*reflected, again, "after recreating with create_statements");
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn feature_fixture_types_defaults_and_identity() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    load(&db, FEATURES).await;
    let s = db.reflect().await;

    let names: Vec<&str> = s.tables.keys().map(String::as_str).collect();
    assert_eq!(names, ["authors", "orgs", "posts", "tickets"]);
    assert!(!s.tables.contains_key("seaql_migrations"));

    // Enums, in sort order, and the columns that use them.
    assert_eq!(s.enums["mood"].values, ["sad", "ok", "happy"]);
    assert_eq!(s.enums["Priority"].values, ["low", "high", "urgent"]);
    let authors = table(&s, "authors");
    let mood = col(authors, "mood");
    assert_eq!(
        mood.ty,
        ColumnType::Enum {
            name: "mood".into()
        }
    );
    assert_eq!(mood.default, string("ok"));
    let moods = col(authors, "moods");
    assert_eq!(
        moods.ty,
        ColumnType::Array {
            element: Box::new(ColumnType::Enum {
                name: "mood".into()
            })
        }
    );
    assert_eq!(moods.default, string("{}"));
    let posts = table(&s, "posts");
    assert_eq!(
        col(posts, "priority").ty,
        ColumnType::Enum {
            name: "Priority".into()
        }
    );

    // Identity kinds and serials; identity and serial columns are NOT NULL, no default.
    let id = col(authors, "id");
    assert_eq!(id.identity, Some(Identity::Always));
    assert_eq!(
        (id.ty.clone(), id.nullable, id.default.clone()),
        (ColumnType::Integer, false, None)
    );
    let ticket_id = col(table(&s, "tickets"), "id");
    assert_eq!(ticket_id.identity, Some(Identity::ByDefault));
    assert_eq!(ticket_id.ty, ColumnType::BigInt);
    let org_id = col(table(&s, "orgs"), "id");
    assert_eq!(org_id.identity, Some(Identity::Serial));
    assert_eq!(
        (org_id.ty.clone(), org_id.nullable, org_id.default.clone()),
        (ColumnType::BigInt, false, None)
    );
    let seq = col(posts, "seq");
    assert_eq!(seq.identity, Some(Identity::Serial));
    assert_eq!(
        (seq.ty.clone(), seq.default.clone()),
        (ColumnType::Integer, None)
    );
    assert_eq!(col(posts, "views").identity, None);

    // Types.
    assert_eq!(
        col(authors, "code").ty,
        ColumnType::Char { length: Some(4) }
    );
    assert_eq!(col(authors, "email").ty, ColumnType::varchar(320));
    assert_eq!(col(posts, "slug").ty, ColumnType::Varchar { length: None });
    assert_eq!(
        col(posts, "price").ty,
        ColumnType::Decimal {
            precision: Some(10),
            scale: Some(2)
        }
    );
    assert_eq!(
        col(posts, "ratio").ty,
        ColumnType::Decimal {
            precision: None,
            scale: None
        }
    );
    assert_eq!(col(posts, "score").ty, ColumnType::Double);
    assert_eq!(col(posts, "weight").ty, ColumnType::Real);
    assert_eq!(col(table(&s, "orgs"), "region").ty, ColumnType::SmallInt);
    assert_eq!(
        col(posts, "tags").ty,
        ColumnType::Array {
            element: Box::new(ColumnType::Text)
        }
    );
    assert_eq!(
        col(posts, "matrix").ty,
        ColumnType::Array {
            element: Box::new(ColumnType::Integer)
        }
    );
    assert_eq!(col(posts, "meta").ty, ColumnType::Jsonb);
    assert_eq!(col(posts, "raw").ty, ColumnType::Json);
    assert_eq!(col(posts, "cover").ty, ColumnType::Blob);
    assert_eq!(col(posts, "id").ty, ColumnType::Uuid);
    assert_eq!(col(authors, "active").ty, ColumnType::Boolean);
    assert_eq!(
        col(posts, "published_at").ty,
        ColumnType::Timestamp {
            precision: Some(3),
            tz: true
        }
    );
    assert_eq!(
        col(posts, "created_at").ty,
        ColumnType::Timestamp {
            precision: None,
            tz: false
        }
    );
    assert_eq!(col(posts, "publish_day").ty, ColumnType::Date);
    assert_eq!(
        col(posts, "slot").ty,
        ColumnType::Time {
            precision: None,
            tz: false
        }
    );
    assert_eq!(
        col(posts, "slot_tz").ty,
        ColumnType::Time {
            precision: Some(2),
            tz: true
        }
    );
    assert_eq!(col(posts, "ttl").ty, ColumnType::Interval);
    assert_eq!(col(posts, "addr").ty, ColumnType::custom("inet"));

    // Column order is attnum order, including a column added later.
    let order: Vec<&str> = authors.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        order,
        [
            "id",
            "org_id",
            "code",
            "email",
            "display_name",
            "active",
            "verified",
            "mood",
            "moods",
            "mentor_id",
            "org_region"
        ]
    );

    // Nullability.
    assert!(!col(authors, "email").nullable);
    assert!(col(authors, "display_name").nullable);
    assert!(col(authors, "verified").nullable);
    assert!(!col(posts, "tags").nullable);

    // Defaults: casts removed, functions recognized, numbers canonical.
    assert_eq!(
        col(posts, "id").default,
        Some(DefaultValue::Function("gen_random_uuid".into()))
    );
    assert_eq!(col(authors, "display_name").default, string("anon"));
    assert_eq!(col(posts, "slug").default, string("draft"));
    assert_eq!(col(table(&s, "tickets"), "note").default, string("it's"));
    assert_eq!(
        col(authors, "active").default,
        Some(DefaultValue::Bool(true))
    );
    assert_eq!(
        col(authors, "verified").default,
        Some(DefaultValue::Bool(false))
    );
    assert_eq!(col(posts, "price").default, number("0.00"));
    assert_eq!(col(posts, "score").default, number("-1.5"));
    assert_eq!(col(posts, "views").default, number("0"));
    assert_eq!(col(posts, "rank").default, number("-1"));
    assert_eq!(col(posts, "tags").default, string("{}"));
    assert_eq!(col(posts, "meta").default, string("{}"));
    assert_eq!(col(posts, "priority").default, string("low"));
    assert_eq!(
        col(posts, "created_at").default,
        Some(DefaultValue::CurrentTimestamp { precision: None })
    );
    assert_eq!(
        col(posts, "updated_at").default,
        Some(DefaultValue::CurrentTimestamp { precision: None })
    );
    assert_eq!(
        col(posts, "publish_day").default,
        Some(DefaultValue::CurrentDate)
    );
    assert_eq!(col(posts, "ttl").default, string("1 day"));
    assert_eq!(col(posts, "body").default, None);

    // Comments.
    assert_eq!(
        authors.comment.as_deref(),
        Some("People who write; it's quoted")
    );
    assert_eq!(
        col(authors, "email").comment.as_deref(),
        Some("Login address")
    );
    assert_eq!(
        col(posts, "meta").comment.as_deref(),
        Some("Free-form metadata")
    );
    assert_eq!(posts.comment, None);
    assert_eq!(col(authors, "code").comment, None);
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn feature_fixture_keys_constraints_and_indexes() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    load(&db, FEATURES).await;
    let s = db.reflect().await;
    let authors = table(&s, "authors");
    let orgs = table(&s, "orgs");
    let posts = table(&s, "posts");
    let tickets = table(&s, "tickets");

    // Primary keys: names and columns in key order.
    let pk = orgs.primary_key.as_ref().expect("orgs pk");
    assert_eq!(pk.name.as_deref(), Some("orgs_pkey"));
    assert_eq!(pk.columns, ["id", "region"]);
    assert_eq!(
        tickets.primary_key.as_ref().and_then(|p| p.name.as_deref()),
        Some("tickets_pkey")
    );

    // Unique constraint over two columns; it is not also an index.
    assert_eq!(authors.uniques.len(), 1);
    assert_eq!(authors.uniques[0].name, "authors_org_code_key");
    assert_eq!(authors.uniques[0].columns, ["org_id", "code"]);
    assert!(
        authors.indexes.is_empty(),
        "constraint indexes are not indexes"
    );

    // Foreign keys: composite with actions, the cycle, the self reference.
    let fk = authors
        .foreign_key("authors_org_fkey")
        .expect("composite fk");
    assert_eq!(fk.columns, ["org_id", "org_region"]);
    assert_eq!(fk.ref_table, "orgs");
    assert_eq!(fk.ref_columns, ["id", "region"]);
    assert_eq!(fk.on_delete, FkAction::Cascade);
    assert_eq!(fk.on_update, FkAction::SetDefault);
    let back = orgs.foreign_key("orgs_owner_fkey").expect("cycle fk");
    assert_eq!(
        (back.ref_table.as_str(), back.on_delete, back.on_update),
        ("authors", FkAction::Restrict, FkAction::NoAction)
    );
    let mentor = authors.foreign_key("authors_mentor_fkey").expect("self fk");
    assert_eq!(mentor.ref_table, "authors");
    assert_eq!(mentor.columns, ["mentor_id"]);
    assert_eq!(mentor.on_delete, FkAction::SetNull);
    let post_fk = posts.foreign_key("posts_author_fkey").expect("posts fk");
    assert_eq!(
        (post_fk.on_delete, post_fk.on_update),
        (FkAction::Cascade, FkAction::Cascade)
    );
    let unnamed = &tickets.foreign_keys;
    assert_eq!(unnamed.len(), 1);
    assert_eq!(unnamed[0].name, "tickets_post_id_fkey");
    assert_eq!(unnamed[0].on_delete, FkAction::SetNull);

    // Checks: the expression without CHECK and its parentheses, and without the cast
    // PostgreSQL adds to the literal (`0::numeric`); no NOT NULL pseudo-checks.
    assert_eq!(
        posts.check("posts_price_check").expect("check").expression,
        "price >= 0"
    );
    assert_eq!(
        posts
            .check("posts_title_not_blank")
            .expect("check")
            .expression,
        // The `::text` casts PostgreSQL adds on a varchar column are not the model's.
        "length(title) > 0 AND title <> 'x'"
    );
    assert_eq!(posts.checks.len(), 2);
    assert_eq!(
        authors
            .check("authors_email_check")
            .expect("check")
            .expression,
        "POSITION(('@') IN (email)) > 1"
    );
    assert!(tickets.checks.is_empty());

    // Indexes: methods, predicates, expressions, order.
    let names: Vec<&str> = posts.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "posts_author_recent_idx",
            "posts_expr_mixed_idx",
            "posts_lower_title_idx",
            "posts_meta_gin",
            "posts_published_idx",
            "posts_slug_live_idx",
            "posts_tags_idx",
            "posts_views_hash",
        ]
    );
    let gin = index(posts, "posts_meta_gin");
    assert_eq!(
        (gin.method.clone(), column_names(gin)),
        (IndexMethod::Gin, vec!["meta"])
    );
    assert_eq!(index(posts, "posts_tags_idx").method, IndexMethod::Gin);
    assert_eq!(index(posts, "posts_views_hash").method, IndexMethod::Hash);
    let partial = index(posts, "posts_published_idx");
    assert_eq!(
        partial.predicate.as_deref(),
        Some("published_at IS NOT NULL")
    );
    assert_eq!(partial.method, IndexMethod::Btree);
    assert!(!partial.unique);
    let unique_partial = index(posts, "posts_slug_live_idx");
    assert!(unique_partial.unique);
    assert_eq!(
        unique_partial.predicate.as_deref(),
        Some("body IS NOT NULL")
    );
    let lower = index(posts, "posts_lower_title_idx");
    assert_eq!(lower.parts.len(), 1);
    assert_eq!(
        lower.parts[0].target,
        IndexTarget::Expression("lower(title)".into())
    );
    let recent = index(posts, "posts_author_recent_idx");
    assert_eq!(column_names(recent), ["author_id", "created_at"]);
    assert_eq!(
        recent
            .parts
            .iter()
            .map(|p| p.descending)
            .collect::<Vec<_>>(),
        [false, true]
    );
    let mixed = index(posts, "posts_expr_mixed_idx");
    assert_eq!(
        mixed.parts[0].target,
        IndexTarget::Column("author_id".into())
    );
    assert_eq!(
        mixed.parts[1].target,
        IndexTarget::Expression("price * 2::numeric".into())
    );
    assert!(!mixed.parts[0].descending && mixed.parts[1].descending);
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn feature_fixture_round_trips() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    load(&db, FEATURES).await;
    let s = db.reflect().await;
    assert_round_trip(&s, "").await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn dify_fixture_reflects_as_dify_leaves_it() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    load(&db, DIFY).await;
    let s = db.reflect().await;
    assert_eq!(s.tables.len(), 33);
    assert!(s.enums.is_empty());
    for t in s.tables.values() {
        assert!(t.foreign_keys.is_empty() && t.checks.is_empty() && t.comment.is_none());
        let pk = t
            .primary_key
            .as_ref()
            .expect("every table has a primary key");
        assert_eq!(pk.columns, ["id"], "{}", t.name);
    }

    let v4 = Some(DefaultValue::Function("uuid_generate_v4".into()));
    let v7 = Some(DefaultValue::Function("uuidv7".into()));
    let ts0 = Some(DefaultValue::CurrentTimestamp { precision: Some(0) });
    let ts = Some(DefaultValue::CurrentTimestamp { precision: None });
    let no_tz = ColumnType::Timestamp {
        precision: None,
        tz: false,
    };

    // accounts
    let accounts = table(&s, "accounts");
    assert_eq!(
        accounts.primary_key.as_ref().unwrap().name.as_deref(),
        Some("account_pkey")
    );
    let id = col(accounts, "id");
    assert_eq!(
        (id.ty.clone(), id.nullable, id.default.clone()),
        (ColumnType::Uuid, false, v4.clone())
    );
    assert_eq!(accounts.columns.len(), 16);
    assert_eq!(col(accounts, "name").ty, ColumnType::varchar(255));
    assert!(!col(accounts, "email").nullable);
    assert!(col(accounts, "password").nullable);
    assert_eq!(col(accounts, "last_login_at").ty, no_tz);
    assert_eq!(col(accounts, "last_active_at").default, ts);
    assert!(!col(accounts, "last_active_at").nullable);
    let status = col(accounts, "status");
    assert_eq!(
        (status.ty.clone(), status.default.clone()),
        (ColumnType::varchar(16), string("active"))
    );
    assert_eq!(col(accounts, "created_at").default, ts0);
    assert_eq!(col(accounts, "updated_at").default, ts0);
    let email_idx = index(accounts, "account_email_idx");
    assert_eq!(
        (column_names(email_idx), email_idx.unique),
        (vec!["email"], false)
    );

    // tenant_account_joins
    let joins = table(&s, "tenant_account_joins");
    assert_eq!(joins.uniques.len(), 1);
    assert_eq!(joins.uniques[0].name, "unique_tenant_account_join");
    assert_eq!(joins.uniques[0].columns, ["tenant_id", "account_id"]);
    let current = col(joins, "current");
    assert_eq!(
        (
            current.ty.clone(),
            current.nullable,
            current.default.clone()
        ),
        (ColumnType::Boolean, false, Some(DefaultValue::Bool(false)))
    );
    assert_eq!(col(joins, "role").default, string("normal"));
    assert!(col(joins, "invited_by").nullable);
    let idx: Vec<&str> = joins.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        idx,
        [
            "tenant_account_join_account_id_idx",
            "tenant_account_join_tenant_id_idx"
        ]
    );

    // datasets
    let datasets = table(&s, "datasets");
    assert_eq!(datasets.columns.len(), 26);
    assert_eq!(
        col(datasets, "embedding_model").default,
        string("text-embedding-ada-002")
    );
    assert_eq!(
        col(datasets, "embedding_model_provider").default,
        string("openai")
    );
    assert_eq!(col(datasets, "keyword_number").default, number("10"));
    assert_eq!(col(datasets, "keyword_number").ty, ColumnType::Integer);
    assert_eq!(col(datasets, "retrieval_model").ty, ColumnType::Jsonb);
    assert_eq!(col(datasets, "runtime_mode").default, string("general"));
    assert!(col(datasets, "runtime_mode").nullable);
    assert_eq!(
        col(datasets, "enable_api").default,
        Some(DefaultValue::Bool(true))
    );
    let gin = index(datasets, "retrieval_model_idx");
    assert_eq!(
        (gin.method.clone(), column_names(gin)),
        (IndexMethod::Gin, vec!["retrieval_model"])
    );
    assert_eq!(
        index(datasets, "dataset_tenant_idx").method,
        IndexMethod::Btree
    );

    // documents
    let documents = table(&s, "documents");
    assert_eq!(documents.columns.len(), 41);
    let paused = col(documents, "is_paused");
    assert!(paused.nullable);
    assert_eq!(paused.default, Some(DefaultValue::Bool(false)));
    assert_eq!(col(documents, "indexing_latency").ty, ColumnType::Double);
    assert_eq!(col(documents, "doc_metadata").ty, ColumnType::Jsonb);
    assert_eq!(col(documents, "doc_type").ty, ColumnType::varchar(40));
    assert_eq!(col(documents, "doc_form").default, string("text_model"));
    let meta = index(documents, "document_metadata_idx");
    assert_eq!(
        (meta.method.clone(), column_names(meta)),
        (IndexMethod::Gin, vec!["doc_metadata"])
    );
    assert_eq!(documents.indexes.len(), 4);

    // embeddings: the unique constraint named like an index.
    let embeddings = table(&s, "embeddings");
    let hash = embeddings
        .unique("embedding_hash_idx")
        .expect("unique constraint");
    assert_eq!(hash.columns, ["model_name", "hash", "provider_name"]);
    assert_eq!(col(embeddings, "embedding").ty, ColumnType::Blob);
    assert_eq!(col(embeddings, "provider_name").default, string(""));
    assert_eq!(
        col(embeddings, "model_name").default,
        string("text-embedding-ada-002")
    );
    assert_eq!(col(embeddings, "hash").ty, ColumnType::varchar(64));
    let names: Vec<&str> = embeddings.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["created_at_idx"]);

    // invitation_codes: SERIAL.
    let codes = table(&s, "invitation_codes");
    let id = col(codes, "id");
    assert_eq!(
        (id.ty.clone(), id.identity, id.default.clone(), id.nullable),
        (ColumnType::Integer, Some(Identity::Serial), None, false)
    );
    assert_eq!(
        column_names(index(codes, "invitation_codes_code_idx")),
        ["code", "status"]
    );
    assert!(codes.column("updated_at").is_none());

    // dataset_keyword_tables: unique constraint and a plain index on the same column.
    let keywords = table(&s, "dataset_keyword_tables");
    assert_eq!(keywords.uniques.len(), 1);
    assert_eq!(
        keywords.uniques[0].name,
        "dataset_keyword_tables_dataset_id_key"
    );
    assert_eq!(keywords.uniques[0].columns, ["dataset_id"]);
    assert_eq!(
        column_names(index(keywords, "dataset_keyword_table_dataset_id_idx")),
        ["dataset_id"]
    );
    assert_eq!(
        col(keywords, "data_source_type").default,
        string("database")
    );

    // The rest: drift and spelled-out details.
    assert_eq!(
        col(table(&s, "dataset_queries"), "created_by_role").ty,
        ColumnType::Varchar { length: None }
    );
    assert_eq!(col(table(&s, "pipelines"), "id").default, v7);
    assert_eq!(
        col(table(&s, "pipelines"), "description").default,
        string("")
    );
    assert_eq!(col(table(&s, "pipelines"), "created_at").default, ts);
    assert_eq!(
        col(table(&s, "segment_attachment_bindings"), "id").default,
        None
    );
    assert_eq!(
        col(
            table(&s, "tenant_plugin_auto_upgrade_strategies"),
            "exclude_plugins"
        )
        .ty,
        ColumnType::Json
    );
    assert_eq!(
        col(table(&s, "document_segments"), "keywords").ty,
        ColumnType::Json
    );
    assert_eq!(table(&s, "document_segments").indexes.len(), 6);
    assert_eq!(
        col(table(&s, "tidb_auth_bindings"), "qdrant_endpoint").ty,
        ColumnType::varchar(512)
    );
    assert!(
        table(&s, "dataset_auto_disable_logs")
            .index("dataset_auto_disable_log_created_atx")
            .is_some()
    );
    let gins: Vec<(&str, &str)> = s
        .tables
        .values()
        .flat_map(|t| t.indexes.iter().map(move |i| (t, i)))
        .filter(|(_, i)| i.method == IndexMethod::Gin)
        .map(|(t, i)| (t.name.as_str(), i.name.as_str()))
        .collect();
    assert_eq!(
        gins,
        [
            ("datasets", "retrieval_model_idx"),
            ("documents", "document_metadata_idx")
        ]
    );
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn dify_fixture_round_trips() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    load(&db, DIFY).await;
    let s = db.reflect().await;
    assert_round_trip(&s, dify_prelude()).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn unknown_namespace_is_an_error() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    match reflect_namespace(&db, "no_such_schema").await {
        Err(ReflectError::MissingSchema(name)) => assert_eq!(name, "no_such_schema"),
        other => panic!("expected MissingSchema, got {other:?}"),
    }
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn a_namespace_reflects_its_own_tables_only() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    load(
        &db,
        "CREATE TABLE public.outside (id integer PRIMARY KEY);
         CREATE TYPE public.public_kind AS ENUM ('x');
         CREATE SCHEMA shop;
         CREATE TYPE shop.state AS ENUM ('new', 'paid');
         CREATE TABLE shop.customers (id serial PRIMARY KEY, name text NOT NULL);
         CREATE TABLE shop.orders (
             id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
             customer_id integer NOT NULL REFERENCES shop.customers (id) ON DELETE CASCADE,
             state shop.state NOT NULL DEFAULT 'new',
             total numeric(8,2) CHECK (total >= 0)
         );
         CREATE INDEX orders_open_idx ON shop.orders (customer_id) WHERE state = 'new';",
    )
    .await;
    let shop = reflect_namespace(&db, "shop").await.expect("reflect shop");
    let names: Vec<&str> = shop.tables.keys().map(String::as_str).collect();
    assert_eq!(names, ["customers", "orders"]);
    assert_eq!(shop.enums.keys().collect::<Vec<_>>(), ["state"]);
    let orders = table(&shop, "orders");
    assert_eq!(
        col(orders, "state").ty,
        ColumnType::Enum {
            name: "state".into()
        }
    );
    assert_eq!(col(orders, "state").default, string("new"));
    assert_eq!(
        col(table(&shop, "customers"), "id").identity,
        Some(Identity::Serial)
    );
    assert_eq!(orders.foreign_keys[0].ref_table, "customers");
    // Names of the namespace print unqualified, as the recreating DDL spells them.
    assert_eq!(
        index(orders, "orders_open_idx").predicate.as_deref(),
        Some("state = 'new'::state")
    );

    let public = db.reflect().await;
    assert_eq!(public.tables.keys().collect::<Vec<_>>(), ["outside"]);
    assert_eq!(public.enums.keys().collect::<Vec<_>>(), ["public_kind"]);

    // The namespace recreated in another database's public schema is the same schema.
    assert_round_trip(&shop, "").await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn what_the_ir_cannot_hold_is_left_out_not_misread() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    load(
        &db,
        "CREATE TABLE measures (
             id integer PRIMARY KEY,
             cm integer NOT NULL,
             inches numeric GENERATED ALWAYS AS (cm / 2.54) STORED,
             during tsrange,
             CONSTRAINT measures_no_overlap EXCLUDE USING gist (during WITH &&),
             CONSTRAINT measures_cm_positive CHECK (cm > 0) NOT VALID
         );
         CREATE INDEX measures_cm_incl ON measures (cm) INCLUDE (id);
         CREATE TABLE events (id integer NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
         CREATE TABLE events_2024 PARTITION OF events
             FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
         CREATE INDEX events_at_idx ON events (at);",
    )
    .await;
    let s = db.reflect().await;
    // The partitioned table with its key, and its partition with parent and bound; the
    // partition's columns and its copy of the parent's index are the parent's.
    assert_eq!(
        s.tables.keys().collect::<Vec<_>>(),
        ["events", "events_2024", "measures"]
    );
    assert_eq!(
        table(&s, "events").partitioning.as_deref(),
        Some("RANGE (at)")
    );
    let partition = table(&s, "events_2024");
    assert_eq!(
        partition.partition_of,
        Some(autogen_schema::PartitionOf {
            parent: "events".into(),
            bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')".into(),
        })
    );
    assert!(partition.columns.is_empty() && partition.indexes.is_empty());
    assert_eq!(
        table(&s, "events")
            .indexes
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>(),
        ["events_at_idx"]
    );
    let measures = table(&s, "measures");
    // A generated column is a plain column: its expression is not a default.
    let inches = col(measures, "inches");
    assert_eq!((inches.default.clone(), inches.identity), (None, None));
    // The exclusion constraint and its index are neither a check nor an index.
    assert!(measures.index("measures_no_overlap").is_none());
    assert_eq!(measures.checks.len(), 1);
    // NOT VALID is dropped from the expression.
    assert_eq!(measures.checks[0].expression, "cm > 0");
    // INCLUDE columns are not key parts.
    assert_eq!(column_names(index(measures, "measures_cm_incl")), ["cm"]);
}

/// The shape that took sea-schema 430 s (300 tables in a chain of foreign keys), read
/// whole and right. How fast is measured in `bench/` (docs/benchmarks.md), not here.
#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn three_hundred_tables_reflect_in_bulk() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    load(
        &db,
        "DO $$
         BEGIN
             FOR i IN 0..299 LOOP
                 EXECUTE format(
                     'CREATE TABLE t%s (id serial PRIMARY KEY, parent_id integer%s, name varchar(50) NOT NULL DEFAULT ''x'')',
                     i,
                     CASE WHEN i > 0 THEN format(' REFERENCES t%s (id) ON DELETE CASCADE', i - 1) ELSE '' END);
                 EXECUTE format('CREATE INDEX t%s_name_idx ON t%s (name)', i, i);
             END LOOP;
         END $$;",
    )
    .await;
    let s = db.reflect().await;
    assert_eq!(s.tables.len(), 300);
    let fks: usize = s.tables.values().map(|t| t.foreign_keys.len()).sum();
    assert_eq!(fks, 299);
    let t7 = table(&s, "t7");
    assert_eq!(t7.foreign_keys[0].ref_table, "t6");
    assert_eq!(column_names(index(t7, "t7_name_idx")), ["name"]);
    assert_eq!(t7.foreign_keys[0].on_delete, FkAction::Cascade);
}
