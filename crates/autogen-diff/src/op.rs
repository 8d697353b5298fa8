//! Operations: each one carries everything its inverse needs, so `down` is derived.

use autogen_schema::{
    Check, Column, Domain, EnumType, Exclusion, Extension, ForeignKey, Function, Index, Policy,
    PrimaryKey, RowSecurity, Table, Trigger, UniqueConstraint, View,
};
use serde::Serialize;

/// A column that uses an enum type, with its full definition (needed to recreate the type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumUsage {
    /// Table name.
    pub table: String,
    /// The column as it is while the enum changes.
    pub column: Column,
}

/// Where an added column goes among its table's columns. Only MySQL and MariaDB can say
/// (`FIRST`, `AFTER c`); other dialects always append. `Last` when the column is the
/// table's last, so that the common case reads as a plain `ADD COLUMN`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnPosition {
    /// After every other column.
    #[default]
    Last,
    /// Before every other column.
    First,
    /// Right after the named column.
    After(String),
}

impl ColumnPosition {
    /// Whether the column simply goes at the end.
    pub fn is_last(&self) -> bool {
        *self == ColumnPosition::Last
    }

    /// The position of `columns[index]` among `columns`.
    pub fn of(columns: &[Column], index: usize) -> ColumnPosition {
        if index + 1 >= columns.len() {
            ColumnPosition::Last
        } else if index == 0 {
            ColumnPosition::First
        } else {
            ColumnPosition::After(columns[index - 1].name.clone())
        }
    }
}

/// The kind of table part a [`Op::SetPartComment`] comments on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// An index.
    Index,
    /// A constraint (primary key, unique, check, foreign key).
    Constraint,
    /// A row-level security policy.
    Policy,
}

