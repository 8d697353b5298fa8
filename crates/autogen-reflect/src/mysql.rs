//! Reflection of MySQL and MariaDB: six bulk `information_schema` queries for the whole
//! current database (`DATABASE()`), never one per table.
//!
//! 1. `DATABASE()` and `VERSION()`, to tell MariaDB from MySQL;
//! 2. `TABLES`: base tables and their comments;
//! 3. `COLUMNS`: types, nullability, defaults, `auto_increment`, comments;
//! 4. `STATISTICS`: the primary key, unique constraints and indexes;
//! 5. `KEY_COLUMN_USAGE` joined with `REFERENTIAL_CONSTRAINTS`: foreign keys;
//! 6. `CHECK_CONSTRAINTS`: checks (MariaDB's `json_valid` checks become the `json` type);
//! 7. `VIEWS` and `TRIGGERS` (see [`objects`]).
//!
//! Two things no catalog table prints: the partitioning clause, and the `USING BTREE|HASH`
//! written on an index (`STATISTICS` says `BTREE` either way). Both are read from `SHOW
//! CREATE TABLE`, one statement per table that is partitioned or has an index.
//!
//! Every text column is selected through `CAST(… AS CHAR)` and decoded by [`text`],
//! because MariaDB reports some catalog columns as binary strings.

use std::collections::BTreeMap;

use autogen_schema::dialect::mysql::{
    display_width_spelling, index_algorithms, is_implicit_fk_index, key_order, parse_on_update,
    parse_string_literal, parse_type, unique_constraint_columns,
};
use autogen_schema::{
    Check, Column, ColumnType, DefaultValue, FkAction, ForeignKey, Generated, Identity, Index,
    IndexMethod, IndexOptions, IndexPart, IndexTarget, PrimaryKey, Schema, Spelling, Table,
    UniqueConstraint,
};
use sqlx::mysql::MySqlRow;
use sqlx::{MySqlPool, Row};

use crate::{ReflectError, is_bookkeeping_table};

mod objects;

/// Reads the whole current database, in raw form (the caller normalizes).
pub(crate) async fn reflect(pool: &MySqlPool) -> Result<Schema, ReflectError> {
    let head = sqlx::query(
        "SELECT CAST(DATABASE() AS CHAR), CAST(VERSION() AS CHAR),
                CAST(@@collation_database AS CHAR)",
    )
    .fetch_one(pool)
    .await?;
    let Some(database) = text(&head, 0)? else {
        return Err(ReflectError::Unsupported {
            object: "database".into(),
            reason: "the URL names no database: use mysql://user@host/DATABASE".into(),
        });
    };
    let mariadb = text(&head, 1)?.is_some_and(|v| v.contains("MariaDB"));
    let database_collation = text(&head, 2)?.unwrap_or_default();

    let (mut tables, collations) = read_tables(pool, &database_collation).await?;
    read_columns(pool, mariadb, &collations, &mut tables).await?;
    let mut create_texts = BTreeMap::new();
    read_indexes(pool, mariadb, &mut tables, &mut create_texts).await?;
    read_foreign_keys(pool, &mut tables).await?;
    read_checks(pool, mariadb, &mut tables).await?;
    for table in tables.values_mut() {
        // Drop only now that the foreign keys are known.
        let fks = std::mem::take(&mut table.foreign_keys);
        table
            .indexes
            .retain(|i| !fks.iter().any(|fk| is_implicit_fk_index(i, fk)));
        table.foreign_keys = fks;
    }
    for (name, collation) in &collations {
        if collation.partitioned
            && let Some(table) = tables.get_mut(name)
        {
            let create = match create_texts.remove(name) {
                Some(create) => create,
                None => show_create_table(pool, name).await?,
            };
            table.options.partition = partition_clause(&create);
        }
    }
    let mut schema = Schema {
        tables,
        ..Schema::default()
    };
    objects::read_views(pool, mariadb, &database, &mut schema).await?;
    objects::read_triggers(pool, &database, &mut schema).await?;
    Ok(schema)
}

