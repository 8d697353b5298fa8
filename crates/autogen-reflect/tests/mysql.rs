//! MySQL/MariaDB reflection against a real server (`AUTOGEN_TEST_MYSQL_URL`), each test
//! on scratch databases of its own.

use autogen_schema::{
    Column, ColumnType, DefaultValue, Dialect, EnumType, FkAction, ForeignKey, Identity, Index,
    IndexMethod, IndexPart, IndexTarget, PrimaryKey, Schema, Table,
};
use autogen_testkit::{ScratchDb, assert_schema_eq};

const FEATURES: &str = include_str!("fixtures/mysql_features.sql");
const DIFY: &str = include_str!("fixtures/dify_mysql.sql");

/// The statements of a fixture: `--` comment lines dropped, split at `;` ending a line.
fn statements(script: &str) -> Vec<String> {
    let body: String = script
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .map(|l| format!("{l}\n"))
        .collect();
    body.split(";\n")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Applies a fixture to `db` and reflects it; checks the reflection is already lowered.
async fn load(db: &ScratchDb, script: &str) -> Schema {
    db.execute_all(&statements(script)).await;
    let schema = db.reflect().await;
    assert_schema_eq!(
        Dialect::Mysql.lower(&schema),
        schema,
        "a reflected schema must be what lowering gives"
    );
    schema
}

/// Creates `schema` with the dialect's own DDL in a fresh database and reflects it.
async fn recreate(schema: &Schema) -> Schema {
    let db = ScratchDb::create(Dialect::Mysql).await;
    db.execute_all(&Dialect::Mysql.create_statements(schema))
        .await;
    db.reflect().await
}

fn col<'a>(table: &'a Table, name: &str) -> &'a Column {
    table
        .column(name)
        .unwrap_or_else(|| panic!("column {}.{name} missing", table.name))
}

fn index<'a>(table: &'a Table, name: &str) -> &'a Index {
    table.index(name).unwrap_or_else(|| {
        panic!(
            "index {name} missing on {}: {:?}",
            table.name, table.indexes
        )
    })
}

fn names(list: &[impl AsRef<str>]) -> Vec<String> {
    list.iter().map(|s| s.as_ref().to_string()).collect()
}

fn string(s: &str) -> Option<DefaultValue> {
    Some(DefaultValue::String(s.into()))
}

