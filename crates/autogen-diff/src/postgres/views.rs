//! PostgreSQL statements for views and materialized views: the stored statement, then the
//! materialized view's indexes and the comment; `CREATE OR REPLACE VIEW` where the
//! differ found the view replaceable.

use autogen_schema::View;
use autogen_schema::sql_text::quote_literal;

fn keyword(view: &View) -> &'static str {
    if view.materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    }
}

fn comment(view: &View, name: &str) -> String {
    format!(
        "COMMENT ON {} {name} IS {}",
        keyword(view),
        view.comment.as_deref().map_or("NULL".into(), quote_literal)
    )
}

/// The statements creating `view` (`name` as the plan qualifies it): the stored
/// statement, its indexes, its comment.
pub(crate) fn create_view(view: &View, name: &str) -> Vec<String> {
    let mut out = vec![view.definition.clone()];
    out.extend(view.indexes.iter().cloned());
    if view.comment.is_some() {
        out.push(comment(view, name));
    }
    out
}

/// `DROP [MATERIALIZED] VIEW`: its indexes and comment go with it.
pub(crate) fn drop_view(view: &View, name: &str) -> String {
    format!("DROP {} {name}", keyword(view))
}

/// `CREATE OR REPLACE VIEW` with `to`'s statement when the statement changes, and the
/// comment when it changes. A statement that does not start with `CREATE` (none that
/// reflection writes) is dropped and created instead.
pub(crate) fn replace_view(from: &View, to: &View, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !autogen_schema::same_definition(&from.definition, &to.definition) {
        match or_replace(&to.definition) {
            Some(sql) => out.push(sql),
            None => {
                out.push(drop_view(from, name));
                out.extend(create_view(to, name));
                return out;
            }
        }
    }
    if from.comment != to.comment {
        out.push(comment(to, name));
    }
    out
}

/// `CREATE VIEW …` → `CREATE OR REPLACE VIEW …`.
fn or_replace(definition: &str) -> Option<String> {
    let trimmed = definition.trim_start();
    let head = trimmed.get(..6)?;
    if !head.eq_ignore_ascii_case("CREATE") {
        return None;
    }
    let rest = trimmed[6..].trim_start();
    let already = rest.get(..2).is_some_and(|s| s.eq_ignore_ascii_case("OR"));
    Some(if already {
        trimmed.to_string()
    } else {
        format!("CREATE OR REPLACE {rest}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_becomes_create_or_replace() {
        assert_eq!(
            or_replace("CREATE VIEW v AS SELECT 1").as_deref(),
            Some("CREATE OR REPLACE VIEW v AS SELECT 1")
        );
        assert_eq!(
            or_replace("create or replace view v as select 1").as_deref(),
            Some("create or replace view v as select 1")
        );
        assert_eq!(or_replace("SELECT 1"), None);
    }
}
