//! SQLite reflection on real database files: a feature fixture and Dify's tables read back
//! fact by fact, round trips through `Dialect::Sqlite.create_statements`, and lowering.

use std::collections::BTreeMap;

use autogen_schema::{
    Check, Column, ColumnType, DefaultValue, Dialect, EnumType, FkAction, ForeignKey, Identity,
    Index, IndexMethod, IndexPart, IndexTarget, PrimaryKey, Schema, Table, UniqueConstraint,
};
use autogen_testkit::{ScratchDb, assert_schema_eq};

const FEATURES: &str = include_str!("fixtures/sqlite_features.sql");
const DIFY: &str = include_str!("fixtures/dify_sqlite.sql");

/// A new SQLite file with `script` applied, and what reflection reads from it.
async fn reflect_script(script: &str) -> (ScratchDb, Schema) {
    let db = ScratchDb::create(Dialect::Sqlite).await;
    db.execute_all(&[script.to_string()]).await;
    let schema = db.reflect().await;
    (db, schema)
}

/// Creates `schema` in a second, empty file and reflects it again: the result must equal.
async fn assert_round_trip(schema: &Schema) {
    let statements = Dialect::Sqlite.create_statements(schema);
    let db = ScratchDb::create(Dialect::Sqlite).await;
    db.execute_all(&statements).await;
    let again = db.reflect().await;
    assert_schema_eq!(again, *schema, "after\n{}", statements.join(";\n"));
}

fn col<'a>(t: &'a Table, name: &str) -> &'a Column {
    t.column(name)
        .unwrap_or_else(|| panic!("{}.{name} not reflected", t.name))
}