/// One schema change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// `CREATE TYPE … AS ENUM`.
    CreateEnum {
        /// The type.
        enum_type: EnumType,
    },
    /// `DROP TYPE`.
    DropEnum {
        /// The type, kept for the inverse.
        enum_type: EnumType,
    },
    /// Changes an enum's values. Additions keep the old order; anything else recreates the type.
    AlterEnum {
        /// Type name.
        name: String,
        /// Values before.
        from: Vec<String>,
        /// Values after.
        to: Vec<String>,
        /// Columns using the type (their casts are needed when the type is recreated).
        usages: Vec<EnumUsage>,
    },
    /// `CREATE TABLE` with columns, primary key, uniques, checks and the listed foreign
    /// keys. Indexes and foreign keys that close a cycle are separate operations.
    CreateTable {
        /// The table.
        table: Box<Table>,
    },
    /// `DROP TABLE`; the table is kept whole for the inverse.
    DropTable {
        /// The table.
        table: Box<Table>,
    },
    /// `ALTER TABLE … RENAME TO`.
    RenameTable {
        /// Old name.
        from: String,
        /// New name.
        to: String,
    },
    /// `ADD COLUMN`.
    AddColumn {
        /// Table name.
        table: String,
        /// The column.
        column: Box<Column>,
        /// Where the column goes among the table's columns.
        #[serde(default, skip_serializing_if = "ColumnPosition::is_last")]
        position: ColumnPosition,
    },
    /// `DROP COLUMN`; the column is kept whole for the inverse.
    DropColumn {
        /// Table name.
        table: String,
        /// The column.
        column: Box<Column>,
        /// Where the column was, for the inverse.
        #[serde(default, skip_serializing_if = "ColumnPosition::is_last")]
        position: ColumnPosition,
    },
    /// `RENAME COLUMN`.
    RenameColumn {
        /// Table name.
        table: String,
        /// Old name.
        from: String,
        /// New name.
        to: String,
    },
    /// Type, nullability, default, identity or comment of a column.
    AlterColumn {
        /// Table name.
        table: String,
        /// The column before.
        from: Box<Column>,
        /// The column after (same name).
        to: Box<Column>,
    },
    /// `ADD PRIMARY KEY`.
    AddPrimaryKey {
        /// Table name.
        table: String,
        /// The key.
        primary_key: PrimaryKey,
    },
    /// `DROP` of the primary key.
    DropPrimaryKey {
        /// Table name.
        table: String,
        /// The key, kept for the inverse.
        primary_key: PrimaryKey,
    },
    /// `CREATE INDEX`.
    CreateIndex {
        /// Table name.
        table: String,
        /// The index.
        index: Index,
    },
    /// `DROP INDEX`.
    DropIndex {
        /// Table name.
        table: String,
        /// The index, kept for the inverse.
        index: Index,
    },
    /// `ADD CONSTRAINT … UNIQUE`.
    AddUnique {
        /// Table name.
        table: String,
        /// The constraint.
        unique: UniqueConstraint,
    },
    /// `DROP CONSTRAINT` of a unique constraint.
    DropUnique {
        /// Table name.
        table: String,
        /// The constraint.
        unique: UniqueConstraint,
    },
    /// `ADD CONSTRAINT … FOREIGN KEY`.
    AddForeignKey {
        /// Table name.
        table: String,
        /// The key.
        foreign_key: ForeignKey,
    },
    /// `DROP CONSTRAINT` of a foreign key.
    DropForeignKey {
        /// Table name.
        table: String,
        /// The key.
        foreign_key: ForeignKey,
    },
    /// `ADD CONSTRAINT … CHECK`.
    AddCheck {
        /// Table name.
        table: String,
        /// The constraint.
        check: Check,
    },
    /// `DROP CONSTRAINT` of a check.
    DropCheck {
        /// Table name.
        table: String,
        /// The constraint.
        check: Check,
    },
    /// `ADD CONSTRAINT … EXCLUDE` (PostgreSQL).
    AddExclusion {
        /// Table name.
        table: String,
        /// The constraint.
        exclusion: Exclusion,
    },
    /// `DROP CONSTRAINT` of an exclusion constraint.
    DropExclusion {
        /// Table name.
        table: String,
        /// The constraint.
        exclusion: Exclusion,
    },
    /// Table comment change.
    SetTableComment {
        /// Table name.
        table: String,
        /// Comment before.
        from: Option<String>,
        /// Comment after.
        to: Option<String>,
    },
    /// SQLite: create the new table, copy rows, drop the old, rename, recreate indexes
    /// (Alembic's batch mode). Used for what SQLite cannot `ALTER`.
    RebuildTable {
        /// The table before (its name is the one in the database).
        from: Box<Table>,
        /// The table after, with its indexes.
        to: Box<Table>,
        /// Column renames `(old, new)` applied while copying.
        renames: Vec<(String, String)>,
    },
    /// PostgreSQL `CREATE INDEX CONCURRENTLY`: builds without blocking writes, outside a
    /// transaction (online mode, on tables that already exist).
    CreateIndexConcurrently {
        /// Table name.
        table: String,
        /// The index.
        index: Index,
    },
    /// PostgreSQL `DROP INDEX CONCURRENTLY`.
    DropIndexConcurrently {
        /// Table name.
        table: String,
        /// The index.
        index: Index,
    },
    /// A foreign key added `NOT VALID`, then validated in a transaction of its own, so
    /// existing rows are checked without blocking writes (online mode).
    AddForeignKeyOnline {
        /// Table name.
        table: String,
        /// The key.
        foreign_key: ForeignKey,
    },
    /// A unique constraint built online: a unique index built `CONCURRENTLY`, then
    /// attached with `ADD CONSTRAINT … UNIQUE USING INDEX` (a catalog change), so the
    /// table's writes are not blocked while the index is built (online mode).
    AddUniqueOnline {
        /// Table name.
        table: String,
        /// The constraint.
        unique: UniqueConstraint,
    },
    /// A primary key built online (PostgreSQL): a unique index built `CONCURRENTLY`, then
    /// attached with `ADD CONSTRAINT … PRIMARY KEY USING INDEX`; its columns are already
    /// NOT NULL, so the attachment is a catalog change (online mode).
    AddPrimaryKeyOnline {
        /// Table name.
        table: String,
        /// The key.
        primary_key: PrimaryKey,
    },
    /// A check added `NOT VALID`, then validated separately (online mode).
    AddCheckOnline {
        /// Table name.
        table: String,
        /// The constraint.
        check: Check,
    },
    /// A column whose default is volatile (`gen_random_uuid()`), added to an existing
    /// table without rewriting it (online mode, PostgreSQL): the column added nullable and
    /// without the default (a catalog change), the default set (new rows get it), then the
    /// existing rows filled with it in batches of `key`, each committed on its own (one
    /// `UPDATE` when the table has no single integer key). A NOT NULL column is made so
    /// by a [`Op::SetNotNullOnline`] after it.
    AddColumnOnline {
        /// Table name.
        table: String,
        /// The column as the models have it, but nullable.
        column: Box<Column>,
        /// The table's single integer primary-key column, which the batches are ranges of.
        key: Option<String>,
    },
    /// `SET NOT NULL` through a `CHECK (c IS NOT NULL) NOT VALID` that is validated first,
    /// so PostgreSQL skips its scan under the exclusive lock (online mode).
    SetNotNullOnline {
        /// Table name.
        table: String,
        /// The column before (nullable).
        from: Box<Column>,
        /// The column after (NOT NULL, otherwise the same).
        to: Box<Column>,
    },
    /// `CREATE VIEW`, with the statement the database stores.
    CreateView {
        /// The view.
        view: View,
        /// Why it is (re)created when the view itself does not change: the table whose
        /// rebuild or change drops it.
        #[serde(skip_serializing_if = "Option::is_none")]
        because: Option<String>,
    },
    /// `DROP VIEW`; the view is kept whole for the inverse.
    DropView {
        /// The view.
        view: View,
        /// See [`Op::CreateView`].
        #[serde(skip_serializing_if = "Option::is_none")]
        because: Option<String>,
    },
    /// `CREATE OR REPLACE VIEW` (and its comment): a view whose query, options or comment
    /// change while its output columns stay the same, so it is replaced in place and the
    /// views that read it stay (see [`View::replaceable_by`]).
    ReplaceView {
        /// The view before.
        from: View,
        /// The view after.
        to: View,
    },
    /// `CREATE TRIGGER`, with the statement the database stores.
    CreateTrigger {
        /// The trigger.
        trigger: Trigger,
        /// See [`Op::CreateView`].
        #[serde(skip_serializing_if = "Option::is_none")]
        because: Option<String>,
    },
    /// `DROP TRIGGER`; the trigger is kept whole for the inverse.
    DropTrigger {
        /// The trigger.
        trigger: Trigger,
        /// See [`Op::CreateView`].
        #[serde(skip_serializing_if = "Option::is_none")]
        because: Option<String>,
    },
    /// `CREATE FUNCTION` or `CREATE PROCEDURE` (PostgreSQL), with its comment.
    CreateFunction {
        /// The routine.
        function: Function,
    },
    /// `DROP FUNCTION` or `DROP PROCEDURE`; the routine is kept whole for the inverse.
    DropFunction {
        /// The routine.
        function: Function,
    },
    /// `CREATE OR REPLACE` of a routine whose name, arguments and result stay, and/or a
    /// new comment on it.
    ReplaceFunction {
        /// The routine before.
        from: Function,
        /// The routine after.
        to: Function,
    },
    /// PostgreSQL `CREATE SCHEMA`: a namespace other than the default one, created before
    /// its objects.
    CreateSchema {
        /// Schema name.
        name: String,
    },
    /// PostgreSQL `DROP SCHEMA` (without `CASCADE`), after its objects are dropped.
    DropSchema {
        /// Schema name.
        name: String,
    },
    /// PostgreSQL `CREATE EXTENSION IF NOT EXISTS`.
    CreateExtension {
        /// The extension.
        extension: Extension,
    },
    /// PostgreSQL `DROP EXTENSION`; kept whole for the inverse.
    DropExtension {
        /// The extension.
        extension: Extension,
    },
    /// PostgreSQL `ALTER EXTENSION … UPDATE TO`.
    AlterExtension {
        /// Extension name.
        name: String,
        /// Version before.
        from: String,
        /// Version after.
        to: String,
    },
    /// PostgreSQL `CREATE DOMAIN`, with its comment.
    CreateDomain {
        /// The domain.
        domain: Domain,
    },
    /// PostgreSQL `DROP DOMAIN`; kept whole for the inverse.
    DropDomain {
        /// The domain.
        domain: Domain,
    },
    /// PostgreSQL `ALTER DOMAIN`: default, NOT NULL, checks and comment (the base type
    /// and collation are the same on both sides).
    AlterDomain {
        /// The domain before.
        from: Box<Domain>,
        /// The domain after.
        to: Box<Domain>,
    },
    /// PostgreSQL `ALTER TABLE … ENABLE/DISABLE/FORCE/NO FORCE ROW LEVEL SECURITY`.
    SetRowSecurity {
        /// Table name.
        table: String,
        /// Before.
        from: RowSecurity,
        /// After.
        to: RowSecurity,
    },
    /// PostgreSQL `CREATE POLICY … ON table`, with its comment.
    CreatePolicy {
        /// Table name.
        table: String,
        /// The policy.
        policy: Policy,
    },
    /// PostgreSQL `DROP POLICY … ON table`; kept whole for the inverse.
    DropPolicy {
        /// Table name.
        table: String,
        /// The policy.
        policy: Policy,
    },
    /// `COMMENT ON TYPE` of an enum type.
    SetTypeComment {
        /// Type name.
        name: String,
        /// Comment before.
        from: Option<String>,
        /// Comment after.
        to: Option<String>,
    },
    /// A comment on an index, constraint or policy of a table (`COMMENT ON INDEX …`).
    SetPartComment {
        /// Table name.
        table: String,
        /// What the commented object is.
        part: PartKind,
        /// The index, constraint or policy name.
        name: String,
        /// Comment before.
        from: Option<String>,
        /// Comment after.
        to: Option<String>,
    },
    /// Hand-written SQL with its reverse.
    RawSql {
        /// Upgrade SQL.
        up: String,
        /// Downgrade SQL.
        down: String,
    },
}

