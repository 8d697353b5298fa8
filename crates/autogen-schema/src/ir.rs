//! The schema IR: every source (models, live databases, snapshots) becomes these values.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

mod column_extra;
mod comment;
mod constraint_extra;
mod domain;
mod extension;
mod function;
mod objects_order;
mod policy;
mod trigger;
mod view;

pub use column_extra::{Generated, SequenceOptions};
pub use comment::PartComments;
pub use constraint_extra::{Deferrable, Exclusion, IndexOptions, KeyOrder};
pub use domain::Domain;
pub use extension::Extension;
pub use function::{Function, RoutineKind};
pub use objects_order::{trigger_order, view_order};
pub use policy::{Policy, PolicyCommand, RowSecurity};
pub use trigger::{Trigger, TriggerEnabled};
pub use view::{View, ViewColumn, same_definition};

/// A whole database schema: tables and named enum types, keyed and ordered by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    /// Tables by name. A name given twice in JSON is an error, not a silent overwrite.
    #[serde(default, deserialize_with = "crate::snapshot::unique_keys")]
    pub tables: BTreeMap<String, Table>,
    /// Named enum types (PostgreSQL `CREATE TYPE … AS ENUM`) by name.
    #[serde(default, deserialize_with = "crate::snapshot::unique_keys")]
    pub enums: BTreeMap<String, EnumType>,
    /// Views by name (absent from snapshots written before views were read).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::snapshot::unique_keys"
    )]
    pub views: BTreeMap<String, View>,
    /// Triggers by name (absent from snapshots written before triggers were read).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::snapshot::unique_keys"
    )]
    pub triggers: BTreeMap<String, Trigger>,
    /// Functions and procedures (PostgreSQL) by [`Function::key`], `name(argument
    /// types)`: overloads are different routines.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::snapshot::unique_keys"
    )]
    pub functions: BTreeMap<String, Function>,
    /// PostgreSQL domains by name.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::snapshot::unique_keys"
    )]
    pub domains: BTreeMap<String, Domain>,
    /// PostgreSQL extensions by name.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::snapshot::unique_keys"
    )]
    pub extensions: BTreeMap<String, Extension>,
    /// Comments on the enum types of [`Schema::enums`] (`COMMENT ON TYPE`), by type name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub type_comments: BTreeMap<String, String>,
    /// PostgreSQL schemas (namespaces) other than the default one, by name: `CREATE
    /// SCHEMA`. Their objects are in the maps above under qualified names
    /// ([`crate::qualified`]). Absent from one-schema snapshots.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub namespaces: BTreeSet<String>,
}

/// A named enum type with its ordered values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumType {
    /// Type name.
    pub name: String,
    /// Values in declaration order (the order matters for comparisons in PostgreSQL).
    #[serde(deserialize_with = "crate::snapshot::shrunk")]
    pub values: Vec<String>,
}

