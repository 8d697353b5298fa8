//! Reflection of PostgreSQL: a fixed number of bulk `pg_catalog` queries into the IR.
//!
//! All queries run in one read-only REPEATABLE READ transaction, so they see one snapshot
//! of the catalog: a migration running at the same time cannot make columns and
//! constraints disagree. The queries are in [`queries`]; the mapping rules are documented
//! in `docs/dialects/postgres.md`.

mod index_parts;
mod objects;
mod queries;
mod routines;
mod views;

use std::collections::BTreeMap;

use autogen_schema::dialect::postgres::{default_spelling, parse_type};
use autogen_schema::qualified;
use autogen_schema::sql_text::strip_outer_parens;
use autogen_schema::{
    Check, Column, ColumnType, DefaultValue, Deferrable, EnumType, Exclusion, FkAction, ForeignKey,
    Generated, Identity, Index, IndexMethod, IndexOptions, IndexPart, IndexTarget, PartitionOf,
    PrimaryKey, Schema, SequenceOptions, Spelling, Table, UniqueConstraint,
};
use sqlx::PgPool;

use crate::{OtherSchemas, ReflectError, is_bookkeeping_table};

/// The number of catalog queries [`reflect`] runs, whatever the size of the schema
/// (namespace check, search path, tables, columns, enums, constraints, indexes, views,
/// [`routines::QUERIES`] for functions and triggers, and those of [`objects`]).
const QUERY_COUNT: usize = 8 + routines::QUERIES + objects::QUERY_COUNT;

type ColumnRow = (
    i64,
    String,
    String,
    bool,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<Vec<i64>>,
    Option<String>,
    Option<String>,
);

