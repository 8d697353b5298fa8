//! The checksum's SQL, per backend: the catalog queries that find a table's columns and
//! key, and the expressions that compute `E(row)` and the row hash inside the database
//! (PostgreSQL, MySQL/MariaDB) or read the stored values for the Rust encoder (SQLite).
//! All dialect knowledge of the checksum is here.

use autogen_schema::Dialect;
use sea_orm_migration::prelude::DbErr;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

use super::encode::{Class, JsonStyle};

/// A column to encode: its name and how its values are written.
#[derive(Debug, Clone, PartialEq)]
pub struct Col {
    /// The column's name.
    pub name: String,
    /// Its class, from the declared type.
    pub class: Class,
    /// A MySQL `TIMESTAMP` (stored in UTC, shown in the session's zone), as opposed to a
    /// `DATETIME` (read as UTC).
    pub zoned: bool,
}

/// A table as the checksum sees it: every column in order, and the key to chunk by.
#[derive(Debug, Clone)]
pub struct TableInfo {
    /// All columns, in table order.
    pub columns: Vec<Col>,
    /// The primary key, or else a unique key whose columns are all NOT NULL.
    pub key: Vec<Col>,
}

pub(crate) fn dialect(backend: DbBackend) -> Dialect {
    match backend {
        DbBackend::Postgres => Dialect::Postgres,
        DbBackend::MySql => Dialect::Mysql,
        _ => Dialect::Sqlite,
    }
}

/// How JSON values are canonicalised on this backend.
pub fn json_style(backend: DbBackend) -> JsonStyle {
    match backend {
        DbBackend::Sqlite => JsonStyle::Compact,
        _ => JsonStyle::Jsonb,
    }
}

/// A string literal for the backend, by the schema crate's quoting (MySQL also reads
/// backslashes as escapes).
pub(crate) fn literal(backend: DbBackend, text: &str) -> String {
    match backend {
        DbBackend::MySql => autogen_schema::dialect::mysql::quote_string(text),
        _ => autogen_schema::sql_text::quote_literal(text),
    }
}

/// The rows of a query, each column read as optional text.
pub(crate) async fn text_rows<C: ConnectionTrait>(
    conn: &C,
    sql: &str,
    columns: usize,
) -> Result<Vec<Vec<Option<String>>>, DbErr> {
    let backend = conn.get_database_backend();
    let rows = conn
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .map_err(|e| DbErr::Migration(format!("checksum: {e}\n  while running: {sql}")))?;
    rows.iter()
        .map(|row| {
            (0..columns)
                .map(|i| row.try_get_by_index::<Option<String>>(i))
                .collect()
        })
        .collect()
}

/// Class of a type as PostgreSQL's `information_schema.columns.data_type` or MySQL's
/// `data_type` names it, with the numeric scale.
fn server_class(data_type: &str, scale: Option<u32>, column_type: &str) -> Class {
    let t = data_type.to_ascii_lowercase();
    match t.as_str() {
        "smallint" | "integer" | "bigint" | "int" | "tinyint" | "mediumint" | "year" => {
            Class::Integer
        }
        "boolean" | "bool" => Class::Boolean,
        "numeric" | "decimal" => Class::Decimal(scale),
        "real" | "double precision" | "float" | "double" => Class::Float,
        "bytea" | "binary" | "varbinary" | "tinyblob" | "blob" | "mediumblob" | "longblob" => {
            Class::Bytes
        }
        "date" => Class::Date,
        "time" | "time without time zone" => Class::Time,
        "timestamp" | "timestamp without time zone" | "timestamp with time zone" | "datetime" => {
            Class::Timestamp
        }
        "json" | "jsonb" => Class::Json,
        "bit" if column_type.eq_ignore_ascii_case("bit(1)") => Class::Integer,
        _ => Class::Text,
    }
}

