//! The `Base` registry: the registered entities, the naming convention, and the
//! declarations SeaORM attributes cannot make. [`Base::schema`] builds the IR.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use autogen_schema::{
    Check as IrCheck, ColumnType, DefaultValue, Deferrable, Exclusion, Extension, ForeignKey,
    Generated, Identity, Index as IrIndex, IndexPart, IndexTarget, PrimaryKey, Schema, Table,
    UniqueConstraint,
};
use sea_orm::{EntityTrait, IdenStatic};

use crate::decl::{Check, Given, Index, IndexSpec, Target, Unique, UniqueSpec};
use crate::entity::{EntityFacts, read_entity};
use crate::error::ModelsError;
use crate::naming::{NameContext, NamingConvention, ObjectKind};

/// PostgreSQL truncates longer identifiers silently, which would be a phantom difference.
const MAX_NAME_LEN: usize = 63;

type Reader = fn() -> Result<EntityFacts, ModelsError>;

/// Everything known about one table name.
#[derive(Default)]
struct TableDecls {
    /// Entities registered under this table name: (Rust type, reader).
    registered: Vec<(&'static str, Reader)>,
    /// Entities that made declarations for this table name.
    declared_by: Vec<&'static str>,
    primary_key: Given,
    indexes: Vec<IndexSpec>,
    uniques: Vec<UniqueSpec>,
    checks: Vec<Check>,
    renamed_from: Option<String>,
    /// Foreign key names by the key's columns.
    foreign_key_names: Vec<(Vec<String>, Given)>,
    /// Identity overrides by column.
    identities: Vec<(String, Option<Identity>)>,
    /// Type overrides by column.
    column_types: Vec<(String, ColumnType)>,
    /// Default overrides by column.
    defaults: Vec<(String, Option<DefaultValue>)>,
    /// Collations by column.
    collations: Vec<(String, String)>,
    /// Deferral of the foreign key on these columns.
    deferrable_keys: Vec<(Vec<String>, Deferrable)>,
    /// Generated columns: (column, expression, stored).
    generated: Vec<(String, String, bool)>,
    /// Exclusion constraints.
    exclusions: Vec<Exclusion>,
}

/// The registry of a model crate, like SQLAlchemy's `Base.metadata`.
///
/// ```text
/// let mut base = Base::new().with_naming_convention(convention);
/// base.register::<accounts::Entity>()
///     .primary_key_name("account_pkey")
///     .index(Index::named("account_email_idx").col(accounts::Column::Email));
/// let schema = base.schema()?;
/// ```
#[derive(Default)]
pub struct Base {
    /// The convention set with [`Base::with_naming_convention`]; without one, objects an
    /// entity declares keep SeaORM's own names (see [`Base::schema`]).
    naming: Option<NamingConvention>,
    /// Names declarations that give none when no convention is set: PostgreSQL's own.
    fallback: NamingConvention,
    tables: BTreeMap<&'static str, TableDecls>,
    /// PostgreSQL extensions the models need, by name.
    extensions: BTreeMap<String, Extension>,
}

/// Declarations for one entity's table, typed by its `Column` enum.
pub struct TableDecl<'a, E> {
    decls: &'a mut TableDecls,
    _entity: PhantomData<fn() -> E>,
}

impl Base {
    /// An empty registry without a naming convention: what the entities declare keeps the
    /// names SeaORM gives it (a single-column primary key stays unnamed, for the backend
    /// to name), and a `Base` declaration without a name gets PostgreSQL's own
    /// ([`NamingConvention::postgres`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the naming convention applied to what entities and declarations leave unnamed.
    pub fn with_naming_convention(mut self, naming: NamingConvention) -> Self {
        self.naming = Some(naming);
        self
    }

    /// The naming convention in force for declarations: the one set, or PostgreSQL's.
    pub fn naming_convention(&self) -> &NamingConvention {
        self.naming.as_ref().unwrap_or(&self.fallback)
    }