/// What `TABLES` says of a table beyond its name: its default collation (which its
/// columns inherit) and whether it is partitioned.
struct TableFacts {
    collation: String,
    partitioned: bool,
}

/// The `CREATE TABLE` statement the server prints for `table`.
async fn show_create_table(pool: &MySqlPool, table: &str) -> Result<String, ReflectError> {
    let sql = format!(
        "SHOW CREATE TABLE {}",
        autogen_schema::Dialect::Mysql.quote_ident(table)
    );
    let row = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .fetch_one(pool)
        .await?;
    required(&row, 1, &format!("table {table}"))
}

/// The `PARTITION BY …` text of `SHOW CREATE TABLE`: MariaDB prints it on the lines after
/// the table options, MySQL 8 inside a `/*!50100 … */` comment.
fn partition_clause(create: &str) -> Option<String> {
    // The options follow the last line that closes the column list.
    let options_start = create.rfind("\n)").unwrap_or(0);
    let at = create[options_start..].find("PARTITION BY")? + options_start;
    let clause = create[at..].trim_end();
    let clause = clause.strip_suffix("*/").unwrap_or(clause).trim_end();
    Some(clause.to_string())
}

/// A text cell, whether the server sends it as a character or a binary string.
fn text(row: &MySqlRow, index: usize) -> Result<Option<String>, ReflectError> {
    match row.try_get::<Option<String>, _>(index) {
        Ok(v) => Ok(v),
        Err(sqlx::Error::ColumnDecode { .. }) => Ok(row
            .try_get::<Option<Vec<u8>>, _>(index)?
            .map(|b| String::from_utf8_lossy(&b).into_owned())),
        Err(e) => Err(e.into()),
    }
}

/// A text cell that the catalog never leaves NULL.
fn required(row: &MySqlRow, index: usize, what: &str) -> Result<String, ReflectError> {
    text(row, index)?.ok_or_else(|| ReflectError::Unsupported {
        object: what.to_string(),
        reason: "the catalog returned NULL".into(),
    })
}

async fn fetch(pool: &MySqlPool, sql: &'static str) -> Result<Vec<MySqlRow>, ReflectError> {
    Ok(sqlx::query(sql).fetch_all(pool).await?)
}

/// The base tables, and the facts of each that later steps need.
async fn read_tables(
    pool: &MySqlPool,
    database_collation: &str,
) -> Result<(BTreeMap<String, Table>, BTreeMap<String, TableFacts>), ReflectError> {
    let rows = fetch(
        pool,
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(TABLE_COMMENT AS CHAR),
                CAST(TABLE_COLLATION AS CHAR), CAST(CREATE_OPTIONS AS CHAR)
         FROM information_schema.TABLES
         WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')
         ORDER BY TABLE_NAME",
    )
    .await?;
    let mut tables = BTreeMap::new();
    let mut facts = BTreeMap::new();
    for row in rows {
        let name = required(&row, 0, "table name")?;
        if is_bookkeeping_table(&name) {
            continue;
        }
        let mut table = Table::new(name.clone());
        table.comment = text(&row, 1)?.filter(|c| !c.is_empty());
        let collation = text(&row, 2)?.unwrap_or_default();
        if !collation.is_empty() && !collation.eq_ignore_ascii_case(database_collation) {
            table.options.collation = Some(collation.clone());
        }
        // `row_format=DYNAMIC partitioned`: the options written, lower-case keys.
        let options = text(&row, 3)?.unwrap_or_default();
        let mut partitioned = false;
        for option in options.split_whitespace() {
            match option.split_once('=') {
                Some((key, value)) if key.eq_ignore_ascii_case("row_format") => {
                    table.options.row_format = Some(value.to_ascii_uppercase());
                }
                Some((key, value)) if key.eq_ignore_ascii_case("key_block_size") => {
                    table.options.key_block_size = value.parse().ok();
                }
                None if option.eq_ignore_ascii_case("partitioned") => partitioned = true,
                _ => {}
            }
        }
        facts.insert(
            name.clone(),
            TableFacts {
                collation,
                partitioned,
            },
        );
        tables.insert(name, table);
    }
    Ok((tables, facts))
}

