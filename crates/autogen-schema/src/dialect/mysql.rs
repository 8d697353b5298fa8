//! MySQL and MariaDB: type spelling and parsing, lowering, and DDL.
//!
//! The rules are documented in `docs/dialects/mysql.md`; keep the two in step.

use std::collections::BTreeMap;

use crate::ir::{
    Column, ColumnType, DefaultValue, FkAction, ForeignKey, Identity, Index, IndexMethod,
    IndexTarget, Schema, Table, UniqueConstraint,
};
use crate::order::creation_order;
use crate::sql_text::{split_top_level_commas, strip_outer_parens, unquote_identifiers};

use super::Dialect;

const D: Dialect = Dialect::Mysql;

/// How MySQL spells a (lowered) type, as `information_schema.COLUMNS.COLUMN_TYPE` prints
/// it, less the integer display widths that MariaDB adds and MySQL 8 no longer prints.
///
/// Types that [`lower`] replaces get the spelling of their replacement, so that an
/// unlowered schema still renders to valid SQL.
pub fn type_sql(ty: &ColumnType) -> String {
    use ColumnType as T;
    match ty {
        T::TinyInt => "tinyint".into(),
        T::SmallInt => "smallint".into(),
        T::Integer => "int".into(),
        T::BigInt => "bigint".into(),
        T::Decimal {
            precision: Some(p),
            scale: Some(s),
        } => format!("decimal({p},{s})"),
        T::Decimal {
            precision: Some(p),
            scale: None,
        } => format!("decimal({p})"),
        T::Decimal { .. } => "decimal".into(),
        T::Real => "float".into(),
        T::Double => "double".into(),
        T::Varchar { length: Some(n) } => format!("varchar({n})"),
        T::Varchar { length: None } | T::Text | T::Interval | T::Enum { .. } => "text".into(),
        T::Char { length: Some(n) } => format!("char({n})"),
        T::Char { length: None } => "char".into(),
        T::Boolean => "tinyint(1)".into(),
        T::Date => "date".into(),
        T::Time { precision, .. } => with_precision("time", *precision),
        T::Timestamp {
            precision,
            tz: false,
        } => with_precision("datetime", *precision),
        T::Timestamp {
            precision,
            tz: true,
        } => with_precision("timestamp", *precision),
        T::Uuid => "char(36)".into(),
        T::Json | T::Jsonb | T::Array { .. } => "json".into(),
        T::Blob => "blob".into(),
        T::Binary { length: Some(n) } => format!("binary({n})"),
        T::Binary { length: None } => "binary".into(),
        T::VarBinary { length } => format!("varbinary({length})"),
        T::InlineEnum { values } => {
            let values: Vec<String> = values.iter().map(|v| quote_string(v)).collect();
            format!("enum({})", values.join(","))
        }
        T::Custom { raw } => raw.clone(),
    }
}

fn with_precision(base: &str, precision: Option<u32>) -> String {
    match precision {
        Some(p) => format!("{base}({p})"),
        None => base.to_string(),
    }
}

