//! Reading one SeaORM entity from SeaORM's own run-time metadata.
//!
//! Where each fact comes from:
//!
//! | fact | source |
//! |---|---|
//! | table name, table comment | `EntityName::{table_name, comment}` |
//! | columns, order, database names | `E::Column::iter()`, `IdenStatic::as_str` |
//! | type, nullability, `unique`, default | `ColumnTrait::def()`: `get_column_type`, `is_null`, `is_unique`, `get_column_default` |
//! | column comment, `renamed_from`, `extra` | `Schema::get_column_def::<E>` (sea-query `ColumnSpec`), where SeaORM writes `renamed_from` into the comment as `…; renamed_from "old"`; split off and confirmed with `ColumnDef`'s `PartialEq` |
//! | `indexed` | `def == def.clone().indexed()` (the field is private; equality is exact) |
//! | `unique_key` groups | `Schema::create_index_from_entity` (`idx-{table}-{key}`), each member confirmed with `def == def.clone().unique_key(key)` |
//! | primary key, `auto_increment` | `E::PrimaryKey::iter()`, `into_column`, `PrimaryKeyTrait::auto_increment` |
//! | foreign keys | `E::Relation::iter()` → `RelationDef` (owner side only, `skip_fk` honored, as SeaORM does) |
//! | enums | `ColumnType::Enum { name, variants }` (`DeriveActiveEnum` with `db_type = "Enum"`) |

use autogen_schema::{Column, EnumType, FkAction, Identity, Table};
use sea_orm::sea_query::{ForeignKeyAction, TableName, TableRef};
use sea_orm::{
    ColumnTrait, DbBackend, EntityTrait, IdenStatic, Iterable, PrimaryKeyToColumn, PrimaryKeyTrait,
    RelationTrait, Schema as OrmSchema,
};

use crate::defaults::ir_default;
use crate::error::ModelsError;
use crate::types::{enum_values, ir_type};

/// Everything one entity declares, before naming: objects SeaORM leaves unnamed (or
/// names `idx-…`, `fk-…`, `pk-…`) carry no name here; the [`Base`](crate::Base) names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityFacts {
    /// The entity's Rust type, for error messages.
    pub entity: &'static str,
    /// The table with its columns (types, nullability, defaults, identity, comments and
    /// `renamed_from`) and comment; keys, indexes and constraints are in the fields below.
    pub table: Table,
    /// Primary key columns in order.
    pub primary_key: Vec<String>,
    /// Columns with `indexed` (and not `unique`, which SeaORM already indexes).
    pub indexed: Vec<String>,
    /// Columns with `unique`.
    pub unique_columns: Vec<String>,
    /// `unique_key` groups: the key and its columns in column order, sorted by key.
    pub unique_keys: Vec<(String, Vec<String>)>,
    /// Foreign keys from `belongs_to` relations.
    pub foreign_keys: Vec<RelationFk>,
    /// Enum types used by the columns.
    pub enums: Vec<EnumType>,
}

/// A foreign key read from a `RelationDef`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationFk {
    /// `fk_name`, when the relation gives one.
    pub name: Option<String>,
    /// Referencing columns.
    pub columns: Vec<String>,
    /// Referenced table.
    pub ref_table: String,
    /// Referenced columns.
    pub ref_columns: Vec<String>,
    /// `on_delete`.
    pub on_delete: FkAction,
    /// `on_update`.
    pub on_update: FkAction,
}