    /// Registers an entity; returns its table's declarations.
    pub fn register<E: EntityTrait>(&mut self) -> TableDecl<'_, E> {
        let decls = self.entry::<E>();
        decls
            .registered
            .push((std::any::type_name::<E>(), read_entity::<E>));
        TableDecl {
            decls,
            _entity: PhantomData,
        }
    }

    /// Declarations for an entity registered elsewhere. If it is never registered,
    /// [`Base::schema`] fails with [`ModelsError::NotRegistered`].
    pub fn table<E: EntityTrait>(&mut self) -> TableDecl<'_, E> {
        let decls = self.entry::<E>();
        decls.declared_by.push(std::any::type_name::<E>());
        TableDecl {
            decls,
            _entity: PhantomData,
        }
    }

    fn entry<E: EntityTrait>(&mut self) -> &mut TableDecls {
        self.tables.entry(E::default().table_name()).or_default()
    }

    /// Declares a PostgreSQL extension the models need (`pg_trgm` for a `gin_trgm_ops`
    /// index, `citext` for a type): created by a revision, compared by `check`. With a
    /// `version` or `schema`, those are compared too; without, whatever the server
    /// installs is accepted.
    pub fn extension(
        &mut self,
        name: impl Into<String>,
        schema: Option<&str>,
        version: Option<&str>,
    ) -> &mut Self {
        let name = name.into();
        self.extensions.insert(
            name.clone(),
            Extension {
                name,
                schema: schema.map(str::to_string),
                version: version.map(str::to_string),
            },
        );
        self
    }

    /// The registered tables' names.
    pub fn table_names(&self) -> impl Iterator<Item = &str> {
        self.tables.keys().copied()
    }

    /// Reads every registered entity, applies the declarations and the naming convention,
    /// checks names, and returns the normalized schema.
    pub fn schema(&self) -> Result<Schema, ModelsError> {
        let mut schema = Schema::default();
        for (&name, decls) in &self.tables {
            let entity = match decls.registered.as_slice() {
                [] => {
                    return Err(ModelsError::NotRegistered {
                        table: name.to_string(),
                        entity: decls.declared_by.first().copied().unwrap_or("?").into(),
                    });
                }
                [one] => one,
                [first, second, ..] => {
                    return Err(ModelsError::DuplicateTable {
                        table: name.to_string(),
                        first: first.0.into(),
                        second: second.0.into(),
                    });
                }
            };
            if let Some(other) = decls.declared_by.iter().find(|d| **d != entity.0) {
                return Err(ModelsError::NotRegistered {
                    table: name.to_string(),
                    entity: other.to_string(),
                });
            }
            let facts = (entity.1)()?;
            for e in &facts.enums {
                match schema.enums.get(&e.name) {
                    Some(seen) if seen.values != e.values => {
                        return Err(ModelsError::EnumConflict {
                            name: e.name.clone(),
                            first: seen.values.clone(),
                            second: e.values.clone(),
                            table: name.to_string(),
                        });
                    }
                    _ => {
                        schema.enums.insert(e.name.clone(), e.clone());
                    }
                }
            }
            let table = self.build_table(facts, decls)?;
            schema.tables.insert(table.name.clone(), table);
        }
        schema.extensions = self.extensions.clone();
        check_references(&schema)?;
        check_names(&schema)?;
        Ok(schema.normalized())
    }

    fn name(
        &self,
        kind: ObjectKind,
        given: &Given,
        ctx: NameContext<'_>,
    ) -> Result<String, ModelsError> {
        let naming = self.naming_convention();
        match given {
            Given::None | Given::Unnamed => naming.name(kind, None, ctx),
            Given::Name(n) => naming.name(kind, Some(n), ctx),
            Given::Exact(n) => Ok(n.clone()),
        }
    }

    fn build_table(&self, facts: EntityFacts, decls: &TableDecls) -> Result<Table, ModelsError> {
        let mut table = facts.table;
        let t = table.name.clone();
        let invalid = |what: &str| ModelsError::InvalidDeclaration {
            table: t.clone(),
            what: what.to_string(),
        };
        table.renamed_from = decls.renamed_from.clone();
        for (column, identity) in &decls.identities {
            match table.columns.iter_mut().find(|c| c.name == *column) {
                Some(c) => c.identity = *identity,
                None => return Err(invalid(&format!("an identity for unknown column {column}"))),
            }
        }
        for (column, ty) in &decls.column_types {
            match table.columns.iter_mut().find(|c| c.name == *column) {
                Some(c) => c.ty = ty.clone(),
                None => return Err(invalid(&format!("a type for unknown column {column}"))),
            }
        }
        for (column, default) in &decls.defaults {
            match table.columns.iter_mut().find(|c| c.name == *column) {
                Some(c) => c.default = default.clone(),
                None => return Err(invalid(&format!("a default for unknown column {column}"))),
            }
        }
        for (column, collation) in &decls.collations {
            match table.columns.iter_mut().find(|c| c.name == *column) {
                Some(c) => c.collation = Some(collation.clone()),
                None => {
                    return Err(invalid(&format!("a collation for unknown column {column}")));
                }
            }
        }
        for (column, expression, stored) in &decls.generated {
            match table.columns.iter_mut().find(|c| c.name == *column) {
                Some(c) => {
                    c.generated = Some(Generated {
                        expression: expression.clone(),
                        stored: *stored,
                    });
                    // A generated column has no default and no identity.
                    c.default = None;
                    c.identity = None;
                }
                None => {
                    return Err(invalid(&format!(
                        "a generated expression for unknown column {column}"
                    )));
                }
            }
        }
        table.exclusions = decls.exclusions.clone();
        table.exclusions.sort_by(|a, b| a.name.cmp(&b.name));
        if !facts.primary_key.is_empty() {
            let name = match (&decls.primary_key, &self.naming) {
                (Given::Unnamed, _) => None,
                // SeaORM's own: unnamed for a single column, `pk-{table}` for several.
                (Given::None, None) => facts.primary_key_name.clone(),
                (given, _) => Some(self.name(
                    ObjectKind::PrimaryKey,
                    given,
                    NameContext::new(&t, &facts.primary_key),
                )?),
            };
            table.primary_key = Some(PrimaryKey {
                deferrable: Default::default(),
                name,
                columns: facts.primary_key.clone(),
            });
        } else if decls.primary_key != Given::None {
            return Err(invalid(
                "a primary key name, but the entity has no primary key",
            ));
        }
        // A declaration on exactly one column replaces the entity's attribute of the same
        // kind on it: a unique index or constraint replaces `unique`, a plain index
        // replaces `indexed` (a plain index beside `unique` is an index more, as in Dify).
        let declared_on = |column: &String, unique: bool| {
            (unique && decls.uniques.iter().any(|u| u.columns == [column.clone()]))
                || decls.indexes.iter().any(|i| {
                    i.unique == unique
                        && matches!(i.parts.as_slice(), [(Target::Column(c), _)] if c == column)
                })
        };
        for column in facts
            .unique_columns
            .iter()
            .filter(|c| !declared_on(c, true))
        {
            let columns = vec![column.clone()];
            let name = self.name(
                ObjectKind::Unique,
                &Given::None,
                NameContext::new(&t, &columns),
            )?;
            if self.naming.is_none() {
                // SeaORM writes `UNIQUE` inline, unnamed: each backend names it.
                table.unnamed_uniques.push(name.clone());
            }
            table.uniques.push(UniqueConstraint {
                deferrable: Default::default(),
                nulls_not_distinct: false,
                name,
                columns,
            });
        }
        let seaorm_named = self.naming.is_none();
        for (key, columns) in facts.unique_keys.iter().filter(|_| !seaorm_named) {
            // The key only groups columns (SeaORM names the index `idx-{table}-{key}`); the
            // convention names the constraint, with the key as `constraint_name`.
            let ctx = NameContext {
                constraint_name: Some(key),
                ..NameContext::new(&t, columns)
            };
            let name = self
                .naming_convention()
                .name(ObjectKind::Unique, None, ctx)?;
            table.uniques.push(UniqueConstraint {
                deferrable: Default::default(),
                nulls_not_distinct: false,
                name,
                columns: columns.clone(),
            });
        }
        for u in &decls.uniques {
            if u.columns.is_empty() {
                return Err(invalid("a unique constraint without columns"));
            }
            let name = self.name(
                ObjectKind::Unique,
                &u.given,
                NameContext::new(&t, &u.columns),
            )?;
            table.uniques.push(UniqueConstraint {
                deferrable: Default::default(),
                nulls_not_distinct: false,
                name,
                columns: u.columns.clone(),
            });
        }
        if seaorm_named {
            // SeaORM's own: `indexed` and `unique_key` become `CREATE [UNIQUE] INDEX
            // "idx-{table}-{…}"`.
            for index in &facts.seaorm_indexes {
                if let [column] = index.columns.as_slice()
                    && !index.unique
                    && declared_on(column, false)
                {
                    continue;
                }
                table.indexes.push(IrIndex {
                    options: Default::default(),
                    name: index.name.clone(),
                    unique: index.unique,
                    parts: index.columns.iter().map(IndexPart::column).collect(),
                    method: Default::default(),
                    predicate: None,
                });
            }
        }
        for column in facts
            .indexed
            .iter()
            .filter(|c| !seaorm_named && !declared_on(c, false))
        {
            let columns = vec![column.clone()];
            let name = self.name(
                ObjectKind::Index,
                &Given::None,
                NameContext::new(&t, &columns),
            )?;
            table.indexes.push(IrIndex {
                options: Default::default(),
                name,
                unique: false,
                parts: vec![IndexPart::column(column)],
                method: Default::default(),
                predicate: None,
            });
        }
        for i in &decls.indexes {
            if i.parts.is_empty() {
                return Err(invalid("an index without key parts"));
            }
            let columns: Vec<String> = i
                .parts
                .iter()
                .filter_map(|(target, _)| match target {
                    Target::Column(c) => Some(c.clone()),
                    Target::Expression(_) => None,
                })
                .collect();
            let name = self.name(ObjectKind::Index, &i.given, NameContext::new(&t, &columns))?;
            let mut parts: Vec<IndexPart> = i
                .parts
                .iter()
                .map(|(target, descending)| IndexPart {
                    nulls_first: None,
                    opclass: None,
                    target: match target {
                        Target::Column(c) => IndexTarget::Column(c.clone()),
                        Target::Expression(e) => IndexTarget::Expression(e.clone()),
                    },
                    descending: *descending,
                    collation: None,
                })
                .collect();
            for (at, opclass) in &i.opclasses {
                let part = at.and_then(|at| parts.get_mut(at)).ok_or_else(|| {
                    invalid(&format!(
                        "index {name}: operator class {opclass} before any key part"
                    ))
                })?;
                part.opclass = Some(opclass.clone());
            }
            for (at, collation) in &i.collations {
                let part = at.and_then(|at| parts.get_mut(at)).ok_or_else(|| {
                    invalid(&format!(
                        "index {name}: collation {collation} before any key part"
                    ))
                })?;
                part.collation = Some(collation.clone());
            }
            if let Some(missing) = i.include.iter().find(|c| table.column(c).is_none()) {
                return Err(invalid(&format!(
                    "index {name}: INCLUDE of unknown column {missing}"
                )));
            }
            table.indexes.push(IrIndex {
                options: autogen_schema::IndexOptions {
                    include: i.include.clone(),
                    ..Default::default()
                },
                name,
                unique: i.unique,
                parts,
                method: i.method.clone(),
                predicate: i.predicate.clone(),
            });
        }
        for c in &decls.checks {
            let name = self.name(ObjectKind::Check, &c.given, NameContext::new(&t, &[]))?;
            table.checks.push(IrCheck {
                not_valid: false,
                no_inherit: false,
                name,
                expression: c.expression.clone(),
            });
        }
        for fk in facts.foreign_keys {
            let ctx = NameContext {
                referred_table: Some(&fk.ref_table),
                referred_columns: &fk.ref_columns,
                ..NameContext::new(&t, &fk.columns)
            };
            let declared = decls
                .foreign_key_names
                .iter()
                .find(|(c, _)| *c == fk.columns);
            let name = match (declared, &self.naming) {
                (Some((_, given)), _) => self.name(ObjectKind::ForeignKey, given, ctx)?,
                (None, Some(naming)) => {
                    naming.name(ObjectKind::ForeignKey, fk.name.as_deref(), ctx)?
                }
                (None, None) => fk.seaorm_name.clone(),
            };
            let deferrable = decls
                .deferrable_keys
                .iter()
                .find(|(c, _)| *c == fk.columns)
                .map_or(Deferrable::No, |(_, d)| *d);
            table.foreign_keys.push(ForeignKey {
                deferrable,
                not_valid: false,
                name,
                columns: fk.columns,
                ref_table: fk.ref_table,
                ref_columns: fk.ref_columns,
                on_delete: fk.on_delete,
                on_update: fk.on_update,
            });
        }
        if let Some((columns, _)) = decls
            .deferrable_keys
            .iter()
            .find(|(c, _)| !table.foreign_keys.iter().any(|fk| fk.columns == *c))
        {
            return Err(invalid(&format!(
                "a deferrable foreign key on ({}), but no relation has those columns",
                columns.join(", ")
            )));
        }
        if let Some((columns, _)) = decls
            .foreign_key_names
            .iter()
            .find(|(c, _)| !table.foreign_keys.iter().any(|fk| fk.columns == *c))
        {
            return Err(invalid(&format!(
                "a foreign key name for ({}), but no relation has those columns",
                columns.join(", ")
            )));
        }
        Ok(table)
    }
}