/// A table with its columns (in order) and constraints.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Table name.
    pub name: String,
    /// Columns in their physical order.
    #[serde(deserialize_with = "crate::snapshot::shrunk")]
    pub columns: Vec<Column>,
    /// Primary key, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<PrimaryKey>,
    /// Indexes that are not constraints, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::snapshot::shrunk")]
    pub indexes: Vec<Index>,
    /// Unique constraints, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::snapshot::shrunk")]
    pub uniques: Vec<UniqueConstraint>,
    /// Foreign keys, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::snapshot::shrunk")]
    pub foreign_keys: Vec<ForeignKey>,
    /// Check constraints, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::snapshot::shrunk")]
    pub checks: Vec<Check>,
    /// Table comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Rename hint from the models: the name this table had before. Not a database fact
    /// (reflection leaves it `None`); a differ uses it to turn drop + create into a rename.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// The unique constraints of [`Table::uniques`] that the models declare without a
    /// name (SeaORM's `unique`, written inline): they carry PostgreSQL's name for them
    /// (`{table}_{columns}_key`), and a dialect that names an unnamed constraint otherwise
    /// renames them when lowering (MySQL: after the first column). Not a database fact:
    /// reflection leaves it empty, and lowering to a dialect empties it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::snapshot::shrunk")]
    pub unnamed_uniques: Vec<String>,
    /// Table options as the table declares them: SQLite's and MySQL's (each dialect's
    /// lowering clears the other's).
    #[serde(default, skip_serializing_if = "TableOptions::is_default")]
    pub options: TableOptions,
    /// PostgreSQL declarative partitioning: the partition key as `pg_get_partkeydef`
    /// prints it (`RANGE (created_at)`), written after `PARTITION BY`. A table cannot be
    /// partitioned or unpartitioned in place: a change recreates it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partitioning: Option<String>,
    /// A PostgreSQL partition: its parent and bound. Its columns, indexes and constraints
    /// are its parent's (PostgreSQL creates them with it), so it holds none of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<PartitionOf>,
    /// Exclusion constraints (PostgreSQL).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<Exclusion>,
    /// PostgreSQL row-level security: enabled, forced.
    #[serde(default, skip_serializing_if = "RowSecurity::is_default")]
    pub row_security: RowSecurity,
    /// PostgreSQL row-level security policies, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Policy>,
    /// Comments on the table's indexes and constraints.
    #[serde(default, skip_serializing_if = "PartComments::is_empty")]
    pub part_comments: PartComments,
    /// The order the database prints keys and checks in (MySQL); never compared.
    #[serde(default, skip_serializing_if = "KeyOrder::is_empty")]
    pub key_order: KeyOrder,
}

/// Table options (`CREATE TABLE … ) STRICT, WITHOUT ROWID` on SQLite; collation, row
/// format and partitioning on MySQL). Compared: on SQLite a change rebuilds the table, on
/// MySQL it is an `ALTER TABLE` of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableOptions {
    /// SQLite `STRICT`: values must match the declared types.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strict: bool,
    /// SQLite `WITHOUT ROWID`: the table is clustered on its primary key.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub without_rowid: bool,
    /// MySQL/MariaDB: the table's default collation (`DEFAULT COLLATE=…`, which names the
    /// character set too), or `None` for the database's default, which it then inherits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// MySQL/MariaDB `ROW_FORMAT=…` as written (`DYNAMIC`, `COMPRESSED`), or `None` for
    /// the server's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_format: Option<String>,
    /// MySQL/MariaDB `KEY_BLOCK_SIZE=…` (InnoDB's compressed page size in KiB), or `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_block_size: Option<u32>,
    /// MySQL/MariaDB partitioning, as `SHOW CREATE TABLE` prints it (`PARTITION BY RANGE
    /// (year(`d`)) (PARTITION `p0` VALUES LESS THAN (2020) ENGINE = InnoDB, …)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<String>,
}

impl TableOptions {
    /// Whether no option is set.
    pub fn is_default(&self) -> bool {
        *self == TableOptions::default()
    }
}

/// Where a PostgreSQL partition sits: `PARTITION OF parent FOR VALUES …`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionOf {
    /// The partitioned table.
    pub parent: String,
    /// The bound as `pg_get_expr(relpartbound)` prints it: `FOR VALUES FROM (…) TO (…)`,
    /// `FOR VALUES IN (…)`, `FOR VALUES WITH (modulus …, remainder …)` or `DEFAULT`.
    pub bound: String,
}

