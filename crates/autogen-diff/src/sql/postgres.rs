//! PostgreSQL statements for each operation.
//!
//! With a namespace (the plan's PostgreSQL schema, `schema = "app"` in `autogen.toml`),
//! every name a statement acts on is qualified with it: tables, indexes dropped, types,
//! sequences, the tables foreign keys reference and enum types in column definitions.
//! A script then does what it says whatever the session's `search_path` is; without the
//! qualification a script for `app` ran with the default path drops `public`'s tables.
//! Names inside expressions (checks, defaults, index predicates) stay as written.

use autogen_schema::dialect::postgres::{
    alter_domain_sql, alter_extension_sql, column_sql, comment_on, create_domain_sql,
    create_extension_sql, create_function_sql, create_index_sql, create_policy_sql,
    create_table_sql, default_sql, drop_domain_sql, drop_extension_sql, drop_function_sql,
    drop_policy_sql, foreign_key_sql, function_comment_sql, function_statements,
    identity_options_sql, no_inherit, row_security_sql, table_extras_sql, trigger_extra_sql,
    type_sql, unique_sql, written_default,
};
use autogen_schema::qualified::{self, bare, beside};
use autogen_schema::sql_text::quote_literal;
use autogen_schema::{Column, ColumnType, Dialect, ForeignKey, Identity, Index, PrimaryKey, Table};

use super::{SqlError, unsupported};
use crate::hazard::is_append_only;
use crate::op::{EnumUsage, Op, PartKind};

const D: Dialect = Dialect::Postgres;

fn q(name: &str) -> String {
    D.quote_ident(name)
}

/// Names as one plan's statements write them: qualified with the namespace, if any.
#[derive(Clone, Copy)]
struct Names<'a> {
    namespace: Option<&'a str>,
}

impl Names<'_> {
    /// A schema-scoped name: table, index, type, sequence.
    fn qn(&self, name: &str) -> String {
        match self.namespace {
            // A name of another schema (`autogen_schema::qualified`) says its own.
            Some(ns) if qualified::schema_of(name).is_none() => format!("{}.{}", q(ns), q(name)),
            _ => q(name),
        }
    }

    /// The type with enum names qualified.
    fn ty(&self, ty: &ColumnType) -> ColumnType {
        match ty {
            ColumnType::Enum { name } if self.namespace.is_some() => {
                ColumnType::Custom { raw: self.qn(name) }
            }
            ColumnType::Array { element } => ColumnType::Array {
                element: Box::new(self.ty(element)),
            },
            other => other.clone(),
        }
    }

    fn column(&self, column: &Column) -> Column {
        let mut c = column.clone();
        c.ty = self.ty(&c.ty);
        c
    }

    /// `CONSTRAINT … FOREIGN KEY … REFERENCES table …` with the table qualified.
    fn foreign_key(&self, fk: &ForeignKey) -> String {
        let sql = foreign_key_sql(fk);
        if self.namespace.is_none() {
            return sql;
        }
        let plain = format!(" REFERENCES {} (", q(&fk.ref_table));
        let qualified = format!(" REFERENCES {} (", self.qn(&fk.ref_table));
        // The reference follows the key's own (quoted) columns: its first occurrence
        // after them is the one `foreign_key_sql` wrote.
        let after_columns = format!("FOREIGN KEY ({})", D.quote_list(&fk.columns));
        match sql.find(&after_columns) {
            Some(at) => {
                let split = at + after_columns.len();
                format!(
                    "{}{}",
                    &sql[..split],
                    sql[split..].replacen(&plain, &qualified, 1)
                )
            }
            None => sql,
        }
    }

    fn create_index(&self, table: &str, index: &Index) -> String {
        let sql = create_index_sql(table, index);
        if self.namespace.is_none() {
            return sql;
        }
        let plain = format!(" INDEX {} ON {}", q(&index.name), q(table));
        let qualified = format!(" INDEX {} ON {}", q(&index.name), self.qn(table));
        sql.replacen(&plain, &qualified, 1)
    }

    fn create_table(&self, table: &Table) -> String {
        let partitioning = table
            .partitioning
            .as_ref()
            .map(|key| format!(" PARTITION BY {key}"))
            .unwrap_or_default();
        if let Some(p) = &table.partition_of {
            // Columns, indexes and constraints come from the parent.
            return format!(
                "CREATE TABLE {} PARTITION OF {} {}{partitioning}",
                self.qn(&table.name),
                self.qn(&p.parent),
                p.bound
            );
        }
        let mut t = table.clone();
        t.partitioning = None;
        t.foreign_keys.clear();
        for c in &mut t.columns {
            c.ty = self.ty(&c.ty);
        }
        let mut sql = create_table_sql(&t, |_| false);
        if self.namespace.is_some() {
            let plain = format!("CREATE TABLE {} (", q(&table.name));
            let qualified = format!("CREATE TABLE {} (", self.qn(&table.name));
            sql = sql.replacen(&plain, &qualified, 1);
        }
        if table.foreign_keys.is_empty() {
            return format!("{sql}{partitioning}");
        }
        // The keys go last, as `create_table_sql` writes them.
        let body = sql.strip_suffix("\n)").unwrap_or(&sql).to_string();
        let keys: Vec<String> = table
            .foreign_keys
            .iter()
            .map(|fk| self.foreign_key(fk))
            .collect();
        format!("{body},\n  {}\n){partitioning}", keys.join(",\n  "))
    }
}