/// Class of a SQLite declared type, by the words in it (SQLite's own affinity rules are
/// by substring too).
fn sqlite_class(declared: &str) -> Class {
    let t = declared.to_ascii_uppercase();
    let scale = || {
        let inside = t.split_once('(')?.1.split_once(')')?.0;
        inside.split_once(',')?.1.trim().parse().ok()
    };
    if t.contains("BOOL") {
        Class::Boolean
    } else if t.contains("INT") {
        Class::Integer
    } else if t.contains("DEC") || t.contains("NUMERIC") || t.contains("MONEY") {
        Class::Decimal(scale())
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        Class::Float
    } else if t.contains("BLOB") || t.contains("BINARY") || t.contains("BYTEA") {
        Class::Bytes
    } else if t.contains("TIMESTAMP") || t.contains("DATETIME") {
        Class::Timestamp
    } else if t.contains("DATE") {
        Class::Date
    } else if t.contains("TIME") {
        Class::Time
    } else if t.contains("JSON") {
        Class::Json
    } else {
        Class::Text
    }
}

/// Reads the table's columns and key from the catalog. A missing table, or one without a
/// primary key or unique NOT NULL key, is an error naming it; `fallback_key` (the columns
/// an earlier record was keyed by) serves when the table lost its key, so that the rows a
/// step duplicated can still be named.
pub async fn table_info<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    fallback_key: Option<&[String]>,
) -> Result<TableInfo, DbErr> {
    let backend = conn.get_database_backend();
    let t = literal(backend, table);
    let (columns_sql, keys_sql) = match backend {
        DbBackend::Postgres => (
            format!(
                "SELECT column_name::text, data_type::text, CAST(numeric_scale AS text), \
                 data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = {t} \
                 ORDER BY ordinal_position"
            ),
            // One row per index column: index, primary?, position, column, NOT NULL?
            format!(
                "SELECT c.relname::text, CASE WHEN i.indisprimary THEN '1' ELSE '0' END, \
                 CAST(k.ord AS text), a.attname::text, CASE WHEN a.attnotnull THEN '1' ELSE '0' END \
                 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
                 CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) \
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
                 WHERE i.indrelid = (SELECT oid FROM pg_class WHERE relname = {t} \
                   AND relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())) \
                 AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL \
                 ORDER BY 2 DESC, 1, k.ord"
            ),
        ),
        DbBackend::MySql => (
            format!(
                "SELECT CAST(column_name AS CHAR), CAST(data_type AS CHAR), \
                 CAST(numeric_scale AS CHAR), CAST(column_type AS CHAR) \
                 FROM information_schema.columns \
                 WHERE table_schema = DATABASE() AND table_name = {t} ORDER BY ordinal_position"
            ),
            format!(
                "SELECT CAST(s.index_name AS CHAR), CASE WHEN s.index_name = 'PRIMARY' THEN '1' ELSE '0' END, \
                 CAST(s.seq_in_index AS CHAR), CAST(s.column_name AS CHAR), \
                 CASE WHEN c.is_nullable = 'NO' THEN '1' ELSE '0' END \
                 FROM information_schema.statistics s JOIN information_schema.columns c \
                 ON c.table_schema = s.table_schema AND c.table_name = s.table_name \
                 AND c.column_name = s.column_name \
                 WHERE s.table_schema = DATABASE() AND s.table_name = {t} AND s.non_unique = 0 \
                 AND s.sub_part IS NULL AND s.column_name IS NOT NULL \
                 ORDER BY 2 DESC, 1, s.seq_in_index"
            ),
        ),
        _ => (
            format!("SELECT name, type, NULL, type FROM pragma_table_info({t}) ORDER BY cid"),
            format!(
                "SELECT '', '1', CAST(pk AS TEXT), name, '1' FROM pragma_table_info({t}) WHERE pk > 0 \
                 UNION ALL \
                 SELECT l.name, '0', CAST(i.seqno + 1 AS TEXT), i.name, \
                 CASE WHEN c.\"notnull\" THEN '1' ELSE '0' END \
                 FROM pragma_index_list({t}) l JOIN pragma_index_info(l.name) i \
                 JOIN pragma_table_info({t}) c ON c.name = i.name \
                 WHERE l.\"unique\" AND l.partial = 0 \
                 ORDER BY 2 DESC, 1, 3"
            ),
        ),
    };
    let columns: Vec<Col> = text_rows(conn, &columns_sql, 4)
        .await?
        .into_iter()
        .map(|r| {
            let text = |i: usize| r.get(i).cloned().flatten().unwrap_or_default();
            let class = match backend {
                DbBackend::Sqlite => sqlite_class(&text(1)),
                _ => server_class(&text(1), text(2).parse().ok(), &text(3)),
            };
            Col {
                name: text(0),
                class,
                zoned: backend == DbBackend::MySql && text(1).eq_ignore_ascii_case("timestamp"),
            }
        })
        .collect();
    if columns.is_empty() {
        return Err(DbErr::Migration(format!(
            "checksum: table {} does not exist",
            autogen_schema::escape::terminal(table)
        )));
    }
    // The first key whose columns are all NOT NULL (the primary key sorts first).
    let mut keys: Vec<(String, Vec<(String, bool)>)> = Vec::new();
    for r in text_rows(conn, &keys_sql, 5).await? {
        let text = |i: usize| r.get(i).cloned().flatten().unwrap_or_default();
        let name = format!("{}{}", text(1), text(0));
        if keys.last().is_none_or(|(n, _)| *n != name) {
            keys.push((name.clone(), Vec::new()));
        }
        if let Some((_, cols)) = keys.last_mut() {
            cols.push((text(3), text(4) == "1"));
        }
    }
    let fallback = fallback_key
        .filter(|k| !k.is_empty() && k.iter().all(|n| columns.iter().any(|c| c.name == *n)))
        .map(|k| k.iter().map(|n| (n.clone(), true)).collect());
    let key = keys
        .into_iter()
        .find(|(_, cols)| cols.iter().all(|(_, not_null)| *not_null))
        .map(|(_, cols)| cols)
        .or(fallback)
        .ok_or_else(|| {
            DbErr::Migration(format!(
                "checksum: table {} has no primary key and no unique key on NOT NULL columns; \
                 checksums chunk and report rows by such a key (as gh-ost and pg-osc require)",
                autogen_schema::escape::terminal(table)
            ))
        })?;
    let key: Vec<Col> = key
        .into_iter()
        .map(|(name, _)| {
            columns
                .iter()
                .find(|c| c.name == name)
                .cloned()
                .unwrap_or(Col {
                    name,
                    class: Class::Text,
                    zoned: false,
                })
        })
        .collect();
    // A float's text does not bound a range exactly; bytes and JSON read back as text
    // compare as text outside PostgreSQL (whose literals take the column's type).
    let unbounded = |c: &&Col| match c.class {
        Class::Float => true,
        Class::Bytes | Class::Json => backend != DbBackend::Postgres,
        _ => false,
    };
    if let Some(bad) = key.iter().find(unbounded) {
        return Err(DbErr::Migration(format!(
            "checksum: table {} is keyed by column {} ({:?}), which cannot bound a key range \
             exactly; checksums need an integer, text, decimal, date or time key",
            autogen_schema::escape::terminal(table),
            autogen_schema::escape::terminal(&bad.name),
            bad.class
        )));
    }
    Ok(TableInfo { columns, key })
}