/// A column.
///
/// Equality ignores [`Column::spelling`]: two columns that differ only in how a database
/// spells the same logical type are the same column.
#[derive(Debug, Clone, Eq, Serialize, Deserialize)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// Logical type.
    #[serde(rename = "type")]
    pub ty: ColumnType,
    /// Whether NULL is allowed.
    pub nullable: bool,
    /// Server-side default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<DefaultValue>,
    /// How the database generates values: serial, identity or auto_increment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// The value the server writes on every update of the row: MySQL's and MariaDB's
    /// `ON UPDATE CURRENT_TIMESTAMP[(p)]`, the only form they accept. Other dialects have
    /// no such clause (their lowering clears it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_update: Option<DefaultValue>,
    /// An identity column's sequence options (PostgreSQL), where not the defaults.
    #[serde(default, skip_serializing_if = "SequenceOptions::is_default")]
    pub identity_options: SequenceOptions,
    /// Column comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Rename hint from the models (`#[sea_orm(renamed_from = "…")]`): the column's former
    /// name. Not a database fact (reflection leaves it `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// How the database the column was read from spells it, where its spelling says more
    /// than the logical value: written back by that dialect's DDL, so that a round trip
    /// (and a table rebuild) changes nothing, and never compared. `None` from the models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spelling: Option<Spelling>,
    /// A generated column's expression (`GENERATED ALWAYS AS (…) VIRTUAL|STORED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<Generated>,
    /// The column's collation (`COLLATE NOCASE`), as declared. On MySQL/MariaDB only
    /// where it differs from the table's default (an inherited collation is `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// A `CHECK` written on the column itself, where the database keeps it apart from the
    /// table's checks: MariaDB prints it in the column's definition, names it after the
    /// column, and adds or drops it only by restating the column. The expression as the
    /// database prints it, without `CHECK` and its outer parentheses. Other databases'
    /// column checks are table checks ([`Table::checks`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
}

/// A column's spelling in its database (SQLite's, today): see [`Column::spelling`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spelling {
    /// The declared type as written (`TIMESTAMP`, `datetime`, `bigint`, `timestamp_text`).
    /// A dialect writes it only while it still reads as the column's logical type.
    #[serde(rename = "type")]
    pub ty: String,
    /// The column is NOT NULL without `NOT NULL` being written: SQLite's rowid alias
    /// (`id INTEGER PRIMARY KEY`), which can never be NULL either way.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub implied_not_null: bool,
    /// The default as written (`0` for a boolean `FALSE`): written back while it still
    /// reads as the column's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// The dialect that alone reads this spelling (PostgreSQL's `'2'::bigint`), so that
    /// lowering for another dialect drops it; `None` for SQLite's and MySQL's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dialect: Option<crate::Dialect>,
}

impl PartialEq for Column {
    fn eq(&self, other: &Self) -> bool {
        // Every field but the spelling; destructured so that a new field is not forgotten.
        let Column {
            name,
            ty,
            nullable,
            default,
            identity,
            identity_options,
            on_update,
            comment,
            renamed_from,
            spelling: _,
            generated,
            collation,
            check,
        } = self;
        *name == other.name
            && *ty == other.ty
            && *nullable == other.nullable
            && *default == other.default
            && *identity == other.identity
            && *identity_options == other.identity_options
            && *on_update == other.on_update
            && *comment == other.comment
            && *renamed_from == other.renamed_from
            && *generated == other.generated
            && *check == other.check
            && collation.as_deref().map(str::to_ascii_lowercase)
                == other.collation.as_deref().map(str::to_ascii_lowercase)
    }
}

/// How a database generates a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    /// PostgreSQL `serial`/`bigserial`: a sequence owned by the column and a `nextval` default.
    Serial,
    /// `GENERATED ALWAYS AS IDENTITY`.
    Always,
    /// `GENERATED BY DEFAULT AS IDENTITY`.
    ByDefault,
    /// MySQL `AUTO_INCREMENT`, SQLite `AUTOINCREMENT`, or a model's `auto_increment`.
    AutoIncrement,
}

