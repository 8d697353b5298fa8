//! SQLite: type spelling and parsing, lowering, and DDL.
//!
//! SQLite keeps a column's declared type as written and gives it only an affinity, so the
//! spelling is what carries the logical type. Where sea-query 1.0 has a SQLite spelling
//! (`uuid_text`, `json_text`, `timestamp_text`, …) it is the one written, so that databases
//! created by SeaORM and by autogen look alike; [`parse_type`] also reads the plain
//! spellings people write by hand. The rules are documented in `docs/dialects/sqlite.md`.

use crate::ir::{
    Column, ColumnType, DefaultValue, ForeignKey, Identity, Index, IndexMethod, Schema, Table,
};
use crate::order::creation_order;
use crate::sql_text::{quote_literal, split_top_level_commas, strip_outer_parens};

use super::Dialect;

const D: Dialect = Dialect::Sqlite;

/// How SQLite spells a type. Types that [`lower`] replaces are spelled as their
/// replacement (`bigint` → `integer`, enums → `text`, arrays → `json_text`, …).
pub fn type_sql(ty: &ColumnType) -> String {
    use ColumnType as T;
    match ty {
        T::TinyInt => "tinyint".into(),
        T::SmallInt => "smallint".into(),
        // sea-query spells i32 and i64 alike: every SQLite integer is 64-bit.
        T::Integer | T::BigInt => "integer".into(),
        T::Decimal {
            precision: Some(p),
            scale: Some(s),
        } => format!("decimal({p},{s})"),
        T::Decimal {
            precision: Some(p),
            scale: None,
        } => format!("decimal({p})"),
        T::Decimal { .. } => "decimal".into(),
        T::Real => "real".into(),
        T::Double => "double".into(),
        T::Varchar { length: Some(n) } => format!("varchar({n})"),
        T::Varchar { length: None } => "varchar".into(),
        T::Char { length: Some(n) } => format!("char({n})"),
        T::Char { length: None } => "char".into(),
        T::Text | T::Interval | T::Enum { .. } | T::InlineEnum { .. } => "text".into(),
        T::Boolean => "boolean".into(),
        T::Date => "date_text".into(),
        T::Time { tz: false, .. } => "time_text".into(),
        T::Time { tz: true, .. } => "time_with_timezone_text".into(),
        T::Timestamp { tz: false, .. } => "timestamp_text".into(),
        T::Timestamp { tz: true, .. } => "timestamp_with_timezone_text".into(),
        T::Uuid => "uuid_text".into(),
        T::Json | T::Array { .. } => "json_text".into(),
        T::Jsonb => "jsonb_text".into(),
        T::Blob | T::Binary { .. } | T::VarBinary { .. } => "blob".into(),
        T::Custom { raw } => raw.clone(),
    }
}

/// Parses a declared SQLite type (as `pragma_table_xinfo` shows it) into a logical type.
///
/// Reads sea-query's spellings (`uuid_text`, `real(10, 2)`, `datetime_text`, `enum_text`,
/// `blob(16)`, …) and the plain ones (`uuid`, `json`, `numeric(10,2)`, `datetime`,
/// `timestamp`, `bool`, …). The result is already lowered: precision is dropped and
/// `bigint` is `integer`. Anything else becomes [`ColumnType::Custom`], lower case.
pub fn parse_type(declared: &str) -> ColumnType {
    use ColumnType as T;
    let s = declared
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    let (base, args) = split_args(&s);
    let first = args.first().copied();
    let decimal = || T::Decimal {
        precision: first,
        scale: args.get(1).copied(),
    };
    match base.as_str() {
        // The unsigned spellings are MySQL's, which a SeaORM `u8`…`u64` means there;
        // sea-query writes the signed type here.
        "tinyint" | "int1" | "tinyint unsigned" => T::TinyInt,
        "smallint" | "int2" | "smallint unsigned" => T::SmallInt,
        "integer" | "int" | "int4" | "mediumint" | "bigint" | "int8" | "unsigned big int"
        | "int unsigned" | "integer unsigned" | "bigint unsigned" => T::Integer,
        "decimal" | "numeric" | "real_decimal" | "money" | "real_money" => decimal(),
        // sea-query writes a decimal(p, s) as `real(p, s)`.
        "real" if args.len() == 2 => decimal(),
        "real" | "float" | "float4" => T::Real,
        "double" | "double precision" | "float8" => T::Double,
        "varchar" | "character varying" | "varying character" | "nvarchar" => {
            T::Varchar { length: first }
        }
        "char" | "character" | "nchar" | "native character" => T::Char { length: first },
        "text" | "clob" | "enum_text" | "interval" => T::Text,
        "boolean" | "bool" => T::Boolean,
        "date" | "date_text" => T::Date,
        "time" | "time_text" | "time without time zone" => T::Time {
            precision: None,
            tz: false,
        },
        "timetz" | "time_with_timezone_text" | "time with time zone" => T::Time {
            precision: None,
            tz: true,
        },
        "timestamp"
        | "datetime"
        | "timestamp_text"
        | "datetime_text"
        | "timestamp without time zone" => T::Timestamp {
            precision: None,
            tz: false,
        },
        "timestamptz" | "timestamp_with_timezone_text" | "timestamp with time zone" => {
            T::Timestamp {
                precision: None,
                tz: true,
            }
        }
        "uuid" | "uuid_text" => T::Uuid,
        "json" | "json_text" => T::Json,
        "jsonb" | "jsonb_text" => T::Jsonb,
        "blob" | "bytea" | "binary" | "varbinary" | "varbinary_blob" => T::Blob,
        _ => T::Custom { raw: s },
    }
}

