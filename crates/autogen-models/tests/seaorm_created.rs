//! Entities written the way `sea-orm-codegen` writes them (no `Base` declarations:
//! `#[sea_orm(primary_key)] id: i64`, `unique`, relations), their tables created by
//! SeaORM's own `Schema::create_table_from_entity` on each backend, reflected, and compared
//! with what autogen reads from the same entities: there must be no difference at all.

use autogen_diff::{DiffOptions, diff};
use autogen_models::Base;
use autogen_schema::{Dialect, Identity, Schema};
use autogen_testkit::{ScratchDb, assert_schema_eq};
use sea_orm::{DbBackend, EntityTrait, Schema as OrmSchema};

mod users {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "users")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        #[sea_orm(unique)]
        pub email: String,
        pub name: String,
        pub bio: Option<String>,
        pub created_at: DateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(has_many = "super::posts::Entity")]
        Posts,
    }

    impl Related<super::posts::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Posts.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

mod tags {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "tags")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub label: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

mod posts {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "posts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub user_id: i64,
        pub title: String,
        #[sea_orm(column_type = "Text", nullable)]
        pub body: Option<String>,
        pub published: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::users::Entity",
            from = "Column::UserId",
            to = "super::users::Column::Id",
            on_update = "NoAction",
            on_delete = "Cascade"
        )]
        Users,
    }

    impl Related<super::users::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Users.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

mod post_tags {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "post_tags")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub post_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub tag_id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::posts::Entity",
            from = "Column::PostId",
            to = "super::posts::Column::Id",
            on_update = "NoAction",
            on_delete = "Cascade"
        )]
        Posts,
        #[sea_orm(
            belongs_to = "super::tags::Entity",
            from = "Column::TagId",
            to = "super::tags::Column::Id",
            on_update = "NoAction",
            on_delete = "Cascade"
        )]
        Tags,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

/// MySQL's `ON UPDATE`, the one `extra` autogen reads back (MySQL/MariaDB only).
mod audits {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "audits")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        #[sea_orm(extra = "ON UPDATE CURRENT_TIMESTAMP")]
        pub touched_at: Option<DateTime>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

fn base() -> Base {
    let mut base = Base::new();
    base.register::<users::Entity>();
    base.register::<tags::Entity>();
    base.register::<posts::Entity>();
    base.register::<post_tags::Entity>();
    base
}

/// SeaORM's own DDL for one entity on `backend`: the table, then its indexes.
fn seaorm_ddl<E: EntityTrait>(backend: DbBackend, entity: E, out: &mut Vec<String>) {
    let schema = OrmSchema::new(backend);
    out.push(
        backend
            .build(&schema.create_table_from_entity(entity))
            .to_string(),
    );
    for index in schema.create_index_from_entity(entity) {
        out.push(backend.build(&index).to_string());
    }
}

fn backend(dialect: Dialect) -> DbBackend {
    match dialect {
        Dialect::Postgres => DbBackend::Postgres,
        Dialect::Mysql => DbBackend::MySql,
        Dialect::Sqlite => DbBackend::Sqlite,
    }
}

async fn created_by_seaorm_compares_equal(dialect: Dialect) {
    let db = ScratchDb::create(dialect).await;
    let b = backend(dialect);
    let mut ddl = Vec::new();
    seaorm_ddl(b, users::Entity, &mut ddl);
    seaorm_ddl(b, tags::Entity, &mut ddl);
    seaorm_ddl(b, posts::Entity, &mut ddl);
    seaorm_ddl(b, post_tags::Entity, &mut ddl);
    db.execute_all(&ddl).await;

    let models: Schema = base().schema().expect("the models read");
    let reflected = db.reflect().await;
    let options = DiffOptions {
        dialect: Some(dialect),
        ..DiffOptions::default()
    };
    let plan = diff(&reflected, &models, &options);
    assert!(
        plan.ops.is_empty(),
        "{dialect}: the models differ from SeaORM's own tables: {:#?}",
        plan.ops
    );
    if dialect != Dialect::Sqlite {
        // Names the backend keeps are equal too, not merely left uncompared.
        assert_schema_eq!(dialect.lower(&reflected), dialect.lower(&models));
    }
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn postgres_tables_created_by_seaorm_have_no_differences() {
    created_by_seaorm_compares_equal(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn mariadb_tables_created_by_seaorm_have_no_differences() {
    created_by_seaorm_compares_equal(Dialect::Mysql).await;
}

#[tokio::test]
async fn sqlite_tables_created_by_seaorm_have_no_differences() {
    created_by_seaorm_compares_equal(Dialect::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn mariadb_on_update_written_by_seaorm_reads_back_equal() {
    let db = ScratchDb::create(Dialect::Mysql).await;
    let mut ddl = Vec::new();
    seaorm_ddl(DbBackend::MySql, audits::Entity, &mut ddl);
    db.execute_all(&ddl).await;
    let mut base = Base::new();
    base.register::<audits::Entity>();
    let models: Schema = base.schema().expect("the models read");
    let reflected = db.reflect().await;
    let on_update = |s: &Schema| {
        s.tables["audits"]
            .column("touched_at")
            .unwrap()
            .on_update
            .clone()
    };
    assert_eq!(
        on_update(&reflected),
        Some(autogen_schema::DefaultValue::CurrentTimestamp { precision: None })
    );
    assert_eq!(on_update(&reflected), on_update(&models));
    let options = DiffOptions {
        dialect: Some(Dialect::Mysql),
        ..DiffOptions::default()
    };
    let plan = diff(&reflected, &models, &options);
    assert!(plan.ops.is_empty(), "{:#?}", plan.ops);
    // Without the clause in the models, the difference is one column change.
    let mut without = models.clone();
    without.tables.get_mut("audits").unwrap().columns[1].on_update = None;
    assert_eq!(diff(&reflected, &without, &options).ops.len(), 1);
}

/// The models say what SeaORM's PostgreSQL DDL says for an auto-increment key: identity
/// by default, or serial when sea-orm's `postgres-use-serial-pk` feature is on.
#[test]
fn auto_increment_is_what_seaorm_writes_for_postgres() {
    let ddl = DbBackend::Postgres
        .build(&OrmSchema::new(DbBackend::Postgres).create_table_from_entity(users::Entity))
        .to_string();
    let expected = if ddl.contains("bigserial") {
        Identity::Serial
    } else {
        assert!(ddl.contains("GENERATED BY DEFAULT AS IDENTITY"), "{ddl}");
        Identity::ByDefault
    };
    let schema = base().schema().unwrap();
    let id = schema.tables["users"].column("id").unwrap();
    assert_eq!(id.identity, Some(expected));
    // Composite keys are never auto-increment.
    let pt = &schema.tables["post_tags"];
    assert!(pt.columns.iter().all(|c| c.identity.is_none()));
}