/// Parses `information_schema.COLUMNS.COLUMN_TYPE` (`varchar(255)`, `tinyint(1)`,
/// `int(11) unsigned`, `enum('a','b')`, `datetime(3)`) into a logical type.
///
/// What has no logical name becomes [`ColumnType::Custom`] in lower case, with integer
/// display widths removed (`int(10) unsigned` → `int unsigned`) because MySQL 8 does not
/// print them and MariaDB does. MariaDB's own `uuid` type stays `Custom("uuid")`: the
/// logical [`ColumnType::Uuid`] is lowered to `char(36)`.
pub fn parse_type(column_type: &str) -> ColumnType {
    use ColumnType as T;
    let original = column_type.trim();
    let lower = original.to_ascii_lowercase();
    // Enum and set values keep their case; everything else is case-insensitive.
    if lower.starts_with("enum(") && original.ends_with(')') {
        let inner = &original["enum(".len()..original.len() - 1];
        let values: Option<Vec<String>> = split_top_level_commas(inner)
            .into_iter()
            .map(parse_string_literal)
            .collect();
        if let Some(values) = values {
            return T::InlineEnum { values };
        }
        return T::Custom {
            raw: original.to_string(),
        };
    }
    if lower.starts_with("set(") {
        return T::Custom {
            raw: format!("set{}", &original["set".len()..]),
        };
    }
    let (base, args, modifiers) = split_type(&lower);
    let first = args.first().copied();
    let is_int = matches!(
        base,
        "tinyint" | "smallint" | "mediumint" | "int" | "integer" | "bigint"
    );
    if is_int && !modifiers.is_empty() {
        // `int(10) unsigned` → `int unsigned`; zerofill keeps its width, which it uses.
        let base = if base == "integer" { "int" } else { base };
        return if modifiers.contains("zerofill") {
            T::Custom { raw: lower }
        } else {
            T::Custom {
                raw: format!("{base} {modifiers}"),
            }
        };
    }
    if !modifiers.is_empty() {
        return T::Custom { raw: lower };
    }
    match (base, args.len()) {
        ("tinyint", _) if first == Some(1) => T::Boolean,
        ("bool" | "boolean", 0) => T::Boolean,
        ("tinyint", _) => T::TinyInt,
        ("smallint", _) => T::SmallInt,
        ("int" | "integer", _) => T::Integer,
        ("bigint", _) => T::BigInt,
        ("mediumint", _) => T::custom("mediumint"),
        ("year", _) => T::custom("year"),
        ("decimal" | "numeric" | "dec" | "fixed", 0..=2) => T::Decimal {
            precision: first,
            scale: args.get(1).copied(),
        },
        ("float", 0) => T::Real,
        ("double" | "real" | "double precision", 0) => T::Double,
        ("varchar", 1) => T::Varchar { length: first },
        ("char", 0..=1) => T::Char { length: first },
        ("text", 0) => T::Text,
        ("date", 0) => T::Date,
        ("time", 0..=1) => T::Time {
            precision: first,
            tz: false,
        },
        ("datetime", 0..=1) => T::Timestamp {
            precision: first,
            tz: false,
        },
        ("timestamp", 0..=1) => T::Timestamp {
            precision: first,
            tz: true,
        },
        ("json", 0) => T::Json,
        ("blob", 0) => T::Blob,
        ("binary", 0..=1) => T::Binary { length: first },
        ("varbinary", 1) => T::VarBinary {
            length: first.unwrap_or_default(),
        },
        _ => T::Custom { raw: lower },
    }
}

/// Splits `int(10) unsigned zerofill` into (`int`, [10], `unsigned zerofill`). Arguments
/// that are not all numbers (none are, outside enum and set) leave the text whole.
fn split_type(s: &str) -> (&str, Vec<u32>, String) {
    let parens = match (s.find('('), s.rfind(')')) {
        (Some(open), Some(close)) if close > open => Some((open, close)),
        _ => None,
    };
    let Some((open, close)) = parens else {
        // `double precision` is one name; `int unsigned` is a name and a modifier.
        return match s.split_once(' ') {
            Some((base, mods)) if base != "double" => (base, Vec::new(), mods.trim().into()),
            _ => (s, Vec::new(), String::new()),
        };
    };
    let args: Option<Vec<u32>> = s[open + 1..close]
        .split(',')
        .map(|a| a.trim().parse().ok())
        .collect();
    match args {
        Some(args) => (s[..open].trim(), args, collapse_words(&s[close + 1..])),
        _ => (s, Vec::new(), String::new()),
    }
}

fn collapse_words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// PostgreSQL functions that generate ids; MySQL has none of them, and a `char(36)` id
/// filled by the application is what the MySQL branches of real projects (Dify) hold.
const POSTGRES_ID_FUNCTIONS: [&str; 4] = [
    "uuid_generate_v4",
    "gen_random_uuid",
    "uuidv7",
    "uuid_generate_v7",
];