fn comment_sql(target: &str, comment: Option<&String>) -> String {
    format!(
        "COMMENT ON {target} IS {}",
        comment.map_or("NULL".to_string(), |c| quote_literal(c))
    )
}

fn pk_name(table: &str, pk: &PrimaryKey) -> String {
    pk.name.clone().unwrap_or_else(|| format!("{table}_pkey"))
}

pub(super) fn op_sql(op: &Op, namespace: Option<&str>) -> Result<Vec<String>, SqlError> {
    use Op::*;
    let n = Names { namespace };
    let qn = |name: &str| n.qn(name);
    Ok(match op {
        CreateEnum { enum_type } => {
            let values: Vec<String> = enum_type.values.iter().map(|v| quote_literal(v)).collect();
            vec![format!(
                "CREATE TYPE {} AS ENUM ({})",
                qn(&enum_type.name),
                values.join(", ")
            )]
        }
        DropEnum { enum_type } => vec![format!("DROP TYPE {}", qn(&enum_type.name))],
        AlterEnum {
            name,
            from,
            to,
            usages,
        } => alter_enum(n, name, from, to, usages),
        CreateTable { table } => {
            let mut out = vec![n.create_table(table)];
            if let Some(c) = &table.comment {
                out.push(comment_sql(&format!("TABLE {}", qn(&table.name)), Some(c)));
            }
            for c in &table.columns {
                if c.comment.is_some() {
                    out.push(column_comment(n, &table.name, c));
                }
            }
            // The indexes come as operations of their own, their comments with them.
            out.extend(table_extras_sql(&qn(&table.name), table, false));
            out
        }
        DropTable { table } => vec![format!("DROP TABLE {}", qn(&table.name))],
        RenameTable { from, to } => {
            vec![format!(
                "ALTER TABLE {} RENAME TO {}",
                qn(from),
                q(bare(to))
            )]
        }
        AddColumn { table, column, .. } => {
            let mut out = vec![format!(
                "ALTER TABLE {} ADD COLUMN {}",
                qn(table),
                column_sql(&n.column(column))
            )];
            if column.comment.is_some() {
                out.push(column_comment(n, table, column));
            }
            out
        }
        DropColumn { table, column, .. } => vec![format!(
            "ALTER TABLE {} DROP COLUMN {}",
            qn(table),
            q(&column.name)
        )],
        RenameColumn { table, from, to } => vec![format!(
            "ALTER TABLE {} RENAME COLUMN {} TO {}",
            qn(table),
            q(from),
            q(to)
        )],
        AlterColumn { table, from, to } => alter_column(n, table, from, to),
        AddPrimaryKey { table, primary_key } => vec![format!(
            "ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY ({}){}",
            qn(table),
            q(&pk_name(table, primary_key)),
            D.quote_list(&primary_key.columns),
            primary_key.deferrable.clause()
        )],
        DropPrimaryKey { table, primary_key } => {
            drop_constraint(n, table, &pk_name(table, primary_key))
        }
        CreateIndex { table, index } => vec![n.create_index(table, index)],
        DropIndex { table, index } => {
            vec![format!("DROP INDEX {}", qn(&beside(table, &index.name)))]
        }
        AddUnique { table, unique } => {
            vec![format!(
                "ALTER TABLE {} ADD {}",
                qn(table),
                unique_sql(unique)
            )]
        }
        DropUnique { table, unique } => drop_constraint(n, table, &unique.name),
        AddForeignKey { table, foreign_key } => vec![format!(
            "ALTER TABLE {} ADD {}{}",
            qn(table),
            n.foreign_key(foreign_key),
            not_valid(foreign_key.not_valid)
        )],
        DropForeignKey { table, foreign_key } => drop_constraint(n, table, &foreign_key.name),
        AddCheck { table, check } => vec![format!(
            "ALTER TABLE {} ADD CONSTRAINT {} CHECK ({}){}{}",
            qn(table),
            q(&check.name),
            check.expression,
            no_inherit(check.no_inherit),
            not_valid(check.not_valid)
        )],
        AddExclusion { table, exclusion } => vec![format!(
            "ALTER TABLE {} ADD CONSTRAINT {} {}",
            qn(table),
            q(&exclusion.name),
            exclusion.definition
        )],
        DropExclusion { table, exclusion } => drop_constraint(n, table, &exclusion.name),
        DropCheck { table, check } => drop_constraint(n, table, &check.name),
        SetTableComment { table, to, .. } => {
            vec![comment_sql(&format!("TABLE {}", qn(table)), to.as_ref())]
        }
        RebuildTable { to, .. } => {
            return Err(unsupported(
                D,
                format!("rebuild table {} (a SQLite-only operation)", to.name),
            ));
        }
        // The online forms run outside a transaction, so each may be rerun after a
        // partial run: an invalid index left by a failed concurrent build, a constraint
        // left NOT VALID, are dropped and made again.
        CreateIndexConcurrently { table, index } => vec![
            format!(
                "DROP INDEX CONCURRENTLY IF EXISTS {}",
                qn(&beside(table, &index.name))
            ),
            n.create_index(table, index)
                .replacen("INDEX ", "INDEX CONCURRENTLY IF NOT EXISTS ", 1),
        ],
        DropIndexConcurrently { table, index } => {
            vec![format!(
                "DROP INDEX CONCURRENTLY IF EXISTS {}",
                qn(&beside(table, &index.name))
            )]
        }
        AddForeignKeyOnline { table, foreign_key } => {
            let mut out = vec![
                drop_constraint_if_exists(n, table, &foreign_key.name),
                format!(
                    "ALTER TABLE {} ADD {} NOT VALID",
                    qn(table),
                    n.foreign_key(foreign_key)
                ),
            ];
            // A key meant to stay NOT VALID is not validated.
            if !foreign_key.not_valid {
                out.push(validate(n, table, &foreign_key.name));
            }
            out
        }
        // The constraint adopts the index (a catalog change under a short lock); a rerun
        // finds the constraint gone or whole, and an invalid index from a failed build
        // is dropped first.
        AddUniqueOnline { table, unique } => vec![
            drop_constraint_if_exists(n, table, &unique.name),
            format!(
                "DROP INDEX CONCURRENTLY IF EXISTS {}",
                qn(&beside(table, &unique.name))
            ),
            format!(
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {} ON {} ({}){}",
                q(&unique.name),
                qn(table),
                D.quote_list(&unique.columns),
                if unique.nulls_not_distinct {
                    " NULLS NOT DISTINCT"
                } else {
                    ""
                }
            ),
            format!(
                "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE USING INDEX {}{}",
                qn(table),
                q(&unique.name),
                q(&unique.name),
                unique.deferrable.clause()
            ),
        ],
        // As a unique: the key adopts an index built concurrently. Its columns are NOT
        // NULL by then, so attaching it scans nothing.
        AddPrimaryKeyOnline { table, primary_key } => {
            let name = pk_name(table, primary_key);
            vec![
                drop_constraint_if_exists(n, table, &name),
                format!(
                    "DROP INDEX CONCURRENTLY IF EXISTS {}",
                    qn(&beside(table, &name))
                ),
                format!(
                    "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {} ON {} ({})",
                    q(&name),
                    qn(table),
                    D.quote_list(&primary_key.columns)
                ),
                format!(
                    "ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY USING INDEX {}{}",
                    qn(table),
                    q(&name),
                    q(&name),
                    primary_key.deferrable.clause()
                ),
            ]
        }
        AddCheckOnline { table, check } => {
            let mut out = vec![
                drop_constraint_if_exists(n, table, &check.name),
                format!(
                    "ALTER TABLE {} ADD CONSTRAINT {} CHECK ({}){} NOT VALID",
                    qn(table),
                    q(&check.name),
                    check.expression,
                    no_inherit(check.no_inherit)
                ),
            ];
            if !check.not_valid {
                out.push(validate(n, table, &check.name));
            }
            out
        }
        AddColumnOnline { table, column, key } => add_column_online(n, table, column, key),
        SetNotNullOnline { table, to, .. } => {
            // PostgreSQL 12+ skips SET NOT NULL's scan when a valid check proves it.
            let check: String = format!("autogen_not_null_{}", to.name)
                .chars()
                .take(63)
                .collect();
            vec![
                drop_constraint_if_exists(n, table, &check),
                format!(
                    "ALTER TABLE {} ADD CONSTRAINT {} CHECK ({} IS NOT NULL) NOT VALID",
                    qn(table),
                    q(&check),
                    q(&to.name)
                ),
                validate(n, table, &check),
                format!(
                    "ALTER TABLE {} ALTER COLUMN {} SET NOT NULL",
                    qn(table),
                    q(&to.name)
                ),
                format!("ALTER TABLE {} DROP CONSTRAINT {}", qn(table), q(&check)),
            ]
        }
        RawSql { up, .. } => vec![up.clone()],
        // Written as the database prints them: the statement runs as it is.
        CreateView { view, .. } => crate::postgres::views::create_view(view, &qn(&view.name)),
        DropView { view, .. } => vec![crate::postgres::views::drop_view(view, &qn(&view.name))],
        ReplaceView { from, to } => crate::postgres::views::replace_view(from, to, &qn(&to.name)),
        CreateTrigger { trigger, .. } => {
            let mut out = vec![trigger.definition.clone()];
            out.extend(trigger_extra_sql(
                &q(&trigger.name),
                &qn(&trigger.table),
                trigger,
            ));
            out
        }
        CreateFunction { function } => function_statements(&qn(&function.name), function),
        DropFunction { function } => vec![drop_function_sql(&qn(&function.name), function)],
        ReplaceFunction { from, to } => {
            let mut out = Vec::new();
            if !from.same_code(to) {
                out.push(create_function_sql(&qn(&to.name), to));
            }
            if from.comment != to.comment {
                out.push(function_comment_sql(&qn(&to.name), to));
            }
            out
        }
        DropTrigger { trigger, .. } => vec![format!(
            "DROP TRIGGER {} ON {}",
            q(&trigger.name),
            qn(&trigger.table)
        )],
        CreateSchema { name } => vec![format!("CREATE SCHEMA {}", q(name))],
        DropSchema { name } => vec![format!("DROP SCHEMA {}", q(name))],
        CreateExtension { extension } => vec![create_extension_sql(extension)],
        DropExtension { extension } => vec![drop_extension_sql(extension)],
        AlterExtension { name, to, .. } => vec![alter_extension_sql(name, to)],
        CreateDomain { domain } => create_domain_sql(&qn(&domain.name), domain),
        DropDomain { domain } => vec![drop_domain_sql(&qn(&domain.name))],
        AlterDomain { from, to } => alter_domain_sql(&qn(&to.name), from, to),
        SetRowSecurity { table, from, to } => row_security_sql(&qn(table), *from, *to),
        CreatePolicy { table, policy } => create_policy_sql(&qn(table), policy),
        DropPolicy { table, policy } => vec![drop_policy_sql(&qn(table), policy)],
        SetTypeComment { name, to, .. } => {
            vec![comment_on(&format!("TYPE {}", qn(name)), to.as_deref())]
        }
        SetPartComment {
            table,
            part,
            name,
            to,
            ..
        } => {
            let target = match part {
                PartKind::Index => format!("INDEX {}", qn(name)),
                PartKind::Constraint => format!("CONSTRAINT {} ON {}", q(name), qn(table)),
                PartKind::Policy => format!("POLICY {} ON {}", q(name), qn(table)),
            };
            vec![comment_on(&target, to.as_deref())]
        }
    })
}