type TableRow = (
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

type ConstraintRow = (
    i64,
    String,
    String,
    Vec<String>,
    Option<String>,
    Vec<String>,
    String,
    String,
    Option<String>,
    bool,
    bool,
    bool,
    bool,
    Option<String>,
);

type IndexRow = (
    i64,
    String,
    bool,
    String,
    Vec<Option<String>>,
    Vec<Option<String>>,
    Vec<i32>,
    Option<String>,
    Vec<String>,
    Option<String>,
    Vec<String>,
    bool,
);

/// How one namespace's reflection names objects: those of the default namespace bare,
/// those of any other qualified (`autogen_schema::qualified`).
pub(crate) struct Names {
    /// The default namespace (`public`, or the configured one).
    default: String,
    /// The namespace being read.
    this: String,
}

impl Names {
    /// An object of the namespace being read.
    fn own(&self, name: String) -> String {
        self.of(&self.this, name)
    }

    /// An object of `namespace`, as the catalog says it is.
    fn of(&self, namespace: &str, name: String) -> String {
        if namespace == self.default {
            name
        } else {
            qualified::qualify(namespace, &name)
        }
    }
}

/// Reads the default namespace and then each of `others` (one snapshot each), into one
/// schema whose objects outside the default namespace have qualified names.
pub(crate) async fn reflect(
    pool: &PgPool,
    default: &str,
    others: &OtherSchemas,
) -> Result<Schema, ReflectError> {
    let mut schema = reflect_namespace(pool, default, default).await?;
    let namespaces: Vec<String> = match others {
        OtherSchemas::None => Vec::new(),
        OtherSchemas::Listed(names) => names.iter().filter(|n| *n != default).cloned().collect(),
        OtherSchemas::All => {
            let rows: Vec<(String,)> = sqlx::query_as(queries::OTHER_NAMESPACES)
                .bind(default)
                .fetch_all(pool)
                .await?;
            rows.into_iter().map(|(n,)| n).collect()
        }
    };
    for namespace in namespaces {
        let other = reflect_namespace(pool, &namespace, default).await?;
        merge(&mut schema, other);
        schema.namespaces.insert(namespace);
    }
    Ok(schema)
}

/// Adds the objects of another namespace (already qualified) to `schema`.
fn merge(schema: &mut Schema, other: Schema) {
    schema.tables.extend(other.tables);
    schema.enums.extend(other.enums);
    schema.views.extend(other.views);
    schema.triggers.extend(other.triggers);
    schema.functions.extend(other.functions);
    schema.domains.extend(other.domains);
    schema.extensions.extend(other.extensions);
    schema.type_comments.extend(other.type_comments);
}

/// Qualifies the names of what `routines` and `objects` read in a namespace other than
/// the default one: functions, triggers, domains, comments on types.
fn qualify_objects(schema: &mut Schema, names: &Names) {
    if names.this == names.default {
        return;
    }
    schema.functions = std::mem::take(&mut schema.functions)
        .into_values()
        .map(|mut f| {
            f.name = names.own(f.name);
            (f.key(), f)
        })
        .collect();
    schema.triggers = std::mem::take(&mut schema.triggers)
        .into_values()
        .map(|mut t| {
            t.table = names.own(t.table);
            t.function = t.function.map(|f| names.own(f));
            (t.key(true), t)
        })
        .collect();
    schema.domains = std::mem::take(&mut schema.domains)
        .into_values()
        .map(|mut d| {
            d.name = names.own(d.name);
            (d.name.clone(), d)
        })
        .collect();
    schema.type_comments = std::mem::take(&mut schema.type_comments)
        .into_iter()
        .map(|(name, comment)| (names.own(name), comment))
        .collect();
}

/// Reads the tables and enum types of one namespace (schema), with `default` on the
/// search path.
async fn reflect_namespace(
    pool: &PgPool,
    namespace: &str,
    default: &str,
) -> Result<Schema, ReflectError> {
    let names = Names {
        default: default.to_string(),
        this: namespace.to_string(),
    };
    let mut tx = pool.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *tx)
        .await?;

    let (exists,): (bool,) = sqlx::query_as(queries::NAMESPACE)
        .bind(namespace)
        .fetch_one(&mut *tx)
        .await?;
    if !exists {
        return Err(ReflectError::MissingSchema(namespace.to_string()));
    }
    sqlx::query(queries::SEARCH_PATH)
        .bind(default)
        .execute(&mut *tx)
        .await?;
    sqlx::query(queries::NO_JIT).execute(&mut *tx).await?;

    let table_rows: Vec<TableRow> = sqlx::query_as(queries::TABLES)
        .bind(namespace)
        .fetch_all(&mut *tx)
        .await?;
    let column_rows: Vec<ColumnRow> = sqlx::query_as(queries::COLUMNS)
        .bind(namespace)
        .fetch_all(&mut *tx)
        .await?;
    let enum_rows: Vec<(String, Vec<String>)> = sqlx::query_as(queries::ENUMS)
        .bind(namespace)
        .fetch_all(&mut *tx)
        .await?;
    let constraint_rows: Vec<ConstraintRow> = sqlx::query_as(queries::CONSTRAINTS)
        .bind(namespace)
        .fetch_all(&mut *tx)
        .await?;
    let index_rows: Vec<IndexRow> = sqlx::query_as(queries::INDEXES)
        .bind(namespace)
        .fetch_all(&mut *tx)
        .await?;
    let view_rows: Vec<views::ViewRow> = sqlx::query_as(views::VIEWS)
        .bind(namespace)
        .fetch_all(&mut *tx)
        .await?;
    let mut schema = Schema::default();
    routines::read(&mut tx, namespace, &mut schema).await?;
    let object_rows = objects::read(&mut tx, namespace).await?;
    tx.commit().await?;

    // Tables by oid; bookkeeping tables are never entered, so rows of theirs are dropped.
    let mut tables: BTreeMap<i64, Table> = BTreeMap::new();
    for (oid, name, comment, partitioning, parent, bound) in table_rows {
        if is_bookkeeping_table(&name) {
            continue;
        }
        let mut table = Table::new(names.own(name));
        table.comment = comment;
        table.partitioning = partitioning;
        if let (Some(parent), Some(bound)) = (parent, bound) {
            table.partition_of = Some(PartitionOf { parent, bound });
        }
        tables.insert(oid, table);
    }
    for row in column_rows {
        if let Some(table) = tables.get_mut(&row.0) {
            let column = column_from_row(&table.name, row, &names);
            table.columns.push(column);
        }
    }
    for row in constraint_rows {
        if let Some(table) = tables.get_mut(&row.0) {
            add_constraint(table, row, &names)?;
        }
    }
    for row in index_rows {
        if let Some(table) = tables.get_mut(&row.0) {
            let index = index_from_row(&table.name, row)?;
            table.indexes.push(index);
        }
    }

    tracing::debug!(
        "reflected {} tables of {namespace:?} with {QUERY_COUNT} catalog queries",
        tables.len()
    );
    objects::apply(object_rows, &mut tables, &mut schema)?;
    qualify_objects(&mut schema, &names);
    for (name, values) in enum_rows {
        let name = names.own(name);
        schema.enums.insert(name.clone(), EnumType { name, values });
    }
    for table in tables.into_values() {
        schema.tables.insert(table.name.clone(), table);
    }
    views::add_views(&mut schema, view_rows, &names);
    Ok(schema)
}