/// Maps what MySQL cannot hold to what it holds instead (see `docs/dialects/mysql.md`):
///
/// - types: `uuid` → `char(36)`, `jsonb` and arrays → `json`, named enums → inline
///   `ENUM(…)` (and [`Schema::enums`] is emptied), `interval` → `text`, `varchar` without
///   length → `text`, `char` → `char(1)`, `binary` → `binary(1)`, `decimal` →
///   `decimal(10,0)`, precision 0 on time types dropped, `time with time zone` → `time`,
///   custom spellings parsed as MySQL prints them;
/// - serial and identity columns → `AUTO_INCREMENT`; primary key columns NOT NULL;
/// - `RESTRICT` → `NO ACTION` (MySQL treats them alike and reports `RESTRICT` for both);
/// - the primary key loses its name (MySQL calls every one `PRIMARY`);
/// - GIN, GiST, BRIN and SP-GiST indexes and partial indexes are dropped (MySQL has no
///   such thing), hash → b-tree, unique b-tree indexes on plain columns → unique
///   constraints (MySQL cannot tell the two apart);
/// - PostgreSQL id-generating defaults dropped, `CURRENT_TIMESTAMP(0)` →
///   `CURRENT_TIMESTAMP`;
/// - an index named after a foreign key on exactly its columns is dropped: MySQL creates
///   that index by itself, so models that do not declare it compare equal.
pub fn lower(schema: &mut Schema) {
    let enums: BTreeMap<String, Vec<String>> = std::mem::take(&mut schema.enums)
        .into_iter()
        .map(|(name, e)| (name, e.values))
        .collect();
    for table in schema.tables.values_mut() {
        lower_table(table, &enums);
    }
}

fn lower_table(table: &mut Table, enums: &BTreeMap<String, Vec<String>>) {
    let pk_columns: Vec<String> = table
        .primary_key
        .as_ref()
        .map(|pk| pk.columns.clone())
        .unwrap_or_default();
    if let Some(pk) = &mut table.primary_key {
        pk.name = None;
    }
    for column in &mut table.columns {
        lower_column(column, enums);
        if pk_columns.contains(&column.name) {
            column.nullable = false;
        }
    }
    for fk in &mut table.foreign_keys {
        fk.on_delete = lower_action(fk.on_delete);
        fk.on_update = lower_action(fk.on_update);
    }
    for check in &mut table.checks {
        // MariaDB prints `` `c` >= 0 ``; models write `c >= 0`.
        check.expression = unquote_identifiers(&check.expression, '`');
    }
    let mut indexes = Vec::new();
    for mut index in std::mem::take(&mut table.indexes) {
        if index.predicate.is_some()
            || matches!(
                index.method,
                IndexMethod::Gin | IndexMethod::Gist | IndexMethod::Brin | IndexMethod::Spgist
            )
        {
            continue;
        }
        if index.method == IndexMethod::Hash {
            index.method = IndexMethod::Btree;
        }
        if matches!(index.method, IndexMethod::Fulltext | IndexMethod::Spatial) {
            // These key parts have no order.
            for part in &mut index.parts {
                part.descending = false;
            }
        }
        if let Some(columns) = unique_constraint_columns(&index) {
            table.uniques.push(UniqueConstraint {
                name: index.name,
                columns,
            });
            continue;
        }
        if table
            .foreign_keys
            .iter()
            .any(|fk| is_implicit_fk_index(&index, fk))
        {
            continue;
        }
        indexes.push(index);
    }
    table.indexes = indexes;
}