/// Logical column types. Each dialect maps to and from these in `dialect::*`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ColumnType {
    /// 8-bit integer (MySQL `tinyint`).
    TinyInt,
    /// 16-bit integer.
    SmallInt,
    /// 32-bit integer.
    Integer,
    /// 64-bit integer.
    BigInt,
    /// Exact numeric with optional precision and scale.
    Decimal {
        /// Total digits.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u32>,
        /// Digits after the point.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scale: Option<u32>,
    },
    /// 32-bit float.
    Real,
    /// 64-bit float.
    Double,
    /// Variable-length string with an optional limit.
    Varchar {
        /// Maximum length in characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<u32>,
    },
    /// Fixed-length string.
    Char {
        /// Length in characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<u32>,
    },
    /// Unlimited text.
    Text,
    /// Boolean.
    Boolean,
    /// Calendar date.
    Date,
    /// Time of day.
    Time {
        /// Fractional-second digits.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u32>,
        /// `with time zone`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        tz: bool,
    },
    /// Date and time.
    Timestamp {
        /// Fractional-second digits.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u32>,
        /// `with time zone`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        tz: bool,
    },
    /// Time span.
    Interval,
    /// UUID.
    Uuid,
    /// JSON stored as text.
    Json,
    /// Binary JSON (PostgreSQL `jsonb`).
    Jsonb,
    /// Variable-length binary data (`bytea`, `blob`).
    Blob,
    /// Fixed-length binary (`binary(n)`).
    Binary {
        /// Length in bytes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<u32>,
    },
    /// Variable-length binary with a limit (`varbinary(n)`).
    VarBinary {
        /// Maximum length in bytes.
        length: u32,
    },
    /// A named enum type of [`Schema::enums`].
    Enum {
        /// The enum type's name.
        name: String,
    },
    /// An enum declared inline on the column (MySQL `ENUM('a','b')`).
    InlineEnum {
        /// Values in order.
        values: Vec<String>,
    },
    /// Array of an element type (PostgreSQL).
    Array {
        /// Element type.
        element: Box<ColumnType>,
    },
    /// Anything without a logical name, as the database spells it (lower case).
    Custom {
        /// The raw type, for example `inet` or `longtext`.
        raw: String,
    },
}

impl ColumnType {
    /// A `varchar(n)` shorthand.
    pub fn varchar(length: u32) -> Self {
        ColumnType::Varchar {
            length: Some(length),
        }
    }

    /// A raw type shorthand.
    pub fn custom(raw: impl Into<String>) -> Self {
        ColumnType::Custom { raw: raw.into() }
    }

    /// Whether this is a whole-number type.
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            ColumnType::TinyInt | ColumnType::SmallInt | ColumnType::Integer | ColumnType::BigInt
        )
    }

    /// Whether this is a numeric type (integers, decimals, floats).
    pub fn is_numeric(&self) -> bool {
        self.is_integer()
            || matches!(
                self,
                ColumnType::Decimal { .. } | ColumnType::Real | ColumnType::Double
            )
    }
}

/// A server-side column default.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum DefaultValue {
    /// A string literal (without quotes or casts).
    String(String),
    /// A numeric literal in canonical text form (`10`, `-1`, `1.5`).
    Number(String),
    /// A boolean literal.
    Bool(bool),
    /// `NULL`, written out explicitly.
    Null,
    /// `CURRENT_TIMESTAMP`, `now()`, or `CURRENT_TIMESTAMP(p)`.
    CurrentTimestamp {
        /// Fractional-second precision, when written.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u32>,
    },
    /// `CURRENT_DATE`.
    CurrentDate,
    /// `CURRENT_TIME`.
    CurrentTime,
    /// A call of a function without arguments, lower case, for example `uuid_generate_v4`.
    Function(String),
    /// Any other expression, as the database prints it.
    Expression(String),
}

/// Primary key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrimaryKey {
    /// Constraint name, where the dialect keeps one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Key columns in order.
    #[serde(deserialize_with = "crate::snapshot::shrunk")]
    pub columns: Vec<String>,
    /// `DEFERRABLE …` (PostgreSQL).
    #[serde(default, skip_serializing_if = "Deferrable::is_default")]
    pub deferrable: Deferrable,
}