impl Op {
    /// The operation that undoes this one.
    pub fn inverse(&self) -> Op {
        use Op::*;
        match self.clone() {
            CreateEnum { enum_type } => DropEnum { enum_type },
            DropEnum { enum_type } => CreateEnum { enum_type },
            AlterEnum {
                name,
                from,
                to,
                usages,
            } => AlterEnum {
                name,
                from: to,
                to: from,
                usages,
            },
            CreateTable { table } => DropTable { table },
            DropTable { table } => CreateTable { table },
            RenameTable { from, to } => RenameTable { from: to, to: from },
            AddColumn {
                table,
                column,
                position,
            } => DropColumn {
                table,
                column,
                position,
            },
            DropColumn {
                table,
                column,
                position,
            } => AddColumn {
                table,
                column,
                position,
            },
            RenameColumn { table, from, to } => RenameColumn {
                table,
                from: to,
                to: from,
            },
            AlterColumn { table, from, to } => AlterColumn {
                table,
                from: to,
                to: from,
            },
            AddPrimaryKey { table, primary_key } => DropPrimaryKey { table, primary_key },
            DropPrimaryKey { table, primary_key } => AddPrimaryKey { table, primary_key },
            CreateIndex { table, index } => DropIndex { table, index },
            DropIndex { table, index } => CreateIndex { table, index },
            AddUnique { table, unique } => DropUnique { table, unique },
            DropUnique { table, unique } => AddUnique { table, unique },
            AddForeignKey { table, foreign_key } => DropForeignKey { table, foreign_key },
            DropForeignKey { table, foreign_key } => AddForeignKey { table, foreign_key },
            AddCheck { table, check } => DropCheck { table, check },
            DropCheck { table, check } => AddCheck { table, check },
            AddExclusion { table, exclusion } => DropExclusion { table, exclusion },
            DropExclusion { table, exclusion } => AddExclusion { table, exclusion },
            SetTableComment { table, from, to } => SetTableComment {
                table,
                from: to,
                to: from,
            },
            RebuildTable { from, to, renames } => RebuildTable {
                from: to,
                to: from,
                renames: renames.into_iter().map(|(a, b)| (b, a)).collect(),
            },
            CreateIndexConcurrently { table, index } => DropIndexConcurrently { table, index },
            DropIndexConcurrently { table, index } => CreateIndexConcurrently { table, index },
            AddForeignKeyOnline { table, foreign_key } => DropForeignKey { table, foreign_key },
            AddCheckOnline { table, check } => DropCheck { table, check },
            AddUniqueOnline { table, unique } => DropUnique { table, unique },
            AddPrimaryKeyOnline { table, primary_key } => DropPrimaryKey { table, primary_key },
            AddColumnOnline { table, column, .. } => DropColumn {
                table,
                column,
                position: ColumnPosition::default(),
            },
            SetNotNullOnline { table, from, to } => AlterColumn {
                table,
                from: to,
                to: from,
            },
            RawSql { up, down } => RawSql { up: down, down: up },
            CreateView { view, because } => DropView { view, because },
            DropView { view, because } => CreateView { view, because },
            ReplaceView { from, to } => ReplaceView { from: to, to: from },
            CreateTrigger { trigger, because } => DropTrigger { trigger, because },
            DropTrigger { trigger, because } => CreateTrigger { trigger, because },
            CreateFunction { function } => DropFunction { function },
            DropFunction { function } => CreateFunction { function },
            ReplaceFunction { from, to } => ReplaceFunction { from: to, to: from },
            CreateSchema { name } => DropSchema { name },
            DropSchema { name } => CreateSchema { name },
            CreateExtension { extension } => DropExtension { extension },
            DropExtension { extension } => CreateExtension { extension },
            AlterExtension { name, from, to } => AlterExtension {
                name,
                from: to,
                to: from,
            },
            CreateDomain { domain } => DropDomain { domain },
            DropDomain { domain } => CreateDomain { domain },
            AlterDomain { from, to } => AlterDomain { from: to, to: from },
            SetRowSecurity { table, from, to } => SetRowSecurity {
                table,
                from: to,
                to: from,
            },
            SetTypeComment { name, from, to } => SetTypeComment {
                name,
                from: to,
                to: from,
            },
            CreatePolicy { table, policy } => DropPolicy { table, policy },
            DropPolicy { table, policy } => CreatePolicy { table, policy },
            SetPartComment {
                table,
                part,
                name,
                from,
                to,
            } => SetPartComment {
                table,
                part,
                name,
                from: to,
                to: from,
            },
        }
    }

