//! What can be wrong with a set of registered entities and declarations.

/// An error building a [`Schema`](autogen_schema::Schema) from a [`Base`](crate::Base).
/// Each names the table, column or object at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelsError {
    /// Two registered entities use one table name (or one entity is registered twice).
    #[error("table `{table}` is registered twice ({first} and {second})")]
    DuplicateTable {
        /// The table name.
        table: String,
        /// The first entity's Rust type.
        first: String,
        /// The second entity's Rust type.
        second: String,
    },
    /// Declarations were made for an entity whose table is not registered.
    #[error(
        "declarations for table `{table}` ({entity}), but that entity is not registered in the Base"
    )]
    NotRegistered {
        /// The table name.
        table: String,
        /// The entity's Rust type.
        entity: String,
    },
    /// Two objects that share a namespace have one name.
    #[error("name `{name}` is used twice: by {first} and by {second}")]
    DuplicateName {
        /// The name.
        name: String,
        /// The first object, as `kind table`.
        first: String,
        /// The second object.
        second: String,
    },
    /// A name longer than PostgreSQL's limit, which the database would truncate silently.
    #[error("name `{name}` ({what}) is {len} bytes long; PostgreSQL keeps only 63")]
    NameTooLong {
        /// The name.
        name: String,
        /// What it names.
        what: String,
        /// Its length in bytes.
        len: usize,
    },
    /// One enum type name with two different value lists.
    #[error("enum type `{name}` has values {first:?} in one column and {second:?} in `{table}`")]
    EnumConflict {
        /// The enum type's name.
        name: String,
        /// The values seen first.
        first: Vec<String>,
        /// The other values.
        second: Vec<String>,
        /// The table of the second column.
        table: String,
    },
    /// A column's `extra` attribute: raw SQL that autogen cannot read back.
    #[error(
        "{table}.{column}: `extra = {extra:?}` is raw SQL autogen cannot compare (it reads only `ON UPDATE CURRENT_TIMESTAMP[(p)]`); declare checks with `Base` instead"
    )]
    UnsupportedExtra {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// The attribute's text.
        extra: String,
    },
    /// A foreign key referencing a table that is not registered.
    #[error("{table}: foreign key `{name}` references `{ref_table}`, which is not registered")]
    UnknownReference {
        /// The referencing table.
        table: String,
        /// The foreign key's name.
        name: String,
        /// The referenced table.
        ref_table: String,
    },
    /// A declaration without the parts it needs (an index without key parts, say).
    #[error("{table}: {what}")]
    InvalidDeclaration {
        /// The table.
        table: String,
        /// What is wrong.
        what: String,
    },
    /// A naming template that does not parse.
    #[error("naming convention `{template}`: {reason}")]
    Convention {
        /// The template.
        template: String,
        /// What is wrong.
        reason: String,
    },
    /// A naming template uses a token the object has no value for.
    #[error(
        "naming convention `{template}` needs `{token}`, which an object of table `{table}` does not have; give it a name"
    )]
    ConventionValue {
        /// The template.
        template: String,
        /// The table.
        table: String,
        /// The token.
        token: String,
    },
}
