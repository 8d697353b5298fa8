//! Reflection of SQLite: four bulk catalog queries into the IR.
//!
//! 1. `sqlite_master` once, for the tables and the stored `CREATE` text;
//! 2. `pragma_table_xinfo`, 3. `pragma_index_list` joined with `pragma_index_xinfo`,
//!    4. `pragma_foreign_key_list`, each joined over every table in one query.
//!
//! What the pragmas lack (constraint names, CHECK expressions, `AUTOINCREMENT`, index
//! expressions and predicates) comes from the stored SQL, read in [`ddl`]. Names that the
//! SQL does not give are chosen as PostgreSQL would (see [`unnamed`]), so they are
//! deterministic. The result is already lowered: `Dialect::Sqlite.lower` leaves it as is.

mod ddl;

use std::collections::{BTreeMap, BTreeSet};

use autogen_schema::dialect::sqlite::{canonical_default, parse_type};
use autogen_schema::sql_text::lexer::Flavor;
use autogen_schema::sql_text::names_mentioned;
use autogen_schema::{
    Check, Column, ColumnType, DefaultValue, FkAction, ForeignKey, Generated, Identity, Index,
    IndexMethod, IndexPart, IndexTarget, PrimaryKey, Schema, Spelling, Table, Trigger,
    UniqueConstraint, View,
};
use sqlx::SqlitePool;

use crate::ReflectError;

/// Tables that are the user's: not SQLite's own, not virtual (their modules may be absent
/// and their shadow tables are implementation detail).
const TABLES: &str = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
     AND coalesce(m.sql, '') NOT LIKE 'CREATE VIRTUAL%'";

/// `(type, name, tbl_name, sql)`.
type MasterRow = (String, String, String, Option<String>);
/// `(table, cid, name, type, notnull, dflt_value, pk, hidden)`.
type ColumnRow = (String, i64, String, String, i64, Option<String>, i64, i64);
/// `(table, index, unique, origin, partial, seqno, cid, column, desc, collation)`.
type IndexRow = (
    String,
    String,
    i64,
    String,
    i64,
    i64,
    i64,
    Option<String>,
    i64,
    Option<String>,
);
/// `(table, id, seq, ref_table, from, to, on_update, on_delete)`.
type ForeignKeyRow = (
    String,
    i64,
    i64,
    String,
    String,
    Option<String>,
    String,
    String,
);

/// Reads the whole schema.
pub(crate) async fn reflect(pool: &SqlitePool) -> Result<Schema, ReflectError> {
    let master: Vec<MasterRow> = sqlx::query_as(
        "SELECT m.type, m.name, m.tbl_name, m.sql FROM sqlite_master m \
         WHERE m.type IN ('table', 'index', 'view', 'trigger') ORDER BY m.name",
    )
    .fetch_all(pool)
    .await?;
    let columns: Vec<ColumnRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden \
         FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p \
         WHERE {TABLES} ORDER BY m.name, p.cid"
    )))
    .fetch_all(pool)
    .await?;
    let indexes: Vec<IndexRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, \
                x.seqno, x.cid, x.name, x.\"desc\", x.coll \
         FROM sqlite_master m JOIN pragma_index_list(m.name) il \
              JOIN pragma_index_xinfo(il.name) x \
         WHERE {TABLES} AND x.key = 1 ORDER BY m.name, il.name, x.seqno"
    )))
    .fetch_all(pool)
    .await?;
    let foreign_keys: Vec<ForeignKeyRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete \
         FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f \
         WHERE {TABLES} ORDER BY m.name, f.id, f.seq"
    )))
    .fetch_all(pool)
    .await?;
    assemble(master, columns, indexes, foreign_keys)
}

fn unsupported(object: String, reason: String) -> ReflectError {
    ReflectError::Unsupported { object, reason }
}