    /// The table the operation changes, if it changes one.
    pub fn table(&self) -> Option<&str> {
        use Op::*;
        match self {
            // Views and triggers are objects of their own: a rebuild of their table does
            // not fold them in, and nothing moves across them.
            CreateEnum { .. }
            | DropEnum { .. }
            | AlterEnum { .. }
            | RawSql { .. }
            | CreateView { .. }
            | DropView { .. }
            | ReplaceView { .. }
            | CreateTrigger { .. }
            | DropTrigger { .. }
            | CreateFunction { .. }
            | DropFunction { .. }
            | ReplaceFunction { .. }
            | CreateSchema { .. }
            | DropSchema { .. }
            | CreateExtension { .. }
            | DropExtension { .. }
            | AlterExtension { .. }
            | CreateDomain { .. }
            | DropDomain { .. }
            | AlterDomain { .. }
            | SetTypeComment { .. } => None,
            CreateTable { table } | DropTable { table } => Some(&table.name),
            RenameTable { to, .. } => Some(to),
            RebuildTable { to, .. } => Some(&to.name),
            AddColumn { table, .. }
            | DropColumn { table, .. }
            | RenameColumn { table, .. }
            | AlterColumn { table, .. }
            | AddPrimaryKey { table, .. }
            | DropPrimaryKey { table, .. }
            | CreateIndex { table, .. }
            | DropIndex { table, .. }
            | AddUnique { table, .. }
            | DropUnique { table, .. }
            | AddForeignKey { table, .. }
            | DropForeignKey { table, .. }
            | AddCheck { table, .. }
            | DropCheck { table, .. }
            | AddExclusion { table, .. }
            | DropExclusion { table, .. }
            | SetTableComment { table, .. }
            | CreateIndexConcurrently { table, .. }
            | DropIndexConcurrently { table, .. }
            | AddForeignKeyOnline { table, .. }
            | AddCheckOnline { table, .. }
            | AddUniqueOnline { table, .. }
            | AddPrimaryKeyOnline { table, .. }
            | SetNotNullOnline { table, .. }
            | AddColumnOnline { table, .. }
            | SetRowSecurity { table, .. }
            | CreatePolicy { table, .. }
            | DropPolicy { table, .. }
            | SetPartComment { table, .. } => Some(table),
        }
    }
}
