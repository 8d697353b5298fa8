//! PostgreSQL: type spelling and parsing, lowering, and DDL.

mod routines;

pub use routines::{
    create_function_sql, drop_function_sql, function_comment_sql, function_statements,
    trigger_extra_sql,
};

use crate::ir::{
    Column, ColumnType, DefaultValue, ForeignKey, Identity, Index, Schema, Table, UniqueConstraint,
};
use crate::order::creation_order;
use crate::sql_text::quote_literal;

use super::Dialect;

mod objects;

pub use objects::*;

const D: Dialect = Dialect::Postgres;

/// How PostgreSQL spells a type, as `format_type()` prints it.
pub fn type_sql(ty: &ColumnType) -> String {
    use ColumnType as T;
    match ty {
        T::TinyInt | T::SmallInt => "smallint".into(),
        T::Integer => "integer".into(),
        T::BigInt => "bigint".into(),
        T::Decimal {
            precision: Some(p),
            scale: Some(s),
        } => format!("numeric({p},{s})"),
        T::Decimal {
            precision: Some(p),
            scale: None,
        } => format!("numeric({p})"),
        T::Decimal { .. } => "numeric".into(),
        T::Real => "real".into(),
        T::Double => "double precision".into(),
        T::Varchar { length: Some(n) } => format!("character varying({n})"),
        T::Varchar { length: None } => "character varying".into(),
        T::Char { length: Some(n) } => format!("character({n})"),
        T::Char { length: None } => "character".into(),
        T::Text | T::InlineEnum { .. } => "text".into(),
        T::Boolean => "boolean".into(),
        T::Date => "date".into(),
        T::Time { precision, tz } => with_precision("time", *precision, *tz),
        T::Timestamp { precision, tz } => with_precision("timestamp", *precision, *tz),
        T::Interval => "interval".into(),
        T::Uuid => "uuid".into(),
        T::Json => "json".into(),
        T::Jsonb => "jsonb".into(),
        T::Blob | T::Binary { .. } | T::VarBinary { .. } => "bytea".into(),
        T::Enum { name } => D.quote_ident(name),
        T::Array { element } => format!("{}[]", type_sql(element)),
        T::Custom { raw } => raw.clone(),
    }
}

fn with_precision(base: &str, precision: Option<u32>, tz: bool) -> String {
    let p = precision.map(|p| format!("({p})")).unwrap_or_default();
    let zone = if tz { "with" } else { "without" };
    format!("{base}{p} {zone} time zone")
}

/// Parses `format_type()` output (`character varying(255)`, `timestamp(3) with time zone`,
/// `integer[]`) into a logical type. Enum types are recognized by the caller, who knows
/// the catalog; here an unknown name becomes [`ColumnType::Custom`].
pub fn parse_type(formatted: &str) -> ColumnType {
    use ColumnType as T;
    let original = formatted.trim();
    let s = original.to_ascii_lowercase();
    if let Some(element) = original.strip_suffix("[]") {
        return T::Array {
            element: Box::new(parse_type(element)),
        };
    }
    let (base, args) = split_args(&s);
    let first = args.first().copied();
    // `format_type` never prints aliases; they are accepted so that a model's raw type
    // (`varchar(10)`, `timestamptz`, `int8`) lowers to the type PostgreSQL reflects.
    let base = match base.as_str() {
        "int2" => "smallint",
        "int" | "int4" => "integer",
        "int8" => "bigint",
        "decimal" => "numeric",
        "float4" => "real",
        "float8" | "double" => "double precision",
        "varchar" => "character varying",
        "char" | "bpchar" => "character",
        "bool" => "boolean",
        "time" => "time without time zone",
        "timetz" => "time with time zone",
        "timestamp" => "timestamp without time zone",
        "timestamptz" => "timestamp with time zone",
        other => other,
    };
    match base {
        "smallint" => T::SmallInt,
        "integer" => T::Integer,
        "bigint" => T::BigInt,
        "numeric" => T::Decimal {
            precision: first,
            scale: args.get(1).copied(),
        },
        "real" => T::Real,
        "double precision" => T::Double,
        "character varying" => T::Varchar { length: first },
        "character" => T::Char { length: first },
        "text" => T::Text,
        "boolean" => T::Boolean,
        "date" => T::Date,
        "time without time zone" => T::Time {
            precision: first,
            tz: false,
        },
        "time with time zone" => T::Time {
            precision: first,
            tz: true,
        },
        "timestamp without time zone" => T::Timestamp {
            precision: first,
            tz: false,
        },
        "timestamp with time zone" => T::Timestamp {
            precision: first,
            tz: true,
        },
        "interval" if args.is_empty() => T::Interval,
        "uuid" => T::Uuid,
        "json" => T::Json,
        "jsonb" => T::Jsonb,
        "bytea" => T::Blob,
        // A quoted name keeps its case: `"MyDomain"` is not `mydomain`.
        _ => T::Custom {
            raw: custom_spelling(original),
        },
    }
}

