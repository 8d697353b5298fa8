//! Functions, procedures and triggers of one namespace: one bulk query each.
//!
//! Both are kept as PostgreSQL prints them (`pg_get_functiondef`, `pg_get_triggerdef`),
//! so that two databases holding the same routine compare equal whatever the text they
//! were created with, and a plan writes back what the database would.

use autogen_schema::{Function, RoutineKind, Schema, Trigger, TriggerEnabled};
use sqlx::PgConnection;

use crate::{ReflectError, is_bookkeeping_table};

/// Functions and procedures of the namespace, not those an extension owns (the extension
/// creates them) nor aggregates and window functions (`pg_get_functiondef` cannot print
/// them), with their comments.
const FUNCTIONS: &str = "\
SELECT p.proname::text,
       p.prokind::text,
       pg_get_function_arguments(p.oid),
       pg_get_function_identity_arguments(p.oid),
       oidvectortypes(p.proargtypes),
       CASE WHEN p.prokind = 'f' THEN pg_get_function_result(p.oid) END,
       pg_get_functiondef(p.oid),
       ds.description
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_description ds
  ON ds.objoid = p.oid AND ds.classoid = 'pg_proc'::regclass AND ds.objsubid = 0
WHERE n.nspname = $1 AND p.prokind IN ('f', 'p')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                    AND d.deptype = 'e')
ORDER BY p.proname, oidvectortypes(p.proargtypes)";

/// Triggers on the namespace's tables and views, not the internal ones (foreign keys'),
/// nor those a partition inherits from its parent: the statement, the firing state, the
/// comment and the key of the routine it executes when that routine is in the namespace.
/// The search path is the namespace's, so the statement names what is in it unqualified.
const TRIGGERS: &str = "\
SELECT c.relname::text,
       t.tgname::text,
       pg_get_triggerdef(t.oid, true),
       t.tgenabled::text,
       ds.description,
       CASE WHEN fn.pronamespace = n.oid
            THEN fn.proname::text || '(' || oidvectortypes(fn.proargtypes) || ')' END
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc fn ON fn.oid = t.tgfoid
LEFT JOIN pg_description ds
  ON ds.objoid = t.oid AND ds.classoid = 'pg_trigger'::regclass AND ds.objsubid = 0
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'f')
  AND NOT t.tgisinternal AND t.tgparentid = 0
ORDER BY c.relname, t.tgname";

type FunctionRow = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
);

type TriggerRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// The number of queries [`read`] runs.
pub(super) const QUERIES: usize = 2;

/// Reads the namespace's routines and triggers into `schema`.
pub(super) async fn read(
    conn: &mut PgConnection,
    namespace: &str,
    schema: &mut Schema,
) -> Result<(), ReflectError> {
    let functions: Vec<FunctionRow> = sqlx::query_as(FUNCTIONS)
        .bind(namespace)
        .fetch_all(&mut *conn)
        .await?;
    let triggers: Vec<TriggerRow> = sqlx::query_as(TRIGGERS)
        .bind(namespace)
        .fetch_all(&mut *conn)
        .await?;
    for row in functions {
        let f = function_from_row(row)?;
        schema.functions.insert(f.key(), f);
    }
    for (table, name, definition, enabled, comment, function) in triggers {
        if is_bookkeeping_table(&table) {
            continue;
        }
        let enabled =
            TriggerEnabled::from_code(&enabled).ok_or_else(|| ReflectError::Unsupported {
                object: format!("trigger {name} on {table}"),
                reason: format!("unknown firing state {enabled:?}"),
            })?;
        let trigger = Trigger {
            function,
            enabled,
            comment,
            ..Trigger::new(name, table, definition)
        };
        schema.triggers.insert(trigger.key(true), trigger);
    }
    Ok(())
}

/// One routine: `pg_get_functiondef`'s first line is `CREATE OR REPLACE FUNCTION
/// nsp.name(arguments)`; the IR keeps what follows it, and writes the first line itself.
fn function_from_row(row: FunctionRow) -> Result<Function, ReflectError> {
    let (name, kind, arguments, identity, signature, result, text, comment) = row;
    let kind = match kind.as_str() {
        "p" => RoutineKind::Procedure,
        _ => RoutineKind::Function,
    };
    let header_end = format!("({arguments})");
    let definition = match text.split_once('\n') {
        Some((header, rest)) if header.ends_with(&header_end) => rest.to_string(),
        _ => {
            return Err(ReflectError::Unsupported {
                object: format!("{} {name}({identity})", kind.keyword().to_lowercase()),
                reason: "pg_get_functiondef printed an unexpected first line".into(),
            });
        }
    };
    Ok(Function {
        name,
        kind,
        arguments,
        identity,
        signature,
        result,
        definition: format!("\n{definition}"),
        comment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_line_is_left_to_the_writer() {
        let row = (
            "f".to_string(),
            "f".to_string(),
            "x integer DEFAULT 1".to_string(),
            "x integer".to_string(),
            "integer".to_string(),
            Some("integer".to_string()),
            "CREATE OR REPLACE FUNCTION public.f(x integer DEFAULT 1)\n RETURNS integer\n LANGUAGE sql\nRETURN (x + 1)\n".to_string(),
            None,
        );
        let f = function_from_row(row).unwrap();
        assert_eq!(
            f.definition,
            "\n RETURNS integer\n LANGUAGE sql\nRETURN (x + 1)\n"
        );
        assert_eq!(f.key(), "f(integer)");
        let bad = function_from_row((
            "f".into(),
            "f".into(),
            "x integer".into(),
            "x integer".into(),
            "integer".into(),
            None,
            "something else".into(),
            None,
        ));
        assert!(matches!(bad, Err(ReflectError::Unsupported { .. })));
    }
}
