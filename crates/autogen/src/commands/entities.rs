//! The SeaORM entities of a database-only project (`autogen init --database URL`), written
//! by sea-orm-codegen, the generator `sea-orm-cli generate entity` uses. sea-orm-cli feeds
//! it sea-query `CREATE TABLE` statements from sea-schema's discovery; here they are built
//! from autogen's own reflection, so that the entities start from exactly what `check`
//! reads, and no second discovery stack is built. What the statements cannot carry
//! (defaults, checks, names, index methods) comes back as differences, turned into `Base`
//! declarations by the hints (`autogen_render::base_declarations`).

use autogen_schema::{ColumnType, FkAction, IndexTarget, Schema, Table};
use sea_orm_codegen::{
    BannerVersion, BigIntegerType, DateTimeCrate, EntityFormat, EntityTransformer,
    EntityWriterContext, WithPrelude, WithSerde,
};
use sea_query::{
    Alias, ColumnDef, ForeignKey, ForeignKeyAction, Index, IntoIden, StringLen, Table as SqTable,
    TableCreateStatement,
};

use crate::error::CliError;

/// One file of the entity crate's `src/`.
pub struct EntityFile {
    /// The file name (`lib.rs`, `post.rs`, `prelude.rs`).
    pub name: String,
    /// Its Rust source.
    pub content: String,
}

/// The entity crate's `src/` files for `schema`, as `sea-orm-cli generate entity --lib`
/// writes them (compact format, chrono, a prelude).
pub fn generate(schema: &Schema) -> Result<Vec<EntityFile>, CliError> {
    let statements: Vec<TableCreateStatement> = schema
        .tables
        .values()
        .map(|t| create_statement(schema, t))
        .collect();
    let writer = EntityTransformer::transform(statements)
        .map_err(|e| CliError::Usage(format!("sea-orm-codegen: {e}")))?;
    let context = EntityWriterContext::new(
        EntityFormat::Compact,
        WithPrelude::All,
        WithSerde::None,
        false,
        DateTimeCrate::Chrono,
        BigIntegerType::I64,
        None,
        true,
        false,
        false,
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        false,
        true,
        BannerVersion::Minor,
    );
    Ok(writer
        .generate(&context)
        .files
        .into_iter()
        // sea-orm-codegen prints token streams; sea-orm-cli formats them with rustfmt too.
        .map(|f| EntityFile {
            name: f.name,
            content: super::revision::rustfmt(f.content),
        })
        .collect())
}

/// The entity modules a generated `lib.rs` declares (`pub mod post;`), without the
/// prelude and the active enums.
pub fn entity_modules(lib: &str) -> Vec<String> {
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        // sea-orm-codegen prints tokens: `pub mod post ;`.
        .map(|m| m.trim_end_matches(';').trim().to_string())
        .filter(|m| m != "prelude" && m != "sea_orm_active_enums")
        .collect()
}

