//! Dialect knowledge, one module per dialect: how each logical type is spelled, what the
//! dialect cannot hold (and what it becomes instead), and the DDL that creates a schema.
//!
//! The mapping rules are documented in `docs/dialects/{postgres,mysql,sqlite}.md`.

pub mod mysql;
pub mod postgres;
pub mod sqlite;

use serde::{Deserialize, Serialize};

use crate::ir::{ColumnType, Schema};

/// A SQL dialect autogen reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    /// PostgreSQL.
    Postgres,
    /// MySQL and MariaDB.
    Mysql,
    /// SQLite.
    Sqlite,
}

impl Dialect {
    /// All dialects.
    pub const ALL: [Dialect; 3] = [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite];

    /// The dialect's name as the CLI spells it.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Mysql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }

    /// Parses `postgres`/`postgresql`/`pg`, `mysql`/`mariadb`, `sqlite`.
    pub fn parse(name: &str) -> Option<Dialect> {
        Some(match name.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" | "pg" => Dialect::Postgres,
            "mysql" | "mariadb" => Dialect::Mysql,
            "sqlite" | "sqlite3" => Dialect::Sqlite,
            _ => return None,
        })
    }

    /// Maps a logical schema (from models, say) to what this dialect can hold, following
    /// the documented rules, and normalizes it. A schema reflected from a database of this
    /// dialect comes back unchanged, so the two can be compared.
    pub fn lower(self, schema: &Schema) -> Schema {
        self.lower_owned(schema.clone())
    }

    /// [`Dialect::lower`] in place, for a caller that no longer needs the logical schema
    /// (no copy of a schema of thousands of tables).
    pub fn lower_owned(self, mut s: Schema) -> Schema {
        if self != Dialect::Mysql {
            // Only MariaDB keeps a column's own check apart: elsewhere it is a table check,
            // under the name MariaDB gives it.
            for table in s.tables.values_mut() {
                for column in &mut table.columns {
                    if let Some(expression) = column.check.take() {
                        table.checks.push(crate::ir::Check {
                            name: column.name.clone(),
                            expression,
                            no_inherit: false,
                            not_valid: false,
                        });
                    }
                }
            }
        }
        // A spelling only one dialect reads is not written in another.
        for column in s.tables.values_mut().flat_map(|t| t.columns.iter_mut()) {
            if column
                .spelling
                .as_ref()
                .is_some_and(|sp| sp.dialect.is_some_and(|d| d != self))
            {
                column.spelling = None;
            }
        }
        match self {
            Dialect::Postgres => postgres::lower(&mut s),
            Dialect::Mysql => mysql::lower(&mut s),
            Dialect::Sqlite => sqlite::lower(&mut s),
        }
        // Each dialect has given unnamed constraints their names: now they are facts.
        for table in s.tables.values_mut() {
            table.unnamed_uniques.clear();
            // Each dialect keeps its own table options only.
            let options = std::mem::take(&mut table.options);
            table.options = match self {
                Dialect::Sqlite => crate::ir::TableOptions {
                    strict: options.strict,
                    without_rowid: options.without_rowid,
                    ..Default::default()
                },
                Dialect::Mysql => crate::ir::TableOptions {
                    collation: options.collation,
                    row_format: options.row_format,
                    key_block_size: options.key_block_size,
                    partition: options.partition,
                    ..Default::default()
                },
                Dialect::Postgres => Default::default(),
            };
            if self != Dialect::Postgres {
                clear_postgres_only(table);
            }
            if self != Dialect::Mysql {
                for index in &mut table.indexes {
                    index.options.algorithm = None;
                    index.options.comment = None;
                    index.options.ignored = false;
                }
            }
            // Row-level security and comments on indexes and constraints are PostgreSQL's.
            if self != Dialect::Postgres {
                table.row_security = Default::default();
                table.policies.clear();
                table.part_comments = Default::default();
            }
        }
        // Domains and extensions are PostgreSQL's.
        if self != Dialect::Postgres {
            s.domains.clear();
            s.extensions.clear();
            s.type_comments.clear();
        }
        s.normalized()
    }

    /// The statements (without trailing `;`) that create `schema` in an empty database:
    /// enums first, tables in dependency order, indexes, comments, then foreign keys that
    /// close a cycle. The schema is lowered to the dialect first.
    pub fn create_statements(self, schema: &Schema) -> Vec<String> {
        let s = self.lower(schema);
        let mut out = match self {
            Dialect::Postgres => postgres::create_statements(&s),
            Dialect::Mysql => mysql::create_statements(&s),
            Dialect::Sqlite => sqlite::create_statements(&s),
        };
        // Views and triggers last: they read the tables (and views) created before them.
        out.extend(s.view_and_trigger_statements());
        if self == Dialect::Postgres {
            for t in s.triggers.values() {
                out.extend(postgres::trigger_extra_sql(
                    &self.quote_ident(&t.name),
                    &self.quote_ident(&t.table),
                    t,
                ));
            }
        }
        out
    }

    /// [`Dialect::create_statements`] as one script, each statement ending in `;`.
    pub fn create_script(self, schema: &Schema) -> String {
        self.create_statements(schema)
            .iter()
            .map(|s| format!("{s};\n"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// How this dialect spells a (lowered) column type.
    pub fn type_sql(self, ty: &ColumnType) -> String {
        match self {
            Dialect::Postgres => postgres::type_sql(ty),
            Dialect::Mysql => mysql::type_sql(ty),
            Dialect::Sqlite => sqlite::type_sql(ty),
        }
    }

    /// Quotes an identifier; a schema-qualified name (`crate::qualified`) as `"schema"."name"`.
    pub fn quote_ident(self, name: &str) -> String {
        match self {
            Dialect::Mysql => format!("`{}`", name.replace('`', "``")),
            Dialect::Postgres | Dialect::Sqlite => match crate::qualified::split(name) {
                // An object of a schema other than the default one (`crate::qualified`).
                (Some(schema), bare) => format!(
                    "\"{}\".\"{}\"",
                    schema.replace('"', "\"\""),
                    bare.replace('"', "\"\"")
                ),
                (None, _) => format!("\"{}\"", name.replace('"', "\"\"")),
            },
        }
    }

    /// `CONSTRAINT name FOREIGN KEY (…) REFERENCES t (…) ON DELETE … ON UPDATE …`, the
    /// same words in every dialect; only the quoting differs.
    pub fn foreign_key_sql(self, fk: &crate::ir::ForeignKey) -> String {
        let mut sql = format!(
            "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
            self.quote_ident(&fk.name),
            self.quote_list(&fk.columns),
            self.quote_ident(&fk.ref_table),
            self.quote_list(&fk.ref_columns)
        );
        if !fk.on_delete.is_default() {
            sql.push_str(&format!(" ON DELETE {}", fk.on_delete.as_sql()));
        }
        if !fk.on_update.is_default() {
            sql.push_str(&format!(" ON UPDATE {}", fk.on_update.as_sql()));
        }
        // Only PostgreSQL keeps deferral (SQLite parses and forgets it; MySQL refuses it).
        if self == Dialect::Postgres {
            sql.push_str(fk.deferrable.clause());
        }
        sql
    }

    /// Index key parts: quoted columns, parenthesized expressions, collation, operator
    /// class, `DESC` where descending and `NULLS FIRST/LAST` where not the default.
    pub fn index_parts_sql(self, parts: &[crate::ir::IndexPart]) -> String {
        parts
            .iter()
            .map(|p| {
                let target = match &p.target {
                    crate::ir::IndexTarget::Column(c) => self.quote_ident(c),
                    crate::ir::IndexTarget::Expression(e) => {
                        format!("({})", crate::sql_text::strip_outer_parens(e))
                    }
                };
                let target = match &p.collation {
                    Some(c) => format!("{target} COLLATE {}", self.collation_name(c)),
                    None => target,
                };
                let target = match &p.opclass {
                    Some(o) => format!("{target} {o}"),
                    None => target,
                };
                let target = if p.descending {
                    format!("{target} DESC")
                } else {
                    target
                };
                match p.nulls_first {
                    Some(true) => format!("{target} NULLS FIRST"),
                    Some(false) => format!("{target} NULLS LAST"),
                    None => target,
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A collation's name as written after `COLLATE`: bare when it is a plain word (so
    /// SQLite's `NOCASE` reads back as written), else quoted as an identifier. PostgreSQL's
    /// are always quoted: it folds a bare `C` to `c`, which is no collation.
    pub fn collation_name(self, name: &str) -> String {
        let plain = self != Dialect::Postgres
            && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if plain {
            name.to_string()
        } else {
            self.quote_ident(name)
        }
    }

    /// The canonical spelling of an expression (check, index expression or predicate) of
    /// `table` in this dialect: identifiers quoted as the dialect quotes them, literals and
    /// white space one way, the casts PostgreSQL adds removed. See
    /// [`crate::sql_text::expression`].
    pub fn expression_sql(self, sql: &str, table: &crate::ir::Table) -> String {
        crate::sql_text::expression::canonical(sql, self, &|name| is_text_column(table, name))
    }

    /// [`Dialect::expression_sql`] for an index key expression: numeric casts stay.
    pub fn index_expression_sql(self, sql: &str, table: &crate::ir::Table) -> String {
        crate::sql_text::expression::canonical_value(sql, self, &|name| is_text_column(table, name))
    }

    /// Puts a table's checks, index predicates and (with `index_expressions`) index
    /// expressions in this dialect's canonical spelling ([`Dialect::expression_sql`]).
    pub fn canonical_expressions(self, table: &mut crate::ir::Table, index_expressions: bool) {
        let snapshot = table.clone();
        for check in &mut table.checks {
            check.expression = self.expression_sql(&check.expression, &snapshot);
        }
        for index in &mut table.indexes {
            index.predicate = index
                .predicate
                .as_deref()
                .map(|p| self.expression_sql(p, &snapshot));
            if index_expressions {
                for part in &mut index.parts {
                    if let crate::ir::IndexTarget::Expression(e) = &mut part.target {
                        *e = self.index_expression_sql(e, &snapshot);
                    }
                }
            }
        }
    }

    /// Quotes and joins identifiers with `, `.
    pub fn quote_list(self, names: &[String]) -> String {
        names
            .iter()
            .map(|n| self.quote_ident(n))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Clears what only PostgreSQL holds (deferral, validation state, exclusion constraints,
/// index options, operator classes), so that a PostgreSQL schema planned for another
/// dialect writes nothing that dialect would refuse.
fn clear_postgres_only(table: &mut crate::ir::Table) {
    table.exclusions.clear();
    table.partitioning = None;
    table.partition_of = None;
    for c in &mut table.columns {
        c.identity_options = Default::default();
    }
    if let Some(pk) = &mut table.primary_key {
        pk.deferrable = Default::default();
    }
    for u in &mut table.uniques {
        u.deferrable = Default::default();
        u.nulls_not_distinct = false;
    }
    for fk in &mut table.foreign_keys {
        fk.deferrable = Default::default();
        fk.not_valid = false;
    }
    for c in &mut table.checks {
        c.not_valid = false;
        c.no_inherit = false;
    }
    for i in &mut table.indexes {
        // MySQL's `USING`, `COMMENT` and `IGNORED` are the index options not PostgreSQL's.
        i.options = crate::ir::IndexOptions {
            algorithm: i.options.algorithm.take(),
            comment: i.options.comment.take(),
            ignored: i.options.ignored,
            ..Default::default()
        };
        for p in &mut i.parts {
            p.opclass = None;
            p.nulls_first = None;
        }
    }
}

/// Whether `name` is a `varchar` or `text` column of `table` (PostgreSQL prints `::text`
/// casts on the first).
fn is_text_column(table: &crate::ir::Table, name: &str) -> bool {
    table
        .column(name)
        .is_some_and(|c| matches!(c.ty, ColumnType::Varchar { .. } | ColumnType::Text))
}

impl std::fmt::Display for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
