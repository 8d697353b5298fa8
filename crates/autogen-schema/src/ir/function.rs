//! Functions and procedures (PostgreSQL): kept as the database prints them.

use serde::{Deserialize, Serialize};

/// Whether a routine is a function or a procedure: `DROP` and `COMMENT ON` name the kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutineKind {
    /// `CREATE FUNCTION`.
    #[default]
    Function,
    /// `CREATE PROCEDURE`.
    Procedure,
}

impl RoutineKind {
    /// The keyword: `FUNCTION` or `PROCEDURE`.
    pub fn keyword(self) -> &'static str {
        match self {
            RoutineKind::Function => "FUNCTION",
            RoutineKind::Procedure => "PROCEDURE",
        }
    }
}

/// A function or procedure.
///
/// As for [`super::View`], the IR does not model the body: it keeps what
/// `pg_get_functiondef` prints after the signature line (return type, language,
/// attributes, `SET` options, body), and the signature in the catalog's own spelling.
/// The statement that creates it is `CREATE OR REPLACE <kind> <name>(<arguments>)`
/// followed by [`Function::definition`], so the name is quoted (and qualified) by the
/// dialect, not copied from the source database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    /// Routine name (unqualified).
    pub name: String,
    /// Function or procedure.
    #[serde(default)]
    pub kind: RoutineKind,
    /// The argument list as `pg_get_function_arguments` prints it: names, modes, types
    /// and defaults.
    pub arguments: String,
    /// The argument list that identifies the routine (`pg_get_function_identity_arguments`):
    /// what `DROP` and `COMMENT ON` name it by.
    pub identity: String,
    /// The argument types alone (`oidvectortypes(proargtypes)`): with the name, the key
    /// of the routine, since PostgreSQL tells overloads apart by them.
    pub signature: String,
    /// The result as `pg_get_function_result` prints it (`integer`, `SETOF integer`,
    /// `TABLE(id integer)`); `None` for a procedure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// Everything `pg_get_functiondef` prints after the signature line.
    pub definition: String,
    /// `COMMENT ON FUNCTION`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Function {
    /// The key of the routine in [`super::Schema::functions`]: `name(argument types)`.
    pub fn key(&self) -> String {
        format!("{}({})", self.name, self.signature)
    }

    /// Whether `CREATE OR REPLACE` can turn `self` into `other`: PostgreSQL refuses to
    /// change the kind, the result type, or an argument's name, mode or default that way
    /// (and a changed type list would create an overload instead).
    pub fn replaceable_by(&self, other: &Function) -> bool {
        self.name == other.name
            && self.kind == other.kind
            && self.arguments == other.arguments
            && self.result == other.result
    }

    /// Whether the routine's text (not its comment) is the same, white space aside.
    pub fn same_code(&self, other: &Function) -> bool {
        self.replaceable_by(other) && super::same_definition(&self.definition, &other.definition)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(arguments: &str, result: &str, body: &str) -> Function {
        Function {
            name: "f".into(),
            kind: RoutineKind::Function,
            arguments: arguments.into(),
            identity: arguments.into(),
            signature: "integer".into(),
            result: Some(result.into()),
            definition: format!(
                "\n RETURNS {result}\n LANGUAGE sql\nAS $function$ {body} $function$\n"
            ),
            comment: None,
        }
    }

    #[test]
    fn replace_only_when_postgres_allows_it() {
        let a = f("x integer", "integer", "SELECT x");
        assert!(a.replaceable_by(&f("x integer", "integer", "SELECT x + 1")));
        assert!(!a.replaceable_by(&f("x integer", "bigint", "SELECT x")));
        assert!(!a.replaceable_by(&f("y integer", "integer", "SELECT y")));
        let mut spaced = a.clone();
        spaced.definition = spaced.definition.replace(" LANGUAGE", "   LANGUAGE");
        assert!(a.same_code(&spaced));
        assert!(!a.same_code(&f("x integer", "integer", "SELECT 2")));
        assert_eq!(a.key(), "f(integer)");
    }
}
