//! PostgreSQL functions, procedures and the parts of triggers beyond their statement.
//!
//! The routine's and trigger's own text is the database's; what this module writes is the
//! name (through the dialect's quoting, qualified by the caller when a plan has a
//! namespace), the `DROP`, and the statements `CREATE` does not carry: comments and a
//! trigger's firing state.

use crate::ir::{Function, Trigger, TriggerEnabled};
use crate::sql_text::quote_literal;

/// `CREATE OR REPLACE FUNCTION name(arguments)` and the rest as the database prints it.
/// `name` is the routine's name already quoted (and qualified).
pub fn create_function_sql(name: &str, f: &Function) -> String {
    format!(
        "CREATE OR REPLACE {} {name}({}){}",
        f.kind.keyword(),
        f.arguments,
        f.definition.trim_end()
    )
}

/// `DROP FUNCTION name(identity arguments)`.
pub fn drop_function_sql(name: &str, f: &Function) -> String {
    format!("DROP {} {name}({})", f.kind.keyword(), f.identity)
}

/// `COMMENT ON FUNCTION name(identity arguments) IS …` (`NULL` removes it).
pub fn function_comment_sql(name: &str, f: &Function) -> String {
    format!(
        "COMMENT ON {} {name}({}) IS {}",
        f.kind.keyword(),
        f.identity,
        f.comment.as_deref().map_or("NULL".into(), quote_literal)
    )
}

/// What creating `f` takes: the routine, then its comment if it has one.
pub fn function_statements(name: &str, f: &Function) -> Vec<String> {
    let mut out = vec![create_function_sql(name, f)];
    if f.comment.is_some() {
        out.push(function_comment_sql(name, f));
    }
    out
}

/// The statements after `CREATE TRIGGER` that give the trigger its firing state and
/// comment; `trigger` is the quoted trigger name, `table` the quoted (qualified) table.
pub fn trigger_extra_sql(trigger: &str, table: &str, t: &Trigger) -> Vec<String> {
    let mut out = Vec::new();
    if t.enabled != TriggerEnabled::Origin {
        out.push(format!(
            "ALTER TABLE {table} {} TRIGGER {trigger}",
            t.enabled.alter_words()
        ));
    }
    if let Some(c) = &t.comment {
        out.push(format!(
            "COMMENT ON TRIGGER {trigger} ON {table} IS {}",
            quote_literal(c)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::RoutineKind;

    #[test]
    fn routine_statements_name_the_routine_by_its_identity() {
        let f = Function {
            name: "f".into(),
            kind: RoutineKind::Procedure,
            arguments: "a integer DEFAULT 1".into(),
            identity: "a integer".into(),
            signature: "integer".into(),
            result: None,
            definition: "\n LANGUAGE sql\nAS $procedure$ SELECT 1 $procedure$\n".into(),
            comment: Some("it's".into()),
        };
        assert_eq!(
            function_statements("\"f\"", &f),
            [
                "CREATE OR REPLACE PROCEDURE \"f\"(a integer DEFAULT 1)\n LANGUAGE sql\nAS $procedure$ SELECT 1 $procedure$",
                "COMMENT ON PROCEDURE \"f\"(a integer) IS 'it''s'",
            ]
        );
        assert_eq!(
            drop_function_sql("\"f\"", &f),
            "DROP PROCEDURE \"f\"(a integer)"
        );
        let mut t = Trigger::new("t", "u", "CREATE TRIGGER t …");
        assert!(trigger_extra_sql("\"t\"", "\"u\"", &t).is_empty());
        t.enabled = TriggerEnabled::Replica;
        assert_eq!(
            trigger_extra_sql("\"t\"", "\"u\"", &t),
            ["ALTER TABLE \"u\" ENABLE REPLICA TRIGGER \"t\""]
        );
    }
}
