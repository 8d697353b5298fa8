//! Naming conventions, as SQLAlchemy's `MetaData(naming_convention=…)` spells them.
//!
//! A template is text with `%(token)s` placeholders. Tokens:
//!
//! | token | value |
//! |---|---|
//! | `table_name` | the table |
//! | `column_0_name` | the first column |
//! | `column_0N_name` / `column_0_N_name` | all columns, joined by nothing / by `_` |
//! | `column_0_label` | `{table}_{first column}` |
//! | `column_0N_label` / `column_0_N_label` | all labels, joined by nothing / by `_` |
//! | `constraint_name` | the name the declaration gave (a check's name, a `unique_key` group) |
//! | `referred_table_name` | a foreign key's referenced table |
//! | `referred_column_0_name`, `referred_column_0N_name`, `referred_column_0_N_name` | its referenced columns |
//!
//! As in SQLAlchemy, a name given by a declaration is kept as it is unless the template
//! uses `constraint_name`; then the template is applied to it (Dify's `ck`).

use crate::error::ModelsError;

/// What a naming template can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    TableName,
    Columns(Part, Join),
    ConstraintName,
    ReferredTableName,
    ReferredColumns(Join),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Name,
    Label,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    First,
    Concat,
    Underscore,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Token(Token),
}

/// A parsed naming template such as `%(table_name)s_%(column_0_name)s_key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    source: String,
    pieces: Vec<Piece>,
}

impl Template {
    /// Parses a SQLAlchemy naming template; unknown tokens are an error.
    pub fn parse(source: &str) -> Result<Template, ModelsError> {
        let bad = |reason: String| ModelsError::Convention {
            template: source.to_string(),
            reason,
        };
        let mut pieces = Vec::new();
        let mut rest = source;
        while let Some(start) = rest.find("%(") {
            if start > 0 {
                pieces.push(Piece::Text(rest[..start].to_string()));
            }
            let after = &rest[start + 2..];
            let end = after
                .find(")s")
                .ok_or_else(|| bad("a `%(` without its `)s`".into()))?;
            let token = parse_token(&after[..end])
                .ok_or_else(|| bad(format!("unknown token `{}`", &after[..end])))?;
            pieces.push(Piece::Token(token));
            rest = &after[end + 2..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        Ok(Template {
            source: source.to_string(),
            pieces,
        })
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the template uses `%(constraint_name)s`.
    pub fn uses_constraint_name(&self) -> bool {
        self.pieces.contains(&Piece::Token(Token::ConstraintName))
    }

    /// Fills the template in, or says which token has no value here.
    pub fn render(&self, ctx: &NameContext<'_>) -> Result<String, ModelsError> {
        let missing = |token: &str| ModelsError::ConventionValue {
            template: self.source.clone(),
            table: ctx.table.to_string(),
            token: token.to_string(),
        };
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Token(Token::TableName) => out.push_str(ctx.table),
                Piece::Token(Token::ConstraintName) => out.push_str(
                    ctx.constraint_name
                        .ok_or_else(|| missing("constraint_name"))?,
                ),
                Piece::Token(Token::ReferredTableName) => out.push_str(
                    ctx.referred_table
                        .ok_or_else(|| missing("referred_table_name"))?,
                ),
                Piece::Token(Token::Columns(part, join)) => {
                    let values: Vec<String> = ctx
                        .columns
                        .iter()
                        .map(|c| match part {
                            Part::Name => c.clone(),
                            Part::Label => format!("{}_{c}", ctx.table),
                        })
                        .collect();
                    out.push_str(&joined(&values, *join).ok_or_else(|| missing("column_0"))?);
                }
                Piece::Token(Token::ReferredColumns(join)) => out.push_str(
                    &joined(ctx.referred_columns, *join)
                        .ok_or_else(|| missing("referred_column_0"))?,
                ),
            }
        }
        Ok(out)
    }
}

fn joined(values: &[String], join: Join) -> Option<String> {
    let first = values.first()?;
    Some(match join {
        Join::First => first.clone(),
        Join::Concat => values.concat(),
        Join::Underscore => values.join("_"),
    })
}

/// `0_name` → (First, `name`), `0N_label` → (Concat, `label`), `0_N_…` → Underscore.
fn columns(rest: &str) -> Option<(Join, &str)> {
    [
        ("0N_", Join::Concat),
        ("0_N_", Join::Underscore),
        ("0_", Join::First),
    ]
    .into_iter()
    .find_map(|(prefix, join)| rest.strip_prefix(prefix).map(|kind| (join, kind)))
}

fn parse_token(name: &str) -> Option<Token> {
    Some(match name {
        "table_name" => Token::TableName,
        "constraint_name" => Token::ConstraintName,
        "referred_table_name" => Token::ReferredTableName,
        _ => {
            if let Some(rest) = name.strip_prefix("referred_column_") {
                match columns(rest)? {
                    (join, "name") => Token::ReferredColumns(join),
                    _ => return None,
                }
            } else {
                let rest = name.strip_prefix("column_")?;
                match columns(rest)? {
                    (join, "name") => Token::Columns(Part::Name, join),
                    (join, "label") => Token::Columns(Part::Label, join),
                    _ => return None,
                }
            }
        }
    })
}

/// The values a template is filled with, for one object.
#[derive(Debug, Clone, Copy)]
pub struct NameContext<'a> {
    /// The table the object belongs to.
    pub table: &'a str,
    /// Its columns in order (plain-column parts only, for indexes).
    pub columns: &'a [String],
    /// The name the declaration gave, if any.
    pub constraint_name: Option<&'a str>,
    /// A foreign key's referenced table.
    pub referred_table: Option<&'a str>,
    /// A foreign key's referenced columns.
    pub referred_columns: &'a [String],
}