impl<E: EntityTrait> TableDecl<'_, E> {
    /// Names the primary key (Dify: `account_pkey` for table `accounts`).
    pub fn primary_key_name(self, name: impl Into<String>) -> Self {
        self.decls.primary_key = Given::Name(name.into());
        self
    }

    /// Declares the primary key unnamed, whatever the naming convention says: each
    /// backend then names it its own way (PostgreSQL `{table}_pkey`, MySQL `PRIMARY`,
    /// SQLite keeps no name).
    pub fn primary_key_unnamed(self) -> Self {
        self.decls.primary_key = Given::Unnamed;
        self
    }

    /// Names the foreign key on `columns` (Rust entities name relations, not
    /// constraints): the name goes through the convention like any given name.
    pub fn foreign_key_name(
        self,
        columns: impl IntoIterator<Item = E::Column>,
        name: impl Into<String>,
    ) -> Self {
        let columns = columns
            .into_iter()
            .map(|c| c.as_str().to_string())
            .collect();
        self.decls
            .foreign_key_names
            .push((columns, Given::Name(name.into())));
        self
    }

    /// Makes the foreign key on `columns` deferrable (`DEFERRABLE`, or with
    /// [`Deferrable::Deferred`] `DEFERRABLE INITIALLY DEFERRED`, as Django declares every
    /// key; PostgreSQL).
    pub fn deferrable(
        self,
        columns: impl IntoIterator<Item = E::Column>,
        deferrable: Deferrable,
    ) -> Self {
        let columns = columns
            .into_iter()
            .map(|c| c.as_str().to_string())
            .collect();
        self.decls.deferrable_keys.push((columns, deferrable));
        self
    }

    /// The column's collation (`"C"`, `"en_US"` on PostgreSQL; `utf8mb4_bin` on MySQL).
    pub fn collation(self, column: E::Column, collation: impl Into<String>) -> Self {
        self.decls
            .collations
            .push((column.as_str().to_string(), collation.into()));
        self
    }

    /// Makes `column` generated: `GENERATED ALWAYS AS (expression) STORED` with `stored`
    /// (PostgreSQL has stored ones only), `VIRTUAL` without (MySQL, SQLite). The
    /// expression as SQL, without its outer parentheses.
    pub fn generated(self, column: E::Column, expression: impl Into<String>, stored: bool) -> Self {
        self.decls
            .generated
            .push((column.as_str().to_string(), expression.into(), stored));
        self
    }

    /// Adds a PostgreSQL exclusion constraint, its definition as `pg_get_constraintdef`
    /// prints it (`EXCLUDE USING gist (room WITH =, during WITH &&)`); with a dev
    /// database, as written.
    pub fn exclusion(self, name: impl Into<String>, definition: impl Into<String>) -> Self {
        self.decls.exclusions.push(Exclusion {
            name: name.into(),
            definition: definition.into(),
        });
        self
    }

    /// How the database generates `column`'s values, overriding what SeaORM's DDL
    /// would give it (Dify's `serial` where SeaORM 2.0 writes an identity); `None`
    /// removes it.
    pub fn identity(self, column: E::Column, identity: Option<Identity>) -> Self {
        self.decls
            .identities
            .push((column.as_str().to_string(), identity));
        self
    }

    /// The column's type where SeaORM's `column_type` cannot say it (MySQL `set(…)`,
    /// `datetime(3)`, PostgreSQL `text[]`): it replaces the entity's type in the schema.
    /// The entity's field keeps its Rust type, which SeaORM reads and writes.
    pub fn column_type(self, column: E::Column, ty: ColumnType) -> Self {
        self.decls
            .column_types
            .push((column.as_str().to_string(), ty));
        self
    }

    /// The column's server default exactly as the database prints it, where SeaORM's
    /// `default_value` cannot say it (typed literals such as `DATE '2024-01-01'`, array
    /// constructors, expressions); `None` removes the entity's default.
    pub fn column_default(self, column: E::Column, default: Option<DefaultValue>) -> Self {
        self.decls
            .defaults
            .push((column.as_str().to_string(), default));
        self
    }

    /// Adds an index.
    pub fn index(self, index: Index<E::Column>) -> Self {
        self.decls.indexes.push(index.spec);
        self
    }

    /// Adds a unique constraint.
    pub fn unique(self, unique: Unique<E::Column>) -> Self {
        self.decls.uniques.push(unique.spec);
        self
    }

    /// Adds a check constraint.
    pub fn check(self, check: Check) -> Self {
        self.decls.checks.push(check);
        self
    }

    /// Declares that the table was renamed from `old` (a hint for the differ).
    pub fn renamed_from(self, old: impl Into<String>) -> Self {
        self.decls.renamed_from = Some(old.into());
        self
    }
}

