//! One backend's code for one step: sea-query builder code where sea-query writes what
//! autogen's SQL for that dialect writes, and that SQL otherwise.
//!
//! Builder code is written so that it reads the same for every backend of a step: a
//! column's type is a sea-query method when sea-query's spelling on each of the step's
//! backends reads back as that backend's type, and an explicit per-backend spelling
//! otherwise; a default is the dialect's own SQL text. The caller then writes code that
//! is equal across backends once.

use autogen_diff::sql::op_sql;
use autogen_diff::{Op, SqlError};
use autogen_schema::dialect::{mysql, postgres, sqlite};
use autogen_schema::{
    Column, ColumnType, DefaultValue, Dialect, FkAction, ForeignKey, Index, IndexMethod,
    IndexTarget, Table,
};

use super::align::Step;

/// A piece of one backend's code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// `manager.{method}({statement}.to_owned()).await?;`
    Builder {
        /// The `SchemaManager` method.
        method: &'static str,
        /// The sea-query statement expression.
        statement: String,
    },
    /// `autogen_migration::{helper}(manager, &[…]).await?;`
    Sql {
        /// `run_sql` or `sqlite_rebuild`.
        helper: &'static str,
        /// The table `sqlite_rebuild` rebuilds.
        table: Option<String>,
        /// The statements.
        statements: Vec<String>,
    },
}

/// A SQL call longer than this is laid out one statement a line.
const WIDTH: usize = 100;

impl Part {
    /// The Rust code at `indent` columns: a builder statement on one line unless its
    /// clauses are builders themselves (columns, keys: then one clause a line); a SQL
    /// call on one line when it has one short statement, otherwise one statement a line.
    pub fn code(&self, indent: usize) -> String {
        match self {
            Part::Builder { method, statement } => {
                // Statements whose clauses are builders themselves (columns, keys) are
                // written one clause a line; the others (indexes, drops) on one line.
                let clauses: Vec<&str> = statement.split("\n    ").skip(1).collect();
                let nested = clauses.iter().any(|c| c.contains("::") || c.contains('\n'));
                if !nested {
                    let one_line = statement.replace("\n    ", "");
                    return format!("manager.{method}({one_line}.to_owned()).await?;");
                }
                // The head and its first clause (`Table::create().table("t")`) share a line.
                let statement = statement.replacen("\n    ", "", 1);
                format!("manager.{method}({statement}\n    .to_owned()).await?;")
            }
            Part::Sql {
                helper,
                table,
                statements,
            } => {
                let table = table
                    .as_deref()
                    .map(|t| format!(", {}", lit(t)))
                    .unwrap_or_default();
                let strings: Vec<String> = statements.iter().map(|s| sql_lit(s, 8)).collect();
                let call = format!(
                    "autogen_migration::{helper}(manager{table}, &[{}]).await?;",
                    strings.join(", ")
                );
                if strings.len() == 1 && indent + call.len() <= WIDTH && !call.contains('\n') {
                    return call;
                }
                let mut out = format!("autogen_migration::{helper}(manager{table}, &[\n");
                for s in strings {
                    out.push_str(&format!("    {s},\n"));
                }
                out.push_str("]).await?;");
                out
            }
        }
    }

    /// A builder statement run by `autogen_migration::run_unless(manager, state, …)`: the
    /// statement and the catalog check that skips it in one call. `None` for SQL.
    pub fn guarded_code(&self, state: &str) -> Option<String> {
        let Part::Builder { method, .. } = self else {
            return None;
        };
        let code = self.code(8);
        let rest = code.strip_prefix(&format!("manager.{method}("))?;
        Some(format!(
            "autogen_migration::run_unless(manager, {state}, {rest}"
        ))
    }
}

/// A Rust string literal (escaped, so the SQL stays exactly as autogen writes it).
fn lit(s: &str) -> String {
    autogen_schema::escape::rust_str(s)
}

/// A SQL statement as a Rust literal: a raw string whose continuation lines are indented
/// by `indent` more than the literal's own line when every line break lies between
/// tokens (indenting there changes no meaning), an escaped one-line literal otherwise.
fn sql_lit(statement: &str, indent: usize) -> String {
    if !statement.contains('\n') {
        return autogen_schema::escape::rust_raw_str(statement);
    }
    if !breaks_between_tokens(statement) {
        return lit(statement);
    }
    let pad = format!("\n{}", " ".repeat(indent));
    autogen_schema::escape::rust_raw_str(&statement.replace('\n', &pad))
}

