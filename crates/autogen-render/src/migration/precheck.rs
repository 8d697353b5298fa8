//! The pre-checks at the top of a generated `up`: for each data-dependent step on a table
//! that exists, a count of the rows it would fail on, run before any step
//! (`autogen_migration::precheck`, queries from `autogen_diff::Plan::prechecks`).

use autogen_schema::Dialect;
use autogen_schema::escape::{rust_raw_str, rust_str};

use super::{Body, DialectPlans, condition, dialect_index};

/// The pre-checks of the served plans' data-dependent steps (`Plan::prechecks`), as code
/// at the top of `up`: each written once, under a backend condition when not every served
/// backend has it, with `per_backend` when the backends' queries differ.
pub(super) fn prechecks(plans: &DialectPlans, served: &[Dialect]) -> String {
    let per_dialect: Vec<(Dialect, Vec<autogen_diff::Precheck>)> = plans
        .each()
        .into_iter()
        .zip(Dialect::ALL)
        .filter(|(_, d)| served.contains(d))
        .map(|(plan, d)| (d, plan.prechecks()))
        .collect();
    let mut descriptions: Vec<&str> = Vec::new();
    for (_, checks) in &per_dialect {
        for check in checks {
            if !descriptions.contains(&check.description.as_str()) {
                descriptions.push(&check.description);
            }
        }
    }
    let mut out = String::new();
    for description in descriptions {
        let mut users: Vec<Dialect> = Vec::new();
        let mut queries: [Option<&str>; 3] = [None; 3];
        for (d, checks) in &per_dialect {
            if let Some(check) = checks.iter().find(|c| c.description == description) {
                users.push(*d);
                queries[dialect_index(*d)] = Some(&check.sql);
            }
        }
        let first = queries.iter().flatten().next().copied().unwrap_or_default();
        let query = if queries.iter().flatten().all(|q| *q == first) {
            rust_raw_str(first)
        } else {
            let value = |q: Option<&str>| q.map(rust_raw_str).unwrap_or_else(|| "\"\"".into());
            format!(
                "autogen_migration::per_backend(manager, [{}, {}, {}])",
                value(queries[0]),
                value(queries[1]),
                value(queries[2])
            )
        };
        let call = format!(
            "autogen_migration::precheck(manager, {}, {query}).await?;",
            rust_str(description)
        );
        if users.len() < served.len() {
            out.push_str(&format!(
                "        if {} {{\n            {call}\n        }}\n",
                condition(&users)
            ));
        } else {
            out.push_str(&format!("        {call}\n"));
        }
    }
    out
}

/// `up`'s body with the pre-checks first, under a comment that says why.
pub(super) fn with_prechecks(prechecks: String, mut body: Body) -> Body {
    if !prechecks.is_empty() {
        body.body = format!(
            "        // Pre-checks: the rows the data-dependent steps would fail on, counted before any\n        // step runs (the migration stops with the count and changes nothing).\n{prechecks}\n{}",
            body.body
        );
    }
    body
}
