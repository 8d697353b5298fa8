//! The models' expressions in the form a database prints them back (the dev database,
//! `[database] dev_url`): the only canonical form that is exact.

use crate::{DefaultValue, IndexTarget, Schema};

impl Schema {
    /// Replaces the expressions of these models (check expressions, exclusion constraints, index
    /// expressions and predicates, expression defaults, generated columns) with the ones of `printed`: the
    /// same models created in a dev database and reflected, matched by table, constraint,
    /// index and column name. An expression `printed` lacks, or prints with `scratch` (the
    /// dev database's scratch schema, which a qualified name would carry) in it, stays as
    /// the models wrote it. Returns how many expressions were replaced.
    pub fn adopt_printed_expressions(&mut self, printed: &Schema, scratch: &str) -> usize {
        let usable = |text: &str| !text.contains(scratch);
        let replaced = std::cell::Cell::new(0);
        let take = |mine: &mut String, theirs: &str| {
            if usable(theirs) && mine != theirs {
                *mine = theirs.to_string();
                replaced.set(replaced.get() + 1);
            }
        };
        for (name, table) in &mut self.tables {
            let Some(theirs) = printed.tables.get(name) else {
                continue;
            };
            for check in &mut table.checks {
                if let Some(c) = theirs.checks.iter().find(|c| c.name == check.name) {
                    take(&mut check.expression, &c.expression);
                }
            }
            for exclusion in &mut table.exclusions {
                if let Some(x) = theirs.exclusions.iter().find(|x| x.name == exclusion.name) {
                    take(&mut exclusion.definition, &x.definition);
                }
            }
            for index in &mut table.indexes {
                let Some(i) = theirs.indexes.iter().find(|i| i.name == index.name) else {
                    continue;
                };
                if let (Some(mine), Some(their)) = (&mut index.predicate, &i.predicate) {
                    take(mine, their);
                }
                if index.parts.len() == i.parts.len() {
                    for (mine, their) in index.parts.iter_mut().zip(&i.parts) {
                        if let (IndexTarget::Expression(m), IndexTarget::Expression(t)) =
                            (&mut mine.target, &their.target)
                        {
                            take(m, t);
                        }
                    }
                }
            }
            for column in &mut table.columns {
                let Some(c) = theirs.column(&column.name) else {
                    continue;
                };
                // Literal defaults compare logically already; only free expressions need
                // the database's spelling.
                if let (Some(DefaultValue::Expression(mine)), Some(their)) =
                    (&mut column.default, &c.default)
                {
                    match their {
                        DefaultValue::Expression(t) => take(mine, t),
                        other if usable(&format!("{other:?}")) => {
                            column.default = Some(other.clone());
                            replaced.set(replaced.get() + 1);
                        }
                        _ => {}
                    }
                }
                if let (Some(mine), Some(their)) = (&mut column.generated, &c.generated) {
                    take(&mut mine.expression, &their.expression);
                }
            }
        }
        replaced.get()
    }
}

#[cfg(test)]
mod tests {
    use crate::{Check, Schema, Table};

    fn with_check(expression: &str) -> Schema {
        let mut t = Table::new("t");
        t.checks.push(Check {
            name: "c".into(),
            expression: expression.into(),
            not_valid: false,
            no_inherit: false,
        });
        let mut s = Schema::default();
        s.tables.insert("t".into(), t);
        s
    }

    #[test]
    fn printed_expressions_replace_the_models_unless_qualified_by_the_scratch_schema() {
        let mut models = with_check("n BETWEEN 1 AND 5");
        let printed = with_check("(n >= 1) AND (n <= 5)");
        assert_eq!(
            models.adopt_printed_expressions(&printed, "autogen_dev_1"),
            1
        );
        assert_eq!(models, printed);
        let mut models = with_check("f(n)");
        let printed = with_check("autogen_dev_1.f(n)");
        assert_eq!(
            models.adopt_printed_expressions(&printed, "autogen_dev_1"),
            0
        );
        assert_eq!(models, with_check("f(n)"));
    }
}