fn lower_column(column: &mut Column, enums: &BTreeMap<String, Vec<String>>) {
    column.ty = lower_type(&column.ty, enums);
    if column.identity.is_some() {
        column.identity = Some(Identity::AutoIncrement);
        // A serial's `nextval(…)` default has no meaning next to AUTO_INCREMENT.
        column.default = None;
    }
    column.default = match column.default.take() {
        Some(DefaultValue::Function(f)) if POSTGRES_ID_FUNCTIONS.contains(&f.as_str()) => None,
        Some(DefaultValue::CurrentTimestamp { precision: Some(0) }) => {
            Some(DefaultValue::CurrentTimestamp { precision: None })
        }
        other => other,
    };
}

fn lower_type(ty: &ColumnType, enums: &BTreeMap<String, Vec<String>>) -> ColumnType {
    use ColumnType as T;
    let drop_zero = |p: &Option<u32>| p.filter(|p| *p != 0);
    match ty {
        T::Uuid => T::Char { length: Some(36) },
        T::Jsonb | T::Array { .. } => T::Json,
        // An enum whose values are unknown cannot be an inline ENUM, which needs values.
        T::Enum { name } => match enums.get(name) {
            Some(values) if !values.is_empty() => T::InlineEnum {
                values: values.clone(),
            },
            _ => T::Text,
        },
        T::Interval | T::Varchar { length: None } => T::Text,
        T::Char { length: None } => T::Char { length: Some(1) },
        T::Binary { length: None } => T::Binary { length: Some(1) },
        T::Decimal {
            precision: None,
            scale,
        } => T::Decimal {
            precision: Some(10),
            scale: Some(scale.unwrap_or(0)),
        },
        T::Decimal {
            precision: Some(p),
            scale: None,
        } => T::Decimal {
            precision: Some(*p),
            scale: Some(0),
        },
        T::Time { precision, .. } => T::Time {
            precision: drop_zero(precision),
            tz: false,
        },
        T::Timestamp { precision, tz } => T::Timestamp {
            precision: drop_zero(precision),
            tz: *tz,
        },
        T::Custom { raw } => match parse_type(raw) {
            // A custom spelling that names a logical type becomes that type, lowered.
            T::Custom { raw } => T::Custom { raw },
            parsed => lower_type(&parsed, enums),
        },
        other => other.clone(),
    }
}

fn lower_action(action: FkAction) -> FkAction {
    match action {
        FkAction::Restrict => FkAction::NoAction,
        other => other,
    }
}

/// The columns of a unique index that MySQL would also report for a unique constraint:
/// b-tree, ascending plain columns, no predicate.
pub fn unique_constraint_columns(index: &Index) -> Option<Vec<String>> {
    if !index.unique || index.method != IndexMethod::Btree || index.predicate.is_some() {
        return None;
    }
    index
        .parts
        .iter()
        .map(|p| match &p.target {
            IndexTarget::Column(c) if !p.descending => Some(c.clone()),
            _ => None,
        })
        .collect()
}

/// Whether `index` is the one MySQL creates by itself for `fk`: named after it, a plain
/// non-unique b-tree index on exactly its columns.
pub fn is_implicit_fk_index(index: &Index, fk: &ForeignKey) -> bool {
    index.name == fk.name
        && !index.unique
        && index.method == IndexMethod::Btree
        && index.predicate.is_none()
        && index.parts.len() == fk.columns.len()
        && index.parts.iter().zip(&fk.columns).all(|(p, c)| {
            !p.descending && matches!(&p.target, IndexTarget::Column(name) if name == c)
        })
}

/// A string literal as MySQL reads it: quotes doubled and backslashes escaped (MySQL
/// treats a backslash in a literal as an escape unless `NO_BACKSLASH_ESCAPES` is set).
pub fn quote_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{1a}' => out.push_str("\\Z"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Reads one MySQL string literal as the catalog prints it (`'it''s \\ ok'`, `'a\nb'`)
/// into its value. `None` unless the whole text is one literal.
pub fn parse_string_literal(s: &str) -> Option<String> {
    let body = s.trim().strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                // Inside the body a quote must be doubled; a lone one means two literals.
                if chars.next() != Some('\'') {
                    return None;
                }
                out.push('\'');
            }
            '\\' => match chars.next()? {
                '0' => out.push('\0'),
                'b' => out.push('\u{8}'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'Z' => out.push('\u{1a}'),
                // `\%` and `\_` keep their backslash (they are LIKE escapes).
                c @ ('%' | '_') => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            },
            c => out.push(c),
        }
    }
    Some(out)
}