fn not_valid(yes: bool) -> &'static str {
    if yes { " NOT VALID" } else { "" }
}

fn validate(n: Names, table: &str, constraint: &str) -> String {
    format!(
        "ALTER TABLE {} VALIDATE CONSTRAINT {}",
        n.qn(table),
        q(constraint)
    )
}

fn drop_constraint(n: Names, table: &str, name: &str) -> Vec<String> {
    vec![format!(
        "ALTER TABLE {} DROP CONSTRAINT {}",
        n.qn(table),
        q(name)
    )]
}

fn drop_constraint_if_exists(n: Names, table: &str, name: &str) -> String {
    format!(
        "ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}",
        n.qn(table),
        q(name)
    )
}

/// Rows per batch of an online column's backfill.
const BACKFILL_BATCH: u32 = 1000;

/// A column with a volatile default, added without rewriting the table: the column alone
/// (a catalog change), its default (for new rows), then the existing rows set to it in
/// batches of `key` that each commit (a `DO` block run outside a transaction, PostgreSQL
/// 11+), or in one `UPDATE` without such a key. Each statement can run again after a
/// failure: the column is added only if missing, and only rows still NULL are filled.
fn add_column_online(n: Names, table: &str, column: &Column, key: &Option<String>) -> Vec<String> {
    let mut bare = n.column(column);
    let default = bare.default.take();
    let mut out = vec![format!(
        "ALTER TABLE {} ADD COLUMN IF NOT EXISTS {}",
        n.qn(table),
        column_sql(&bare)
    )];
    if let Some(d) = &default {
        out.push(format!(
            "ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {}",
            n.qn(table),
            q(&column.name),
            default_sql(d)
        ));
    }
    let (t, c) = (n.qn(table), q(&column.name));
    out.push(match key {
        Some(key) => {
            let k = q(key);
            format!(
                "DO $autogen$
                 DECLARE
    done bigint;
    upto bigint;
                 BEGIN
                     LOOP
                         SELECT max(k) INTO upto FROM (SELECT {k} AS k FROM {t} WHERE done IS NULL OR {k} > done ORDER BY {k} LIMIT {BACKFILL_BATCH}) AS batch;
                         EXIT WHEN upto IS NULL;
                         UPDATE {t} SET {c} = DEFAULT WHERE {k} <= upto AND (done IS NULL OR {k} > done) AND {c} IS NULL;
                         COMMIT;
                         done := upto;
                     END LOOP;
                 END
                 $autogen$"
            )
        }
        None => format!("UPDATE {t} SET {c} = DEFAULT WHERE {c} IS NULL"),
    });
    if column.comment.is_some() {
        out.push(column_comment(n, table, column));
    }
    out
}