/// Reads an entity's facts; see the module table for where each comes from.
pub fn read_entity<E: EntityTrait>() -> Result<EntityFacts, ModelsError> {
    let entity = E::default();
    let table_name = entity.table_name().to_string();
    // The backend only changes how enum columns are spelled in the statement, which this
    // reader takes from `ColumnTrait::def()` instead.
    let builder = OrmSchema::new(DbBackend::Postgres);

    let mut table = Table::new(&table_name);
    table.comment = entity.comment().map(str::to_string);
    let mut facts = EntityFacts {
        entity: std::any::type_name::<E>(),
        table: Table::default(),
        primary_key: Vec::new(),
        indexed: Vec::new(),
        unique_columns: Vec::new(),
        unique_keys: Vec::new(),
        foreign_keys: Vec::new(),
        enums: Vec::new(),
    };

    let unique_key_candidates = unique_key_candidates(&builder, entity, &table_name);
    let mut unique_keys: std::collections::BTreeMap<String, Vec<String>> = Default::default();

    for column in E::Column::iter() {
        let name = column.as_str().to_string();
        let def = column.def();
        let spec = builder
            .get_column_def::<E>(column)
            .get_column_spec()
            .clone();
        if let Some(extra) = spec.extra {
            return Err(ModelsError::UnsupportedExtra {
                table: table_name,
                column: name,
                extra,
            });
        }
        let (comment, renamed_from) = split_comment(&def, spec.comment.as_deref());
        let sq_type = def.get_column_type();
        if let Some((enum_name, values)) = enum_values(sq_type) {
            facts.enums.push(EnumType {
                name: enum_name,
                values,
            });
        }
        let mut col = Column::new(&name, ir_type(sq_type));
        col.nullable = def.is_null();
        col.default = def.get_column_default().map(ir_default);
        col.comment = comment;
        col.renamed_from = renamed_from;
        table.columns.push(col);

        if def.is_unique() {
            facts.unique_columns.push(name.clone());
        } else if def.clone().indexed() == def {
            facts.indexed.push(name.clone());
        }
        for key in &unique_key_candidates {
            if def.clone().unique_key(key) == def {
                unique_keys
                    .entry(key.clone())
                    .or_default()
                    .push(name.clone());
            }
        }
    }

    let single = E::PrimaryKey::iter().count() == 1;
    for pk in E::PrimaryKey::iter() {
        let name = pk.into_column().as_str().to_string();
        if single
            && <E::PrimaryKey as PrimaryKeyTrait>::auto_increment()
            && let Some(col) = table.columns.iter_mut().find(|c| c.name == name)
        {
            col.identity = Some(Identity::AutoIncrement);
        }
        facts.primary_key.push(name);
    }

    for relation in E::Relation::iter() {
        let rel = relation.def();
        // The same rule as `Schema::create_table_from_entity`: only the `belongs_to` side
        // (not the owner) emits a constraint, and `skip_fk` suppresses it.
        if rel.is_owner || rel.skip_fk {
            continue;
        }
        facts.foreign_keys.push(RelationFk {
            name: rel.fk_name.clone(),
            columns: rel.from_col.iter().map(|c| c.to_string()).collect(),
            ref_table: table_ref_name(&rel.to_tbl),
            ref_columns: rel.to_col.iter().map(|c| c.to_string()).collect(),
            on_delete: fk_action(rel.on_delete),
            on_update: fk_action(rel.on_update),
        });
    }

    facts.unique_keys = unique_keys.into_iter().collect();
    facts.table = table;
    Ok(facts)
}

/// The keys of `unique_key` groups, from the index names SeaORM gives them.
fn unique_key_candidates<E: EntityTrait>(
    builder: &OrmSchema,
    entity: E,
    table: &str,
) -> Vec<String> {
    let prefix = format!("idx-{table}-");
    builder
        .create_index_from_entity(entity)
        .iter()
        .filter(|i| i.is_unique_key())
        .filter_map(|i| i.get_index_spec().get_name()?.strip_prefix(&prefix))
        .map(str::to_string)
        .collect()
}

/// Splits the comment sea-query received into the column's own comment and its
/// `renamed_from`: SeaORM writes `renamed_from "old"` or `comment; renamed_from "old"`.
/// A candidate counts only when `ColumnDef` equality confirms it, so a comment that merely
/// contains that text stays a comment.
fn split_comment(
    def: &sea_orm::ColumnDef,
    combined: Option<&str>,
) -> (Option<String>, Option<String>) {
    const MARK: &str = "renamed_from \"";
    let Some(text) = combined else {
        return (None, None);
    };
    if let Some(body) = text.strip_suffix('"') {
        for (at, _) in body.match_indices(MARK) {
            let old = &body[at + MARK.len()..];
            let prefix = &text[..at];
            let comment = match prefix.strip_suffix("; ") {
                Some(c) => Some(c.to_string()),
                None if prefix.is_empty() => None,
                None => continue,
            };
            let mut expected = def.clone().renamed_from(old);
            if let Some(c) = &comment {
                expected = expected.comment(c);
            }
            if expected == *def {
                return (comment, Some(old.to_string()));
            }
        }
    }
    (Some(text.to_string()), None)
}

fn table_ref_name(table: &TableRef) -> String {
    match table {
        TableRef::Table(TableName(_, name), _) => name.to_string(),
        // Relations always point at tables; anything else is kept readable.
        other => format!("{other:?}"),
    }
}

fn fk_action(action: Option<ForeignKeyAction>) -> FkAction {
    match action {
        None | Some(ForeignKeyAction::NoAction) => FkAction::NoAction,
        Some(ForeignKeyAction::Restrict) => FkAction::Restrict,
        Some(ForeignKeyAction::Cascade) => FkAction::Cascade,
        Some(ForeignKeyAction::SetNull) => FkAction::SetNull,
        Some(ForeignKeyAction::SetDefault) => FkAction::SetDefault,
        // The enum is non-exhaustive; sea-query 1.0 has no other action.
        Some(_) => FkAction::NoAction,
    }
}