fn timestamp() -> ColumnType {
    ColumnType::Timestamp {
        precision: None,
        tz: false,
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn features_are_reflected_one_by_one() {
    let (_db, s) = reflect_script(FEATURES).await;
    assert_eq!(
        s.tables.keys().collect::<Vec<_>>(),
        ["managers", "parents", "regions", "shops"],
        "seaql_migrations and sqlite_sequence are not the user's"
    );
    assert!(s.enums.is_empty());

    let parents = &s.tables["parents"];
    // AUTOINCREMENT on the rowid key; the rowid is NOT NULL even if not declared so.
    let id = col(parents, "id");
    assert_eq!(id.ty, ColumnType::Integer);
    assert_eq!(id.identity, Some(Identity::AutoIncrement));
    assert!(!id.nullable);
    assert_eq!(
        parents.primary_key,
        Some(PrimaryKey {
            deferrable: Default::default(),
            name: None,
            columns: strings(&["id"])
        })
    );
    assert_eq!(col(parents, "code").ty, ColumnType::varchar(32));
    assert!(!col(parents, "code").nullable);
    assert_eq!(
        col(parents, "region").ty,
        ColumnType::Char { length: Some(2) }
    );
    assert_eq!(
        col(parents, "region").default,
        Some(DefaultValue::String("eu".into()))
    );
    assert_eq!(
        col(parents, "price").ty,
        ColumnType::Decimal {
            precision: Some(10),
            scale: Some(2)
        }
    );
    assert_eq!(
        col(parents, "price").default,
        Some(DefaultValue::Number("0".into()))
    );
    assert_eq!(col(parents, "active").ty, ColumnType::Boolean);
    assert_eq!(
        col(parents, "active").default,
        Some(DefaultValue::Bool(true))
    );
    assert_eq!(
        col(parents, "archived").default,
        Some(DefaultValue::Bool(false)),
        "DEFAULT 0 on a boolean is false"
    );
    assert_eq!(
        col(parents, "note").default,
        Some(DefaultValue::String("it's".into())),
        "quotes are unescaped, not stripped"
    );
    assert!(col(parents, "note").nullable);
    assert_eq!(col(parents, "created_at").ty, timestamp());
    assert_eq!(
        col(parents, "created_at").default,
        Some(DefaultValue::CurrentTimestamp { precision: None })
    );
    assert_eq!(col(parents, "touched_at").ty, timestamp());
    assert_eq!(
        col(parents, "touched_at").default,
        Some(DefaultValue::Expression("datetime('now')".into()))
    );
    assert_eq!(col(parents, "score").ty, ColumnType::Real);
    assert_eq!(
        col(parents, "score").default,
        Some(DefaultValue::Number("-1.5".into()))
    );
    assert_eq!(
        parents.foreign_keys,
        [ForeignKey {
            deferrable: Default::default(),
            not_valid: false,
            name: "parents_parent_fk".into(),
            columns: strings(&["parent_id"]),
            ref_table: "parents".into(),
            ref_columns: strings(&["id"]),
            on_delete: FkAction::SetNull,
            on_update: FkAction::NoAction,
        }],
        "self reference"
    );
    assert_eq!(
        parents.uniques,
        [
            UniqueConstraint {
                deferrable: Default::default(),
                nulls_not_distinct: false,
                name: "parents_code_region_key".into(),
                columns: strings(&["code", "region"]),
            },
            UniqueConstraint {
                deferrable: Default::default(),
                nulls_not_distinct: false,
                name: "parents_email_key".into(),
                columns: strings(&["email"]),
            },
        ],
        "a named two-column unique, and an unnamed one named as PostgreSQL would"
    );
    assert_eq!(
        parents.checks,
        [
            Check {
                not_valid: false,
                no_inherit: false,
                name: "parents_check".into(),
                expression: "length(code) > 0".into(),
            },
            Check {
                not_valid: false,
                no_inherit: false,
                name: "price_positive".into(),
                expression: "price >= 0".into(),
            },
        ]
    );
    assert_eq!(
        parents.index("parents_active_code_idx"),
        Some(&Index {
            options: Default::default(),
            name: "parents_active_code_idx".into(),
            unique: false,
            parts: vec![IndexPart::column("code")],
            method: IndexMethod::Btree,
            predicate: Some("active = 1 AND archived <> 1".into()),
        }),
        "partial index"
    );
    let lower = parents.index("parents_lower_code_idx").unwrap();
    assert_eq!(
        lower.parts,
        [
            IndexPart {
                nulls_first: None,
                opclass: None,
                target: IndexTarget::Expression("lower(code)".into()),
                descending: false,
                collation: None,
            },
            IndexPart {
                nulls_first: None,
                opclass: None,
                target: IndexTarget::Column("created_at".into()),
                descending: true,
                collation: None,
            },
        ],
        "expression part and DESC part"
    );
    assert_eq!(lower.predicate, None);
    assert_eq!(parents.indexes.len(), 2, "autoindexes are not indexes");

    let regions = &s.tables["regions"];
    assert_eq!(
        regions.primary_key,
        Some(PrimaryKey {
            deferrable: Default::default(),
            name: Some("regions_pk".into()),
            columns: strings(&["country", "code"]),
        }),
        "composite, named primary key"
    );
    assert!(regions.uniques.is_empty() && regions.indexes.is_empty());

    let shops = &s.tables["shops"];
    assert_eq!(
        shops.foreign_key("shops_region_fk"),
        Some(&ForeignKey {
            deferrable: Default::default(),
            not_valid: false,
            name: "shops_region_fk".into(),
            columns: strings(&["country", "region"]),
            ref_table: "regions".into(),
            ref_columns: strings(&["country", "code"]),
            on_delete: FkAction::Cascade,
            on_update: FkAction::Restrict,
        }),
        "composite foreign key with both actions"
    );
    assert_eq!(
        shops.foreign_key("shops_owner_id_fkey"),
        Some(&ForeignKey {
            deferrable: Default::default(),
            not_valid: false,
            name: "shops_owner_id_fkey".into(),
            columns: strings(&["owner_id"]),
            ref_table: "parents".into(),
            ref_columns: strings(&["id"]),
            on_delete: FkAction::NoAction,
            on_update: FkAction::NoAction,
        }),
        "unnamed key without columns references the primary key"
    );
    let to_managers = shops.foreign_key("shops_manager_fk").unwrap();
    assert_eq!(to_managers.ref_table, "managers");
    assert_eq!(to_managers.on_delete, FkAction::SetDefault);
    assert_eq!(shops.foreign_keys.len(), 3);
    assert_eq!(
        shops.index("shops_region_idx").unwrap().parts,
        [
            IndexPart {
                nulls_first: None,
                opclass: None,
                target: IndexTarget::Column("country".into()),
                descending: true,
                collation: None,
            },
            IndexPart::column("region"),
        ]
    );
    assert_eq!(
        shops.primary_key.as_ref().unwrap().columns,
        strings(&["id"])
    );
    assert_eq!(
        col(shops, "id").identity,
        None,
        "a rowid without AUTOINCREMENT"
    );

    let managers = &s.tables["managers"];
    let back = managers.foreign_key("managers_shop_fk").unwrap();
    assert_eq!(
        (back.ref_table.as_str(), back.on_delete),
        ("shops", FkAction::Cascade),
        "the cycle's other half"
    );
    assert_eq!(col(managers, "uuid").ty, ColumnType::Uuid);
    assert_eq!(col(managers, "settings").ty, ColumnType::Json);
    assert_eq!(
        col(managers, "settings").default,
        Some(DefaultValue::String("{}".into()))
    );
    assert_eq!(col(managers, "level").ty, ColumnType::SmallInt);
    assert_eq!(
        managers.checks,
        [Check {
            not_valid: false,
            no_inherit: false,
            name: "managers_level_check".into(),
            expression: "level BETWEEN 1 AND 9".into(),
        }],
        "column-level unnamed check"
    );
    let unique = managers.index("managers_uuid_idx").unwrap();
    assert!(unique.unique, "CREATE UNIQUE INDEX stays an index");
    assert!(managers.uniques.is_empty());

    assert_eq!(
        Dialect::Sqlite.lower(&s),
        s,
        "reflection is already lowered"
    );
}

#[tokio::test]
async fn features_round_trip() {
    let (_db, s) = reflect_script(FEATURES).await;
    assert_round_trip(&s).await;
}

#[tokio::test]
async fn dify_tables_are_reflected() {
    let (_db, s) = reflect_script(DIFY).await;
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
    let accounts = &s.tables["accounts"];
    assert_eq!(accounts.columns.len(), 16);
    assert_eq!(col(accounts, "id").ty, ColumnType::Uuid);
    assert!(!col(accounts, "id").nullable);
    assert_eq!(col(accounts, "id").default, None);
    assert_eq!(
        accounts.primary_key.as_ref().unwrap().name.as_deref(),
        Some("account_pkey")
    );
    assert_eq!(
        col(accounts, "status").default,
        Some(DefaultValue::String("active".into()))
    );
    assert_eq!(col(accounts, "status").ty, ColumnType::varchar(16));
    assert_eq!(col(accounts, "last_active_at").ty, timestamp());
    assert_eq!(
        col(accounts, "created_at").default,
        Some(DefaultValue::CurrentTimestamp { precision: None })
    );
    assert_eq!(
        accounts.index("account_email_idx").unwrap().column_names(),
        Some(vec!["email"])
    );

    let joins = &s.tables["tenant_account_joins"];
    assert_eq!(
        joins.unique("unique_tenant_account_join").unwrap().columns,
        strings(&["tenant_id", "account_id"])
    );
    assert_eq!(
        col(joins, "current").default,
        Some(DefaultValue::Bool(false))
    );
    assert_eq!(
        joins
            .indexes
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>(),
        [
            "tenant_account_join_account_id_idx",
            "tenant_account_join_tenant_id_idx"
        ]
    );

    let integrates = &s.tables["account_integrates"];
    assert_eq!(
        integrates
            .uniques
            .iter()
            .map(|u| (u.name.as_str(), u.columns.clone()))
            .collect::<Vec<_>>(),
        [
            (
                "unique_account_provider",
                strings(&["account_id", "provider"])
            ),
            ("unique_provider_open_id", strings(&["provider", "open_id"])),
        ]
    );

    let codes = &s.tables["invitation_codes"];
    assert_eq!(col(codes, "id").ty, ColumnType::Integer);
    assert_eq!(col(codes, "id").identity, Some(Identity::AutoIncrement));
    assert_eq!(
        codes.primary_key.as_ref().unwrap().name.as_deref(),
        Some("invitation_code_pkey"),
        "a named inline AUTOINCREMENT key"
    );
    assert_eq!(
        codes
            .index("invitation_codes_code_idx")
            .unwrap()
            .column_names(),
        Some(vec!["code", "status"])
    );
    assert!(codes.column("updated_at").is_none());

    let datasets = &s.tables["datasets"];
    assert_eq!(col(datasets, "retrieval_model").ty, ColumnType::Jsonb);
    assert_eq!(
        col(datasets, "keyword_number").default,
        Some(DefaultValue::Number("10".into()))
    );
    assert_eq!(
        col(datasets, "enable_api").default,
        Some(DefaultValue::Bool(true))
    );
    assert_eq!(
        datasets
            .indexes
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>(),
        ["dataset_tenant_idx"],
        "the GIN index is PostgreSQL's only"
    );

    let documents = &s.tables["documents"];
    assert_eq!(documents.columns.len(), 41);
    assert_eq!(col(documents, "indexing_latency").ty, ColumnType::Double);
    assert!(col(documents, "is_paused").nullable);
    assert_eq!(
        col(documents, "is_paused").default,
        Some(DefaultValue::Bool(false))
    );
    assert_eq!(documents.indexes.len(), 3);

    let segments = &s.tables["document_segments"];
    assert_eq!(segments.indexes.len(), 6);
    assert_eq!(col(segments, "keywords").ty, ColumnType::Json);
    assert_eq!(
        segments
            .index("document_segment_tenant_dataset_idx")
            .unwrap()
            .column_names(),
        Some(vec!["dataset_id", "tenant_id"])
    );

    let chunks = &s.tables["child_chunks"];
    assert_eq!(
        chunks
            .index("child_chunk_dataset_id_idx")
            .unwrap()
            .column_names(),
        Some(vec![
            "tenant_id",
            "dataset_id",
            "document_id",
            "segment_id",
            "index_node_id"
        ])
    );
    assert_eq!(
        col(chunks, "type").default,
        Some(DefaultValue::String("automatic".into()))
    );

    let embeddings = &s.tables["embeddings"];
    assert_eq!(
        embeddings.unique("embedding_hash_idx").unwrap().columns,
        strings(&["model_name", "hash", "provider_name"]),
        "a unique constraint named like an index"
    );
    assert_eq!(col(embeddings, "embedding").ty, ColumnType::Blob);
    assert_eq!(
        col(embeddings, "provider_name").default,
        Some(DefaultValue::String(String::new()))
    );
    assert_eq!(
        col(embeddings, "model_name").default,
        Some(DefaultValue::String("text-embedding-ada-002".into()))
    );

    let keywords = &s.tables["dataset_keyword_tables"];
    assert_eq!(
        keywords.uniques,
        [UniqueConstraint {
            deferrable: Default::default(),
            nulls_not_distinct: false,
            name: "dataset_keyword_tables_dataset_id_key".into(),
            columns: strings(&["dataset_id"]),
        }],
        "unnamed unique=True gets the name Dify's convention gives it"
    );
    assert!(
        keywords
            .index("dataset_keyword_table_dataset_id_idx")
            .is_some()
    );

    assert_eq!(Dialect::Sqlite.lower(&s), s);
}

#[tokio::test]
async fn dify_tables_round_trip() {
    let (_db, s) = reflect_script(DIFY).await;
    assert_round_trip(&s).await;
}

/// A logical schema with what SQLite cannot hold, lowered, created, reflected: the
/// database holds exactly the lowered schema.
#[tokio::test]
async fn lowered_schema_is_what_the_database_holds() {
    let mut t = Table::new("events");
    let mut id = Column::new("id", ColumnType::Integer);
    id.identity = Some(Identity::Serial);
    id.nullable = false;
    id.comment = Some("surrogate key".into());
    let mut token = Column::new("token", ColumnType::Uuid);
    token.nullable = false;
    token.default = Some(DefaultValue::Function("gen_random_uuid".into()));
    let mut payload = Column::new("payload", ColumnType::Jsonb);
    payload.default = Some(DefaultValue::String("{}".into()));
    let mut mood = Column::new(
        "mood",
        ColumnType::Enum {
            name: "mood".into(),
        },
    );
    mood.nullable = false;
    mood.default = Some(DefaultValue::String("happy".into()));
    let mut at = Column::new(
        "at",
        ColumnType::Timestamp {
            precision: Some(3),
            tz: true,
        },
    );
    at.nullable = false;
    at.default = Some(DefaultValue::CurrentTimestamp { precision: Some(3) });
    let tags = Column::new(
        "tags",
        ColumnType::Array {
            element: Box::new(ColumnType::Text),
        },
    );
    let total = Column::new("total", ColumnType::BigInt);
    t.columns = vec![id, token, payload, mood, at, tags, total];
    t.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some("events_pkey".into()),
        columns: strings(&["id"]),
    });
    t.comment = Some("things that happened".into());
    t.indexes = vec![
        Index {
            options: Default::default(),
            name: "events_payload_idx".into(),
            unique: false,
            parts: vec![IndexPart::column("payload")],
            method: IndexMethod::Gin,
            predicate: None,
        },
        Index {
            options: Default::default(),
            name: "events_token_idx".into(),
            unique: true,
            parts: vec![IndexPart::column("token")],
            method: IndexMethod::Hash,
            predicate: None,
        },
    ];
    t.checks = vec![Check {
        not_valid: false,
        no_inherit: false,
        name: "events_total_check".into(),
        expression: "(total != 0)".into(),
    }];
    let mut logical = Schema::default();
    logical.tables.insert("events".into(), t);
    logical.enums = BTreeMap::from([(
        "mood".to_string(),
        EnumType {
            name: "mood".into(),
            values: strings(&["happy", "sad"]),
        },
    )]);

    let lowered = Dialect::Sqlite.lower(&logical);
    let t = &lowered.tables["events"];
    assert!(lowered.enums.is_empty());
    assert_eq!(t.comment, None);
    assert_eq!(col(t, "id").identity, Some(Identity::AutoIncrement));
    assert_eq!(col(t, "token").default, None);
    assert_eq!(col(t, "mood").ty, ColumnType::Text);
    assert_eq!(col(t, "tags").ty, ColumnType::Json);
    assert_eq!(col(t, "total").ty, ColumnType::Integer);
    assert_eq!(
        t.indexes
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>(),
        ["events_token_idx"]
    );

    let db = ScratchDb::create(Dialect::Sqlite).await;
    db.execute_all(&Dialect::Sqlite.create_statements(&logical))
        .await;
    let reflected = db.reflect().await;
    assert_schema_eq!(reflected, lowered);
}