fn column_comment(n: Names, table: &str, column: &Column) -> String {
    comment_sql(
        &format!("COLUMN {}.{}", n.qn(table), q(&column.name)),
        column.comment.as_ref(),
    )
}

fn alter_column(n: Names, table: &str, from: &Column, to: &Column) -> Vec<String> {
    let prefix = format!("ALTER TABLE {} ALTER COLUMN {}", n.qn(table), q(&to.name));
    let (from, to) = (&n.column(from), &n.column(to));
    let mut out = Vec::new();
    if from.generated != to.generated {
        if to.generated.is_none() {
            // The stored values stay, as plain values.
            out.push(format!("{prefix} DROP EXPRESSION"));
        } else {
            // PostgreSQL 15 cannot give a column an expression: it is made anew (its
            // values are computed again from the row).
            return vec![
                format!("ALTER TABLE {} DROP COLUMN {}", n.qn(table), q(&to.name)),
                format!("ALTER TABLE {} ADD COLUMN {}", n.qn(table), column_sql(to)),
            ];
        }
    }
    let type_changes = from.ty != to.ty || !same_collation(from, to);
    let serial_changes =
        (from.identity == Some(Identity::Serial)) != (to.identity == Some(Identity::Serial));
    // A default of the old type may not cast to the new one: drop it first, set it after.
    let default_dropped = from.default.is_some() && (type_changes || from.default != to.default);
    if default_dropped || (from.identity == Some(Identity::Serial) && serial_changes) {
        out.push(format!("{prefix} DROP DEFAULT"));
    }
    if from.identity == Some(Identity::Serial) && serial_changes {
        // The serial's own sequence goes with it (as `serial` made it, by its name), so
        // that the column's only sequence is the one the new form creates.
        out.push(format!(
            "DROP SEQUENCE IF EXISTS {}",
            n.qn(&serial_sequence(table, &from.name))
        ));
    }
    if let (Some(Identity::Always | Identity::ByDefault), None | Some(Identity::Serial)) =
        (from.identity, to.identity)
    {
        out.push(format!("{prefix} DROP IDENTITY"));
    }
    if type_changes {
        let collate = to
            .collation
            .as_deref()
            .map(|c| format!(" COLLATE {}", D.collation_name(c)))
            .unwrap_or_default();
        out.push(format!(
            "{prefix} TYPE {ty}{collate} USING {}",
            cast(&to.name, &from.ty, &to.ty),
            ty = type_sql(&to.ty)
        ));
    }
    if type_changes
        && from.identity == Some(Identity::Serial)
        && to.identity == Some(Identity::Serial)
        && to.ty.is_integer()
    {
        // serial ↔ bigserial ↔ smallserial: the sequence's type follows the column's (its
        // counter stays where it is; a maximum that was the old type's follows too).
        out.push(format!(
            "ALTER SEQUENCE {} AS {}",
            n.qn(&serial_sequence(table, &to.name)),
            type_sql(&to.ty)
        ));
    }
    if from.nullable && !to.nullable {
        out.push(format!("{prefix} SET NOT NULL"));
    }
    if !from.nullable && to.nullable {
        out.push(format!("{prefix} DROP NOT NULL"));
    }
    match (from.identity, to.identity) {
        (Some(Identity::Always), Some(Identity::ByDefault)) => {
            out.push(format!("{prefix} SET GENERATED BY DEFAULT"))
        }
        (Some(Identity::ByDefault), Some(Identity::Always)) => {
            out.push(format!("{prefix} SET GENERATED ALWAYS"))
        }
        (a, Some(kind @ (Identity::Always | Identity::ByDefault)))
            if !matches!(a, Some(Identity::Always | Identity::ByDefault)) =>
        {
            let kind = if kind == Identity::Always {
                "ALWAYS"
            } else {
                "BY DEFAULT"
            };
            out.push(format!(
                "{prefix} ADD GENERATED {kind} AS IDENTITY{}",
                identity_options_sql(to)
            ));
            out.push(if to.identity_options.is_default() {
                continue_sequence(n, table, &to.name)
            } else {
                continue_past_rows(n, table, to)
            });
        }
        _ => {}
    }
    if let (
        Some(Identity::Always | Identity::ByDefault),
        Some(Identity::Always | Identity::ByDefault),
    ) = (from.identity, to.identity)
        && from.identity_options != to.identity_options
    {
        let (a, b) = (&from.identity_options, &to.identity_options);
        let mut clauses = b.set_clauses();
        // A new range may exclude the counter: PostgreSQL refuses it unless the sequence
        // restarts, after which it continues past the rows the table holds.
        let range_changes = (a.min, a.max, a.increment) != (b.min, b.max, b.increment);
        if range_changes {
            clauses.push("RESTART".into());
        }
        out.push(
            format!("{prefix} SET {}", clauses.join(" SET ")).replace(" SET RESTART", " RESTART"),
        );
        if range_changes {
            out.push(continue_past_rows(n, table, to));
        }
    }
    if to.identity == Some(Identity::Serial) && serial_changes {
        // What `serial` does: a sequence owned by the column, and its nextval default.
        let seq = serial_sequence(table, &to.name);
        out.push(format!(
            "CREATE SEQUENCE IF NOT EXISTS {} OWNED BY {}.{}",
            n.qn(&seq),
            n.qn(table),
            q(&to.name)
        ));
        out.push(format!(
            "{prefix} SET DEFAULT nextval({})",
            quote_literal(&n.qn(&seq))
        ));
        out.push(continue_sequence(n, table, &to.name));
    }
    // A dropped default may come back as the NULL cast the target was read with.
    if let Some(d) = written_default(to)
        && (default_dropped || (from.default.is_none() && to.default.is_some()))
    {
        out.push(format!("{prefix} SET DEFAULT {d}"));
    }
    if from.comment != to.comment {
        out.push(column_comment(n, table, to));
    }
    out
}

