//! DDL of PostgreSQL's objects beyond tables: extensions, domains, row-level security,
//! policies, and comments on indexes, constraints and policies.
//!
//! Each builder takes the names it writes already quoted (and qualified, where the caller
//! qualifies them), so that one plan's namespace applies to every statement; names it
//! writes itself go through [`Dialect::quote_ident`].

use crate::dialect::Dialect;
use crate::ir::{Domain, Extension, Policy, RowSecurity, Table};
use crate::sql_text::quote_literal;

const D: Dialect = Dialect::Postgres;

fn q(name: &str) -> String {
    D.quote_ident(name)
}

/// `COMMENT ON {target} IS '…'` (or `IS NULL`).
pub fn comment_on(target: &str, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON {target} IS {}",
        comment.map_or("NULL".to_string(), quote_literal)
    )
}

/// `CREATE EXTENSION IF NOT EXISTS name [WITH SCHEMA s] [VERSION 'v']`.
pub fn create_extension_sql(extension: &Extension) -> String {
    let mut sql = format!("CREATE EXTENSION IF NOT EXISTS {}", q(&extension.name));
    if let Some(schema) = &extension.schema {
        sql.push_str(&format!(" WITH SCHEMA {}", q(schema)));
    }
    if let Some(version) = &extension.version {
        sql.push_str(&format!(" VERSION {}", quote_literal(version)));
    }
    sql
}

/// `DROP EXTENSION name`. Without `CASCADE`: what still uses the extension's objects
/// makes the statement fail rather than disappear with it.
pub fn drop_extension_sql(extension: &Extension) -> String {
    format!("DROP EXTENSION {}", q(&extension.name))
}

/// `ALTER EXTENSION name UPDATE TO 'v'`.
pub fn alter_extension_sql(name: &str, version: &str) -> String {
    format!(
        "ALTER EXTENSION {} UPDATE TO {}",
        q(name),
        quote_literal(version)
    )
}

/// `CREATE DOMAIN` with its default, NOT NULL and checks, then its comment. `name` is
/// the domain's quoted (qualified) name.
pub fn create_domain_sql(name: &str, domain: &Domain) -> Vec<String> {
    let mut sql = format!("CREATE DOMAIN {name} AS {}", domain.base);
    if let Some(c) = &domain.collation {
        sql.push_str(&format!(" COLLATE {}", q(c)));
    }
    if let Some(d) = &domain.default {
        sql.push_str(&format!(" DEFAULT {d}"));
    }
    if domain.not_null {
        sql.push_str(" NOT NULL");
    }
    for check in &domain.checks {
        sql.push_str(&format!(
            " CONSTRAINT {} CHECK ({})",
            q(&check.name),
            check.expression
        ));
    }
    let mut out = vec![sql];
    if let Some(c) = &domain.comment {
        out.push(comment_on(&format!("DOMAIN {name}"), Some(c)));
    }
    out
}

/// `DROP DOMAIN`.
pub fn drop_domain_sql(name: &str) -> String {
    format!("DROP DOMAIN {name}")
}

/// The `ALTER DOMAIN` statements from `from` to `to` (same base type and collation):
/// checks dropped first, then default and NOT NULL, checks added, comment.
pub fn alter_domain_sql(name: &str, from: &Domain, to: &Domain) -> Vec<String> {
    let prefix = format!("ALTER DOMAIN {name}");
    let mut out = Vec::new();
    for check in &from.checks {
        if !to.checks.contains(check) {
            out.push(format!("{prefix} DROP CONSTRAINT {}", q(&check.name)));
        }
    }
    if from.default != to.default {
        out.push(match &to.default {
            Some(d) => format!("{prefix} SET DEFAULT {d}"),
            None => format!("{prefix} DROP DEFAULT"),
        });
    }
    if from.not_null != to.not_null {
        let verb = if to.not_null { "SET" } else { "DROP" };
        out.push(format!("{prefix} {verb} NOT NULL"));
    }
    for check in &to.checks {
        if !from.checks.contains(check) {
            out.push(format!(
                "{prefix} ADD CONSTRAINT {} CHECK ({})",
                q(&check.name),
                check.expression
            ));
        }
    }
    if from.comment != to.comment {
        out.push(comment_on(&format!("DOMAIN {name}"), to.comment.as_deref()));
    }
    out
}

/// The `ALTER TABLE … ROW LEVEL SECURITY` statements from `from` to `to`. `table` is
/// quoted (and qualified).
pub fn row_security_sql(table: &str, from: RowSecurity, to: RowSecurity) -> Vec<String> {
    let mut out = Vec::new();
    if from.enabled != to.enabled {
        let verb = if to.enabled { "ENABLE" } else { "DISABLE" };
        out.push(format!("ALTER TABLE {table} {verb} ROW LEVEL SECURITY"));
    }
    if from.forced != to.forced {
        let verb = if to.forced { "FORCE" } else { "NO FORCE" };
        out.push(format!("ALTER TABLE {table} {verb} ROW LEVEL SECURITY"));
    }
    out
}