/// Foreign keys must point at registered tables and existing columns.
fn check_references(schema: &Schema) -> Result<(), ModelsError> {
    for table in schema.tables.values() {
        for fk in &table.foreign_keys {
            let target = schema.tables.get(&fk.ref_table);
            let columns_exist =
                target.is_some_and(|t| fk.ref_columns.iter().all(|c| t.column(c).is_some()));
            if !columns_exist {
                return Err(ModelsError::UnknownReference {
                    table: table.name.clone(),
                    name: fk.name.clone(),
                    ref_table: fk.ref_table.clone(),
                });
            }
        }
    }
    Ok(())
}

/// Names as the backends scope them, and PostgreSQL's length limit for every name:
/// tables, indexes and the indexes behind primary keys and unique constraints share one
/// namespace per schema (PostgreSQL relations); foreign keys and checks are scoped by
/// their table (PostgreSQL and SQLite constraints, so `user_fk` may name a key on every
/// table); within a table every name is used once.
fn check_names(schema: &Schema) -> Result<(), ModelsError> {
    let length = |name: &str, what: &str| -> Result<(), ModelsError> {
        if name.len() > MAX_NAME_LEN {
            return Err(ModelsError::NameTooLong {
                name: name.to_string(),
                what: what.to_string(),
                len: name.len(),
            });
        }
        Ok(())
    };
    let once = |seen: &mut BTreeMap<String, String>, name: &str, what: String| match seen
        .insert(name.to_string(), what.clone())
    {
        Some(first) => Err(ModelsError::DuplicateName {
            name: name.to_string(),
            first,
            second: what,
        }),
        None => Ok(()),
    };
    let mut relations: BTreeMap<String, String> = BTreeMap::new();
    for t in schema.tables.values() {
        length(&t.name, "table")?;
        once(&mut relations, &t.name, format!("table {}", t.name))?;
        for c in &t.columns {
            length(&c.name, &format!("column of {}", t.name))?;
        }
        let mut relation_names: Vec<(&str, String)> = Vec::new();
        if let Some(name) = t.primary_key.as_ref().and_then(|p| p.name.as_deref()) {
            relation_names.push((name, format!("primary key of {}", t.name)));
        }
        relation_names.extend(
            t.indexes
                .iter()
                .map(|i| (i.name.as_str(), format!("index on {}", t.name))),
        );
        relation_names.extend(
            t.uniques
                .iter()
                .map(|u| (u.name.as_str(), format!("unique constraint on {}", t.name))),
        );
        let table_scoped = t
            .foreign_keys
            .iter()
            .map(|f| (f.name.as_str(), format!("foreign key on {}", t.name)))
            .chain(
                t.checks
                    .iter()
                    .map(|c| (c.name.as_str(), format!("check on {}", t.name))),
            );
        let mut in_table: BTreeMap<String, String> = BTreeMap::new();
        for (name, what) in &relation_names {
            length(name, what)?;
            once(&mut relations, name, what.clone())?;
            once(&mut in_table, name, what.clone())?;
        }
        for (name, what) in table_scoped {
            length(name, &what)?;
            once(&mut in_table, name, what)?;
        }
    }
    Ok(())
}