fn same_collation(a: &Column, b: &Column) -> bool {
    a.collation.as_deref().map(str::to_ascii_lowercase)
        == b.collation.as_deref().map(str::to_ascii_lowercase)
}

/// The name PostgreSQL gives the sequence of a `serial` column.
fn serial_sequence(table: &str, column: &str) -> String {
    format!("{table}_{column}_seq")
}

/// Moves the sequence that a column's new identity or `serial` created past the values
/// the column already holds: a new sequence starts at 1, and the next insert into a table
/// with rows would fail on a duplicate key.
fn continue_sequence(n: Names, table: &str, column: &str) -> String {
    format!(
        "SELECT setval(pg_get_serial_sequence({}, {}), COALESCE(MAX({c}), 0) + 1, false) FROM {}",
        quote_literal(&n.qn(table)),
        quote_literal(column),
        n.qn(table),
        c = q(column)
    )
}

/// Moves an identity sequence with its own options past the rows the table holds (the
/// largest value for an ascending sequence, the smallest for a descending one); on an
/// empty table it stays at its start.
fn continue_past_rows(n: Names, table: &str, column: &Column) -> String {
    let extreme = if column.identity_options.increment.unwrap_or(1) > 0 {
        "MAX"
    } else {
        "MIN"
    };
    format!(
        "SELECT setval(pg_get_serial_sequence({}, {}), {extreme}({c})) FROM {} HAVING {extreme}({c}) IS NOT NULL",
        quote_literal(&n.qn(table)),
        quote_literal(&column.name),
        n.qn(table),
        c = q(&column.name)
    )
}

