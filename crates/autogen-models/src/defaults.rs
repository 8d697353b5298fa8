//! Column defaults: sea-query `Expr` (what `default_value` and `default_expr` produce) → IR.
//!
//! - `default_value = lit` gives `Expr::Value`: strings, numbers and booleans map directly;
//!   other values (dates, JSON…) are rendered as PostgreSQL literals and parsed.
//! - `Expr::current_timestamp()`, `current_date()`, `current_time()` are keywords.
//! - `Expr::cust("uuid_generate_v4()")` is SQL text, parsed by [`DefaultValue::parse_sql`]
//!   exactly as reflected defaults are, so both sides meet in one spelling.
//! - Anything else is rendered with sea-query's PostgreSQL builder, then parsed.

use autogen_schema::DefaultValue;
use sea_orm::sea_query::{Expr, Keyword, PostgresQueryBuilder, QueryBuilder, Value};

/// Maps a sea-query default expression to an IR default.
pub fn ir_default(expr: &Expr) -> DefaultValue {
    match expr {
        Expr::Value(v) | Expr::Constant(v) => value_default(v),
        Expr::Keyword(Keyword::CurrentTimestamp) => {
            DefaultValue::CurrentTimestamp { precision: None }
        }
        Expr::Keyword(Keyword::CurrentDate) => DefaultValue::CurrentDate,
        Expr::Keyword(Keyword::CurrentTime) => DefaultValue::CurrentTime,
        Expr::Keyword(Keyword::Null) => DefaultValue::Null,
        Expr::Custom(sql) => DefaultValue::parse_sql(sql),
        other => DefaultValue::parse_sql(&render(other)),
    }
}

fn value_default(value: &Value) -> DefaultValue {
    let number = |n: String| DefaultValue::Number(n);
    match value {
        Value::Bool(Some(b)) => DefaultValue::Bool(*b),
        Value::TinyInt(Some(n)) => number(n.to_string()),
        Value::SmallInt(Some(n)) => number(n.to_string()),
        Value::Int(Some(n)) => number(n.to_string()),
        Value::BigInt(Some(n)) => number(n.to_string()),
        Value::TinyUnsigned(Some(n)) => number(n.to_string()),
        Value::SmallUnsigned(Some(n)) => number(n.to_string()),
        Value::Unsigned(Some(n)) => number(n.to_string()),
        Value::BigUnsigned(Some(n)) => number(n.to_string()),
        Value::Float(Some(n)) => number(n.to_string()),
        Value::Double(Some(n)) => number(n.to_string()),
        Value::String(Some(s)) => DefaultValue::String(s.clone()),
        Value::Char(Some(c)) => DefaultValue::String(c.to_string()),
        Value::Json(Some(j)) => DefaultValue::String(j.to_string()),
        // A typed NULL (`Value::String(None)`, …) is `DEFAULT NULL`.
        other if is_null(other) => DefaultValue::Null,
        other => DefaultValue::parse_sql(&render(&Expr::Value(other.clone()))),
    }
}

fn is_null(value: &Value) -> bool {
    // sea-query renders every `None` value as the keyword NULL.
    PostgresQueryBuilder.value_to_string(value) == "NULL"
}

/// The expression as PostgreSQL SQL text, values inlined.
fn render(expr: &Expr) -> String {
    let mut sql = String::new();
    PostgresQueryBuilder.prepare_expr(expr, &mut sql);
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_keywords_and_sql() {
        assert_eq!(
            ir_default(&Expr::value("active")),
            DefaultValue::String("active".into())
        );
        assert_eq!(
            ir_default(&Expr::value(10)),
            DefaultValue::Number("10".into())
        );
        assert_eq!(ir_default(&Expr::value(false)), DefaultValue::Bool(false));
        assert_eq!(
            ir_default(&Expr::current_timestamp()),
            DefaultValue::CurrentTimestamp { precision: None }
        );
        assert_eq!(
            ir_default(&Expr::cust("CURRENT_TIMESTAMP(0)")),
            DefaultValue::CurrentTimestamp { precision: Some(0) }
        );
        assert_eq!(
            ir_default(&Expr::cust("uuid_generate_v4()")),
            DefaultValue::Function("uuid_generate_v4".into())
        );
        assert_eq!(
            ir_default(&Expr::Value(Value::String(None))),
            DefaultValue::Null
        );
    }
}