/// Whether every line break of `sql` is outside quoted text and comments. Conservative:
/// a backslash or `$` inside quotes (MySQL escapes, PostgreSQL dollar quoting) says no.
fn breaks_between_tokens(sql: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => match c {
                '\n' | '\\' => return false,
                c if c == q => quote = None,
                _ => {}
            },
            None => match c {
                '$' => return false,
                '\'' | '"' | '`' => quote = Some(c),
                '-' if chars.peek() == Some(&'-') => {
                    // A line comment runs to the end of the line.
                    for c in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                '/' if chars.peek() == Some(&'*') => return false,
                _ => {}
            },
        }
    }
    quote.is_none()
}

fn sql(statements: Vec<String>) -> Vec<Part> {
    if statements.is_empty() {
        return Vec::new();
    }
    vec![Part::Sql {
        helper: "run_sql",
        table: None,
        statements,
    }]
}

/// The code backend `d` runs for its operation `op` of `step`.
pub fn parts(step: &Step, d: Dialect, op: &Op) -> Result<Vec<Part>, SqlError> {
    let statements = op_sql(op, d)?;
    if let Op::RebuildTable { to, .. } = op {
        // The runtime brings its own transaction and foreign-key handling and recreates
        // the dependent views itself: the script's pragmas stay out.
        let inner: Vec<String> = statements
            .into_iter()
            .filter(|s| !s.starts_with("PRAGMA "))
            .collect();
        return Ok(vec![Part::Sql {
            helper: "sqlite_rebuild",
            table: Some(to.name.clone()),
            statements: inner,
        }]);
    }
    let Some(mut parts) = builder(step, d, op) else {
        return Ok(sql(statements));
    };
    // What sea-query does not write: PostgreSQL comments, and the index MySQL keeps
    // after dropping a foreign key.
    let extra: Vec<String> = match (d, op) {
        (Dialect::Postgres, Op::CreateTable { .. } | Op::AddColumn { .. }) => statements
            .into_iter()
            .filter(|s| s.starts_with("COMMENT ON"))
            .collect(),
        (Dialect::Mysql, Op::DropForeignKey { .. }) => statements.into_iter().skip(1).collect(),
        _ => Vec::new(),
    };
    parts.extend(sql(extra));
    Ok(parts)
}

/// The names of `op` that sea-query 1.0 writes between quotes without escaping them: index
/// names (primary keys and uniques included) and foreign-key names. Table, column and
/// check names go through its escaping `prepare_iden`.
fn names_written_raw(op: &Op) -> Vec<&str> {
    use Op::*;
    match op {
        CreateTable { table } => {
            let mut names: Vec<&str> = table
                .primary_key
                .iter()
                .filter_map(|pk| pk.name.as_deref())
                .collect();
            names.extend(table.uniques.iter().map(|u| u.name.as_str()));
            names.extend(table.foreign_keys.iter().map(|f| f.name.as_str()));
            names
        }
        CreateIndex { index, .. } | DropIndex { index, .. } => vec![&index.name],
        AddUnique { unique, .. } | DropUnique { unique, .. } => vec![&unique.name],
        AddForeignKey { foreign_key, .. } | DropForeignKey { foreign_key, .. } => {
            vec![&foreign_key.name]
        }
        _ => Vec::new(),
    }
}

/// Whether sea-query can be handed `name` where it does not escape: a quote character of
/// any dialect would end the quoted name there (`CONSTRAINT "a"b"`).
fn safe_unescaped(name: &str) -> bool {
    !name.contains(['"', '`'])
}

/// The table and column comments of `op` that sea-query writes (on MySQL) as string
/// literals with backslash escapes (`'it\'s'`): under MySQL's `NO_BACKSLASH_ESCAPES` mode
/// `\'` ends the literal, so such a comment would be read as SQL.
fn comments_written(op: &Op) -> Vec<&str> {
    use Op::*;
    match op {
        CreateTable { table } => table
            .comment
            .iter()
            .chain(table.columns.iter().filter_map(|c| c.comment.as_ref()))
            .map(String::as_str)
            .collect(),
        AddColumn { column, .. } | AlterColumn { to: column, .. } => {
            column.comment.iter().map(String::as_str).collect()
        }
        _ => Vec::new(),
    }
}