async fn read_columns(
    pool: &MySqlPool,
    mariadb: bool,
    facts: &BTreeMap<String, TableFacts>,
    tables: &mut BTreeMap<String, Table>,
) -> Result<(), ReflectError> {
    let rows = fetch(
        pool,
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(COLUMN_NAME AS CHAR), CAST(COLUMN_TYPE AS CHAR),
                CAST(IS_NULLABLE AS CHAR), CAST(COLUMN_DEFAULT AS CHAR), CAST(EXTRA AS CHAR),
                CAST(COLUMN_COMMENT AS CHAR), CAST(COLLATION_NAME AS CHAR),
                CAST(GENERATION_EXPRESSION AS CHAR)
         FROM information_schema.COLUMNS
         WHERE TABLE_SCHEMA = DATABASE()
         ORDER BY TABLE_NAME, ORDINAL_POSITION",
    )
    .await?;
    for row in rows {
        let Some(table) = tables.get_mut(&required(&row, 0, "column's table")?) else {
            continue;
        };
        let name = required(&row, 1, "column name")?;
        let object = format!("column {}.{name}", table.name);
        let column_type = required(&row, 2, &object)?;
        let ty = parse_type(&column_type);
        let extra = text(&row, 5)?.unwrap_or_default().to_ascii_lowercase();
        let mut column = Column::new(name, ty);
        column.spelling = display_width_spelling(&column_type).map(|ty| Spelling {
            ty,
            implied_not_null: false,
            default: None,
            dialect: None,
        });
        column.nullable = required(&row, 3, &object)? == "YES";
        column.default =
            text(&row, 4)?.and_then(|d| parse_default(&d, &column.ty, &extra, mariadb));
        if extra.contains("auto_increment") {
            column.identity = Some(Identity::AutoIncrement);
        }
        column.on_update = parse_on_update(&extra).map_err(|value| ReflectError::Unsupported {
            object: object.clone(),
            reason: format!("ON UPDATE {value}"),
        })?;
        column.comment = text(&row, 6)?.filter(|c| !c.is_empty());
        // Only a collation other than the table's is the column's own.
        let table_collation = facts.get(&table.name).map(|f| f.collation.as_str());
        column.collation =
            text(&row, 7)?.filter(|c| !table_collation.is_some_and(|t| t.eq_ignore_ascii_case(c)));
        let stored = extra.contains("stored generated") || extra.contains("persistent generated");
        if stored || extra.contains("virtual generated") {
            column.generated = text(&row, 8)?
                .filter(|e| !e.is_empty())
                .map(|expression| Generated { expression, stored });
            if column.generated.is_some() {
                // Whatever the catalog says, a generated column has no default of its own.
                column.default = None;
            }
        }
        table.columns.push(column);
    }
    Ok(())
}

/// `COLUMN_DEFAULT` as the server prints it. MariaDB prints SQL: quoted literals
/// (`'active'`), numbers, `NULL`, `current_timestamp()`, `uuid()`, `(1 + 2)`. MySQL 8
/// prints literals unquoted and marks expressions with `DEFAULT_GENERATED` in `EXTRA`.
fn parse_default(text: &str, ty: &ColumnType, extra: &str, mariadb: bool) -> Option<DefaultValue> {
    if mariadb {
        if let Some(s) = parse_string_literal(text) {
            return Some(DefaultValue::String(s));
        }
        return Some(DefaultValue::parse_sql(text));
    }
    let is_current_timestamp = text.to_ascii_lowercase().starts_with("current_timestamp");
    if extra.contains("default_generated") || is_current_timestamp {
        return Some(DefaultValue::parse_sql(text));
    }
    if (ty.is_numeric() || *ty == ColumnType::Boolean)
        && let Some(n) = autogen_schema::default_sql::canonical_number(text)
    {
        return Some(DefaultValue::Number(n));
    }
    Some(DefaultValue::String(text.to_string()))
}