impl<'a> NameContext<'a> {
    /// A context with a table and columns only.
    pub fn new(table: &'a str, columns: &'a [String]) -> Self {
        NameContext {
            table,
            columns,
            constraint_name: None,
            referred_table: None,
            referred_columns: &[],
        }
    }
}

/// The kinds of named objects a convention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectKind {
    /// Index (`ix`).
    Index,
    /// Unique constraint (`uq`).
    Unique,
    /// Check constraint (`ck`).
    Check,
    /// Foreign key (`fk`).
    ForeignKey,
    /// Primary key (`pk`).
    PrimaryKey,
}

/// One template per kind of object; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamingConvention {
    /// Indexes.
    pub ix: Template,
    /// Unique constraints.
    pub uq: Template,
    /// Check constraints.
    pub ck: Template,
    /// Foreign keys.
    pub fk: Template,
    /// Primary keys.
    pub pk: Template,
}

impl NamingConvention {
    /// A convention from five SQLAlchemy templates (`ix`, `uq`, `ck`, `fk`, `pk`).
    pub fn new(ix: &str, uq: &str, ck: &str, fk: &str, pk: &str) -> Result<Self, ModelsError> {
        Ok(NamingConvention {
            ix: Template::parse(ix)?,
            uq: Template::parse(uq)?,
            ck: Template::parse(ck)?,
            fk: Template::parse(fk)?,
            pk: Template::parse(pk)?,
        })
    }

    /// The names PostgreSQL itself gives unnamed constraints (`{table}_{cols}_key`,
    /// `_fkey`, `_pkey`, `_check`, and `_idx` for indexes): used when none is set.
    pub fn postgres() -> Self {
        Self::new(
            "%(table_name)s_%(column_0_N_name)s_idx",
            "%(table_name)s_%(column_0_N_name)s_key",
            "%(table_name)s_%(constraint_name)s_check",
            "%(table_name)s_%(column_0_N_name)s_fkey",
            "%(table_name)s_pkey",
        )
        .expect("the built-in templates parse")
    }

    /// The template for a kind of object.
    pub fn template(&self, kind: ObjectKind) -> &Template {
        match kind {
            ObjectKind::Index => &self.ix,
            ObjectKind::Unique => &self.uq,
            ObjectKind::Check => &self.ck,
            ObjectKind::ForeignKey => &self.fk,
            ObjectKind::PrimaryKey => &self.pk,
        }
    }

    /// The final name of an object: `given` as is, unless absent or the template uses
    /// `constraint_name`, in which case the template decides.
    pub fn name(
        &self,
        kind: ObjectKind,
        given: Option<&str>,
        ctx: NameContext<'_>,
    ) -> Result<String, ModelsError> {
        let template = self.template(kind);
        match given {
            Some(name) if !template.uses_constraint_name() => Ok(name.to_string()),
            Some(name) => template.render(&NameContext {
                constraint_name: Some(name),
                ..ctx
            }),
            None => template.render(&ctx),
        }
    }
}

impl Default for NamingConvention {
    fn default() -> Self {
        Self::postgres()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx<'a>(columns: &'a [String]) -> NameContext<'a> {
        NameContext {
            table: "accounts",
            columns,
            constraint_name: None,
            referred_table: Some("tenants"),
            referred_columns: &[],
        }
    }

    #[test]
    fn sqlalchemy_tokens() {
        let cols = ["email".to_string(), "name".to_string()];
        let t = Template::parse("%(column_0_label)s_idx").unwrap();
        assert_eq!(t.render(&ctx(&cols)).unwrap(), "accounts_email_idx");
        let t = Template::parse("%(table_name)s_%(column_0_N_name)s_key").unwrap();
        assert_eq!(t.render(&ctx(&cols)).unwrap(), "accounts_email_name_key");
        let t = Template::parse("fk_%(column_0N_name)s_%(referred_table_name)s").unwrap();
        assert_eq!(t.render(&ctx(&cols)).unwrap(), "fk_emailname_tenants");
        assert!(matches!(
            Template::parse("%(colum_0_name)s"),
            Err(ModelsError::Convention { .. })
        ));
        let ck = Template::parse("%(table_name)s_%(constraint_name)s_check").unwrap();
        assert!(matches!(
            ck.render(&ctx(&cols)),
            Err(ModelsError::ConventionValue { .. })
        ));
    }
}
