//! The one place where sea-query column types become IR column types.
//!
//! | sea-query `ColumnType` | IR `ColumnType` | why |
//! |---|---|---|
//! | `Char(n)` | `Char { length: n }` | |
//! | `String(N(n))` | `Varchar { length: Some(n) }` | |
//! | `String(None)`, `String(Max)` | `Varchar { length: None }` | PostgreSQL spells both `varchar` |
//! | `Text` | `Text` | |
//! | `TinyInteger` | `TinyInt` | |
//! | `SmallInteger` | `SmallInt` | |
//! | `Integer` | `Integer` | |
//! | `BigInteger` | `BigInt` | |
//! | `TinyUnsigned`, `SmallUnsigned`, `Unsigned`, `BigUnsigned` | `Custom` `tinyint unsigned`, `smallint unsigned`, `int unsigned`, `bigint unsigned` | the IR has no unsigned types: MySQL's spelling, which sea-query writes there; PostgreSQL and SQLite lower it to the signed type sea-query writes there (`smallint`, `integer`, `bigint`, `bigint` on PostgreSQL) |
//! | `Float` | `Real` | |
//! | `Double` | `Double` | |
//! | `Decimal(p, s)` | `Decimal { p, s }` | |
//! | `DateTime`, `Timestamp` | `Timestamp { tz: false }` | both are `timestamp without time zone` on PostgreSQL |
//! | `TimestampWithTimeZone` | `Timestamp { tz: true }` | |
//! | `Time` | `Time { tz: false }` | |
//! | `Date` | `Date` | |
//! | `Interval(None, None)` | `Interval` | with fields or a precision: `Custom` |
//! | `Blob`, `VarBinary(None or Max)` | `Blob` | |
//! | `VarBinary(N(n))` | `VarBinary { n }` | |
//! | `Binary(n)` | `Binary { Some(n) }` | |
//! | `Boolean` | `Boolean` | |
//! | `Json` | `Json` | |
//! | `JsonBinary` | `Jsonb` | |
//! | `Uuid` | `Uuid` | |
//! | `Enum { name, variants }` | `Enum { name }` | the values go to `Schema::enums` |
//! | `Array(t)` | `Array { t }` | |
//! | `Custom(raw)` | the PostgreSQL spelling parsed (`character varying(10)` → `Varchar`), else `Custom { raw }` lower case | |
//! | `Year`, `Bit`, `VarBit`, `Money`, `Vector`, `Cidr`, `Inet`, `MacAddr`, `LTree` | `Custom` with the PostgreSQL/MySQL name | no logical type |

use autogen_schema::ColumnType as Ir;
use autogen_schema::dialect::postgres;
use sea_orm::sea_query::{ColumnType as Sq, PostgresQueryBuilder, StringLen, TableBuilder};