/// The column definitions `op` writes.
fn columns_written(op: &Op) -> Box<dyn Iterator<Item = &Column> + '_> {
    match op {
        Op::CreateTable { table } => Box::new(table.columns.iter()),
        Op::AddColumn { column, .. } | Op::AlterColumn { to: column, .. } => {
            Box::new(std::iter::once(&**column))
        }
        _ => Box::new(std::iter::empty()),
    }
}

/// Whether a string literal sea-query writes means the same in every SQL mode.
fn safe_literal(text: &str) -> bool {
    !text.contains(['\'', '\\'])
}

fn builder(step: &Step, d: Dialect, op: &Op) -> Option<Vec<Part>> {
    use Op::*;
    // What sea-query would not escape is written as autogen's SQL, quoted by the dialect.
    if !names_written_raw(op).into_iter().all(safe_unescaped)
        // A column's comment is taken from whichever backend of the step has one.
        || !step.ops.iter().flatten().flat_map(|o| comments_written(o)).all(safe_literal)
        // sea-query has no `ON UPDATE` of its own; autogen's MySQL SQL writes it.
        || columns_written(op).any(|c| c.on_update.is_some())
        // Nor a default in the database's own spelling, nor an identity's sequence options.
        || columns_written(op).any(|c| {
            !c.identity_options.is_default()
                || c.spelling.as_ref().is_some_and(|s| s.dialect == Some(d))
        })
        // Nor PostgreSQL partitioning.
        || matches!(op, CreateTable { table }
            if table.partitioning.is_some() || table.partition_of.is_some())
    {
        return None;
    }
    let part = |method, statement| Some(vec![Part::Builder { method, statement }]);
    match op {
        CreateTable { table } => {
            let identity = table.columns.iter().any(|c| c.identity.is_some());
            // sea-query leaves SQLite's foreign keys unnamed.
            let unnamed_keys = d == Dialect::Sqlite && !table.foreign_keys.is_empty();
            if identity || unnamed_keys {
                return None;
            }
            part("create_table", create_table(step, table))
        }
        DropTable { table } => part(
            "drop_table",
            format!("Table::drop()\n    .table({})", lit(&table.name)),
        ),
        RenameTable { from, to } => part(
            "rename_table",
            format!("Table::rename()\n    .table({}, {})", lit(from), lit(to)),
        ),
        // sea-query has no `FIRST` / `AFTER`: a positioned MySQL column is autogen's SQL.
        AddColumn {
            table,
            column,
            position,
        } if column.identity.is_none() && (d != Dialect::Mysql || position.is_last()) => part(
            "alter_table",
            format!(
                "Table::alter()\n    .table({})\n    .add_column({})",
                lit(table),
                column_def(step, table, column)
            ),
        ),
        DropColumn { table, column, .. } => part(
            "alter_table",
            format!(
                "Table::alter()\n    .table({})\n    .drop_column({})",
                lit(table),
                lit(&column.name)
            ),
        ),
        RenameColumn { table, from, to } => part(
            "alter_table",
            format!(
                "Table::alter()\n    .table({})\n    .rename_column({}, {})",
                lit(table),
                lit(from),
                lit(to)
            ),
        ),
        // MySQL's MODIFY restates the column, as sea-query writes it; PostgreSQL needs
        // USING casts and default juggling sea-query does not write.
        AlterColumn { table, from, to }
            if d == Dialect::Mysql && from.identity.is_none() && to.identity.is_none() =>
        {
            part(
                "alter_table",
                format!(
                    "Table::alter()\n    .table({})\n    .modify_column({})",
                    lit(table),
                    column_def(step, table, to)
                ),
            )
        }
        CreateIndex { table, index } => {
            index_create(table, index).and_then(|s| part("create_index", s))
        }
        DropIndex { table, index } => part("drop_index", index_drop(table, &index.name)),
        // MySQL's unique constraints are unique indexes; PostgreSQL's are constraints,
        // which sea-query cannot add to an existing table.
        AddUnique { table, unique } if d == Dialect::Mysql => {
            let mut s = format!(
                "Index::create()\n    .name({})\n    .table({})",
                lit(&unique.name),
                lit(table)
            );
            for c in &unique.columns {
                s.push_str(&format!("\n    .col({})", lit(c)));
            }
            s.push_str("\n    .unique()");
            part("create_index", s)
        }
        DropUnique { table, unique } if d == Dialect::Mysql => {
            part("drop_index", index_drop(table, &unique.name))
        }
        AddForeignKey { table, foreign_key } if d != Dialect::Sqlite => part(
            "create_foreign_key",
            format!(
                "ForeignKey::create()\n    .name({})\n    .from_tbl({}){}",
                lit(&foreign_key.name),
                lit(table),
                foreign_key_body(foreign_key)
            ),
        ),
        DropForeignKey { table, foreign_key } if d != Dialect::Sqlite => part(
            "drop_foreign_key",
            format!(
                "ForeignKey::drop()\n    .name({})\n    .table({})",
                lit(&foreign_key.name),
                lit(table)
            ),
        ),
        CreateEnum { enum_type } if d == Dialect::Postgres => {
            let values: Vec<String> = enum_type.values.iter().map(|v| lit(v)).collect();
            part(
                "create_type",
                format!(
                    "sea_query::extension::postgres::Type::create()\n    .as_enum({})\n    .values([{}])",
                    lit(&enum_type.name),
                    values.join(", ")
                ),
            )
        }
        DropEnum { enum_type } if d == Dialect::Postgres => part(
            "drop_type",
            format!(
                "sea_query::extension::postgres::Type::drop()\n    .name({})",
                lit(&enum_type.name)
            ),
        ),
        _ => None,
    }
}