/// A default as MySQL SQL. Literals are written bare; functions and expressions in
/// parentheses, which MySQL 8 requires and MariaDB accepts (`CURRENT_TIMESTAMP` is the
/// one function both take bare).
pub fn default_sql(default: &DefaultValue) -> String {
    match default {
        DefaultValue::String(s) => quote_string(s),
        DefaultValue::Number(n) => n.clone(),
        DefaultValue::Bool(b) => if *b { "1" } else { "0" }.into(),
        DefaultValue::Null => "NULL".into(),
        DefaultValue::CurrentTimestamp { precision: None } => "CURRENT_TIMESTAMP".into(),
        DefaultValue::CurrentTimestamp { precision: Some(p) } => format!("CURRENT_TIMESTAMP({p})"),
        DefaultValue::CurrentDate => "(CURRENT_DATE)".into(),
        DefaultValue::CurrentTime => "(CURRENT_TIME)".into(),
        DefaultValue::Function(f) => format!("({f}())"),
        DefaultValue::Expression(e) => format!("({})", strip_outer_parens(e)),
    }
}

/// A column definition as it appears in `CREATE TABLE` or `ADD COLUMN`.
pub fn column_sql(column: &Column) -> String {
    let mut sql = format!("{} {}", D.quote_ident(&column.name), type_sql(&column.ty));
    // NULL is written out: without it MariaDB's `timestamp` may become NOT NULL.
    sql.push_str(if column.nullable {
        " NULL"
    } else {
        " NOT NULL"
    });
    if let Some(d) = &column.default {
        sql.push_str(" DEFAULT ");
        sql.push_str(&default_sql(d));
    }
    if column.identity.is_some() {
        sql.push_str(" AUTO_INCREMENT");
    }
    if let Some(c) = &column.comment {
        sql.push_str(" COMMENT ");
        sql.push_str(&quote_string(c));
    }
    sql
}

/// `CONSTRAINT name FOREIGN KEY (…) REFERENCES t (…) ON DELETE … ON UPDATE …`.
pub fn foreign_key_sql(fk: &ForeignKey) -> String {
    D.foreign_key_sql(fk)
}

/// The key parts of an index: `` `a` DESC, `b`(10), ((expr)) ``.
fn index_parts_sql(index: &Index) -> String {
    let parts: Vec<String> = index
        .parts
        .iter()
        .map(|p| {
            let target = match &p.target {
                IndexTarget::Column(c) => D.quote_ident(c),
                // A prefix part (`` `col`(10) ``) is written as is; see the reflection.
                IndexTarget::Expression(e) if is_prefix_part(e) => e.clone(),
                IndexTarget::Expression(e) => format!("({e})"),
            };
            if p.descending {
                format!("{target} DESC")
            } else {
                target
            }
        })
        .collect();
    parts.join(", ")
}