/// An index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// Index name.
    pub name: String,
    /// `CREATE UNIQUE INDEX`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unique: bool,
    /// Key parts in order.
    #[serde(deserialize_with = "crate::snapshot::shrunk")]
    pub parts: Vec<IndexPart>,
    /// Access method.
    #[serde(default, skip_serializing_if = "IndexMethod::is_default")]
    pub method: IndexMethod,
    /// Partial index predicate (the `WHERE`), without the keyword.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// `INCLUDE`, `NULLS NOT DISTINCT`, storage parameters (PostgreSQL).
    #[serde(default, skip_serializing_if = "IndexOptions::is_default")]
    pub options: IndexOptions,
}

impl Index {
    /// The plain column names of the key, or `None` when a part is an expression.
    pub fn column_names(&self) -> Option<Vec<&str>> {
        self.parts
            .iter()
            .map(|p| match &p.target {
                IndexTarget::Column(c) => Some(c.as_str()),
                IndexTarget::Expression(_) => None,
            })
            .collect()
    }
}

/// One key part of an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexPart {
    /// Column or expression.
    #[serde(flatten)]
    pub target: IndexTarget,
    /// `DESC`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub descending: bool,
    /// The part's collation (`name COLLATE NOCASE`), as declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// A non-default operator class with its parameters (`varchar_pattern_ops`,
    /// `gist_trgm_ops(siglen=32)`), PostgreSQL only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opclass: Option<String>,
    /// `NULLS FIRST` (`Some(true)`) or `NULLS LAST` (`Some(false)`) where it is not the
    /// order's default (nulls last ascending, first descending); `None` for the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nulls_first: Option<bool>,
}

impl IndexPart {
    /// An ascending part on a column.
    pub fn column(name: impl Into<String>) -> Self {
        IndexPart {
            target: IndexTarget::Column(name.into()),
            descending: false,
            collation: None,
            opclass: None,
            nulls_first: None,
        }
    }
}

/// What an index part indexes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexTarget {
    /// A column by name.
    Column(String),
    /// An expression, as SQL text.
    Expression(String),
}

/// Index access method.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexMethod {
    /// B-tree, the default everywhere.
    #[default]
    Btree,
    /// Hash.
    Hash,
    /// PostgreSQL GIN.
    Gin,
    /// PostgreSQL GiST.
    Gist,
    /// PostgreSQL BRIN.
    Brin,
    /// PostgreSQL SP-GiST.
    Spgist,
    /// MySQL FULLTEXT.
    Fulltext,
    /// MySQL SPATIAL.
    Spatial,
}

impl IndexMethod {
    /// Whether this is the default (b-tree).
    pub fn is_default(&self) -> bool {
        *self == IndexMethod::Btree
    }

    /// The method's SQL name, lower case.
    pub fn as_str(&self) -> &'static str {
        match self {
            IndexMethod::Btree => "btree",
            IndexMethod::Hash => "hash",
            IndexMethod::Gin => "gin",
            IndexMethod::Gist => "gist",
            IndexMethod::Brin => "brin",
            IndexMethod::Spgist => "spgist",
            IndexMethod::Fulltext => "fulltext",
            IndexMethod::Spatial => "spatial",
        }
    }

    /// Parses a method name case-insensitively.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "btree" => IndexMethod::Btree,
            "hash" => IndexMethod::Hash,
            "gin" => IndexMethod::Gin,
            "gist" => IndexMethod::Gist,
            "brin" => IndexMethod::Brin,
            "spgist" => IndexMethod::Spgist,
            "fulltext" => IndexMethod::Fulltext,
            "spatial" => IndexMethod::Spatial,
            _ => return None,
        })
    }
}

/// A unique constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UniqueConstraint {
    /// Constraint name.
    pub name: String,
    /// Columns in order.
    #[serde(deserialize_with = "crate::snapshot::shrunk")]
    pub columns: Vec<String>,
    /// `DEFERRABLE …` (PostgreSQL).
    #[serde(default, skip_serializing_if = "Deferrable::is_default")]
    pub deferrable: Deferrable,
    /// `NULLS NOT DISTINCT` (PostgreSQL 15).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nulls_not_distinct: bool,
}