/// One `STATISTICS` row.
struct KeyPart {
    table: String,
    index: String,
    unique: bool,
    part: IndexPart,
    method: IndexMethod,
    comment: Option<String>,
    ignored: bool,
}

/// The indexes, primary keys and unique constraints of `tables`; `create_texts` receives
/// the `SHOW CREATE TABLE` text of each table with an index, read for the algorithms.
async fn read_indexes(
    pool: &MySqlPool,
    mariadb: bool,
    tables: &mut BTreeMap<String, Table>,
    create_texts: &mut BTreeMap<String, String>,
) -> Result<(), ReflectError> {
    // MySQL 8 has functional key parts (`EXPRESSION`) and invisible indexes; MariaDB has
    // no such column, and ignored indexes (10.6).
    let sql = if mariadb {
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(INDEX_NAME AS CHAR), CAST(NON_UNIQUE AS CHAR),
                CAST(COLUMN_NAME AS CHAR), CAST(COLLATION AS CHAR), CAST(INDEX_TYPE AS CHAR),
                CAST(SUB_PART AS CHAR), CAST(NULL AS CHAR),
                CAST(INDEX_COMMENT AS CHAR), CAST(IGNORED AS CHAR)
         FROM information_schema.STATISTICS
         WHERE TABLE_SCHEMA = DATABASE()
         ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"
    } else {
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(INDEX_NAME AS CHAR), CAST(NON_UNIQUE AS CHAR),
                CAST(COLUMN_NAME AS CHAR), CAST(COLLATION AS CHAR), CAST(INDEX_TYPE AS CHAR),
                CAST(SUB_PART AS CHAR), CAST(EXPRESSION AS CHAR),
                CAST(INDEX_COMMENT AS CHAR), CAST(IF(IS_VISIBLE = 'NO', 'YES', 'NO') AS CHAR)
         FROM information_schema.STATISTICS
         WHERE TABLE_SCHEMA = DATABASE()
         ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"
    };
    let rows = fetch(pool, sql).await?;
    let mut parts: Vec<KeyPart> = Vec::with_capacity(rows.len());
    for row in rows {
        let table = required(&row, 0, "index's table")?;
        let index = required(&row, 1, "index name")?;
        let object = format!("index {index} on {table}");
        let column = text(&row, 3)?;
        let index_type = required(&row, 5, &object)?.to_ascii_uppercase();
        // A spatial key reports a `SUB_PART` (32) that no statement may write.
        let sub_part = text(&row, 6)?.filter(|_| index_type != "SPATIAL");
        let target = match (text(&row, 7)?, column, sub_part) {
            (Some(expression), _, _) => IndexTarget::Expression(expression),
            // A column prefix has no IR field of its own; see `is_prefix_part`.
            (None, Some(column), Some(length)) => IndexTarget::Expression(format!(
                "{}({length})",
                autogen_schema::Dialect::Mysql.quote_ident(&column)
            )),
            (None, Some(column), None) => IndexTarget::Column(column),
            (None, None, _) => {
                return Err(ReflectError::Unsupported {
                    object,
                    reason: "a key part with neither column nor expression".into(),
                });
            }
        };
        let method = match index_type.as_str() {
            // InnoDB indexes are b-trees whatever `USING HASH` says; MariaDB reports its
            // long unique constraints as HASH.
            "BTREE" | "HASH" => IndexMethod::Btree,
            "FULLTEXT" => IndexMethod::Fulltext,
            "SPATIAL" | "RTREE" => IndexMethod::Spatial,
            other => {
                return Err(ReflectError::Unsupported {
                    object,
                    reason: format!("index type {other}"),
                });
            }
        };
        parts.push(KeyPart {
            table,
            unique: required(&row, 2, &object)? == "0",
            part: IndexPart {
                nulls_first: None,
                opclass: None,
                target,
                descending: text(&row, 4)?.as_deref() == Some("D"),
                collation: None,
            },
            index,
            method,
            comment: text(&row, 8)?.filter(|c| !c.is_empty()),
            ignored: text(&row, 9)?.as_deref() == Some("YES"),
        });
    }
    // The algorithms written (`USING BTREE`), which only `SHOW CREATE TABLE` prints.
    let mut algorithms: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for part in &parts {
        if !tables.contains_key(&part.table) || create_texts.contains_key(&part.table) {
            continue;
        }
        let create = show_create_table(pool, &part.table).await?;
        algorithms.insert(part.table.clone(), index_algorithms(&create));
        if let Some(table) = tables.get_mut(&part.table) {
            table.key_order = key_order(&create);
        }
        create_texts.insert(part.table.clone(), create);
    }
    // Rows arrive grouped by table and index, parts in order.
    let mut start = 0;
    while start < parts.len() {
        let end = start
            + parts[start..]
                .iter()
                .take_while(|p| p.table == parts[start].table && p.index == parts[start].index)
                .count();
        let group = &parts[start..end];
        start = end;
        let Some(table) = tables.get_mut(&group[0].table) else {
            continue;
        };
        let algorithm = algorithms
            .get(&group[0].table)
            .and_then(|a| a.get(&group[0].index))
            .cloned();
        let index = Index {
            options: IndexOptions {
                algorithm,
                comment: group[0].comment.clone(),
                ignored: group[0].ignored,
                ..Default::default()
            },
            name: group[0].index.clone(),
            unique: group[0].unique,
            parts: group.iter().map(|p| p.part.clone()).collect(),
            method: group[0].method.clone(),
            predicate: None,
        };
        if index.name == "PRIMARY" {
            let columns = index.column_names().unwrap_or_default();
            table.primary_key = Some(PrimaryKey {
                deferrable: Default::default(),
                name: None,
                columns: columns.into_iter().map(String::from).collect(),
            });
        } else if let Some(columns) = unique_constraint_columns(&index) {
            table.uniques.push(UniqueConstraint {
                deferrable: Default::default(),
                nulls_not_distinct: false,
                name: index.name,
                columns,
            });
        } else {
            table.indexes.push(index);
        }
    }
    Ok(())
}