/// Splits `decimal(10, 2)` into (`decimal`, [10, 2]); text without numeric arguments is
/// returned whole.
fn split_args(s: &str) -> (String, Vec<u32>) {
    let (Some(open), Some(close)) = (s.find('('), s.rfind(')')) else {
        return (s.to_string(), Vec::new());
    };
    if close < open || !s[close + 1..].trim().is_empty() {
        return (s.to_string(), Vec::new());
    }
    let args: Option<Vec<u32>> = split_top_level_commas(&s[open + 1..close])
        .into_iter()
        .map(|a| a.trim().parse().ok())
        .collect();
    match args {
        Some(args) if !args.is_empty() => (s[..open].trim().to_string(), args),
        _ => (s.to_string(), Vec::new()),
    }
}

/// Maps a schema to what SQLite can hold. Each rule, and why:
///
/// - `bigint` → `integer`: SQLite integers are all 64-bit and sea-query spells both
///   `integer`, so a SeaORM database cannot tell them apart.
/// - time and timestamp precision is dropped: values are text, there is nothing to limit.
/// - named and inline enums → `text`, and `schema.enums` is emptied: there are no enum
///   types (SeaORM writes `enum_text`, which reads back as text).
/// - arrays → `json_text`; `interval` → `text`; `binary(n)`/`varbinary(n)` → `blob`.
/// - serial, identity and auto-increment become `AUTOINCREMENT` on a sole-column integer
///   primary key (its type becomes `integer`, NOT NULL, no default), the only place SQLite
///   allows it; elsewhere the identity is dropped.
/// - comments are dropped: SQLite has none.
/// - hash indexes become b-tree; other methods (GIN, GiST, BRIN, full text…) have no
///   SQLite counterpart and the index is dropped.
/// - defaults: PostgreSQL's UUID functions (`uuid_generate_v4()`, `gen_random_uuid()`,
///   `uuidv7()`) are dropped, `now()` and `CURRENT_TIMESTAMP(p)` become
///   `CURRENT_TIMESTAMP`, and expressions lose their outer parentheses (see
///   [`canonical_default`]).
/// - custom types are re-read with [`parse_type`], so `Custom("uuid")` is `uuid`.
pub fn lower(schema: &mut Schema) {
    schema.enums.clear();
    for table in schema.tables.values_mut() {
        table.comment = None;
        let sole_pk = table
            .primary_key
            .as_ref()
            .filter(|pk| pk.columns.len() == 1)
            .map(|pk| pk.columns[0].clone());
        for column in &mut table.columns {
            column.comment = None;
            // MySQL's `ON UPDATE`: SQLite has no such clause (a trigger would be needed).
            column.on_update = None;
            column.ty = lower_type(&column.ty);
            if column.identity.is_some() {
                column.default = None;
                if sole_pk.as_deref() == Some(column.name.as_str()) && column.ty.is_integer() {
                    column.ty = ColumnType::Integer;
                    column.identity = Some(Identity::AutoIncrement);
                    column.nullable = false;
                } else {
                    column.identity = None;
                }
            }
            column.default = column.default.take().and_then(canonical_default);
            // A spelling of another type (the column's type changed) no longer applies.
            if column
                .spelling
                .as_ref()
                .is_some_and(|s| parse_type(&s.ty) != column.ty)
            {
                column.spelling = None;
            }
        }
        // SQLite's RENAME COLUMN rewrites expressions with quotes: `"m1" >= 0`.
        D.canonical_expressions(table, true);
        table.indexes.retain_mut(|index| match index.method {
            IndexMethod::Btree => true,
            IndexMethod::Hash => {
                index.method = IndexMethod::Btree;
                true
            }
            _ => false,
        });
    }
}