/// One column: the type (enums recognized from the catalog, not from the spelling),
/// identity or serial, and the default as parsed SQL.
fn column_from_row(table: &str, row: ColumnRow, names: &Names) -> Column {
    let (
        _,
        name,
        formatted,
        not_null,
        default,
        identity,
        generated,
        comment,
        enum_name,
        array_enum,
        collation,
        sequence,
        enum_namespace,
        array_enum_namespace,
    ) = row;
    let enum_name = enum_name.map(|n| names.of(enum_namespace.as_deref().unwrap_or_default(), n));
    let array_enum =
        array_enum.map(|n| names.of(array_enum_namespace.as_deref().unwrap_or_default(), n));
    let ty = match (enum_name, array_enum) {
        (Some(name), _) => ColumnType::Enum { name },
        (None, Some(name)) => ColumnType::Array {
            element: Box::new(ColumnType::Enum { name }),
        },
        (None, None) => parse_type(&formatted),
    };
    let mut column = Column::new(name, ty);
    column.nullable = !not_null;
    column.comment = comment;
    column.collation = collation;
    column.identity = match identity.as_str() {
        "a" => Some(Identity::Always),
        "d" => Some(Identity::ByDefault),
        _ => None,
    };
    if let (Some(type_max), Some([start, increment, min, max, cache, cycle])) =
        (integer_max(&column.ty), sequence.as_deref())
        && column.identity.is_some()
    {
        column.identity_options = SequenceOptions::from_catalog(
            type_max,
            *start,
            *increment,
            *min,
            *max,
            *cache,
            *cycle != 0,
        );
    }
    if !generated.is_empty() {
        // The expression is not a default: kept as one, it would make the column writable.
        match default {
            Some(expression) => {
                column.generated = Some(Generated {
                    expression: strip_outer_parens(&expression).to_string(),
                    stored: generated == "s",
                })
            }
            None => tracing::warn!(
                "{table}.{}: generated column without expression",
                column.name
            ),
        }
        return column;
    }
    if let Some(text) = default {
        if column.identity.is_none() && text.trim_start().starts_with("nextval(") {
            // serial/bigserial: the sequence and its default are one fact, `Serial`.
            column.identity = Some(Identity::Serial);
        } else {
            column.default = Some(DefaultValue::parse_sql(&text));
            // `'2'::bigint` is compared as `2` but written back as printed.
            column.spelling = default_spelling(&text, &column.ty).map(|default| Spelling {
                ty: formatted.clone(),
                implied_not_null: false,
                default: Some(default),
                dialect: Some(autogen_schema::Dialect::Postgres),
            });
        }
    }
    column
}

/// The largest value of an integer column type, the default maximum of its identity.
fn integer_max(ty: &ColumnType) -> Option<i64> {
    match ty {
        ColumnType::SmallInt => Some(i16::MAX.into()),
        ColumnType::Integer => Some(i32::MAX.into()),
        ColumnType::BigInt => Some(i64::MAX),
        _ => None,
    }
}

/// Adds a primary key, unique, foreign key or check row to its table.
fn add_constraint(
    table: &mut Table,
    row: ConstraintRow,
    names: &Names,
) -> Result<(), ReflectError> {
    let (
        _,
        name,
        kind,
        columns,
        ref_table,
        ref_columns,
        on_delete,
        on_update,
        definition,
        deferrable,
        deferred,
        validated,
        nulls_not_distinct,
        ref_namespace,
    ) = row;
    let ref_table = ref_table.map(|t| names.of(ref_namespace.as_deref().unwrap_or_default(), t));
    let deferrable = Deferrable::from_flags(deferrable, deferred);
    match kind.as_str() {
        "p" => {
            table.primary_key = Some(PrimaryKey {
                name: Some(name),
                columns,
                deferrable,
            })
        }
        "u" => table.uniques.push(UniqueConstraint {
            name,
            columns,
            deferrable,
            nulls_not_distinct,
        }),
        "f" => {
            let Some(ref_table) = ref_table else {
                return Err(ReflectError::Unsupported {
                    object: format!("foreign key {}.{name}", table.name),
                    reason: "the referenced table is not in the catalog".into(),
                });
            };
            table.foreign_keys.push(ForeignKey {
                name,
                columns,
                ref_table,
                ref_columns,
                on_delete: fk_action(&on_delete),
                on_update: fk_action(&on_update),
                deferrable,
                not_valid: !validated,
            });
        }
        "c" => {
            let definition = definition.unwrap_or_default();
            table.checks.push(Check {
                name,
                expression: check_expression(&definition),
                not_valid: !validated,
                // The clause follows the expression's parentheses; NOT VALID comes after it.
                no_inherit: definition
                    .trim_end()
                    .trim_end_matches(" NOT VALID")
                    .ends_with(" NO INHERIT"),
            })
        }
        "x" => table.exclusions.push(Exclusion {
            name,
            definition: definition.unwrap_or_default(),
        }),
        _ => {
            tracing::warn!(
                "{}: constraint {name} of kind {kind} is not reflected",
                table.name
            );
        }
    }
    Ok(())
}