async fn read_foreign_keys(
    pool: &MySqlPool,
    tables: &mut BTreeMap<String, Table>,
) -> Result<(), ReflectError> {
    let rows = fetch(
        pool,
        "SELECT CAST(k.TABLE_NAME AS CHAR), CAST(k.CONSTRAINT_NAME AS CHAR),
                CAST(k.COLUMN_NAME AS CHAR), CAST(k.REFERENCED_TABLE_NAME AS CHAR),
                CAST(k.REFERENCED_COLUMN_NAME AS CHAR), CAST(r.DELETE_RULE AS CHAR),
                CAST(r.UPDATE_RULE AS CHAR)
         FROM information_schema.KEY_COLUMN_USAGE k
         JOIN information_schema.REFERENTIAL_CONSTRAINTS r
           ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA
          AND r.TABLE_NAME = k.TABLE_NAME
          AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
         WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
         ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
    )
    .await?;
    for row in rows {
        let Some(table) = tables.get_mut(&required(&row, 0, "foreign key's table")?) else {
            continue;
        };
        let name = required(&row, 1, "foreign key name")?;
        let object = format!("foreign key {name} on {}", table.name);
        let column = required(&row, 2, &object)?;
        let ref_column = required(&row, 4, &object)?;
        if let Some(fk) = table.foreign_keys.iter_mut().find(|f| f.name == name) {
            fk.columns.push(column);
            fk.ref_columns.push(ref_column);
            continue;
        }
        let action = |i: usize| -> Result<FkAction, ReflectError> {
            let rule = required(&row, i, &object)?;
            match FkAction::parse(&rule) {
                // MySQL treats RESTRICT and NO ACTION alike and reports RESTRICT for both.
                Some(FkAction::Restrict) => Ok(FkAction::NoAction),
                Some(action) => Ok(action),
                None => Err(ReflectError::Unsupported {
                    object: object.clone(),
                    reason: format!("referential action {rule}"),
                }),
            }
        };
        let fk = ForeignKey {
            deferrable: Default::default(),
            not_valid: false,
            name: name.clone(),
            columns: vec![column],
            ref_table: required(&row, 3, &object)?,
            ref_columns: vec![ref_column],
            on_delete: action(5)?,
            on_update: action(6)?,
        };
        table.foreign_keys.push(fk);
    }
    Ok(())
}