fn lower_type(ty: &ColumnType) -> ColumnType {
    use ColumnType as T;
    match ty {
        T::BigInt => T::Integer,
        T::Time { tz, .. } => T::Time {
            precision: None,
            tz: *tz,
        },
        T::Timestamp { tz, .. } => T::Timestamp {
            precision: None,
            tz: *tz,
        },
        T::Enum { .. } | T::InlineEnum { .. } | T::Interval => T::Text,
        T::Array { .. } => T::Json,
        T::Binary { .. } | T::VarBinary { .. } => T::Blob,
        T::Custom { raw } => parse_type(raw),
        other => other.clone(),
    }
}

/// PostgreSQL functions that generate UUIDs; SQLite has no counterpart.
const POSTGRES_UUID_FUNCTIONS: [&str; 5] = [
    "uuid_generate_v4",
    "uuid_generate_v1",
    "gen_random_uuid",
    "uuidv7",
    "uuidv4",
];

/// A default in the one form SQLite reflection produces, or `None` when SQLite cannot
/// hold it. Reflection and [`lower`] both use it, so they agree.
///
/// Expressions are re-read with [`DefaultValue::parse_sql`] (a model may spell a literal
/// as an expression) and keep no outer parentheses: SQLite requires them around an
/// expression default and [`default_sql`] adds them back.
pub fn canonical_default(default: DefaultValue) -> Option<DefaultValue> {
    use DefaultValue as V;
    match default {
        V::Null => None,
        V::Function(f) if POSTGRES_UUID_FUNCTIONS.contains(&f.as_str()) => None,
        V::Function(f) if f == "now" => Some(V::CurrentTimestamp { precision: None }),
        V::CurrentTimestamp { .. } => Some(V::CurrentTimestamp { precision: None }),
        V::Expression(e) => match V::parse_sql(&e) {
            V::Expression(e) if e.contains("nextval(") => None,
            V::Expression(e) => Some(V::Expression(strip_outer_parens(&e).to_string())),
            other => canonical_default(other),
        },
        other => Some(other),
    }
}

/// A default as SQLite SQL: literals as they are, functions and expressions in
/// parentheses (SQLite requires them there).
pub fn default_sql(default: &DefaultValue) -> String {
    match default {
        DefaultValue::String(s) => quote_literal(s),
        DefaultValue::Number(n) => n.clone(),
        DefaultValue::Bool(true) => "TRUE".into(),
        DefaultValue::Bool(false) => "FALSE".into(),
        DefaultValue::Null => "NULL".into(),
        DefaultValue::CurrentTimestamp { .. } => "CURRENT_TIMESTAMP".into(),
        DefaultValue::CurrentDate => "CURRENT_DATE".into(),
        DefaultValue::CurrentTime => "CURRENT_TIME".into(),
        DefaultValue::Function(f) => format!("({f}())"),
        DefaultValue::Expression(e) => format!("({})", strip_outer_parens(e)),
    }
}

/// A column definition. With `autoincrement_pk`, the column carries the table's primary
/// key inline (`[CONSTRAINT n] PRIMARY KEY AUTOINCREMENT`), the only way SQLite takes it.
pub fn column_sql(column: &Column, autoincrement_pk: Option<Option<&str>>) -> String {
    column_sql_in(column, autoincrement_pk, false)
}

/// The type a column is written with: its spelling (the declared type it was read with)
/// while that still reads as its logical type, else [`type_sql`].
pub fn written_type(column: &Column) -> String {
    match &column.spelling {
        Some(s) if parse_type(&s.ty) == lower_type(&column.ty) => s.ty.clone(),
        _ => type_sql(&column.ty),
    }
}

/// [`column_sql`]; `rowid_alias` says the column is the table's rowid alias (the sole
/// primary-key column, declared `INTEGER`), whose NOT NULL is implied and, when the
/// column was read without it, not written.
fn column_sql_in(
    column: &Column,
    autoincrement_pk: Option<Option<&str>>,
    rowid_alias: bool,
) -> String {
    let mut sql = D.quote_ident(&column.name);
    let ty = written_type(column);
    if !ty.is_empty() {
        sql.push(' ');
        sql.push_str(&ty);
    }
    if let Some(c) = &column.collation {
        sql.push_str(&format!(" COLLATE {}", D.collation_name(c)));
    }
    let implied = rowid_alias && column.spelling.as_ref().is_some_and(|s| s.implied_not_null);
    if !column.nullable && !implied {
        sql.push_str(" NOT NULL");
    }
    if let Some(name) = autoincrement_pk {
        if let Some(name) = name {
            sql.push_str(&format!(" CONSTRAINT {}", D.quote_ident(name)));
        }
        sql.push_str(" PRIMARY KEY AUTOINCREMENT");
    }
    if let Some(g) = &column.generated {
        sql.push_str(&format!(
            " GENERATED ALWAYS AS ({}) {}",
            strip_outer_parens(&g.expression),
            if g.stored { "STORED" } else { "VIRTUAL" }
        ));
    } else if let Some(d) = &column.default {
        sql.push_str(" DEFAULT ");
        sql.push_str(&written_default(column, d));
    }
    sql
}