/// The canonical text of column `c` as a SQL expression (NULL for NULL), on PostgreSQL
/// and MySQL; on SQLite the stored value tagged with its storage class.
fn value_sql(backend: DbBackend, col: &Col) -> String {
    let c = dialect(backend).quote_ident(&col.name);
    match backend {
        DbBackend::Postgres => match col.class {
            Class::Integer | Class::Text => format!("{c}::text"),
            Class::Boolean => format!("CASE {c} WHEN true THEN '1' WHEN false THEN '0' END"),
            Class::Decimal(Some(_)) => format!("{c}::text"),
            Class::Decimal(None) => format!("trim_scale({c})::text"),
            Class::Float => format!(
                "CASE WHEN {c} = 0 THEN '0.000000' WHEN {c} = 'NaN' THEN 'NaN' \
                 WHEN {c} = 'Infinity' THEN 'Infinity' WHEN {c} = '-Infinity' THEN '-Infinity' \
                 ELSE round({c}::numeric, 6)::text END"
            ),
            Class::Bytes => format!("encode({c}, 'hex')"),
            Class::Date => format!("to_char({c}, 'YYYY-MM-DD')"),
            Class::Time => format!("to_char({c}, 'HH24:MI:SS.US')"),
            Class::Timestamp => format!("(extract(epoch from {c}) * 1000000)::bigint::text"),
            Class::Json => format!("{c}::jsonb::text"),
        },
        DbBackend::MySql => {
            let text = match col.class {
                Class::Float => format!(
                    "CASE WHEN {c} = 0 THEN '0.000000' ELSE CAST(CAST({c} AS DECIMAL(65,6)) AS CHAR) END"
                ),
                Class::Bytes => format!("LOWER(HEX({c}))"),
                Class::Date => format!("DATE_FORMAT({c}, '%Y-%m-%d')"),
                Class::Time => format!("TIME_FORMAT({c}, '%H:%i:%s.%f')"),
                // DATETIME is read as UTC; TIMESTAMP is converted from the session's zone.
                Class::Timestamp if col.zoned => {
                    format!("CAST(ROUND(UNIX_TIMESTAMP({c}) * 1000000) AS CHAR)")
                }
                Class::Timestamp => {
                    format!("CAST(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', {c}) AS CHAR)")
                }
                _ => format!("CAST({c} AS CHAR)"),
            };
            format!("CONVERT({text} USING utf8mb4)")
        }
        _ => format!(
            "CASE typeof({c}) WHEN 'null' THEN NULL WHEN 'integer' THEN 'i' || {c} \
             WHEN 'real' THEN 'r' || printf('%.17g', {c}) WHEN 'text' THEN 't' || {c} \
             ELSE 'x' || hex({c}) END"
        ),
    }
}