/// Builds the schema from the query results; no I/O.
fn assemble(
    master: Vec<MasterRow>,
    columns: Vec<ColumnRow>,
    indexes: Vec<IndexRow>,
    foreign_keys: Vec<ForeignKeyRow>,
) -> Result<Schema, ReflectError> {
    let mut table_sql: BTreeMap<String, String> = BTreeMap::new();
    let mut index_sql: BTreeMap<String, String> = BTreeMap::new();
    // Views and triggers: `(name, table, sql)`.
    let mut views: Vec<(String, String)> = Vec::new();
    let mut triggers: Vec<(String, String, String)> = Vec::new();
    for (ty, name, table, sql) in master {
        match ty.as_str() {
            "table" if !name.starts_with("sqlite_") && !crate::is_bookkeeping_table(&name) => {
                if let Some(sql) = sql.filter(|s| !s.starts_with("CREATE VIRTUAL")) {
                    table_sql.insert(name, sql);
                }
            }
            "index" => {
                if let Some(sql) = sql {
                    index_sql.insert(name, sql);
                }
            }
            "view" => views.extend(sql.map(|sql| (name, sql))),
            "trigger" => triggers.extend(sql.map(|sql| (name, table, sql))),
            _ => {}
        }
    }

    let mut schema = Schema::default();
    let mut parsed = BTreeMap::new();
    let mut extras = BTreeMap::new();
    for (name, sql) in &table_sql {
        // One table whose text sqlparser does not parse does not stop the reflection: its
        // columns, keys, indexes and foreign keys come from the pragmas all the same, and
        // its checks and AUTOINCREMENT from the tokens; only declared constraint names are
        // lost, and the warning says so. Text that does not even tokenize is an error.
        let p = match ddl::parse_create_table(sql) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!(
                    "table {}: its CREATE TABLE text does not parse ({}); its constraints' \
                     declared names are not read",
                    autogen_schema::escape::terminal(name),
                    autogen_schema::escape::terminal(&e)
                );
                ddl::scan_create_table(sql).map_err(|e| unsupported(format!("table {name}"), e))?
            }
        };
        extras.insert(
            name.clone(),
            ddl::column_extras(sql).map_err(|e| unsupported(format!("table {name}"), e))?,
        );
        let mut table = Table::new(name.clone());
        table.options.strict = p.strict;
        table.options.without_rowid = p.without_rowid;
        parsed.insert(name.clone(), p);
        schema.tables.insert(name.clone(), table);
    }

    // Columns and primary keys.
    let mut pk_parts: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for (table, _cid, name, declared, notnull, default, pk, hidden) in columns {
        let Some(t) = schema.tables.get_mut(&table) else {
            continue;
        };
        // 1: a virtual table's hidden column (virtual tables are not read); 2 and 3: a
        // generated column, VIRTUAL or STORED.
        if hidden == 1 {
            continue;
        }
        let extra = extras
            .get_mut(&table)
            .and_then(|e: &mut BTreeMap<String, ddl::ColumnExtras>| e.remove(&name.to_lowercase()))
            .unwrap_or_default();
        let mut column = Column::new(name.clone(), parse_type(&declared));
        column.collation = extra.collation;
        if hidden >= 2 {
            let Some((expression, _)) = extra.generated else {
                return Err(unsupported(
                    format!("column {table}.{name}"),
                    "SQLite reports it generated, and its AS (…) is not in the table's text".into(),
                ));
            };
            column.generated = Some(Generated {
                expression,
                stored: hidden == 3,
            });
        }
        column.nullable = notnull == 0;
        // The declared type as written travels with the column (issue 10 item 6).
        column.spelling = Some(Spelling {
            ty: declared.clone(),
            implied_not_null: false,
            default: default.clone(),
            dialect: None,
        });
        column.default = default
            .as_deref()
            .map(DefaultValue::parse_sql)
            .and_then(canonical_default);
        if parsed[&table].autoincrement.as_deref() == Some(name.as_str()) {
            column.identity = Some(Identity::AutoIncrement);
        }
        if pk > 0 {
            pk_parts.entry(table).or_default().push((pk, name));
        }
        t.columns.push(column);
    }
    for (table, mut parts) in pk_parts {
        parts.sort();
        let t = schema.tables.get_mut(&table).expect("known table");
        let columns: Vec<String> = parts.into_iter().map(|(_, c)| c).collect();
        // A sole INTEGER key is the rowid, which can never be NULL.
        if let [only] = columns.as_slice()
            && let Some(c) = t.columns.iter_mut().find(|c| &c.name == only)
            && c.ty == ColumnType::Integer
        {
            // Written without NOT NULL (`id integer PRIMARY KEY`), it stays so on a round trip.
            if c.nullable
                && let Some(s) = c.spelling.as_mut()
                && s.ty.eq_ignore_ascii_case("integer")
            {
                s.implied_not_null = true;
            }
            c.nullable = false;
        }
        t.primary_key = Some(PrimaryKey {
            deferrable: Default::default(),
            name: parsed[&table].primary_key_name.clone(),
            columns,
        });
    }

    // Indexes: origin 'u' are UNIQUE constraints, 'c' are CREATE INDEX, 'pk' the key.
    let mut grouped: BTreeMap<(String, String), Vec<IndexRow>> = BTreeMap::new();
    for row in indexes {
        grouped
            .entry((row.0.clone(), row.1.clone()))
            .or_default()
            .push(row);
    }
    let mut unique_constraints: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for ((table, index), rows) in grouped {
        let Some(t) = schema.tables.get_mut(&table) else {
            continue;
        };
        let (unique, origin, partial) = (rows[0].2 != 0, rows[0].3.as_str(), rows[0].4 != 0);
        match origin {
            "u" => {
                let columns = rows.iter().map(|r| r.7.clone().unwrap_or_default());
                unique_constraints
                    .entry(table)
                    .or_default()
                    .push(columns.collect());
            }
            "c" => {
                let needs_sql = partial || rows.iter().any(|r| r.6 == -2);
                let text = if needs_sql {
                    let sql = index_sql.get(&index).ok_or_else(|| {
                        unsupported(format!("index {index}"), "no CREATE INDEX text".into())
                    })?;
                    Some(
                        ddl::parse_create_index(sql)
                            .map_err(|e| unsupported(format!("index {index}"), e))?,
                    )
                } else {
                    None
                };
                let mut parts = Vec::new();
                for (i, r) in rows.iter().enumerate() {
                    let target = match (r.6, &r.7, &text) {
                        (-2, _, Some(p)) => IndexTarget::Expression(p.parts[i].clone()),
                        (_, Some(c), _) => IndexTarget::Column(c.clone()),
                        _ => IndexTarget::Column("rowid".into()),
                    };
                    // A part's collation is its column's (`BINARY` unless the column names
                    // another) unless the index names another: only that one is the part's.
                    let inherited = match &target {
                        IndexTarget::Column(c) => t
                            .columns
                            .iter()
                            .find(|col| &col.name == c)
                            .and_then(|col| col.collation.clone()),
                        IndexTarget::Expression(_) => None,
                    };
                    let inherited = inherited.unwrap_or_else(|| "BINARY".to_string());
                    let collation = r.9.clone().filter(|c| !c.eq_ignore_ascii_case(&inherited));
                    let target = match (target, &collation) {
                        // The expression's text holds its `COLLATE` too: kept once.
                        (IndexTarget::Expression(e), Some(c)) => {
                            IndexTarget::Expression(strip_collate(&e, c))
                        }
                        (t, _) => t,
                    };
                    parts.push(IndexPart {
                        nulls_first: None,
                        opclass: None,
                        target,
                        descending: r.8 != 0,
                        collation,
                    });
                }
                t.indexes.push(Index {
                    options: Default::default(),
                    name: index,
                    unique,
                    parts,
                    method: IndexMethod::Btree,
                    predicate: text.and_then(|p| p.predicate),
                });
            }
            _ => {}
        }
    }

    // Foreign keys, grouped by id; `to` is NULL when the key names no columns.
    let mut fk_groups: BTreeMap<(String, i64), Vec<ForeignKeyRow>> = BTreeMap::new();
    for row in foreign_keys {
        fk_groups
            .entry((row.0.clone(), row.1))
            .or_default()
            .push(row);
    }
    let mut fks: BTreeMap<String, Vec<ForeignKey>> = BTreeMap::new();
    for ((table, _id), rows) in fk_groups {
        let ref_table = rows[0].3.clone();
        let ref_columns = match rows.iter().map(|r| r.5.clone()).collect::<Option<Vec<_>>>() {
            Some(c) => c,
            None => schema
                .tables
                .get(&ref_table)
                .and_then(|t| t.primary_key.as_ref())
                .map(|pk| pk.columns.clone())
                .ok_or_else(|| {
                    unsupported(
                        format!("table {table}"),
                        format!("a foreign key references {ref_table} without columns, and it has no primary key"),
                    )
                })?,
        };
        let action = |text: &str| {
            FkAction::parse(text).ok_or_else(|| {
                unsupported(
                    format!("table {table}"),
                    format!("unknown referential action {text}"),
                )
            })
        };
        fks.entry(table.clone()).or_default().push(ForeignKey {
            deferrable: Default::default(),
            not_valid: false,
            name: String::new(),
            columns: rows.iter().map(|r| r.4.clone()).collect(),
            ref_table,
            ref_columns,
            on_delete: action(&rows[0].7)?,
            on_update: action(&rows[0].6)?,
        });
    }

    // Names from the SQL, or chosen.
    for (name, t) in schema.tables.iter_mut() {
        let p = parsed.remove(name).expect("parsed every table");
        name_constraints(
            t,
            p,
            unique_constraints.remove(name).unwrap_or_default(),
            fks.remove(name).unwrap_or_default(),
        );
    }
    read_views_and_triggers(&mut schema, views, triggers);
    Ok(schema)
}