fn index_drop(table: &str, name: &str) -> String {
    format!(
        "Index::drop()\n    .name({})\n    .table({})",
        lit(name),
        lit(table)
    )
}

/// `Index::create()…` for a plain b-tree index on columns; `None` for what sea-query
/// cannot say (methods, predicates, expressions).
fn index_create(table: &str, index: &Index) -> Option<String> {
    // sea-query writes no MySQL `USING` after the parts, `COMMENT` or `IGNORED`: raw SQL.
    if index.method != IndexMethod::Btree
        || index.predicate.is_some()
        || index.options.has_mysql_attributes()
    {
        return None;
    }
    let mut s = format!(
        "Index::create()\n    .name({})\n    .table({})",
        lit(&index.name),
        lit(table)
    );
    for part in &index.parts {
        let IndexTarget::Column(c) = &part.target else {
            return None;
        };
        if part.descending {
            s.push_str(&format!("\n    .col(({}, IndexOrder::Desc))", lit(c)));
        } else {
            s.push_str(&format!("\n    .col({})", lit(c)));
        }
    }
    if index.unique {
        s.push_str("\n    .unique()");
    }
    Some(s)
}

fn action(a: FkAction) -> &'static str {
    match a {
        FkAction::NoAction => "ForeignKeyAction::NoAction",
        FkAction::Restrict => "ForeignKeyAction::Restrict",
        FkAction::Cascade => "ForeignKeyAction::Cascade",
        FkAction::SetNull => "ForeignKeyAction::SetNull",
        FkAction::SetDefault => "ForeignKeyAction::SetDefault",
    }
}

/// `.from_col(…)….to_tbl(…).to_col(…)` and the actions.
fn foreign_key_body(fk: &ForeignKey) -> String {
    let mut s = String::new();
    for c in &fk.columns {
        s.push_str(&format!("\n    .from_col({})", lit(c)));
    }
    s.push_str(&format!("\n    .to_tbl({})", lit(&fk.ref_table)));
    for c in &fk.ref_columns {
        s.push_str(&format!("\n    .to_col({})", lit(c)));
    }
    if !fk.on_delete.is_default() {
        s.push_str(&format!("\n    .on_delete({})", action(fk.on_delete)));
    }
    if !fk.on_update.is_default() {
        s.push_str(&format!("\n    .on_update({})", action(fk.on_update)));
    }
    s
}