/// The canonical spelling of a type without a logical name: lower case, except inside
/// double quotes, where case is part of the name.
fn custom_spelling(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut quoted = false;
    for c in raw.trim().chars() {
        if c == '"' {
            quoted = !quoted;
        }
        out.push(if quoted { c } else { c.to_ascii_lowercase() });
    }
    out
}

/// Splits `timestamp(3) with time zone` into (`timestamp with time zone`, [3]).
fn split_args(s: &str) -> (String, Vec<u32>) {
    let (Some(open), Some(close)) = (s.find('('), s.find(')')) else {
        return (s.to_string(), Vec::new());
    };
    if close < open {
        return (s.to_string(), Vec::new());
    }
    let args: Option<Vec<u32>> = s[open + 1..close]
        .split(',')
        .map(|a| a.trim().parse().ok())
        .collect();
    match args {
        Some(args) => {
            let base = format!("{}{}", &s[..open], &s[close + 1..]);
            (base.trim().to_string(), args)
        }
        None => (s.to_string(), Vec::new()),
    }
}

/// What PostgreSQL cannot hold, mapped: `tinyint` → `smallint`, inline enums → `text`,
/// binary lengths dropped (`bytea`), `auto_increment` → `serial`, an unnamed primary key
/// named as PostgreSQL names it (`{table}_pkey`); and what it spells one
/// way only: `char` is `char(1)`, `numeric(p)` is `numeric(p,0)`, identity and serial
/// columns are NOT NULL.
pub fn lower(schema: &mut Schema) {
    for table in schema.tables.values_mut() {
        for column in &mut table.columns {
            // MySQL's `ON UPDATE`: PostgreSQL has no such clause (a trigger would be needed).
            column.on_update = None;
            column.ty = lower_type(&column.ty);
            if column.identity == Some(Identity::AutoIncrement) {
                column.identity = Some(Identity::Serial);
            }
            if column.identity.is_some() {
                column.nullable = false;
            }
            // Sequence options belong to an identity; a serial's sequence is its own.
            if !matches!(
                column.identity,
                Some(Identity::Always | Identity::ByDefault)
            ) {
                column.identity_options = Default::default();
            }
        }
        if let Some(pk) = &mut table.primary_key
            && pk.name.is_none()
        {
            pk.name = Some(default_primary_key_name(&table.name));
        }
        // After the types: PostgreSQL adds `::text` to `varchar` columns it prints.
        D.canonical_expressions(table, true);
    }
}

/// The name PostgreSQL gives a primary key declared without one: `{table}_pkey`, the
/// table part cut so that the whole fits in 63 bytes.
pub fn default_primary_key_name(table: &str) -> String {
    const SUFFIX: &str = "_pkey";
    let mut end = table.len().min(63 - SUFFIX.len());
    while !table.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{SUFFIX}", &table[..end])
}

fn lower_type(ty: &ColumnType) -> ColumnType {
    use ColumnType as T;
    match ty {
        T::TinyInt => T::SmallInt,
        T::InlineEnum { .. } => T::Text,
        T::Binary { .. } | T::VarBinary { .. } => T::Blob,
        T::Array { element } => T::Array {
            element: Box::new(lower_type(element)),
        },
        T::Char { length: None } => T::Char { length: Some(1) },
        T::Decimal {
            precision: Some(p),
            scale: None,
        } => T::Decimal {
            precision: Some(*p),
            scale: Some(0),
        },
        T::Custom { raw } => {
            let spelling = custom_spelling(raw);
            unsigned_as_signed(&spelling).unwrap_or_else(|| parse_type(&spelling))
        }
        other => other.clone(),
    }
}