/// Views and triggers as SQLite stores them, each with the tables and views it mentions.
fn read_views_and_triggers(
    schema: &mut Schema,
    views: Vec<(String, String)>,
    triggers: Vec<(String, String, String)>,
) {
    let known: Vec<String> = schema
        .tables
        .keys()
        .cloned()
        .chain(views.iter().map(|(n, _)| n.clone()))
        .collect();
    let mentioned = |sql: &str, own: &[&str]| -> Vec<String> {
        names_mentioned(sql, Flavor::Sqlite, known.iter().map(String::as_str))
            .into_iter()
            .filter(|n| !own.iter().any(|o| o.eq_ignore_ascii_case(n)))
            .collect()
    };
    for (name, sql) in views {
        let depends_on = mentioned(&sql, &[name.as_str()]);
        schema.views.insert(
            name.clone(),
            View {
                name,
                definition: sql,
                depends_on,
                ..View::default()
            },
        );
    }
    for (name, table, sql) in triggers {
        let depends_on = mentioned(&sql, &[name.as_str(), table.as_str()]);
        schema.triggers.insert(
            name.clone(),
            Trigger {
                depends_on,
                ..Trigger::new(name, table, sql)
            },
        );
    }
}

/// `expr COLLATE name` → `expr` (an index part's collation is kept apart).
fn strip_collate(expression: &str, collation: &str) -> String {
    let trimmed = expression.trim_end();
    let lower = trimmed.to_ascii_lowercase();
    let suffix = format!("collate {}", collation.to_ascii_lowercase());
    match lower.strip_suffix(&suffix) {
        Some(rest) if rest.ends_with(char::is_whitespace) => {
            trimmed[..rest.len()].trim_end().to_string()
        }
        _ => expression.to_string(),
    }
}