fn number(n: &str) -> Option<DefaultValue> {
    Some(DefaultValue::Number(n.into()))
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn reflects_the_feature_fixture_fact_by_fact() {
    let db = ScratchDb::create(Dialect::Mysql).await;
    let s = load(&db, FEATURES).await;

    assert_eq!(
        s.tables.keys().collect::<Vec<_>>(),
        ["authors", "players", "post_refs", "posts", "teams"],
        "seaql_migrations is bookkeeping, not schema"
    );
    assert!(s.enums.is_empty());

    let a = &s.tables["authors"];
    assert_eq!(a.comment.as_deref(), Some("people who write"));
    let names_in_order: Vec<&str> = a.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(&names_in_order[..4], ["id", "name", "country", "bio"]);

    let id = col(a, "id");
    assert_eq!(id.ty, ColumnType::Integer);
    assert_eq!(id.identity, Some(Identity::AutoIncrement));
    assert!(!id.nullable);
    assert_eq!(id.default, None);
    assert_eq!(
        a.primary_key,
        Some(PrimaryKey {
            name: None,
            columns: names(&["id"])
        })
    );

    let name = col(a, "name");
    assert_eq!(name.ty, ColumnType::varchar(100));
    assert!(!name.nullable);
    assert_eq!(name.default, string("it's \"quoted\""));
    assert_eq!(name.comment.as_deref(), Some("display name"));
    assert_eq!(col(a, "country").ty, ColumnType::Char { length: Some(2) });
    assert!(col(a, "country").nullable);
    assert_eq!(col(a, "bio").ty, ColumnType::custom("longtext"));
    assert_eq!(col(a, "bio").comment, None);

    // MariaDB's json is longtext with a json_valid check; both become the json type.
    assert_eq!(col(a, "profile").ty, ColumnType::Json);
    assert!(a.check("profile").is_none(), "{:?}", a.checks);

    let status = col(a, "status");
    assert_eq!(
        status.ty,
        ColumnType::InlineEnum {
            values: names(&["active", "it's off", "Mixed Case"])
        }
    );
    assert_eq!(status.default, string("active"));
    assert_eq!(col(a, "is_admin").ty, ColumnType::Boolean);
    assert_eq!(col(a, "is_admin").default, Some(DefaultValue::Bool(false)));
    assert_eq!(col(a, "is_active").default, Some(DefaultValue::Bool(true)));
    assert_eq!(
        col(a, "balance").ty,
        ColumnType::Decimal {
            precision: Some(12),
            scale: Some(2)
        }
    );
    assert_eq!(col(a, "balance").default, number("0.00"));
    assert_eq!(
        col(a, "created_at").ty,
        ColumnType::Timestamp {
            precision: Some(3),
            tz: false
        }
    );
    assert_eq!(
        col(a, "created_at").default,
        Some(DefaultValue::CurrentTimestamp { precision: Some(3) })
    );
    assert_eq!(
        col(a, "updated_at").ty,
        ColumnType::Timestamp {
            precision: None,
            tz: true
        }
    );
    assert!(col(a, "updated_at").nullable);
    assert_eq!(
        col(a, "updated_at").default,
        Some(DefaultValue::CurrentTimestamp { precision: None })
    );
    assert_eq!(
        col(a, "wakes_at").ty,
        ColumnType::Time {
            precision: Some(2),
            tz: false
        }
    );
    assert_eq!(col(a, "birthday").ty, ColumnType::Date);
    assert_eq!(
        col(a, "birthday").default,
        None,
        "DEFAULT NULL is no default"
    );
    assert_eq!(col(a, "avatar").ty, ColumnType::Blob);
    assert_eq!(col(a, "token").ty, ColumnType::VarBinary { length: 32 });
    assert_eq!(
        col(a, "fingerprint").ty,
        ColumnType::Binary { length: Some(16) }
    );
    assert_eq!(col(a, "note").default, string("C:\\temp\\new"));
    assert_eq!(
        col(a, "ext_id").default,
        Some(DefaultValue::Function("uuid".into()))
    );
    assert_eq!(col(a, "visits").ty, ColumnType::custom("bigint unsigned"));
    assert_eq!(col(a, "visits").default, number("3"));
    assert_eq!(col(a, "ratio").ty, ColumnType::Double);
    assert_eq!(col(a, "weight").ty, ColumnType::Real);

    assert_eq!(a.uniques.len(), 1);
    assert_eq!(
        a.unique("uq_authors_name_country").unwrap().columns,
        names(&["name", "country"])
    );
    let created = index(a, "idx_authors_created");
    assert!(!created.unique);
    assert_eq!(
        created.parts,
        vec![
            IndexPart {
                target: IndexTarget::Column("created_at".into()),
                descending: true,
                collation: None,
            },
            IndexPart::column("id"),
        ]
    );
    assert_eq!(
        index(a, "idx_authors_name_prefix").parts[0].target,
        IndexTarget::Expression("`name`(10)".into())
    );
    let ft = index(a, "ft_authors_bio");
    assert_eq!(ft.method, IndexMethod::Fulltext);
    assert_eq!(ft.parts, vec![IndexPart::column("bio")]);
    assert_eq!(a.indexes.len(), 3);
    assert_eq!(
        a.check("ck_authors_balance").unwrap().expression,
        "balance >= 0"
    );
    // A check written on the column is part of the column on MariaDB.
    assert_eq!(
        col(a, "score").check.as_deref(),
        Some("score BETWEEN 0 AND 100")
    );
    assert_eq!(a.checks.len(), 1);

    let p = &s.tables["posts"];
    assert_eq!(col(p, "id").ty, ColumnType::BigInt);
    assert_eq!(col(p, "id").identity, Some(Identity::AutoIncrement));
    assert_eq!(col(p, "title").default, string(""));
    assert_eq!(
        p.unique("uq_posts_author_slug").unwrap().columns,
        names(&["author_id", "slug"])
    );
    // A unique index with a DESC part is no unique constraint.
    let title_desc = index(p, "uq_posts_title_desc");
    assert!(title_desc.unique);
    assert!(title_desc.parts[0].descending);
    assert_eq!(title_desc.column_names(), Some(vec!["title", "id"]));
    assert_eq!(
        index(p, "idx_posts_title_author").column_names(),
        Some(vec!["title", "author_id"])
    );
    assert_eq!(
        p.foreign_key("fk_posts_author"),
        Some(&ForeignKey {
            name: "fk_posts_author".into(),
            columns: names(&["author_id"]),
            ref_table: "authors".into(),
            ref_columns: names(&["id"]),
            on_delete: FkAction::Cascade,
            on_update: FkAction::Cascade,
        })
    );
    let parent = p.foreign_key("fk_posts_parent").unwrap();
    assert_eq!(parent.ref_table, "posts", "self reference");
    assert_eq!(parent.on_delete, FkAction::SetNull);
    assert_eq!(parent.on_update, FkAction::NoAction);
    // MySQL made an index named fk_posts_parent for the key; it is not reported.
    assert!(p.index("fk_posts_parent").is_none(), "{:?}", p.indexes);
    assert_eq!(p.indexes.len(), 2);

    let r = &s.tables["post_refs"];
    assert_eq!(
        r.foreign_key("fk_post_refs_post"),
        Some(&ForeignKey {
            name: "fk_post_refs_post".into(),
            columns: names(&["author_id", "slug"]),
            ref_table: "posts".into(),
            ref_columns: names(&["author_id", "slug"]),
            on_delete: FkAction::SetNull,
            on_update: FkAction::Cascade,
        })
    );
    assert!(r.indexes.is_empty(), "{:?}", r.indexes);

    let players = &s.tables["players"];
    let teams = &s.tables["teams"];
    let team = players.foreign_key("fk_players_team").unwrap();
    assert_eq!(team.ref_table, "teams");
    assert_eq!(
        team.on_delete,
        FkAction::NoAction,
        "RESTRICT is reported as NO ACTION"
    );
    assert_eq!(
        index(players, "idx_players_team").column_names(),
        Some(vec!["team_id"])
    );
    let captain = teams.foreign_key("fk_teams_captain").unwrap();
    assert_eq!(captain.ref_table, "players", "the cycle's closing key");
    assert_eq!(captain.on_delete, FkAction::SetNull);
    assert!(teams.indexes.is_empty(), "{:?}", teams.indexes);
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn reflects_dify_as_its_mysql_migrations_leave_it() {
    let db = ScratchDb::create(Dialect::Mysql).await;
    let s = load(&db, DIFY).await;
    assert_eq!(
        s.tables.keys().collect::<Vec<_>>(),
        [
            "account_integrates",
            "accounts",
            "child_chunks",
            "dataset_keyword_tables",
            "datasets",
            "document_segments",
            "documents",
            "embeddings",
            "invitation_codes",
            "tenant_account_joins",
            "tenants",
        ]
    );
    let uuid = ColumnType::Char { length: Some(36) };
    let now = Some(DefaultValue::CurrentTimestamp { precision: None });
    for table in s.tables.values() {
        let pk = table.primary_key.as_ref().expect("every table has a key");
        assert_eq!(pk.name, None, "MySQL calls every primary key PRIMARY");
        assert_eq!(pk.columns, names(&["id"]));
        assert!(table.foreign_keys.is_empty());
        assert!(
            table.checks.is_empty(),
            "{}: {:?}",
            table.name,
            table.checks
        );
        if table.name != "invitation_codes" {
            let id = col(table, "id");
            assert_eq!(id.ty, uuid, "{}", table.name);
            assert_eq!(
                id.default, None,
                "{}: ids have no server default",
                table.name
            );
            assert_eq!(id.identity, None);
        }
        if let Some(c) = table.column("created_at") {
            assert_eq!(c.default, now, "{}", table.name);
            assert_eq!(
                c.ty,
                ColumnType::Timestamp {
                    precision: None,
                    tz: false
                }
            );
            assert!(!c.nullable);
        }
    }

    let accounts = &s.tables["accounts"];
    assert_eq!(col(accounts, "status").ty, ColumnType::varchar(16));
    assert_eq!(col(accounts, "status").default, string("active"));
    assert_eq!(col(accounts, "last_active_at").default, now);
    assert_eq!(
        index(accounts, "account_email_idx").column_names(),
        Some(vec!["email"])
    );

    let joins = &s.tables["tenant_account_joins"];
    assert_eq!(col(joins, "current").ty, ColumnType::Boolean);
    assert_eq!(
        col(joins, "current").default,
        Some(DefaultValue::Bool(false))
    );
    assert_eq!(col(joins, "role").default, string("normal"));
    assert_eq!(
        joins.unique("unique_tenant_account_join").unwrap().columns,
        names(&["tenant_id", "account_id"])
    );
    assert_eq!(
        names(&joins.indexes.iter().map(|i| &i.name).collect::<Vec<_>>()),
        [
            "tenant_account_join_account_id_idx",
            "tenant_account_join_tenant_id_idx"
        ]
    );

    let integrates = &s.tables["account_integrates"];
    assert_eq!(
        integrates
            .unique("unique_account_provider")
            .unwrap()
            .columns,
        names(&["account_id", "provider"])
    );
    assert_eq!(
        integrates
            .unique("unique_provider_open_id")
            .unwrap()
            .columns,
        names(&["provider", "open_id"])
    );

    let codes = &s.tables["invitation_codes"];
    assert_eq!(col(codes, "id").ty, ColumnType::Integer);
    assert_eq!(col(codes, "id").identity, Some(Identity::AutoIncrement));
    assert_eq!(
        index(codes, "invitation_codes_code_idx").column_names(),
        Some(vec!["code", "status"])
    );

    let tenants = &s.tables["tenants"];
    assert_eq!(
        col(tenants, "encrypt_public_key").ty,
        ColumnType::custom("longtext")
    );
    assert_eq!(col(tenants, "plan").default, string("basic"));

    let datasets = &s.tables["datasets"];
    assert_eq!(col(datasets, "retrieval_model").ty, ColumnType::Json);
    assert_eq!(col(datasets, "icon_info").ty, ColumnType::Json);
    assert_eq!(col(datasets, "keyword_number").default, number("10"));
    assert_eq!(
        col(datasets, "enable_api").default,
        Some(DefaultValue::Bool(true))
    );
    assert_eq!(col(datasets, "permission").ty, ColumnType::varchar(255));
    assert_eq!(col(datasets, "permission").default, string("only_me"));
    assert_eq!(
        names(&datasets.indexes.iter().map(|i| &i.name).collect::<Vec<_>>()),
        ["dataset_tenant_idx"],
        "no GIN index on MySQL"
    );

    let documents = &s.tables["documents"];
    assert_eq!(col(documents, "doc_metadata").ty, ColumnType::Json);
    assert_eq!(col(documents, "indexing_latency").ty, ColumnType::Real);
    assert!(col(documents, "is_paused").nullable);
    assert_eq!(
        col(documents, "is_paused").default,
        Some(DefaultValue::Bool(false))
    );
    assert_eq!(col(documents, "doc_type").ty, ColumnType::varchar(40));
    assert_eq!(documents.indexes.len(), 3);

    let segments = &s.tables["document_segments"];
    assert_eq!(col(segments, "keywords").ty, ColumnType::Json);
    assert_eq!(col(segments, "hit_count").default, None);
    assert_eq!(segments.indexes.len(), 6);
    assert_eq!(
        index(segments, "document_segment_node_dataset_idx").column_names(),
        Some(vec!["index_node_id", "dataset_id"])
    );

    let embeddings = &s.tables["embeddings"];
    assert_eq!(
        col(embeddings, "embedding").ty,
        ColumnType::custom("longblob")
    );
    assert_eq!(col(embeddings, "provider_name").default, string(""));
    assert_eq!(
        embeddings.unique("embedding_hash_idx").unwrap().columns,
        names(&["model_name", "hash", "provider_name"])
    );
    assert_eq!(
        index(embeddings, "created_at_idx").column_names(),
        Some(vec!["created_at"])
    );

    let keywords = &s.tables["dataset_keyword_tables"];
    assert_eq!(
        keywords
            .unique("dataset_keyword_tables_dataset_id_key")
            .unwrap()
            .columns,
        names(&["dataset_id"])
    );
    assert!(
        keywords
            .index("dataset_keyword_table_dataset_id_idx")
            .is_some()
    );

    let chunks = &s.tables["child_chunks"];
    assert_eq!(
        index(chunks, "child_chunk_dataset_id_idx").column_names(),
        Some(vec![
            "tenant_id",
            "dataset_id",
            "document_id",
            "segment_id",
            "index_node_id"
        ])
    );
    assert_eq!(col(chunks, "type").default, string("automatic"));
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn feature_fixture_round_trips_through_the_generated_ddl() {
    let db = ScratchDb::create(Dialect::Mysql).await;
    let reflected = load(&db, FEATURES).await;
    assert_schema_eq!(recreate(&reflected).await, reflected);
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn dify_fixture_round_trips_through_the_generated_ddl() {
    let db = ScratchDb::create(Dialect::Mysql).await;
    let reflected = load(&db, DIFY).await;
    assert_schema_eq!(recreate(&reflected).await, reflected);
}

/// A small schema as PostgreSQL-minded models declare it.
fn logical_schema() -> Schema {
    let mut s = Schema::default();
    s.enums.insert(
        "mood".into(),
        EnumType {
            name: "mood".into(),
            values: names(&["happy", "so-so", "it's bad"]),
        },
    );
    let mut items = Table::new("items");
    let mut id = Column::new("id", ColumnType::Uuid);
    id.nullable = false;
    id.default = Some(DefaultValue::Function("gen_random_uuid".into()));
    let mut created = Column::new(
        "created_at",
        ColumnType::Timestamp {
            precision: Some(0),
            tz: true,
        },
    );
    created.default = Some(DefaultValue::CurrentTimestamp { precision: Some(0) });
    items.columns = vec![
        id,
        Column::new("doc", ColumnType::Jsonb),
        Column::new(
            "mood",
            ColumnType::Enum {
                name: "mood".into(),
            },
        ),
        Column::new(
            "tags",
            ColumnType::Array {
                element: Box::new(ColumnType::Text),
            },
        ),
        Column::new("title", ColumnType::Varchar { length: None }),
        created,
    ];
    items.primary_key = Some(PrimaryKey {
        name: Some("items_pkey".into()),
        columns: names(&["id"]),
    });
    items.indexes.push(Index {
        name: "items_doc_idx".into(),
        unique: false,
        parts: vec![IndexPart::column("doc")],
        method: IndexMethod::Gin,
        predicate: None,
    });
    let mut counters = Table::new("counters");
    let mut n = Column::new("id", ColumnType::BigInt);
    n.identity = Some(Identity::Serial);
    n.nullable = false;
    let mut item = Column::new("item_id", ColumnType::Uuid);
    item.nullable = false;
    counters.columns = vec![n, item, Column::new("label", ColumnType::varchar(40))];
    counters.primary_key = Some(PrimaryKey {
        name: Some("counters_pkey".into()),
        columns: names(&["id"]),
    });
    counters.indexes.push(Index {
        name: "counters_item_label_key".into(),
        unique: true,
        parts: vec![IndexPart::column("item_id"), IndexPart::column("label")],
        method: IndexMethod::Btree,
        predicate: None,
    });
    counters.foreign_keys.push(ForeignKey {
        name: "counters_item_id_fkey".into(),
        columns: names(&["item_id"]),
        ref_table: "items".into(),
        ref_columns: names(&["id"]),
        on_delete: FkAction::Restrict,
        on_update: FkAction::NoAction,
    });
    for t in [items, counters] {
        s.tables.insert(t.name.clone(), t);
    }
    s.normalized()
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn a_lowered_logical_schema_is_what_mariadb_reports() {
    let _server = ScratchDb::create(Dialect::Mysql).await;
    let logical = logical_schema();
    let lowered = Dialect::Mysql.lower(&logical);
    assert!(lowered.enums.is_empty());
    let items = &lowered.tables["items"];
    assert_eq!(col(items, "id").ty, ColumnType::Char { length: Some(36) });
    assert_eq!(col(items, "id").default, None);
    assert_eq!(col(items, "doc").ty, ColumnType::Json);
    assert_eq!(col(items, "tags").ty, ColumnType::Json);
    // A varchar without a length is what sea-query writes for SeaORM: varchar(255).
    assert_eq!(col(items, "title").ty, ColumnType::varchar(255));
    assert_eq!(
        col(items, "mood").ty,
        ColumnType::InlineEnum {
            values: names(&["happy", "so-so", "it's bad"])
        }
    );
    assert!(items.indexes.is_empty(), "the GIN index is dropped");
    let counters = &lowered.tables["counters"];
    assert_eq!(col(counters, "id").identity, Some(Identity::AutoIncrement));
    assert_eq!(counters.uniques[0].name, "counters_item_label_key");

    let reflected = recreate(&logical).await;
    assert_schema_eq!(reflected, lowered);
}