/// MySQL's unsigned integers (what a SeaORM `u8`…`u64` means there) as sea-query writes
/// them on PostgreSQL: widened to the next signed type, `bigint` for both 32 and 64 bits.
fn unsigned_as_signed(spelling: &str) -> Option<ColumnType> {
    Some(match spelling {
        "tinyint unsigned" => ColumnType::SmallInt,
        "smallint unsigned" => ColumnType::Integer,
        "int unsigned" | "integer unsigned" | "bigint unsigned" => ColumnType::BigInt,
        _ => return None,
    })
}

/// A default as PostgreSQL SQL.
pub fn default_sql(default: &DefaultValue) -> String {
    match default {
        DefaultValue::String(s) => quote_literal(s),
        DefaultValue::Number(n) => n.clone(),
        DefaultValue::Bool(b) => b.to_string(),
        DefaultValue::Null => "NULL".into(),
        DefaultValue::CurrentTimestamp { precision: None } => "CURRENT_TIMESTAMP".into(),
        DefaultValue::CurrentTimestamp { precision: Some(p) } => format!("CURRENT_TIMESTAMP({p})"),
        DefaultValue::CurrentDate => "CURRENT_DATE".into(),
        DefaultValue::CurrentTime => "CURRENT_TIME".into(),
        DefaultValue::Function(f) => format!("{f}()"),
        DefaultValue::Expression(e) => e.clone(),
    }
}

/// A column definition as it appears in `CREATE TABLE` or `ADD COLUMN`.
pub fn column_sql(column: &Column) -> String {
    let mut sql = D.quote_ident(&column.name);
    sql.push(' ');
    match column.identity {
        Some(Identity::Serial) => sql.push_str(match column.ty {
            ColumnType::SmallInt => "smallserial",
            ColumnType::BigInt => "bigserial",
            _ => "serial",
        }),
        _ => sql.push_str(&type_sql(&column.ty)),
    }
    if let Some(c) = &column.collation {
        sql.push_str(&format!(" COLLATE {}", D.collation_name(c)));
    }
    if let Some(g) = &column.generated {
        // PostgreSQL 15 has stored generated columns only.
        sql.push_str(&format!(
            " GENERATED ALWAYS AS ({}) STORED",
            crate::sql_text::strip_outer_parens(&g.expression)
        ));
    }
    match column.identity {
        Some(Identity::Always) => sql.push_str(" GENERATED ALWAYS AS IDENTITY"),
        Some(Identity::ByDefault) => sql.push_str(" GENERATED BY DEFAULT AS IDENTITY"),
        _ => {}
    }
    sql.push_str(&identity_options_sql(column));
    if !column.nullable {
        sql.push_str(" NOT NULL");
    }
    if let Some(d) = written_default(column) {
        sql.push_str(" DEFAULT ");
        sql.push_str(&d);
    }
    sql
}

/// ` (START WITH … INCREMENT BY …)` after `AS IDENTITY`, or empty for the defaults.
pub fn identity_options_sql(column: &Column) -> String {
    let clauses = column.identity_options.clauses();
    if clauses.is_empty() || column.identity.is_none() {
        return String::new();
    }
    format!(" ({})", clauses.join(" "))
}

/// The default a column is written with: as the database printed it (`'2'::bigint`,
/// `now()`, `NULL::character varying`) while that text still reads as the column's
/// default, else [`default_sql`]; `None` when there is none to write.
pub fn written_default(column: &Column) -> Option<String> {
    if let Some(text) = column.spelling.as_ref().and_then(|s| s.default.as_ref()) {
        let read = crate::normalize::normalize_default(DefaultValue::parse_sql(text), &column.ty);
        if read == column.default {
            return Some(text.clone());
        }
    }
    column.default.as_ref().map(default_sql)
}

/// The spelling to keep for a default PostgreSQL printed as `printed`, when writing the
/// parsed value back would print differently (`'2'::bigint` is read as `2`, and `2` is
/// printed back as `2`); `None` when [`default_sql`] writes the same text.
pub fn default_spelling(printed: &str, ty: &ColumnType) -> Option<String> {
    let parsed = crate::normalize::normalize_default(DefaultValue::parse_sql(printed), ty);
    (parsed.as_ref().map(default_sql).as_deref() != Some(printed.trim()))
        .then(|| printed.trim().to_string())
}

