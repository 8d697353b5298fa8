//! Dialect-neutral normalization: one spelling for each fact, so equal schemas compare equal.

use crate::ir::{ColumnType, DefaultValue, Identity, IndexTarget, Schema, Table};
use crate::sql_text::{collapse_whitespace, expression::tidy, strip_outer_parens};

impl Schema {
    /// Returns the schema in canonical form; see [`Schema::normalize`].
    pub fn normalized(mut self) -> Schema {
        self.normalize();
        self
    }

    /// The schema without `renamed_from` hints: they are instructions from the models, not
    /// facts a database holds or a snapshot keeps.
    pub fn without_hints(mut self) -> Schema {
        for t in self.tables.values_mut() {
            t.renamed_from = None;
            for c in &mut t.columns {
                c.renamed_from = None;
            }
        }
        self
    }

    /// Puts the schema in canonical form: constraint lists sorted by name, defaults spelled
    /// one way for the column's type, `DEFAULT NULL` dropped, SQL fragments with collapsed
    /// white space and no outer parentheses. Idempotent.
    pub fn normalize(&mut self) {
        for (name, table) in self.tables.iter_mut() {
            table.name = name.clone();
            normalize_table(table);
        }
        for (name, e) in self.enums.iter_mut() {
            e.name = name.clone();
        }
        for (name, d) in self.domains.iter_mut() {
            d.name = name.clone();
            d.checks.sort_by(|a, b| a.name.cmp(&b.name));
            for check in &mut d.checks {
                check.expression = normalize_sql_fragment(&check.expression);
            }
        }
        for (name, e) in self.extensions.iter_mut() {
            e.name = name.clone();
        }
        // A comment on a type that is not there is no fact of the schema.
        let enums = &self.enums;
        self.type_comments
            .retain(|name, _| enums.contains_key(name));
    }
}

fn normalize_table(table: &mut Table) {
    let uniques: Vec<&String> = table.uniques.iter().map(|u| &u.name).collect();
    table.unnamed_uniques.retain(|n| uniques.contains(&n));
    table.unnamed_uniques.sort();
    table.unnamed_uniques.dedup();
    for column in &mut table.columns {
        if column.identity == Some(Identity::Serial) {
            column.default = None;
        }
        column.default = column
            .default
            .take()
            .and_then(|d| normalize_default(d, &column.ty));
    }
    table.indexes.sort_by(|a, b| a.name.cmp(&b.name));
    table.uniques.sort_by(|a, b| a.name.cmp(&b.name));
    table.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
    table.checks.sort_by(|a, b| a.name.cmp(&b.name));
    for index in &mut table.indexes {
        index.predicate = index.predicate.as_deref().map(normalize_sql_fragment);
        for part in &mut index.parts {
            if let IndexTarget::Expression(e) = &mut part.target {
                *e = normalize_sql_fragment(e);
            }
        }
    }
    for check in &mut table.checks {
        check.expression = normalize_sql_fragment(&check.expression);
    }
    table.policies.sort_by(|a, b| a.name.cmp(&b.name));
    for policy in &mut table.policies {
        policy.roles.sort();
        policy.roles.dedup();
        // `TO PUBLIC` is what no role list means.
        if policy
            .roles
            .iter()
            .any(|r| r.eq_ignore_ascii_case("public"))
        {
            policy.roles.clear();
        }
        policy.using = policy.using.as_deref().map(normalize_sql_fragment);
        policy.with_check = policy.with_check.as_deref().map(normalize_sql_fragment);
    }
}

/// The dialect-neutral spelling of a SQL expression: comments dropped, white space and
/// operator keywords one way ([`tidy`]), enclosing parentheses removed. Linear.
pub fn normalize_sql_fragment(s: &str) -> String {
    strip_outer_parens(&tidy(s)).to_string()
}

/// One spelling of a default for a column type; `None` for `DEFAULT NULL`.
pub fn normalize_default(default: DefaultValue, ty: &ColumnType) -> Option<DefaultValue> {
    use DefaultValue as D;
    Some(match default {
        D::Null => return None,
        D::Number(n) if *ty == ColumnType::Boolean => match n.as_str() {
            "0" => D::Bool(false),
            "1" => D::Bool(true),
            _ => D::Number(n),
        },
        D::String(s) if *ty == ColumnType::Boolean => match s.to_ascii_lowercase().as_str() {
            "0" | "f" | "false" | "n" | "no" | "off" => D::Bool(false),
            "1" | "t" | "true" | "y" | "yes" | "on" => D::Bool(true),
            _ => D::String(s),
        },
        D::String(s) if ty.is_numeric() => match crate::default_sql::canonical_number(&s) {
            Some(n) => D::Number(n),
            None => D::String(s),
        },
        D::Bool(b) if ty.is_numeric() => D::Number(if b { "1" } else { "0" }.into()),
        D::Expression(e) => D::Expression(collapse_whitespace(&e)),
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Column;

    #[test]
    fn defaults_follow_the_column_type() {
        assert_eq!(
            normalize_default(DefaultValue::Number("0".into()), &ColumnType::Boolean),
            Some(DefaultValue::Bool(false))
        );
        assert_eq!(
            normalize_default(DefaultValue::String("10".into()), &ColumnType::Integer),
            Some(DefaultValue::Number("10".into()))
        );
        assert_eq!(
            normalize_default(DefaultValue::Null, &ColumnType::Text),
            None
        );
        assert_eq!(
            normalize_default(DefaultValue::String("10".into()), &ColumnType::Text),
            Some(DefaultValue::String("10".into()))
        );
    }

    #[test]
    fn normalize_is_idempotent_and_sorts() {
        let mut t = Table::new("t");
        let mut c = Column::new("id", ColumnType::Integer);
        c.identity = Some(Identity::Serial);
        c.default = Some(DefaultValue::Expression(
            "nextval('t_id_seq'::regclass)".into(),
        ));
        t.columns.push(c);
        t.checks.push(crate::ir::Check {
            not_valid: false,
            no_inherit: false,
            name: "b".into(),
            expression: "((id  >  0))".into(),
        });
        t.checks.push(crate::ir::Check {
            not_valid: false,
            no_inherit: false,
            name: "a".into(),
            expression: "id < 10".into(),
        });
        let mut s = Schema::default();
        s.tables.insert("t".into(), t);
        let once = s.normalized();
        let t = &once.tables["t"];
        assert_eq!(t.columns[0].default, None);
        assert_eq!(t.checks[0].name, "a");
        assert_eq!(t.checks[1].expression, "id > 0");
        assert_eq!(once.clone().normalized(), once);
    }
}