/// A default as written: its spelling (the text it was read with, `0` for a boolean
/// `FALSE`) while that still reads as the same literal, else [`default_sql`].
fn written_default(column: &Column, default: &DefaultValue) -> String {
    if let Some(text) = column.spelling.as_ref().and_then(|s| s.default.as_ref()) {
        let read = canonical_default(DefaultValue::parse_sql(text))
            .and_then(|d| crate::normalize::normalize_default(d, &column.ty));
        // SQLite reports an expression default without the parentheses it requires:
        // only a literal is written as reported.
        let literal = !matches!(
            default,
            DefaultValue::Expression(_) | DefaultValue::Function(_)
        );
        if literal && read.as_ref() == Some(default) {
            return text.clone();
        }
    }
    default_sql(default)
}

/// `CONSTRAINT name FOREIGN KEY (…) REFERENCES t (…) ON DELETE … ON UPDATE …`.
pub fn foreign_key_sql(fk: &ForeignKey) -> String {
    D.foreign_key_sql(fk)
}

/// `CREATE [UNIQUE] INDEX name ON table (parts) [WHERE p]`; SQLite has one method.
pub fn create_index_sql(table: &str, index: &Index) -> String {
    let parts = D.index_parts_sql(&index.parts);
    let mut sql = format!(
        "CREATE {}INDEX {} ON {} ({})",
        if index.unique { "UNIQUE " } else { "" },
        D.quote_ident(&index.name),
        D.quote_ident(table),
        parts
    );
    if let Some(p) = &index.predicate {
        sql.push_str(&format!(" WHERE {p}"));
    }
    sql
}

/// The column that holds the table's primary key inline as `AUTOINCREMENT`, if any.
fn autoincrement_column(table: &Table) -> Option<&str> {
    let pk = table.primary_key.as_ref()?;
    let [only] = pk.columns.as_slice() else {
        return None;
    };
    table
        .column(only)
        .filter(|c| c.identity == Some(Identity::AutoIncrement))
        .map(|c| c.name.as_str())
}

/// `CREATE TABLE` with everything inline: columns, primary key, uniques, checks and all
/// foreign keys (SQLite accepts references to tables created later).
pub fn create_table_sql(table: &Table) -> String {
    let auto = autoincrement_column(table);
    let pk_name = table.primary_key.as_ref().and_then(|pk| pk.name.as_deref());
    let sole_pk = table
        .primary_key
        .as_ref()
        .and_then(|pk| match pk.columns.as_slice() {
            [only] => Some(only.as_str()),
            _ => None,
        });
    let mut items: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            let rowid_alias =
                sole_pk == Some(c.name.as_str()) && written_type(c).eq_ignore_ascii_case("integer");
            column_sql_in(
                c,
                (auto == Some(c.name.as_str())).then_some(pk_name),
                rowid_alias,
            )
        })
        .collect();
    if let Some(pk) = table.primary_key.as_ref().filter(|_| auto.is_none()) {
        let name = pk
            .name
            .as_ref()
            .map(|n| format!("CONSTRAINT {} ", D.quote_ident(n)))
            .unwrap_or_default();
        items.push(format!("{name}PRIMARY KEY ({})", D.quote_list(&pk.columns)));
    }
    for u in &table.uniques {
        items.push(format!(
            "CONSTRAINT {} UNIQUE ({})",
            D.quote_ident(&u.name),
            D.quote_list(&u.columns)
        ));
    }
    for c in &table.checks {
        items.push(format!(
            "CONSTRAINT {} CHECK ({})",
            D.quote_ident(&c.name),
            c.expression
        ));
    }
    for fk in &table.foreign_keys {
        items.push(foreign_key_sql(fk));
    }
    let mut options = Vec::new();
    if table.options.strict {
        options.push(" STRICT");
    }
    if table.options.without_rowid {
        options.push(" WITHOUT ROWID");
    }
    format!(
        "CREATE TABLE {} (\n  {}\n){}",
        D.quote_ident(&table.name),
        items.join(",\n  "),
        options.join(",")
    )
}

/// Statements creating a lowered schema; see [`Dialect::create_statements`]. Tables come
/// in dependency order for readability, but no foreign key is deferred: SQLite checks
/// references when rows change, not when tables are created.
pub fn create_statements(schema: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    for table in creation_order(schema).tables {
        out.push(create_table_sql(table));
        for index in &table.indexes {
            out.push(create_index_sql(&table.name, index));
        }
    }
    out
}

#[cfg(test)]
mod tests;