/// Whether an index expression is a column prefix, `` `col`(10) ``, the form reflection
/// gives key parts with a `SUB_PART`.
pub fn is_prefix_part(expression: &str) -> bool {
    let Some(rest) = expression.strip_prefix('`') else {
        return false;
    };
    let Some(close) = rest.rfind("`(") else {
        return false;
    };
    rest[close + 2..]
        .strip_suffix(')')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// An index as a `CREATE TABLE` item: `KEY`, `UNIQUE KEY`, `FULLTEXT KEY`, `SPATIAL KEY`.
pub fn index_item_sql(index: &Index) -> String {
    let kind = match index.method {
        IndexMethod::Fulltext => "FULLTEXT KEY",
        IndexMethod::Spatial => "SPATIAL KEY",
        _ if index.unique => "UNIQUE KEY",
        _ => "KEY",
    };
    format!(
        "{kind} {} ({})",
        D.quote_ident(&index.name),
        index_parts_sql(index)
    )
}

/// `CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name ON table (parts)`.
pub fn create_index_sql(table: &str, index: &Index) -> String {
    let kind = match index.method {
        IndexMethod::Fulltext => "FULLTEXT ",
        IndexMethod::Spatial => "SPATIAL ",
        _ if index.unique => "UNIQUE ",
        _ => "",
    };
    format!(
        "CREATE {kind}INDEX {} ON {} ({})",
        D.quote_ident(&index.name),
        D.quote_ident(table),
        index_parts_sql(index)
    )
}

/// `CREATE TABLE` with columns, primary key, uniques, indexes, checks, the foreign keys
/// for which `inline_fk` says yes, and the table comment.
pub fn create_table_sql(table: &Table, inline_fk: impl Fn(&ForeignKey) -> bool) -> String {
    let mut items: Vec<String> = table.columns.iter().map(column_sql).collect();
    if let Some(pk) = &table.primary_key {
        items.push(format!("PRIMARY KEY ({})", D.quote_list(&pk.columns)));
    }
    for u in &table.uniques {
        items.push(format!(
            "CONSTRAINT {} UNIQUE ({})",
            D.quote_ident(&u.name),
            D.quote_list(&u.columns)
        ));
    }
    for index in &table.indexes {
        items.push(index_item_sql(index));
    }
    for c in &table.checks {
        items.push(format!(
            "CONSTRAINT {} CHECK ({})",
            D.quote_ident(&c.name),
            c.expression
        ));
    }
    for fk in table.foreign_keys.iter().filter(|fk| inline_fk(fk)) {
        items.push(foreign_key_sql(fk));
    }
    let mut sql = format!(
        "CREATE TABLE {} (\n  {}\n)",
        D.quote_ident(&table.name),
        items.join(",\n  ")
    );
    if let Some(c) = &table.comment {
        sql.push_str(" COMMENT ");
        sql.push_str(&quote_string(c));
    }
    sql
}

/// Statements creating a lowered schema; see [`Dialect::create_statements`]. Indexes,
/// comments and all but cycle-closing foreign keys are part of each `CREATE TABLE`.
pub fn create_statements(schema: &Schema) -> Vec<String> {
    let order = creation_order(schema);
    let mut out: Vec<String> = order
        .tables
        .iter()
        .map(|table| create_table_sql(table, |fk| !order.is_deferred(&table.name, &fk.name)))
        .collect();
    for (table, fk) in &order.deferred {
        out.push(format!(
            "ALTER TABLE {} ADD {}",
            D.quote_ident(&table.name),
            foreign_key_sql(fk)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_identifiers_lose_their_backticks() {
        assert_eq!(unquote_identifiers("`c0` >= 0", '`'), "c0 >= 0");
        assert_eq!(unquote_identifiers("`a b` > '`x`'", '`'), "`a b` > '`x`'");
    }
    use crate::ir::{EnumType, IndexPart, PrimaryKey};

    #[test]
    fn types_round_trip_through_their_spelling() {
        use ColumnType as T;
        let types = [
            T::TinyInt,
            T::SmallInt,
            T::Integer,
            T::BigInt,
            T::Decimal {
                precision: Some(10),
                scale: Some(2),
            },
            T::Real,
            T::Double,
            T::varchar(255),
            T::Char { length: Some(36) },
            T::Text,
            T::Boolean,
            T::Date,
            T::Time {
                precision: None,
                tz: false,
            },
            T::Time {
                precision: Some(3),
                tz: false,
            },
            T::Timestamp {
                precision: Some(3),
                tz: false,
            },
            T::Timestamp {
                precision: None,
                tz: true,
            },
            T::Json,
            T::Blob,
            T::Binary { length: Some(16) },
            T::VarBinary { length: 255 },
            T::InlineEnum {
                values: vec!["a".into(), "it's".into(), "back\\slash".into(), "B".into()],
            },
            T::custom("longtext"),
            T::custom("longblob"),
            T::custom("int unsigned"),
            T::custom("bigint unsigned"),
            T::custom("mediumint"),
            T::custom("float(10,2)"),
            T::custom("set('a','B')"),
        ];
        for ty in types {
            assert_eq!(parse_type(&type_sql(&ty)), ty, "{}", type_sql(&ty));
        }
    }

    #[test]
    fn catalog_spellings() {
        use ColumnType as T;
        assert_eq!(parse_type("int(11)"), T::Integer);
        assert_eq!(parse_type("tinyint(1)"), T::Boolean);
        assert_eq!(parse_type("tinyint(4)"), T::TinyInt);
        assert_eq!(parse_type("int(10) unsigned"), T::custom("int unsigned"));
        assert_eq!(
            parse_type("bigint(20) UNSIGNED"),
            T::custom("bigint unsigned")
        );
        assert_eq!(
            parse_type("mediumint(8) unsigned zerofill"),
            T::custom("mediumint(8) unsigned zerofill")
        );
        assert_eq!(
            parse_type("enum('x','y''z','p\\\\q')"),
            T::InlineEnum {
                values: vec!["x".into(), "y'z".into(), "p\\q".into()]
            }
        );
        assert_eq!(parse_type("year(4)"), T::custom("year"));
        assert_eq!(parse_type("uuid"), T::custom("uuid"));
        assert_eq!(parse_type("double precision"), T::Double);
        assert_eq!(parse_type("binary(1)"), T::Binary { length: Some(1) });
    }

    #[test]
    fn string_literals_escape_and_parse() {
        for s in ["it's", "a\\b", "line\nbreak", "", "100%_\\%"] {
            assert_eq!(parse_string_literal(&quote_string(s)).as_deref(), Some(s));
        }
        assert_eq!(
            parse_string_literal("'it''s \\\\ ok'").as_deref(),
            Some("it's \\ ok")
        );
        assert_eq!(parse_string_literal("'a' 'b'"), None);
    }

    fn logical_schema() -> Schema {
        let mut s = Schema::default();
        s.enums.insert(
            "mood".into(),
            EnumType {
                name: "mood".into(),
                values: vec!["happy".into(), "sad".into()],
            },
        );
        let mut t = Table::new("t");
        let mut id = Column::new("id", ColumnType::Uuid);
        id.default = Some(DefaultValue::Function("gen_random_uuid".into()));
        let mut n = Column::new("n", ColumnType::Integer);
        n.identity = Some(Identity::Serial);
        n.nullable = false;
        let mut at = Column::new(
            "at",
            ColumnType::Timestamp {
                precision: Some(0),
                tz: false,
            },
        );
        at.default = Some(DefaultValue::CurrentTimestamp { precision: Some(0) });
        t.columns = vec![
            id,
            n,
            Column::new("doc", ColumnType::Jsonb),
            Column::new(
                "mood",
                ColumnType::Enum {
                    name: "mood".into(),
                },
            ),
            at,
        ];
        t.primary_key = Some(PrimaryKey {
            name: Some("t_pkey".into()),
            columns: vec!["id".into()],
        });
        t.indexes = vec![
            Index {
                name: "t_doc_gin".into(),
                unique: false,
                parts: vec![IndexPart::column("doc")],
                method: IndexMethod::Gin,
                predicate: None,
            },
            Index {
                name: "t_n_key".into(),
                unique: true,
                parts: vec![IndexPart::column("n")],
                method: IndexMethod::Btree,
                predicate: None,
            },
            Index {
                name: "t_fk".into(),
                unique: false,
                parts: vec![IndexPart::column("n")],
                method: IndexMethod::Btree,
                predicate: None,
            },
        ];
        t.foreign_keys.push(ForeignKey {
            name: "t_fk".into(),
            columns: vec!["n".into()],
            ref_table: "t".into(),
            ref_columns: vec!["n".into()],
            on_delete: FkAction::Restrict,
            on_update: FkAction::Cascade,
        });
        s.tables.insert("t".into(), t);
        s
    }

    #[test]
    fn lowering_maps_what_mysql_cannot_hold() {
        let lowered = Dialect::Mysql.lower(&logical_schema());
        assert!(lowered.enums.is_empty());
        let t = &lowered.tables["t"];
        let id = t.column("id").unwrap();
        assert_eq!(id.ty, ColumnType::Char { length: Some(36) });
        assert_eq!(id.default, None);
        assert!(!id.nullable, "primary key columns are NOT NULL");
        assert_eq!(
            t.column("n").unwrap().identity,
            Some(Identity::AutoIncrement)
        );
        assert_eq!(t.column("doc").unwrap().ty, ColumnType::Json);
        assert_eq!(
            t.column("mood").unwrap().ty,
            ColumnType::InlineEnum {
                values: vec!["happy".into(), "sad".into()]
            }
        );
        let at = t.column("at").unwrap();
        assert_eq!(
            at.ty,
            ColumnType::Timestamp {
                precision: None,
                tz: false
            }
        );
        assert_eq!(
            at.default,
            Some(DefaultValue::CurrentTimestamp { precision: None })
        );
        assert_eq!(t.primary_key.as_ref().unwrap().name, None);
        assert!(t.indexes.is_empty(), "{:?}", t.indexes);
        assert_eq!(t.uniques.len(), 1);
        assert_eq!(t.uniques[0].name, "t_n_key");
        assert_eq!(t.foreign_keys[0].on_delete, FkAction::NoAction);
        assert_eq!(t.foreign_keys[0].on_update, FkAction::Cascade);
        assert_eq!(
            Dialect::Mysql.lower(&lowered),
            lowered,
            "lowering is idempotent"
        );
    }

    #[test]
    fn create_statements_spell_mysql() {
        let statements = Dialect::Mysql.create_statements(&logical_schema());
        assert_eq!(statements.len(), 1);
        let sql = &statements[0];
        assert!(
            sql.starts_with("CREATE TABLE `t` (\n  `id` char(36) NOT NULL,"),
            "{sql}"
        );
        assert!(sql.contains("`n` int NOT NULL AUTO_INCREMENT"), "{sql}");
        assert!(sql.contains("`mood` enum('happy','sad') NULL"), "{sql}");
        assert!(
            sql.contains("`at` datetime NULL DEFAULT CURRENT_TIMESTAMP"),
            "{sql}"
        );
        assert!(sql.contains("CONSTRAINT `t_n_key` UNIQUE (`n`)"), "{sql}");
        assert!(
            sql.contains(
                "CONSTRAINT `t_fk` FOREIGN KEY (`n`) REFERENCES `t` (`n`) ON UPDATE CASCADE"
            ),
            "{sql}"
        );
    }

    #[test]
    fn defaults_are_spelled_for_mysql() {
        assert_eq!(
            default_sql(&DefaultValue::String("it's \\".into())),
            "'it''s \\\\'"
        );
        assert_eq!(
            default_sql(&DefaultValue::Function("uuid".into())),
            "(uuid())"
        );
        assert_eq!(
            default_sql(&DefaultValue::Expression("(1 + 2)".into())),
            "(1 + 2)"
        );
        assert_eq!(default_sql(&DefaultValue::Bool(true)), "1");
        assert!(is_prefix_part("`name`(10)"));
        assert!(!is_prefix_part("lower(`name`)"));
    }
}