/// `CONSTRAINT name FOREIGN KEY (…) REFERENCES t (…) ON DELETE … ON UPDATE …`.
pub fn foreign_key_sql(fk: &ForeignKey) -> String {
    D.foreign_key_sql(fk)
}

/// `CREATE [UNIQUE] INDEX name ON table [USING m] (parts) [WHERE p]`.
pub fn create_index_sql(table: &str, index: &Index) -> String {
    let parts = D.index_parts_sql(&index.parts);
    let mut sql = format!(
        "CREATE {}INDEX {} ON {}",
        if index.unique { "UNIQUE " } else { "" },
        D.quote_ident(&index.name),
        D.quote_ident(table)
    );
    if !index.method.is_default() {
        sql.push_str(&format!(" USING {}", index.method.as_str()));
    }
    sql.push_str(&format!(" ({})", parts));
    if !index.options.include.is_empty() {
        sql.push_str(&format!(
            " INCLUDE ({})",
            D.quote_list(&index.options.include)
        ));
    }
    if index.options.nulls_not_distinct {
        sql.push_str(" NULLS NOT DISTINCT");
    }
    if !index.options.with.is_empty() {
        sql.push_str(&format!(" WITH ({})", index.options.with.join(", ")));
    }
    if let Some(p) = &index.predicate {
        sql.push_str(&format!(" WHERE {p}"));
    }
    sql
}

/// ` NO INHERIT` after a check that has it.
pub fn no_inherit(yes: bool) -> &'static str {
    if yes { " NO INHERIT" } else { "" }
}

/// `CONSTRAINT name UNIQUE [NULLS NOT DISTINCT] (…) [DEFERRABLE …]`.
pub fn unique_sql(unique: &UniqueConstraint) -> String {
    format!(
        "CONSTRAINT {} UNIQUE{} ({}){}",
        D.quote_ident(&unique.name),
        if unique.nulls_not_distinct {
            " NULLS NOT DISTINCT"
        } else {
            ""
        },
        D.quote_list(&unique.columns),
        unique.deferrable.clause()
    )
}

/// `CREATE TABLE` with columns, primary key, uniques, checks and the foreign keys
/// for which `inline_fk` says yes.
pub fn create_table_sql(table: &Table, inline_fk: impl Fn(&ForeignKey) -> bool) -> String {
    if let Some(p) = &table.partition_of {
        // Columns, indexes and constraints come from the parent.
        return format!(
            "CREATE TABLE {} PARTITION OF {} {}{}",
            D.quote_ident(&table.name),
            D.quote_ident(&p.parent),
            p.bound,
            table
                .partitioning
                .as_ref()
                .map(|key| format!(" PARTITION BY {key}"))
                .unwrap_or_default()
        );
    }
    let mut items: Vec<String> = table.columns.iter().map(column_sql).collect();
    if let Some(pk) = &table.primary_key {
        let name = pk
            .name
            .as_ref()
            .map(|n| format!("CONSTRAINT {} ", D.quote_ident(n)))
            .unwrap_or_default();
        items.push(format!(
            "{name}PRIMARY KEY ({}){}",
            D.quote_list(&pk.columns),
            pk.deferrable.clause()
        ));
    }
    for u in &table.uniques {
        items.push(unique_sql(u));
    }
    for x in &table.exclusions {
        items.push(format!(
            "CONSTRAINT {} {}",
            D.quote_ident(&x.name),
            x.definition
        ));
    }
    for c in &table.checks {
        items.push(format!(
            "CONSTRAINT {} CHECK ({}){}",
            D.quote_ident(&c.name),
            c.expression,
            no_inherit(c.no_inherit)
        ));
    }
    for fk in table.foreign_keys.iter().filter(|fk| inline_fk(fk)) {
        items.push(foreign_key_sql(fk));
    }
    let partitioning = table
        .partitioning
        .as_ref()
        .map(|key| format!(" PARTITION BY {key}"))
        .unwrap_or_default();
    format!(
        "CREATE TABLE {} (\n  {}\n){partitioning}",
        D.quote_ident(&table.name),
        items.join(",\n  ")
    )
}