/// Maps a sea-query column type to the IR; see the module table.
pub fn ir_type(ty: &Sq) -> Ir {
    match ty {
        Sq::Char(length) => Ir::Char { length: *length },
        Sq::String(StringLen::N(n)) => Ir::varchar(*n),
        Sq::String(_) => Ir::Varchar { length: None },
        Sq::Text => Ir::Text,
        Sq::TinyInteger => Ir::TinyInt,
        Sq::SmallInteger => Ir::SmallInt,
        Sq::Integer => Ir::Integer,
        Sq::BigInteger => Ir::BigInt,
        // What sea-query writes on MySQL; the other dialects lower it (see the table).
        Sq::TinyUnsigned => Ir::custom("tinyint unsigned"),
        Sq::SmallUnsigned => Ir::custom("smallint unsigned"),
        Sq::Unsigned => Ir::custom("int unsigned"),
        Sq::BigUnsigned => Ir::custom("bigint unsigned"),
        Sq::Float => Ir::Real,
        Sq::Double => Ir::Double,
        Sq::Decimal(ps) => Ir::Decimal {
            precision: ps.map(|(p, _)| p),
            scale: ps.map(|(_, s)| s),
        },
        Sq::DateTime | Sq::Timestamp => Ir::Timestamp {
            precision: None,
            tz: false,
        },
        Sq::TimestampWithTimeZone => Ir::Timestamp {
            precision: None,
            tz: true,
        },
        Sq::Time => Ir::Time {
            precision: None,
            tz: false,
        },
        Sq::Date => Ir::Date,
        Sq::Interval(None, None) => Ir::Interval,
        Sq::Interval(fields, precision) => {
            let mut raw = "interval".to_string();
            if let Some(f) = fields {
                raw.push_str(&format!(" {f}").to_ascii_lowercase());
            }
            if let Some(p) = precision {
                raw.push_str(&format!("({p})"));
            }
            Ir::custom(raw)
        }
        Sq::Blob | Sq::VarBinary(StringLen::None | StringLen::Max) => Ir::Blob,
        Sq::VarBinary(StringLen::N(n)) => Ir::VarBinary { length: *n },
        Sq::Binary(n) => Ir::Binary { length: Some(*n) },
        Sq::Boolean => Ir::Boolean,
        Sq::Json => Ir::Json,
        Sq::JsonBinary => Ir::Jsonb,
        Sq::Uuid => Ir::Uuid,
        Sq::Enum { name, .. } => Ir::Enum {
            name: name.to_string(),
        },
        Sq::Array(element) => Ir::Array {
            element: Box::new(ir_type(element)),
        },
        Sq::Custom(raw) => postgres::parse_type(&raw.to_string()),
        Sq::Year => Ir::custom("year"),
        Sq::Bit(n) => Ir::custom(with_length("bit", *n)),
        Sq::VarBit(n) => Ir::custom(format!("bit varying({n})")),
        Sq::Money(ps) => Ir::custom(match ps {
            Some((p, s)) => format!("money({p},{s})"),
            None => "money".into(),
        }),
        Sq::Vector(n) => Ir::custom(with_length("vector", *n)),
        Sq::Cidr => Ir::custom("cidr"),
        Sq::Inet => Ir::custom("inet"),
        Sq::MacAddr => Ir::custom("macaddr"),
        Sq::LTree => Ir::custom("ltree"),
        // `ColumnType` is non-exhaustive: a future type keeps sea-query's PostgreSQL name.
        other => {
            let mut raw = String::new();
            PostgresQueryBuilder.prepare_column_type(other, &mut raw);
            postgres::parse_type(&raw)
        }
    }
}

fn with_length(base: &str, n: Option<u32>) -> String {
    match n {
        Some(n) => format!("{base}({n})"),
        None => base.to_string(),
    }
}

/// The values of an enum column type, in order, or `None` for other types.
pub fn enum_values(ty: &Sq) -> Option<(String, Vec<String>)> {
    match ty {
        Sq::Enum { name, variants } => Some((
            name.to_string(),
            variants.iter().map(|v| v.to_string()).collect(),
        )),
        Sq::Array(element) => enum_values(element),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_types_use_the_postgres_spelling() {
        assert_eq!(
            ir_type(&Sq::custom("character varying(10)")),
            Ir::varchar(10)
        );
        assert_eq!(ir_type(&Sq::custom("CITEXT")), Ir::custom("citext"));
        assert_eq!(
            ir_type(&Sq::Array(sea_orm::sea_query::RcOrArc::new(Sq::Text))),
            Ir::Array {
                element: Box::new(Ir::Text)
            }
        );
    }

    /// A `u64` field means `bigint unsigned` on MySQL, `bigint` on PostgreSQL and
    /// `integer` on SQLite: what sea-query writes for `BigUnsigned` on each.
    #[test]
    fn unsigned_integers_mean_what_sea_query_writes_per_backend() {
        use autogen_schema::{Column, Dialect, Table};
        let cases = [
            (
                Sq::TinyUnsigned,
                "tinyint unsigned",
                Ir::SmallInt,
                Ir::TinyInt,
            ),
            (
                Sq::SmallUnsigned,
                "smallint unsigned",
                Ir::Integer,
                Ir::SmallInt,
            ),
            (Sq::Unsigned, "int unsigned", Ir::BigInt, Ir::Integer),
            (Sq::BigUnsigned, "bigint unsigned", Ir::BigInt, Ir::Integer),
        ];
        for (sq, mysql, postgres, sqlite) in cases {
            let mut table = Table::new("t");
            table.columns.push(Column::new("c", ir_type(&sq)));
            let mut schema = autogen_schema::Schema::default();
            schema.tables.insert("t".into(), table);
            let lowered = |d: Dialect| d.lower(&schema).tables["t"].columns[0].ty.clone();
            assert_eq!(lowered(Dialect::Mysql), Ir::custom(mysql), "{sq:?}");
            assert_eq!(lowered(Dialect::Postgres), postgres, "{sq:?}");
            assert_eq!(lowered(Dialect::Sqlite), sqlite, "{sq:?}");
        }
    }
}