fn create_table(step: &Step, table: &Table) -> String {
    let mut s = format!("Table::create()\n    .table({})", lit(&table.name));
    for c in &table.columns {
        s.push_str(&format!("\n    .col({})", column_def(step, &table.name, c)));
    }
    if let Some(pk) = &table.primary_key {
        let mut index = "Index::create()".to_string();
        // MySQL and MariaDB ignore a primary key's name (it is always PRIMARY): the name
        // is taken from whichever backend of the step has one, so the clause is shared.
        let name = sibling_tables(step, &table.name)
            .iter()
            .flatten()
            .find_map(|t| t.primary_key.as_ref().and_then(|p| p.name.clone()));
        if let Some(name) = name.or_else(|| pk.name.clone()) {
            index.push_str(&format!(".name({})", lit(&name)));
        }
        for c in &pk.columns {
            index.push_str(&format!(".col({})", lit(c)));
        }
        s.push_str(&format!("\n    .primary_key({index})"));
    }
    for u in &table.uniques {
        let mut index = format!("Index::create().unique().name({})", lit(&u.name));
        for c in &u.columns {
            index.push_str(&format!(".col({})", lit(c)));
        }
        s.push_str(&format!("\n    .index({index})"));
    }
    for c in &table.checks {
        s.push_str(&format!(
            "\n    .check(({}, Expr::cust({})))",
            lit(&c.name),
            lit(&c.expression)
        ));
    }
    for fk in &table.foreign_keys {
        let body = foreign_key_body(fk).replace("\n    ", "");
        s.push_str(&format!(
            "\n    .foreign_key(ForeignKey::create().name({}){body})",
            lit(&fk.name)
        ));
    }
    // MySQL writes table comments from the builder; the other backends ignore them, and
    // PostgreSQL gets `COMMENT ON` statements after the table.
    if let Some(c) = sibling_tables(step, &table.name)
        .iter()
        .find_map(|t| t.and_then(|t| t.comment.as_ref()))
    {
        s.push_str(&format!("\n    .comment({})", lit(c)));
    }
    s
}

fn sibling_tables<'a>(step: &Step<'a>, name: &str) -> [Option<&'a Table>; 3] {
    step.ops.map(|op| match op {
        Some(Op::CreateTable { table }) if table.name == name => Some(&**table),
        _ => None,
    })
}

/// The same column in each backend's operation of the step.
fn sibling_columns<'a>(step: &Step<'a>, table: &str, column: &str) -> [Option<&'a Column>; 3] {
    step.ops.map(|op| match op {
        Some(Op::CreateTable { table: t }) if t.name == table => t.column(column),
        Some(Op::AddColumn {
            table: t,
            column: c,
            ..
        }) if t == table && c.name == column => Some(&**c),
        Some(Op::AlterColumn { table: t, to, .. }) if t == table && to.name == column => {
            Some(&**to)
        }
        _ => None,
    })
}

/// Fills the slots of backends without a value with the first value there is.
fn fill<T: Clone>(values: [Option<T>; 3]) -> Option<[T; 3]> {
    let first = values.iter().flatten().next()?.clone();
    Some(values.map(|v| v.unwrap_or_else(|| first.clone())))
}

/// `ColumnDef::new(…)` with type, nullability, default and comment, written the same for
/// every backend of the step.
fn column_def(step: &Step, table: &str, column: &Column) -> String {
    let siblings = sibling_columns(step, table, &column.name);
    let mut s = match native_type(&siblings) {
        Some(method) => format!("ColumnDef::new({}).{method}", lit(&column.name)),
        None => {
            let spellings = fill(std::array::from_fn(|i| {
                siblings[i].map(|c| Dialect::ALL[i].type_sql(&c.ty))
            }))
            .unwrap_or_else(|| [0, 1, 2].map(|i| Dialect::ALL[i].type_sql(&column.ty)));
            format!(
                "ColumnDef::new_with_type({}, ColumnType::custom({}))",
                lit(&column.name),
                per_backend(&spellings)
            )
        }
    };
    s.push_str(if column.nullable {
        ".null()"
    } else {
        ".not_null()"
    });
    let defaults: [Option<String>; 3] = std::array::from_fn(|i| {
        siblings[i]
            .and_then(|c| c.default.as_ref())
            .map(|d| default_sql(Dialect::ALL[i], d))
    });
    if column.default.is_some()
        && let Some(defaults) = fill(defaults)
    {
        s.push_str(&format!(
            ".default(autogen_migration::sql({}))",
            per_backend(&defaults)
        ));
    }
    // PostgreSQL and SQLite builders ignore comments; MySQL writes them.
    if let Some(c) = siblings
        .iter()
        .find_map(|c| c.and_then(|c| c.comment.as_ref()))
    {
        s.push_str(&format!(".comment({})", lit(c)));
    }
    s
}