/// DDL as sea-query 1.0 writes it for SQLite (`real(p, s)`, `enum_text`, `blob(n)`,
/// hyphenated names, `IF NOT EXISTS`) reads back with the logical types SeaORM meant.
#[tokio::test]
async fn sea_query_ddl_reads_back_sensibly() {
    let script = r#"
        CREATE TABLE IF NOT EXISTS "fruit" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT );
        CREATE TABLE IF NOT EXISTS "cake" (
          "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
          "name" varchar NOT NULL,
          "price" real(10, 2) NOT NULL,
          "kind" enum_text NOT NULL DEFAULT 'sponge',
          "baked_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP,
          "digest" blob(16),
          "fruit_id" integer NOT NULL,
          CONSTRAINT "fk-cake-fruit_id" FOREIGN KEY ("fruit_id") REFERENCES "fruit" ("id")
            ON DELETE CASCADE ON UPDATE CASCADE
        );
        CREATE INDEX IF NOT EXISTS "idx-cake-name" ON "cake" ("name");
    "#;
    let (_db, s) = reflect_script(script).await;
    let cake = &s.tables["cake"];
    assert_eq!(col(cake, "id").identity, Some(Identity::AutoIncrement));
    assert_eq!(col(cake, "name").ty, ColumnType::Varchar { length: None });
    assert_eq!(
        col(cake, "price").ty,
        ColumnType::Decimal {
            precision: Some(10),
            scale: Some(2)
        }
    );
    assert_eq!(col(cake, "kind").ty, ColumnType::Text);
    assert_eq!(
        col(cake, "baked_at").ty,
        ColumnType::Timestamp {
            precision: None,
            tz: true
        }
    );
    assert_eq!(col(cake, "digest").ty, ColumnType::Blob);
    let fk = cake.foreign_key("fk-cake-fruit_id").unwrap();
    assert_eq!(
        (fk.on_delete, fk.on_update),
        (FkAction::Cascade, FkAction::Cascade)
    );
    assert!(cake.index("idx-cake-name").is_some());
    assert_eq!(Dialect::Sqlite.lower(&s), s);
    assert_round_trip(&s).await;
}