/// `CREATE POLICY … ON table`, then its comment. `table` is quoted (and qualified).
pub fn create_policy_sql(table: &str, policy: &Policy) -> Vec<String> {
    let mut sql = format!(
        "CREATE POLICY {} ON {table} AS {} FOR {}",
        q(&policy.name),
        if policy.restrictive {
            "RESTRICTIVE"
        } else {
            "PERMISSIVE"
        },
        policy.command.as_sql()
    );
    if policy.roles.is_empty() {
        sql.push_str(" TO PUBLIC");
    } else {
        let roles: Vec<String> = policy.roles.iter().map(|r| role(r)).collect();
        sql.push_str(&format!(" TO {}", roles.join(", ")));
    }
    if let Some(e) = &policy.using {
        sql.push_str(&format!(" USING ({e})"));
    }
    if let Some(e) = &policy.with_check {
        sql.push_str(&format!(" WITH CHECK ({e})"));
    }
    let mut out = vec![sql];
    if let Some(c) = &policy.comment {
        out.push(comment_on(
            &format!("POLICY {} ON {table}", q(&policy.name)),
            Some(c),
        ));
    }
    out
}

/// A role as `TO` names it: the keywords PostgreSQL accepts there stay bare, any other
/// name is an identifier.
fn role(name: &str) -> String {
    match name.to_ascii_lowercase().as_str() {
        "current_user" | "current_role" | "session_user" => name.to_ascii_uppercase(),
        _ => q(name),
    }
}

/// `DROP POLICY … ON table`.
pub fn drop_policy_sql(table: &str, policy: &Policy) -> String {
    format!("DROP POLICY {} ON {table}", q(&policy.name))
}

/// What follows a table's `CREATE TABLE` besides its indexes and column comments: row-level
/// security, policies, and the comments on its constraints and (with `indexes`, when its
/// indexes exist by then) on its indexes. `name` is the table's quoted (qualified) name.
pub fn table_extras_sql(name: &str, table: &Table, indexes: bool) -> Vec<String> {
    let mut out = row_security_sql(name, RowSecurity::default(), table.row_security);
    for policy in &table.policies {
        out.extend(create_policy_sql(name, policy));
    }
    let held = |name: &str| {
        table.primary_key.as_ref().and_then(|p| p.name.as_deref()) == Some(name)
            || table.unique(name).is_some()
            || table.check(name).is_some()
            || table.foreign_key(name).is_some()
    };
    for (constraint, comment) in &table.part_comments.constraints {
        if !held(constraint) {
            // A key added after the table (closing a cycle) is commented after it.
            continue;
        }
        out.push(comment_on(
            &format!("CONSTRAINT {} ON {name}", q(constraint)),
            Some(comment),
        ));
    }
    if indexes {
        for (index, comment) in &table.part_comments.indexes {
            out.push(comment_on(&format!("INDEX {}", q(index)), Some(comment)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Check, PolicyCommand};

    fn domain() -> Domain {
        Domain {
            name: "score".into(),
            base: "integer".into(),
            collation: None,
            default: Some("0".into()),
            not_null: true,
            checks: vec![Check {
                name: "score_check".into(),
                expression: "VALUE >= 0".into(),
                no_inherit: false,
                not_valid: false,
            }],
            comment: Some("it's a score".into()),
        }
    }

    #[test]
    fn domain_statements() {
        assert_eq!(
            create_domain_sql("\"score\"", &domain()),
            [
                "CREATE DOMAIN \"score\" AS integer DEFAULT 0 NOT NULL \
                 CONSTRAINT \"score_check\" CHECK (VALUE >= 0)",
                "COMMENT ON DOMAIN \"score\" IS 'it''s a score'"
            ]
        );
        let mut to = domain();
        to.default = None;
        to.not_null = false;
        to.checks[0].expression = "VALUE > 0".into();
        assert_eq!(
            alter_domain_sql("\"score\"", &domain(), &to),
            [
                "ALTER DOMAIN \"score\" DROP CONSTRAINT \"score_check\"",
                "ALTER DOMAIN \"score\" DROP DEFAULT",
                "ALTER DOMAIN \"score\" DROP NOT NULL",
                "ALTER DOMAIN \"score\" ADD CONSTRAINT \"score_check\" CHECK (VALUE > 0)",
            ]
        );
    }

    #[test]
    fn policy_statements() {
        let policy = Policy {
            name: "p".into(),
            command: PolicyCommand::Select,
            restrictive: true,
            roles: vec!["app user".into(), "current_user".into()],
            using: Some("(id = 1)".into()),
            with_check: None,
            comment: None,
        };
        assert_eq!(
            create_policy_sql("\"t\"", &policy),
            [
                "CREATE POLICY \"p\" ON \"t\" AS RESTRICTIVE FOR SELECT TO \"app user\", CURRENT_USER USING ((id = 1))"
            ]
        );
        assert_eq!(
            row_security_sql(
                "\"t\"",
                RowSecurity::default(),
                RowSecurity {
                    enabled: true,
                    forced: true
                }
            ),
            [
                "ALTER TABLE \"t\" ENABLE ROW LEVEL SECURITY",
                "ALTER TABLE \"t\" FORCE ROW LEVEL SECURITY"
            ]
        );
    }
}