/// One literal when the backends agree, `autogen_migration::per_backend(…)` otherwise.
fn per_backend(values: &[String; 3]) -> String {
    if values[0] == values[1] && values[1] == values[2] {
        lit(&values[0])
    } else {
        format!(
            "autogen_migration::per_backend(manager, [{}, {}, {}])",
            lit(&values[0]),
            lit(&values[1]),
            lit(&values[2])
        )
    }
}

fn default_sql(d: Dialect, default: &DefaultValue) -> String {
    match d {
        Dialect::Postgres => postgres::default_sql(default),
        Dialect::Mysql => mysql::default_sql(default),
        Dialect::Sqlite => sqlite::default_sql(default),
    }
}

fn parse_type(d: Dialect, spelling: &str) -> ColumnType {
    match d {
        Dialect::Postgres => postgres::parse_type(spelling),
        Dialect::Mysql => mysql::parse_type(spelling),
        Dialect::Sqlite => sqlite::parse_type(spelling),
    }
}

/// A sea-query type method and what sea-query 1.0 writes for it on PostgreSQL, MySQL
/// and SQLite (checked by a test against sea-query itself).
pub(super) fn sea_query_type(ty: &ColumnType) -> Option<(String, [String; 3])> {
    use ColumnType as T;
    let same = |s: &str| [s.to_string(), s.to_string(), s.to_string()];
    let three = |a: &str, b: &str, c: &str| [a.to_string(), b.to_string(), c.to_string()];
    Some(match ty {
        T::TinyInt => (
            "tiny_integer()".into(),
            three("smallint", "tinyint", "tinyint"),
        ),
        T::SmallInt => ("small_integer()".into(), same("smallint")),
        T::Integer => ("integer()".into(), three("integer", "int", "integer")),
        T::BigInt => ("big_integer()".into(), three("bigint", "bigint", "integer")),
        T::Decimal {
            precision: Some(p),
            scale: Some(s),
        } => (
            format!("decimal_len({p}, {s})"),
            three(
                &format!("decimal({p}, {s})"),
                &format!("decimal({p}, {s})"),
                &format!("real({p}, {s})"),
            ),
        ),
        T::Real => ("float()".into(), three("real", "float", "float")),
        T::Double => (
            "double()".into(),
            three("double precision", "double", "double"),
        ),
        T::Varchar { length: Some(n) } => {
            (format!("string_len({n})"), same(&format!("varchar({n})")))
        }
        T::Char { length: Some(n) } => (format!("char_len({n})"), same(&format!("char({n})"))),
        T::Text => ("text()".into(), same("text")),
        T::Boolean => ("boolean()".into(), three("bool", "bool", "boolean")),
        T::Date => ("date()".into(), three("date", "date", "date_text")),
        T::Time {
            precision: None,
            tz: false,
        } => ("time()".into(), three("time", "time", "time_text")),
        T::Timestamp {
            precision: None,
            tz: false,
        } => (
            "date_time()".into(),
            three("timestamp without time zone", "datetime", "datetime_text"),
        ),
        T::Timestamp {
            precision: None,
            tz: true,
        } => (
            "timestamp_with_time_zone()".into(),
            three(
                "timestamp with time zone",
                "timestamp",
                "timestamp_with_timezone_text",
            ),
        ),
        T::Uuid => ("uuid()".into(), three("uuid", "binary(16)", "uuid_text")),
        T::Json => ("json()".into(), three("json", "json", "json_text")),
        T::Jsonb => ("json_binary()".into(), three("jsonb", "json", "jsonb_text")),
        T::Blob => ("blob()".into(), three("bytea", "blob", "blob")),
        _ => return None,
    })
}

/// The sea-query method whose spelling reads back, on every backend of the step, as that
/// backend's type of the column.
fn native_type(siblings: &[Option<&Column>; 3]) -> Option<String> {
    siblings.iter().flatten().find_map(|candidate| {
        let (method, spellings) = sea_query_type(&candidate.ty)?;
        let fits = (0..3).all(|i| match siblings[i] {
            Some(c) => parse_type(Dialect::ALL[i], &spellings[i]) == c.ty,
            None => true,
        });
        fits.then_some(method)
    })
}