/// The SQL expressions a row query selects for `columns`: on PostgreSQL and MySQL one
/// expression, the row hash as decimal text; on SQLite one tagged stored value per column.
pub fn row_select(backend: DbBackend, columns: &[Col]) -> Vec<String> {
    let field = |col: &Col| value_sql(backend, col);
    match backend {
        DbBackend::Postgres => {
            let fields: Vec<String> = columns
                .iter()
                .map(|col| {
                    let v = field(col);
                    format!("CASE WHEN {v} IS NULL THEN 'N' ELSE octet_length({v})::text || ':' || {v} END")
                })
                .collect();
            let e = if fields.is_empty() {
                "''".to_string()
            } else {
                fields.join(" || ")
            };
            vec![format!("('x' || substr(md5({e}), 1, 15))::bit(60)::bigint")]
        }
        DbBackend::MySql => {
            let fields: Vec<String> = columns
                .iter()
                .map(|col| {
                    let v = field(col);
                    format!("IF({v} IS NULL, 'N', CONCAT(OCTET_LENGTH({v}), ':', {v}))")
                })
                .collect();
            let e = if fields.is_empty() {
                "''".to_string()
            } else {
                format!("CONCAT({})", fields.join(", "))
            };
            vec![format!(
                "CAST(CONV(SUBSTR(MD5({e}), 1, 15), 16, 10) AS UNSIGNED)"
            )]
        }
        _ => columns.iter().map(field).collect(),
    }
}

/// A key column as text, for boundaries and reports.
pub fn key_text(backend: DbBackend, col: &Col) -> String {
    let c = dialect(backend).quote_ident(&col.name);
    match backend {
        DbBackend::Postgres => format!("{c}::text"),
        DbBackend::MySql => format!("CAST({c} AS CHAR)"),
        _ => format!("CAST({c} AS TEXT)"),
    }
}

/// `(k1, k2) > ('a', 'b')`-style comparison of the key with a boundary.
pub fn key_compare(backend: DbBackend, key: &[Col], op: &str, values: &[String]) -> String {
    let d = dialect(backend);
    let cols: Vec<String> = key.iter().map(|c| d.quote_ident(&c.name)).collect();
    let vals: Vec<String> = values.iter().map(|v| literal(backend, v)).collect();
    if cols.len() == 1 {
        format!("{} {op} {}", cols[0], vals[0])
    } else {
        format!("({}) {op} ({})", cols.join(", "), vals.join(", "))
    }
}