fn same_columns(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y))
}

/// Gives uniques, foreign keys and checks their declared names, or deterministic ones.
fn name_constraints(
    t: &mut Table,
    p: ddl::ParsedTable,
    uniques: Vec<Vec<String>>,
    fks: Vec<ForeignKey>,
) {
    let mut used: BTreeSet<String> = BTreeSet::new();
    used.extend(p.uniques.iter().filter_map(|u| u.0.clone()));
    used.extend(p.foreign_keys.iter().filter_map(|f| f.name.clone()));
    used.extend(p.checks.iter().filter_map(|c| c.name.clone()));
    used.extend(p.primary_key_name.clone());

    let mut declared_uniques = p.uniques;
    for columns in uniques {
        let found = declared_uniques
            .iter()
            .position(|(_, c)| same_columns(c, &columns));
        let name = match found.map(|i| declared_uniques.remove(i).0) {
            Some(Some(name)) => name,
            _ => unnamed(&mut used, &t.name, &columns, "key"),
        };
        t.uniques.push(UniqueConstraint {
            deferrable: Default::default(),
            nulls_not_distinct: false,
            name,
            columns,
        });
    }

    let mut declared_fks = p.foreign_keys;
    for mut fk in fks {
        let found = declared_fks.iter().position(|d| {
            same_columns(&d.columns, &fk.columns) && d.ref_table.eq_ignore_ascii_case(&fk.ref_table)
        });
        fk.name = match found.map(|i| declared_fks.remove(i).name) {
            Some(Some(name)) => name,
            _ => unnamed(&mut used, &t.name, &fk.columns, "fkey"),
        };
        t.foreign_keys.push(fk);
    }

    for c in p.checks {
        let name = match c.name {
            Some(name) => name,
            None => unnamed(&mut used, &t.name, c.column.as_slice(), "check"),
        };
        t.checks.push(Check {
            not_valid: false,
            no_inherit: false,
            name,
            expression: c.expression,
        });
    }
}

/// The name PostgreSQL would give an unnamed constraint: `{table}_{columns}_{suffix}`
/// (`{table}_{suffix}` without columns), with `1`, `2`, … appended until it is unused.
fn unnamed(used: &mut BTreeSet<String>, table: &str, columns: &[String], suffix: &str) -> String {
    let mut base = table.to_string();
    for c in columns {
        base.push('_');
        base.push_str(c);
    }
    base.push('_');
    base.push_str(suffix);
    let mut name = base.clone();
    let mut n = 1;
    while used.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    used.insert(name.clone());
    name
}