async fn read_checks(
    pool: &MySqlPool,
    mariadb: bool,
    tables: &mut BTreeMap<String, Table>,
) -> Result<(), ReflectError> {
    // MariaDB names checks per table and says whether one was written on a column; MySQL 8
    // names them per schema and keeps the table in TABLE_CONSTRAINTS.
    let sql = if mariadb {
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(CONSTRAINT_NAME AS CHAR),
                CAST(CHECK_CLAUSE AS CHAR), CAST(LEVEL AS CHAR)
         FROM information_schema.CHECK_CONSTRAINTS
         WHERE CONSTRAINT_SCHEMA = DATABASE()
         ORDER BY TABLE_NAME, CONSTRAINT_NAME"
    } else {
        "SELECT CAST(t.TABLE_NAME AS CHAR), CAST(c.CONSTRAINT_NAME AS CHAR),
                CAST(c.CHECK_CLAUSE AS CHAR), CAST('Table' AS CHAR)
         FROM information_schema.CHECK_CONSTRAINTS c
         JOIN information_schema.TABLE_CONSTRAINTS t
           ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA
          AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME
          AND t.CONSTRAINT_TYPE = 'CHECK'
         WHERE c.CONSTRAINT_SCHEMA = DATABASE()
         ORDER BY t.TABLE_NAME, c.CONSTRAINT_NAME"
    };
    for row in fetch(pool, sql).await? {
        let Some(table) = tables.get_mut(&required(&row, 0, "check's table")?) else {
            continue;
        };
        let name = required(&row, 1, "check name")?;
        let expression = required(&row, 2, &format!("check {name} on {}", table.name))?;
        let column_level = text(&row, 3)?.as_deref() == Some("Column");
        // MariaDB's `json` is `longtext` plus a column-level `json_valid` check, named
        // after the column when it was created (a later rename keeps the old name).
        let json_column = expression
            .strip_prefix("json_valid(`")
            .and_then(|r| r.strip_suffix("`)"));
        if column_level
            && let Some(json_column) = json_column
            && let Some(column) = table.columns.iter_mut().find(|c| c.name == json_column)
            && column.ty == ColumnType::custom("longtext")
        {
            column.ty = ColumnType::Json;
            // The `json` type brings its own collation (utf8mb4_bin).
            column.collation = None;
            continue;
        }
        // MariaDB's column-level check, named after its column, is part of the column.
        if column_level
            && let Some(column) = table.columns.iter_mut().find(|c| c.name == name)
            && column.check.is_none()
        {
            column.check = Some(expression);
            continue;
        }
        table.checks.push(Check {
            not_valid: false,
            no_inherit: false,
            name,
            expression,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::partition_clause;

    #[test]
    fn the_partitioning_clause_follows_the_table_options() {
        let mariadb = "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4\n PARTITION BY HASH (`id`)\nPARTITIONS 2";
        assert_eq!(
            partition_clause(mariadb).as_deref(),
            Some("PARTITION BY HASH (`id`)\nPARTITIONS 2")
        );
        let mysql = "CREATE TABLE `t` (\n  `y` int NOT NULL\n) ENGINE=InnoDB\n/*!50100 PARTITION BY RANGE (`y`)\n(PARTITION p0 VALUES LESS THAN (1) ENGINE = InnoDB) */";
        assert_eq!(
            partition_clause(mysql).as_deref(),
            Some("PARTITION BY RANGE (`y`)\n(PARTITION p0 VALUES LESS THAN (1) ENGINE = InnoDB)")
        );
        // A column named like the clause is not the clause.
        let plain = "CREATE TABLE `t` (\n  `PARTITION BY` int\n) ENGINE=InnoDB";
        assert_eq!(partition_clause(plain), None);
    }
}
