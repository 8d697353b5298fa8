//! MySQL and MariaDB: type spelling and parsing and lowering here, DDL in [`ddl`].
//!
//! The rules are documented in `docs/dialects/mysql.md`; keep the two in step.

use std::collections::BTreeMap;

use crate::ir::{
    Column, ColumnType, DefaultValue, FkAction, ForeignKey, Identity, Index, IndexMethod,
    IndexTarget, Schema, Table, UniqueConstraint,
};
use crate::sql_text::split_top_level_commas;

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
        // sea-query's spelling of a `String` without a length, so that a SeaORM entity
        // means on MySQL what SeaORM's own DDL creates.
        T::Varchar { length: None } => "varchar(255)".into(),
        T::Text | T::Interval | T::Enum { .. } => "text".into(),
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

/// The spelling of an integer type whose display width is not the type's own (`int(4)`,
/// `int(5) unsigned`): a width changes nothing stored, so [`parse_type`] drops it and
/// comparisons ignore it, but MariaDB prints it back as written, and so does a column
/// that carries it as its [`crate::ir::Spelling`]. `None` for any other type.
pub fn display_width_spelling(column_type: &str) -> Option<String> {
    let lower = column_type.trim().to_ascii_lowercase();
    let (base, args, modifiers) = split_type(&lower);
    let base = if base == "integer" { "int" } else { base };
    let width = *args.first()?;
    let unsigned = modifiers.contains("unsigned");
    if args.len() != 1 || modifiers.contains("zerofill") {
        return None;
    }
    let own = default_display_width(base, unsigned)?;
    // `tinyint(1)` is the boolean, a type of its own.
    if width == own || (base == "tinyint" && width == 1 && !unsigned) {
        return None;
    }
    Some(lower)
}

/// The display width MariaDB gives an integer type written without one.
fn default_display_width(base: &str, unsigned: bool) -> Option<u32> {
    let width = match base {
        "tinyint" => 4,
        "smallint" => 6,
        "mediumint" => 9,
        "int" => 11,
        "bigint" => 20,
        _ => return None,
    };
    // Unsigned types have no sign to show, except bigint, whose digits fill the width.
    Some(if unsigned && base != "bigint" {
        width - 1
    } else {
        width
    })
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
///   length → `varchar(255)` (what sea-query writes for SeaORM), `char` → `char(1)`, `binary` → `binary(1)`, `decimal` →
///   `decimal(10,0)`, precision 0 on time types dropped, `time with time zone` → `time`,
///   custom spellings parsed as MySQL prints them;
/// - serial and identity columns → `AUTO_INCREMENT`; primary key columns NOT NULL;
/// - `RESTRICT` → `NO ACTION` (MySQL treats them alike and reports `RESTRICT` for both);
/// - the primary key loses its name (MySQL calls every one `PRIMARY`);
/// - a unique constraint the models declare without a name is named as MySQL names it:
///   after its first column;
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
    name_unnamed_uniques(table);
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
    // MariaDB prints `` `c` >= 0 ``, models write `c >= 0` or `"c" >= 0`: one spelling.
    // Index expressions keep theirs: a prefix part `` `c`(10) `` is not a call.
    D.canonical_expressions(table, false);
    let snapshot = table.clone();
    for column in &mut table.columns {
        if let Some(check) = &mut column.check {
            *check = D.expression_sql(check, &snapshot);
        }
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
                deferrable: Default::default(),
                nulls_not_distinct: false,
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

/// MySQL names a unique constraint declared without a name after its first column, with
/// `_2`, `_3`, … when that name is taken by another index of the table.
fn name_unnamed_uniques(table: &mut Table) {
    let unnamed = std::mem::take(&mut table.unnamed_uniques);
    for name in unnamed {
        let Some(at) = table.uniques.iter().position(|u| u.name == name) else {
            continue;
        };
        let Some(first) = table.uniques[at].columns.first().cloned() else {
            continue;
        };
        let taken = |candidate: &str| {
            table.uniques.iter().any(|u| u.name == candidate)
                || table.indexes.iter().any(|i| i.name == candidate)
        };
        let mut candidate = first.clone();
        let mut n = 2;
        while taken(&candidate) {
            candidate = format!("{first}_{n}");
            n += 1;
        }
        table.uniques[at].name = candidate;
    }
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
        // MySQL stores a decimal default at the column's scale: `0` reads back `0.00`.
        Some(DefaultValue::Number(n)) => Some(DefaultValue::Number(match column.ty {
            ColumnType::Decimal { scale, .. } => at_scale(&n, scale.unwrap_or(0)),
            _ => n,
        })),
        other => other,
    };
}

/// A numeric literal with exactly `scale` decimals, padded with zeros; unchanged when it
/// has more (MySQL would round it, and autogen does not guess how).
pub fn at_scale(number: &str, scale: u32) -> String {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let scale = scale as usize;
    if fraction.len() > scale {
        return number.to_string();
    }
    if scale == 0 {
        return whole.to_string();
    }
    format!("{whole}.{fraction:0<scale$}")
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
        T::Interval => T::Text,
        T::Varchar { length: None } => T::varchar(255),
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
/// b-tree with no `USING`, `COMMENT` or `IGNORED`, ascending plain columns, no predicate.
pub fn unique_constraint_columns(index: &Index) -> Option<Vec<String>> {
    if !index.unique
        || index.method != IndexMethod::Btree
        || index.predicate.is_some()
        || index.options.has_mysql_attributes()
    {
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

/// The `ON UPDATE` value in a column's `extra` text: `information_schema.COLUMNS.EXTRA`
/// (MariaDB `on update current_timestamp(6)`, MySQL 8 `DEFAULT_GENERATED on update
/// CURRENT_TIMESTAMP`) or a SeaORM `extra` attribute (`ON UPDATE CURRENT_TIMESTAMP`).
/// `None` without the clause; `Err` with the text when the clause is there but is not the
/// current timestamp, the only value MySQL and MariaDB accept.
pub fn parse_on_update(extra: &str) -> Result<Option<DefaultValue>, String> {
    let lower = extra.to_ascii_lowercase();
    let Some(at) = lower.find("on update") else {
        return Ok(None);
    };
    let value = extra[at + "on update".len()..].trim();
    // The value is one token (`current_timestamp(6)`, `now()`), whatever follows it.
    let end = value
        .find(|c: char| c.is_whitespace())
        .unwrap_or(value.len());
    match DefaultValue::parse_sql(&value[..end]) {
        v @ DefaultValue::CurrentTimestamp { .. } => Ok(Some(v)),
        _ => Err(value.to_string()),
    }
}

/// Whether `index` is the one MySQL creates by itself for `fk`: named after it, a plain
/// non-unique b-tree index on exactly its columns.
pub fn is_implicit_fk_index(index: &Index, fk: &ForeignKey) -> bool {
    index.name == fk.name
        && !index.unique
        && index.method == IndexMethod::Btree
        && index.predicate.is_none()
        && !index.options.has_mysql_attributes()
        && index.parts.len() == fk.columns.len()
        && index.parts.iter().zip(&fk.columns).all(|(p, c)| {
            !p.descending && matches!(&p.target, IndexTarget::Column(name) if name == c)
        })
}

mod ddl;
pub use ddl::*;
mod show_create;
pub use show_create::{index_algorithms, key_order};

#[cfg(test)]
mod tests;
