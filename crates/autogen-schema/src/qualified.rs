//! Names of objects in a PostgreSQL schema (namespace) other than the default one.
//!
//! The IR has one set of maps for all objects. An object of the default schema (`public`,
//! or `schema = "…"` in `autogen.toml`) keeps its bare name, so a one-schema project sees
//! nothing change. An object of another schema is named `schema` + [`SEPARATOR`] + `name`:
//! the separator is NUL, which no PostgreSQL identifier can hold, so the key is never
//! ambiguous (a table literally named `core.users` in `public` stays distinct from `users`
//! in `core`). Every reference to such an object (a foreign key's table, an enum column's
//! type, a policy's or trigger's table) carries the same qualified name.
//!
//! SQL writes a qualified name through the dialect's one quoting function
//! ([`crate::Dialect::quote_ident`]: `"core"."users"`); people read it as `core.users`
//! through [`display`] (reports that escape names for a terminal still show the
//! separator as `\x00`, as any control character).

/// What separates a schema from the object's name in a qualified name.
pub const SEPARATOR: char = '\0';

/// `name` in `schema`.
pub fn qualify(schema: &str, name: &str) -> String {
    format!("{schema}{SEPARATOR}{name}")
}

/// The schema (`None` for the default schema) and the bare name.
pub fn split(name: &str) -> (Option<&str>, &str) {
    match name.split_once(SEPARATOR) {
        Some((schema, bare)) => (Some(schema), bare),
        None => (None, name),
    }
}

/// The schema of a qualified name, `None` in the default schema.
pub fn schema_of(name: &str) -> Option<&str> {
    split(name).0
}

/// The name without its schema (what `RENAME TO`, an index or a constraint is named).
pub fn bare(name: &str) -> &str {
    split(name).1
}

/// `name` in the same schema as `sibling`: an index or sequence lives in its table's
/// schema.
pub fn beside(sibling: &str, name: &str) -> String {
    match schema_of(sibling) {
        Some(schema) => qualify(schema, bare(name)),
        None => bare(name).to_string(),
    }
}

/// `schema.name` for people (reports, errors); the bare name in the default schema.
pub fn display(name: &str) -> String {
    match split(name) {
        (Some(schema), bare) => format!("{schema}.{bare}"),
        (None, bare) => bare.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_names_split_back_unambiguously() {
        let q = qualify("core", "users");
        assert_eq!(split(&q), (Some("core"), "users"));
        assert_eq!(split("core.users"), (None, "core.users"));
        assert_eq!(display(&q), "core.users");
        assert_eq!(beside(&q, "users_pkey"), qualify("core", "users_pkey"));
        assert_eq!(beside("users", "users_pkey"), "users_pkey");
        assert_eq!(bare(&q), "users");
    }
}