/// The `CREATE TABLE` statement sea-schema would write for `table`: what sea-orm-codegen
/// reads (column types, nullability, auto-increment, the primary key, one-column unique
/// keys, foreign keys).
fn create_statement(schema: &Schema, table: &Table) -> TableCreateStatement {
    let mut stmt = SqTable::create();
    stmt.table(Alias::new(&table.name));
    for column in &table.columns {
        let mut def = ColumnDef::new_with_type(
            Alias::new(&column.name),
            sea_type(schema, &column.name, &column.ty),
        );
        if column.nullable {
            def.null();
        } else {
            def.not_null();
        }
        if column.identity.is_some() {
            def.auto_increment();
        }
        stmt.col(def);
    }
    if let Some(pk) = &table.primary_key {
        let mut index = Index::create();
        index.primary();
        for c in &pk.columns {
            index.col(Alias::new(c));
        }
        stmt.primary_key(&mut index);
    }
    let mut unique_keys: Vec<(&str, Vec<&str>)> = table
        .uniques
        .iter()
        .map(|u| {
            (
                u.name.as_str(),
                u.columns.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    for index in table
        .indexes
        .iter()
        .filter(|i| i.unique && i.predicate.is_none())
    {
        let columns: Option<Vec<&str>> = index
            .parts
            .iter()
            .map(|p| match &p.target {
                IndexTarget::Column(c) if !p.descending => Some(c.as_str()),
                _ => None,
            })
            .collect();
        if let Some(columns) = columns {
            unique_keys.push((index.name.as_str(), columns));
        }
    }
    // One column: `#[sea_orm(unique)]`. Several: sea-orm-codegen's `unique_key` groups
    // keep one key per column and SeaORM names them its own way, so those are left to the
    // `Base` (`.unique(Unique::exact_name(…))`), which says them exactly.
    unique_keys.retain(|(_, columns)| columns.len() == 1);
    for (name, columns) in unique_keys {
        let mut index = Index::create();
        index.name(name).unique();
        for c in columns {
            index.col(Alias::new(c));
        }
        stmt.index(&mut index);
    }
    for fk in &table.foreign_keys {
        let mut key = ForeignKey::create();
        key.name(&fk.name);
        key.from_tbl(Alias::new(&table.name));
        key.to_tbl(Alias::new(&fk.ref_table));
        for c in &fk.columns {
            key.from_col(Alias::new(c));
        }
        for c in &fk.ref_columns {
            key.to_col(Alias::new(c));
        }
        key.on_delete(fk_action(fk.on_delete));
        key.on_update(fk_action(fk.on_update));
        stmt.foreign_key(&mut key);
    }
    stmt
}

fn fk_action(action: FkAction) -> ForeignKeyAction {
    match action {
        FkAction::NoAction => ForeignKeyAction::NoAction,
        FkAction::Restrict => ForeignKeyAction::Restrict,
        FkAction::Cascade => ForeignKeyAction::Cascade,
        FkAction::SetNull => ForeignKeyAction::SetNull,
        FkAction::SetDefault => ForeignKeyAction::SetDefault,
    }
}

/// The sea-query type sea-schema discovers for a reflected type. What has no sea-query
/// name stays `Custom`, which sea-orm-codegen writes as an ignored field; the difference
/// that leaves is reported by `init`.
fn sea_type(schema: &Schema, column: &str, ty: &ColumnType) -> sea_query::ColumnType {
    use sea_query::ColumnType as S;
    match ty {
        ColumnType::TinyInt => S::TinyInteger,
        ColumnType::SmallInt => S::SmallInteger,
        ColumnType::Integer => S::Integer,
        ColumnType::BigInt => S::BigInteger,
        ColumnType::Decimal {
            precision: Some(p),
            scale: Some(s),
        } => S::Decimal(Some((*p, *s))),
        ColumnType::Decimal { .. } => S::Decimal(None),
        ColumnType::Real => S::Float,
        ColumnType::Double => S::Double,
        ColumnType::Varchar { length: Some(n) } => S::String(StringLen::N(*n)),
        ColumnType::Varchar { length: None } => S::String(StringLen::None),
        ColumnType::Char { length } => S::Char(*length),
        ColumnType::Text => S::Text,
        ColumnType::Boolean => S::Boolean,
        ColumnType::Date => S::Date,
        ColumnType::Time { .. } => S::Time,
        ColumnType::Timestamp { tz: false, .. } => S::DateTime,
        ColumnType::Timestamp { tz: true, .. } => S::TimestampWithTimeZone,
        ColumnType::Interval => S::Interval(None, None),
        ColumnType::Uuid => S::Uuid,
        ColumnType::Json => S::Json,
        ColumnType::Jsonb => S::JsonBinary,
        ColumnType::Blob => S::Blob,
        ColumnType::Binary { length } => S::Binary(length.unwrap_or(1)),
        ColumnType::VarBinary { length } => S::VarBinary(StringLen::N(*length)),
        ColumnType::Enum { name } => S::Enum {
            name: Alias::new(name).into_iden(),
            variants: schema
                .enums
                .get(name)
                .map(|e| e.values.iter().map(|v| Alias::new(v).into_iden()).collect())
                .unwrap_or_default(),
        },
        // MySQL's inline enum: sea-schema names it after its column.
        ColumnType::InlineEnum { values } => S::Enum {
            name: Alias::new(column).into_iden(),
            variants: values.iter().map(|v| Alias::new(v).into_iden()).collect(),
        },
        ColumnType::Array { element } => {
            S::Array(sea_query::RcOrArc::new(sea_type(schema, column, element)))
        }
        ColumnType::Custom { raw } => match raw.as_str() {
            "tinyint unsigned" => S::TinyUnsigned,
            "smallint unsigned" => S::SmallUnsigned,
            "int unsigned" | "integer unsigned" => S::Unsigned,
            "bigint unsigned" => S::BigUnsigned,
            _ => S::Custom(Alias::new(raw).into_iden()),
        },
    }
}