/// Statements creating a lowered schema; see [`Dialect::create_statements`].
pub fn create_statements(schema: &Schema) -> Vec<String> {
    let mut out: Vec<String> = schema
        .extensions
        .values()
        .map(create_extension_sql)
        .collect();
    for e in schema.enums.values() {
        let values: Vec<String> = e.values.iter().map(|v| quote_literal(v)).collect();
        out.push(format!(
            "CREATE TYPE {} AS ENUM ({})",
            D.quote_ident(&e.name),
            values.join(", ")
        ));
    }
    for (name, comment) in &schema.type_comments {
        out.push(comment_on(
            &format!("TYPE {}", D.quote_ident(name)),
            Some(comment),
        ));
    }
    for d in schema.domains.values() {
        out.extend(create_domain_sql(&D.quote_ident(&d.name), d));
    }
    // Routines before the tables: a default, check or index may call one, and a routine's
    // arguments may be of an enum type.
    for f in schema.functions.values() {
        out.extend(function_statements(&D.quote_ident(&f.name), f));
    }
    let order = creation_order(schema);
    for table in &order.tables {
        out.push(create_table_sql(table, |fk| {
            !order.is_deferred(&table.name, &fk.name)
        }));
        for index in &table.indexes {
            out.push(create_index_sql(&table.name, index));
        }
        if let Some(c) = &table.comment {
            out.push(format!(
                "COMMENT ON TABLE {} IS {}",
                D.quote_ident(&table.name),
                quote_literal(c)
            ));
        }
        for column in &table.columns {
            if let Some(c) = &column.comment {
                out.push(format!(
                    "COMMENT ON COLUMN {}.{} IS {}",
                    D.quote_ident(&table.name),
                    D.quote_ident(&column.name),
                    quote_literal(c)
                ));
            }
        }
        out.extend(table_extras_sql(&D.quote_ident(&table.name), table, true));
    }
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
    fn types_round_trip_through_their_spelling() {
        use ColumnType as T;
        let types = [
            T::SmallInt,
            T::Integer,
            T::BigInt,
            T::Decimal {
                precision: Some(10),
                scale: Some(2),
            },
            T::Decimal {
                precision: None,
                scale: None,
            },
            T::Real,
            T::Double,
            T::varchar(255),
            T::Varchar { length: None },
            T::Char { length: Some(2) },
            T::Text,
            T::Boolean,
            T::Date,
            T::Time {
                precision: None,
                tz: false,
            },
            T::Timestamp {
                precision: Some(3),
                tz: true,
            },
            T::Interval,
            T::Uuid,
            T::Json,
            T::Jsonb,
            T::Blob,
            T::Array {
                element: Box::new(T::Text),
            },
            T::custom("inet"),
        ];
        for ty in types {
            assert_eq!(parse_type(&type_sql(&ty)), ty, "{}", type_sql(&ty));
        }
    }
}

#[cfg(test)]
mod lowering_tests {
    use super::*;

    #[test]
    fn one_spelling_per_type() {
        use ColumnType as T;
        assert_eq!(
            lower_type(&T::Char { length: None }),
            T::Char { length: Some(1) }
        );
        assert_eq!(
            lower_type(&T::Decimal {
                precision: Some(10),
                scale: None
            }),
            T::Decimal {
                precision: Some(10),
                scale: Some(0)
            }
        );
        assert_eq!(lower_type(&T::custom("INET")), T::custom("inet"));
        assert_eq!(lower_type(&T::custom("TEXT")), T::Text);
        assert_eq!(lower_type(&T::custom("VARCHAR(10)")), T::varchar(10));
        assert_eq!(
            lower_type(&T::custom("timestamptz(3)")),
            T::Timestamp {
                precision: Some(3),
                tz: true
            }
        );
        assert_eq!(lower_type(&T::custom("int8")), T::BigInt);
        assert_eq!(parse_type("\"MyDomain\""), T::custom("\"MyDomain\""));
        assert_eq!(
            lower_type(&T::custom("\"MyDomain\"")),
            T::custom("\"MyDomain\"")
        );
        assert_eq!(
            parse_type("character varying(10)[]"),
            T::Array {
                element: Box::new(T::varchar(10))
            }
        );
    }
}