/// `confdeltype`/`confupdtype` letters.
fn fk_action(code: &str) -> FkAction {
    match code {
        "r" => FkAction::Restrict,
        "c" => FkAction::Cascade,
        "n" => FkAction::SetNull,
        "d" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

/// `CHECK ((a > 0)) NOT VALID` → `(a > 0)`: the wrapper and trailing options removed;
/// normalization strips the remaining outer parentheses.
fn check_expression(definition: &str) -> String {
    let mut s = definition.trim();
    s = s.strip_prefix("CHECK").unwrap_or(s).trim_start();
    for suffix in [" NOT VALID", " NO INHERIT"] {
        while let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end();
        }
    }
    s.to_string()
}

/// One index: method, parts (column or expression, DESC) and predicate.
fn index_from_row(table: &str, row: IndexRow) -> Result<Index, ReflectError> {
    let (
        _,
        name,
        unique,
        method,
        columns,
        definitions,
        options,
        predicate,
        include,
        indexdef,
        with,
        nulls_not_distinct,
    ) = row;
    let am = method.clone();
    let method = IndexMethod::parse(&method).ok_or_else(|| ReflectError::Unsupported {
        object: format!("index {table}.{name}"),
        reason: format!("access method {method} has no name in the IR"),
    })?;
    let mut parts: Vec<IndexPart> = columns
        .into_iter()
        .zip(definitions)
        .zip(options)
        .map(|((column, definition), option)| {
            let target = match (column, definition) {
                (Some(c), _) => IndexTarget::Column(c),
                (None, Some(expression)) => IndexTarget::Expression(expression),
                // The query deparses exactly the parts that name no column.
                (None, None) => {
                    return Err(ReflectError::Unsupported {
                        object: format!("index {table}.{name}"),
                        reason: "a key part is neither a column nor an expression".into(),
                    });
                }
            };
            // indoption bit 0 is DESC, bit 1 NULLS FIRST (the default of DESC only).
            let descending = option & 1 == 1;
            let nulls_first = option & 2 == 2;
            Ok(IndexPart {
                target,
                descending,
                collation: None,
                opclass: None,
                nulls_first: (nulls_first != descending).then_some(nulls_first),
            })
        })
        .collect::<Result<_, _>>()?;
    if let Some(def) = indexdef {
        let texts = index_parts::key_parts(&def, &am).ok_or_else(|| ReflectError::Unsupported {
            object: format!("index {table}.{name}"),
            reason: format!("its definition cannot be read: {def}"),
        })?;
        for (part, text) in parts.iter_mut().zip(texts) {
            let (collation, opclass) = index_parts::collation_and_opclass(&text, &part.target);
            part.collation = collation;
            part.opclass = opclass;
        }
    }
    Ok(Index {
        name,
        unique,
        parts,
        method,
        predicate,
        options: IndexOptions {
            include,
            nulls_not_distinct,
            with,
            ..Default::default()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_wrapper_is_removed() {
        assert_eq!(check_expression("CHECK (a > 0)"), "(a > 0)");
        assert_eq!(check_expression("CHECK ((a > 0)) NOT VALID"), "((a > 0))");
        assert_eq!(check_expression("CHECK (a) NO INHERIT"), "(a)");
    }

    #[test]
    fn referential_actions() {
        assert_eq!(fk_action("a"), FkAction::NoAction);
        assert_eq!(fk_action("c"), FkAction::Cascade);
        assert_eq!(fk_action("n"), FkAction::SetNull);
        assert_eq!(fk_action("d"), FkAction::SetDefault);
        assert_eq!(fk_action("r"), FkAction::Restrict);
    }
}
