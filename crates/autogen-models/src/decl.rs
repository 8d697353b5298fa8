//! Declarations SeaORM attributes cannot make, typed by the entity's `Column` enum.

use std::marker::PhantomData;

use autogen_schema::IndexMethod;
use sea_orm::ColumnTrait;

/// How a declaration names its object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Given {
    /// No name: the naming convention decides.
    #[default]
    None,
    /// A name, used as is unless the convention's template uses `constraint_name`
    /// (SQLAlchemy's rule).
    Name(String),
    /// A final name, never passed through the convention (SQLAlchemy's `conv()`).
    Exact(String),
    /// Explicitly no name, whatever the convention says (a primary key left to the
    /// backend).
    Unnamed,
}

/// One key part: a column or a SQL expression, ascending or descending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    Column(String),
    Expression(String),
}

/// An index declaration on entity columns `C`: composite, named, partial (`filter`),
/// with expression parts, `DESC` parts, an access method (`using`), unique or not.
///
/// ```text
/// Index::named("document_metadata_idx").col(documents::Column::DocMetadata).using(IndexMethod::Gin)
/// ```
#[derive(Debug, Clone)]
pub struct Index<C> {
    pub(crate) spec: IndexSpec,
    _column: PhantomData<fn() -> C>,
}

/// An index declaration with its columns resolved to names.
#[derive(Debug, Clone, Default)]
pub(crate) struct IndexSpec {
    pub(crate) given: Given,
    pub(crate) unique: bool,
    pub(crate) parts: Vec<(Target, bool)>,
    pub(crate) method: IndexMethod,
    pub(crate) predicate: Option<String>,
    /// Operator classes by key part position (PostgreSQL).
    pub(crate) opclasses: Vec<(Option<usize>, String)>,
    /// Collations by key part position.
    pub(crate) collations: Vec<(Option<usize>, String)>,
    /// `INCLUDE` columns (PostgreSQL).
    pub(crate) include: Vec<String>,
}

impl<C: ColumnTrait> Default for Index<C> {
    fn default() -> Self {
        Index {
            spec: IndexSpec::default(),
            _column: PhantomData,
        }
    }
}

impl<C: ColumnTrait> Index<C> {
    /// An index named by the naming convention (`ix`).
    pub fn new() -> Self {
        Self::default()
    }

    /// An index with a name.
    pub fn named(name: impl Into<String>) -> Self {
        let mut index = Self::default();
        index.spec.given = Given::Name(name.into());
        index
    }

    /// An index whose name is final even if the convention uses `constraint_name`.
    pub fn exact_name(name: impl Into<String>) -> Self {
        let mut index = Self::default();
        index.spec.given = Given::Exact(name.into());
        index
    }

    /// Adds an ascending column part.
    pub fn col(mut self, column: C) -> Self {
        self.spec
            .parts
            .push((Target::Column(column.as_str().to_string()), false));
        self
    }

    /// Adds a descending column part.
    pub fn col_desc(mut self, column: C) -> Self {
        self.spec
            .parts
            .push((Target::Column(column.as_str().to_string()), true));
        self
    }

    /// Adds an expression part, as SQL (`lower(email)`), without parentheses.
    pub fn expr(mut self, sql: impl Into<String>) -> Self {
        self.spec
            .parts
            .push((Target::Expression(sql.into()), false));
        self
    }

    /// Adds a descending expression part.
    pub fn expr_desc(mut self, sql: impl Into<String>) -> Self {
        self.spec.parts.push((Target::Expression(sql.into()), true));
        self
    }

    /// Makes it a unique index.
    pub fn unique(mut self) -> Self {
        self.spec.unique = true;
        self
    }

    /// Sets the access method (GIN, GiST, hash…).
    pub fn using(mut self, method: IndexMethod) -> Self {
        self.spec.method = method;
        self
    }

    /// Makes it a partial index: the `WHERE` predicate, as SQL, without the keyword.
    pub fn filter(mut self, predicate: impl Into<String>) -> Self {
        self.spec.predicate = Some(predicate.into());
        self
    }

    /// The operator class of the key part added last, with its parameters if any
    /// (`varchar_pattern_ops`, `gin_trgm_ops`, `gist_trgm_ops(siglen=32)`; PostgreSQL).
    pub fn opclass(mut self, opclass: impl Into<String>) -> Self {
        let last = self.spec.parts.len().checked_sub(1);
        self.spec.opclasses.push((last, opclass.into()));
        self
    }

    /// The collation of the key part added last (`"C"`, PostgreSQL's quoting is added).
    pub fn collate(mut self, collation: impl Into<String>) -> Self {
        let last = self.spec.parts.len().checked_sub(1);
        self.spec.collations.push((last, collation.into()));
        self
    }

    /// Adds a non-key column carried in the index (`INCLUDE`, PostgreSQL's covering
    /// indexes).
    pub fn include(mut self, column: C) -> Self {
        self.spec.include.push(column.as_str().to_string());
        self
    }
}

/// A unique constraint declaration on entity columns `C` (SeaORM's `unique_key` cannot
/// name one).
#[derive(Debug, Clone)]
pub struct Unique<C> {
    pub(crate) spec: UniqueSpec,
    _column: PhantomData<fn() -> C>,
}

/// A unique constraint declaration with its columns resolved to names.
#[derive(Debug, Clone, Default)]
pub(crate) struct UniqueSpec {
    pub(crate) given: Given,
    pub(crate) columns: Vec<String>,
}

impl<C: ColumnTrait> Default for Unique<C> {
    fn default() -> Self {
        Unique {
            spec: UniqueSpec::default(),
            _column: PhantomData,
        }
    }
}

impl<C: ColumnTrait> Unique<C> {
    /// A unique constraint named by the naming convention (`uq`).
    pub fn new() -> Self {
        Self::default()
    }

    /// A unique constraint with a name.
    pub fn named(name: impl Into<String>) -> Self {
        let mut unique = Self::default();
        unique.spec.given = Given::Name(name.into());
        unique
    }

    /// A unique constraint whose name is final even if the convention uses `constraint_name`.
    pub fn exact_name(name: impl Into<String>) -> Self {
        let mut unique = Self::default();
        unique.spec.given = Given::Exact(name.into());
        unique
    }

    /// Adds a column.
    pub fn col(mut self, column: C) -> Self {
        self.spec.columns.push(column.as_str().to_string());
        self
    }
}

/// A check constraint: a name (passed through the `ck` convention, where
/// `%(constraint_name)s` takes it) and a SQL boolean expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub(crate) given: Given,
    pub(crate) expression: String,
}

impl Check {
    /// A check whose name goes through the convention (Dify: `{table}_{name}_check`).
    pub fn new(name: impl Into<String>, expression: impl Into<String>) -> Self {
        Check {
            given: Given::Name(name.into()),
            expression: expression.into(),
        }
    }

    /// A check whose name is final.
    pub fn exact_name(name: impl Into<String>, expression: impl Into<String>) -> Self {
        Check {
            given: Given::Exact(name.into()),
            expression: expression.into(),
        }
    }
}