/// A foreign key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignKey {
    /// Constraint name.
    pub name: String,
    /// Referencing columns.
    #[serde(deserialize_with = "crate::snapshot::shrunk")]
    pub columns: Vec<String>,
    /// Referenced table.
    pub ref_table: String,
    /// Referenced columns, in the same order.
    #[serde(deserialize_with = "crate::snapshot::shrunk")]
    pub ref_columns: Vec<String>,
    /// `ON DELETE`.
    #[serde(default, skip_serializing_if = "FkAction::is_default")]
    pub on_delete: FkAction,
    /// `ON UPDATE`.
    #[serde(default, skip_serializing_if = "FkAction::is_default")]
    pub on_update: FkAction,
    /// `DEFERRABLE …` (PostgreSQL).
    #[serde(default, skip_serializing_if = "Deferrable::is_default")]
    pub deferrable: Deferrable,
    /// Added `NOT VALID` and never validated: existing rows were not checked (PostgreSQL).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_valid: bool,
}

/// A referential action.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FkAction {
    /// `NO ACTION`, the default.
    #[default]
    NoAction,
    /// `RESTRICT`.
    Restrict,
    /// `CASCADE`.
    Cascade,
    /// `SET NULL`.
    SetNull,
    /// `SET DEFAULT`.
    SetDefault,
}

impl FkAction {
    /// Whether this is `NO ACTION`.
    pub fn is_default(&self) -> bool {
        *self == FkAction::NoAction
    }

    /// SQL spelling.
    pub fn as_sql(&self) -> &'static str {
        match self {
            FkAction::NoAction => "NO ACTION",
            FkAction::Restrict => "RESTRICT",
            FkAction::Cascade => "CASCADE",
            FkAction::SetNull => "SET NULL",
            FkAction::SetDefault => "SET DEFAULT",
        }
    }

    /// Parses `CASCADE`, `SET NULL`, … (any case, spaces or underscores).
    pub fn parse(text: &str) -> Option<Self> {
        Some(
            match text.trim().to_ascii_uppercase().replace('_', " ").as_str() {
                "NO ACTION" => FkAction::NoAction,
                "RESTRICT" => FkAction::Restrict,
                "CASCADE" => FkAction::Cascade,
                "SET NULL" => FkAction::SetNull,
                "SET DEFAULT" => FkAction::SetDefault,
                _ => return None,
            },
        )
    }
}

/// A check constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// Constraint name.
    pub name: String,
    /// The boolean expression, without `CHECK` and its outer parentheses.
    pub expression: String,
    /// Added `NOT VALID` and never validated (PostgreSQL).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_valid: bool,
    /// `NO INHERIT`: not passed on to child tables (PostgreSQL).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_inherit: bool,
}

impl Table {
    /// A new empty table.
    pub fn new(name: impl Into<String>) -> Self {
        Table {
            name: name.into(),
            ..Default::default()
        }
    }

    /// Looks up a column by name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Looks up an index by name.
    pub fn index(&self, name: &str) -> Option<&Index> {
        self.indexes.iter().find(|i| i.name == name)
    }

    /// Looks up a foreign key by name.
    pub fn foreign_key(&self, name: &str) -> Option<&ForeignKey> {
        self.foreign_keys.iter().find(|f| f.name == name)
    }

    /// Looks up a unique constraint by name.
    pub fn unique(&self, name: &str) -> Option<&UniqueConstraint> {
        self.uniques.iter().find(|u| u.name == name)
    }

    /// Looks up a check constraint by name.
    pub fn check(&self, name: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.name == name)
    }
}

impl Column {
    /// A nullable column of a type, with no default.
    pub fn new(name: impl Into<String>, ty: ColumnType) -> Self {
        Column {
            name: name.into(),
            ty,
            nullable: true,
            default: None,
            identity: None,
            identity_options: SequenceOptions::default(),
            on_update: None,
            comment: None,
            renamed_from: None,
            spelling: None,
            generated: None,
            collation: None,
            check: None,
        }
    }
}
