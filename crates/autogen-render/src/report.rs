//! Whole-plan reports: text, JSON and SQL.

use std::fmt::Write;

use autogen_diff::{Hazard, Plan, SqlError};
use autogen_schema::Dialect;
use autogen_schema::escape::{sql_comment, terminal};
use serde_json::json;

use crate::describe::describe;

/// A numbered list of operations with their hazards, the warnings, and a hazard summary.
/// Reads the same in a terminal and in a pull request; names are shown with their control
/// characters escaped ([`terminal`]).
pub fn plan_text(plan: &Plan) -> String {
    plan_text_inner(plan, None)
}

/// [`plan_text`] for a plan from a database (or migrations) to the models, with the
/// declaration that makes the models say what each operation is about under it
/// ([`crate::hints`]): `= declarable in the entity …` or `= not declarable in SeaORM
/// attributes; declare it in the Base: …`.
pub fn plan_text_with_hints(plan: &Plan) -> String {
    let hints = crate::hints::model_hints(plan);
    plan_text_inner(plan, Some(&hints))
}

fn plan_text_inner(plan: &Plan, hints: Option<&[Vec<crate::hints::Hint>]>) -> String {
    let mut out = String::new();
    if plan.is_empty() && plan.notes.is_empty() {
        return "No changes.\n".into();
    }
    let dialect = plan.dialect.map(|d| format!(" ({d})")).unwrap_or_default();
    let _ = writeln!(out, "{} operations{dialect}:", plan.ops.len());
    let by_op = plan.hazards_by_op();
    for (i, op) in plan.ops.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>4}. {}",
            i + 1,
            terminal(&describe(op, plan.dialect))
        );
        for h in &by_op[i] {
            let _ = writeln!(out, "        ! {}: {}", h.code(), h.explanation());
        }
        for hint in hints.and_then(|h| h.get(i)).into_iter().flatten() {
            let _ = writeln!(out, "        = {}", terminal(&hint.line()));
        }
    }
    if !plan.notes.is_empty() {
        let _ = writeln!(out, "\nWarnings:");
        for note in &plan.notes {
            let _ = writeln!(out, "  ! {}", terminal(&note.to_string()));
        }
    }
    let hazards = plan.hazards();
    if !hazards.is_empty() {
        let counts: Vec<String> = hazards
            .iter()
            .map(|h| {
                let n = by_op.iter().filter(|of_op| of_op.contains(h)).count();
                format!("{} ({n})", h.code())
            })
            .collect();
        let _ = writeln!(out, "\nHazards: {}", counts.join(", "));
    }
    out
}

/// The plan as JSON: each operation with its description, hazards and (with a dialect)
/// its SQL; the notes; and the downgrade's SQL.
pub fn plan_json(plan: &Plan) -> Result<String, SqlError> {
    let mut ops = Vec::new();
    let by_op = plan.hazards_by_op();
    for (i, op) in plan.ops.iter().enumerate() {
        let mut value = serde_json::to_value(op).expect("operations serialize");
        value["description"] = json!(describe(op, plan.dialect));
        value["hazards"] = json!(by_op[i].iter().map(|h| h.code()).collect::<Vec<_>>());
        if let Some(d) = plan.dialect {
            value["sql"] = json!(autogen_diff::sql::op_sql_in(
                op,
                d,
                plan.namespace.as_deref()
            )?);
        }
        ops.push(value);
    }
    let mut doc = json!({
        "dialect": plan.dialect.map(Dialect::name),
        "changes": !plan.is_empty(),
        "operations": ops,
        "notes": plan.notes.iter().map(|n| json!({"note": n, "message": n.to_string()})).collect::<Vec<_>>(),
        "hazards": plan.hazards().iter().map(|h: &Hazard| h.code()).collect::<Vec<_>>(),
    });
    if let Some(d) = plan.dialect {
        doc["down_sql"] = json!(plan.inverse().to_sql(d)?);
    }
    Ok(serde_json::to_string_pretty(&doc).expect("json") + "\n")
}

/// A SQL script for `dialect`: a comment per operation (with its hazards), then its
/// statements, each ending in `;`. Names in comments go through [`sql_comment`], so that
/// no name can end a comment and become a statement.
pub fn plan_sql_script(plan: &Plan, dialect: Dialect) -> Result<String, SqlError> {
    let mut out = String::new();
    let by_op = plan.hazards_by_op();
    // SQLite: one transaction, foreign keys off around it when a table is rebuilt.
    let (before, after) = autogen_diff::sql::script_frame(plan, dialect);
    for statement in &before {
        let _ = writeln!(out, "{statement};");
    }
    if !before.is_empty() {
        out.push('\n');
    }
    for (i, op) in plan.ops.iter().enumerate() {
        let _ = writeln!(out, "-- {}", sql_comment(&describe(op, Some(dialect))));
        let hazards = &by_op[i];
        if !hazards.is_empty() {
            let codes: Vec<&str> = hazards.iter().map(|h| h.code()).collect();
            let _ = writeln!(out, "-- hazards: {}", codes.join(", "));
        }
        for statement in autogen_diff::sql::op_sql_in(op, dialect, plan.namespace.as_deref())? {
            let _ = writeln!(out, "{statement};");
        }
        out.push('\n');
    }
    for statement in &after {
        let _ = writeln!(out, "{statement};");
    }
    for note in &plan.notes {
        let _ = writeln!(out, "-- WARNING: {}", sql_comment(&note.to_string()));
    }
    Ok(out)
}