/// `USING` expression: a plain cast, through text for enums and json.
fn cast(column: &str, from: &ColumnType, to: &ColumnType) -> String {
    let through_text = |t: &ColumnType| {
        matches!(
            t,
            ColumnType::Enum { .. } | ColumnType::Json | ColumnType::Jsonb
        )
    };
    if through_text(from) || through_text(to) {
        format!("{}::text::{}", q(column), cast_type(to))
    } else if matches!(from, ColumnType::Boolean) && to.is_integer() {
        format!("{}::int::{}", q(column), type_sql(to))
    } else {
        format!("{}::{}", q(column), cast_type(to))
    }
}

/// The type a `USING` expression casts to. String lengths are left out: an explicit cast
/// to `varchar(n)` silently truncates longer values, while the assignment to the column
/// that follows `USING` checks the length and fails, as a data-dependent narrowing must.
fn cast_type(to: &ColumnType) -> String {
    match to {
        ColumnType::Varchar { length: Some(_) } => "character varying".into(),
        // `character` alone means `character(1)`; `bpchar` is the unlimited form.
        ColumnType::Char { length: Some(_) } => "bpchar".into(),
        ColumnType::Array { element } => format!("{}[]", cast_type(element)),
        other => type_sql(other),
    }
}

fn alter_enum(
    n: Names,
    name: &str,
    from: &[String],
    to: &[String],
    usages: &[EnumUsage],
) -> Vec<String> {
    if is_append_only(from, to) {
        // Each new value goes before the next old value, or after the last one.
        return to
            .iter()
            .enumerate()
            .filter(|(_, v)| !from.contains(v))
            .map(|(i, v)| {
                let position = match to[i + 1..].iter().find(|n| from.contains(n)) {
                    Some(next) => format!(" BEFORE {}", quote_literal(next)),
                    None => String::new(),
                };
                // IF NOT EXISTS: ADD VALUE commits on its own, so a rerun may find it done.
                format!(
                    "ALTER TYPE {} ADD VALUE IF NOT EXISTS {}{position}",
                    n.qn(name),
                    quote_literal(v)
                )
            })
            .collect();
    }
    // Values removed or reordered: PostgreSQL needs a new type and every column cast to it.
    let old = format!("{name}__autogen_old");
    let values: Vec<String> = to.iter().map(|v| quote_literal(v)).collect();
    let mut out = vec![
        format!("ALTER TYPE {} RENAME TO {}", n.qn(name), q(bare(&old))),
        format!("CREATE TYPE {} AS ENUM ({})", n.qn(name), values.join(", ")),
    ];
    for usage in usages {
        let prefix = format!(
            "ALTER TABLE {} ALTER COLUMN {}",
            n.qn(&usage.table),
            q(&usage.column.name)
        );
        if usage.column.default.is_some() {
            out.push(format!("{prefix} DROP DEFAULT"));
        }
        let (ty, via) = match &usage.column.ty {
            ColumnType::Array { .. } => (format!("{}[]", n.qn(name)), "text[]"),
            _ => (n.qn(name), "text"),
        };
        out.push(format!(
            "{prefix} TYPE {ty} USING {}::{via}::{ty}",
            q(&usage.column.name)
        ));
        if let Some(d) = &usage.column.default {
            out.push(format!("{prefix} SET DEFAULT {}", default_sql(d)));
        }
    }
    out.push(format!("DROP TYPE {}", n.qn(&old)));
    out
}
