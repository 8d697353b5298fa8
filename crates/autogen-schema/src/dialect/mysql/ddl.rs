//! MySQL DDL: literals, defaults, column definitions, indexes, `CREATE TABLE`.

use crate::ir::{
    Column, DefaultValue, ForeignKey, Index, IndexMethod, IndexTarget, Schema, Table, TableOptions,
};
use crate::order::creation_order;
use crate::sql_text::strip_outer_parens;

use super::{D, type_sql};

/// A string literal as MySQL reads it: quotes doubled and backslashes escaped (MySQL
/// treats a backslash in a literal as an escape unless `NO_BACKSLASH_ESCAPES` is set).
pub fn quote_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{1a}' => out.push_str("\\Z"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Reads one MySQL string literal as the catalog prints it (`'it''s \\ ok'`, `'a\nb'`)
/// into its value. `None` unless the whole text is one literal.
pub fn parse_string_literal(s: &str) -> Option<String> {
    let body = s.trim().strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                // Inside the body a quote must be doubled; a lone one means two literals.
                if chars.next() != Some('\'') {
                    return None;
                }
                out.push('\'');
            }
            '\\' => match chars.next()? {
                '0' => out.push('\0'),
                'b' => out.push('\u{8}'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'Z' => out.push('\u{1a}'),
                // `\%` and `\_` keep their backslash (they are LIKE escapes).
                c @ ('%' | '_') => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            },
            c => out.push(c),
        }
    }
    Some(out)
}

/// A default as MySQL SQL. Literals are written bare; functions and expressions in
/// parentheses, which MySQL 8 requires and MariaDB accepts (`CURRENT_TIMESTAMP` is the
/// one function both take bare).
pub fn default_sql(default: &DefaultValue) -> String {
    match default {
        DefaultValue::String(s) => quote_string(s),
        DefaultValue::Number(n) => n.clone(),
        DefaultValue::Bool(b) => if *b { "1" } else { "0" }.into(),
        DefaultValue::Null => "NULL".into(),
        DefaultValue::CurrentTimestamp { precision: None } => "CURRENT_TIMESTAMP".into(),
        DefaultValue::CurrentTimestamp { precision: Some(p) } => format!("CURRENT_TIMESTAMP({p})"),
        DefaultValue::CurrentDate => "(CURRENT_DATE)".into(),
        DefaultValue::CurrentTime => "(CURRENT_TIME)".into(),
        DefaultValue::Function(f) => format!("({f}())"),
        DefaultValue::Expression(e) => format!("({})", strip_outer_parens(e)),
    }
}

/// A column definition as it appears in `CREATE TABLE` or `ADD COLUMN`.
pub fn column_sql(column: &Column) -> String {
    // The spelling (a display width) while it still reads as the column's type.
    let ty = match &column.spelling {
        Some(s) if super::parse_type(&s.ty) == column.ty => s.ty.clone(),
        _ => type_sql(&column.ty),
    };
    let mut sql = format!("{} {ty}", D.quote_ident(&column.name));
    if let Some(collation) = &column.collation {
        // The collation names its character set; without one the column takes the table's.
        sql.push_str(" COLLATE ");
        sql.push_str(&D.collation_name(collation));
    }
    if let Some(generated) = &column.generated {
        // A generated column takes no NULL, default or AUTO_INCREMENT (MariaDB refuses them).
        sql.push_str(&format!(
            " GENERATED ALWAYS AS ({}) {}",
            generated.expression,
            if generated.stored {
                "STORED"
            } else {
                "VIRTUAL"
            }
        ));
        if let Some(c) = &column.comment {
            sql.push_str(" COMMENT ");
            sql.push_str(&quote_string(c));
        }
        return sql;
    }
    // NULL is written out: without it MariaDB's `timestamp` may become NOT NULL.
    sql.push_str(if column.nullable {
        " NULL"
    } else {
        " NOT NULL"
    });
    if let Some(d) = &column.default {
        sql.push_str(" DEFAULT ");
        sql.push_str(&default_sql(d));
    }
    if column.identity.is_some() {
        sql.push_str(" AUTO_INCREMENT");
    }
    if let Some(u) = &column.on_update {
        sql.push_str(" ON UPDATE ");
        sql.push_str(&default_sql(u));
    }
    if let Some(c) = &column.comment {
        sql.push_str(" COMMENT ");
        sql.push_str(&quote_string(c));
    }
    if let Some(check) = &column.check {
        sql.push_str(&format!(" CHECK ({check})"));
    }
    sql
}

/// `CONSTRAINT name FOREIGN KEY (…) REFERENCES t (…) ON DELETE … ON UPDATE …`.
pub fn foreign_key_sql(fk: &ForeignKey) -> String {
    D.foreign_key_sql(fk)
}

/// The key parts of an index: `` `a` DESC, `b`(10), ((expr)) ``.
fn index_parts_sql(index: &Index) -> String {
    let parts: Vec<String> = index
        .parts
        .iter()
        .map(|p| {
            let target = match &p.target {
                IndexTarget::Column(c) => D.quote_ident(c),
                // A prefix part (`` `col`(10) ``) is written as is; see the reflection.
                IndexTarget::Expression(e) if is_prefix_part(e) => e.clone(),
                IndexTarget::Expression(e) => format!("({e})"),
            };
            if p.descending {
                format!("{target} DESC")
            } else {
                target
            }
        })
        .collect();
    parts.join(", ")
}

/// Whether an index expression is a column prefix, `` `col`(10) ``, the form reflection
/// gives key parts with a `SUB_PART`.
pub fn is_prefix_part(expression: &str) -> bool {
    let Some(rest) = expression.strip_prefix('`') else {
        return false;
    };
    let Some(close) = rest.rfind("`(") else {
        return false;
    };
    rest[close + 2..]
        .strip_suffix(')')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// An index as a `CREATE TABLE` item: `KEY`, `UNIQUE KEY`, `FULLTEXT KEY`, `SPATIAL KEY`.
pub fn index_item_sql(index: &Index) -> String {
    let kind = match index.method {
        IndexMethod::Fulltext => "FULLTEXT KEY",
        IndexMethod::Spatial => "SPATIAL KEY",
        _ if index.unique => "UNIQUE KEY",
        _ => "KEY",
    };
    format!(
        "{kind} {} ({}){}",
        D.quote_ident(&index.name),
        index_parts_sql(index),
        index_options_sql(index)
    )
}

/// What follows an index's key parts: ` USING BTREE` where it was written, the comment,
/// MariaDB's `IGNORED`.
fn index_options_sql(index: &Index) -> String {
    let mut sql = String::new();
    if let Some(algorithm) = index
        .options
        .algorithm
        .as_deref()
        .and_then(algorithm_keyword)
    {
        sql.push_str(" USING ");
        sql.push_str(algorithm);
    }
    if let Some(comment) = &index.options.comment {
        sql.push_str(" COMMENT ");
        sql.push_str(&quote_string(comment));
    }
    if index.options.ignored {
        sql.push_str(" IGNORED");
    }
    sql
}

/// The index algorithms MySQL and MariaDB take in `USING`, by any spelling: the one
/// place an algorithm name is turned into SQL, so no other text reaches a statement.
pub fn algorithm_keyword(name: &str) -> Option<&'static str> {
    if name.eq_ignore_ascii_case("btree") {
        Some("BTREE")
    } else if name.eq_ignore_ascii_case("hash") {
        Some("HASH")
    } else {
        None
    }
}

/// `CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name ON table (parts)`.
pub fn create_index_sql(table: &str, index: &Index) -> String {
    let kind = match index.method {
        IndexMethod::Fulltext => "FULLTEXT ",
        IndexMethod::Spatial => "SPATIAL ",
        _ if index.unique => "UNIQUE ",
        _ => "",
    };
    format!(
        "CREATE {kind}INDEX {} ON {} ({}){}",
        D.quote_ident(&index.name),
        D.quote_ident(table),
        index_parts_sql(index),
        index_options_sql(index)
    )
}

/// `CREATE TABLE` with columns, primary key, uniques, indexes, checks, the foreign keys
/// for which `inline_fk` says yes, and the table comment.
pub fn create_table_sql(table: &Table, inline_fk: impl Fn(&ForeignKey) -> bool) -> String {
    let mut items: Vec<String> = table.columns.iter().map(column_sql).collect();
    if let Some(pk) = &table.primary_key {
        items.push(format!("PRIMARY KEY ({})", D.quote_list(&pk.columns)));
    }
    let unique_sql = |u: &crate::ir::UniqueConstraint| {
        format!(
            "CONSTRAINT {} UNIQUE ({})",
            D.quote_ident(&u.name),
            D.quote_list(&u.columns)
        )
    };
    let check_sql = |c: &crate::ir::Check| {
        format!(
            "CONSTRAINT {} CHECK ({})",
            D.quote_ident(&c.name),
            c.expression
        )
    };
    let order = &table.key_order;
    if order.is_empty() {
        items.extend(table.uniques.iter().map(unique_sql));
        items.extend(table.indexes.iter().map(index_item_sql));
        items.extend(table.checks.iter().map(check_sql));
        items.extend(
            table
                .foreign_keys
                .iter()
                .filter(|fk| inline_fk(fk))
                .map(foreign_key_sql),
        );
    } else {
        // The order the database printed (a foreign key's own index is created where its
        // constraint stands), so that it prints the keys as before; the rest after.
        let last = usize::MAX;
        let mut keys: Vec<(usize, String)> = Vec::new();
        for u in &table.uniques {
            keys.push((order.key_position(&u.name).unwrap_or(last), unique_sql(u)));
        }
        for index in &table.indexes {
            keys.push((
                order.key_position(&index.name).unwrap_or(last),
                index_item_sql(index),
            ));
        }
        for fk in table.foreign_keys.iter().filter(|fk| inline_fk(fk)) {
            keys.push((
                order.key_position(&fk.name).unwrap_or(last),
                foreign_key_sql(fk),
            ));
        }
        keys.sort_by_key(|(position, _)| *position);
        let mut checks: Vec<(usize, String)> = table
            .checks
            .iter()
            .map(|c| (order.check_position(&c.name).unwrap_or(last), check_sql(c)))
            .collect();
        checks.sort_by_key(|(position, _)| *position);
        items.extend(keys.into_iter().map(|(_, sql)| sql));
        items.extend(checks.into_iter().map(|(_, sql)| sql));
    }
    let mut sql = format!(
        "CREATE TABLE {} (\n  {}\n)",
        D.quote_ident(&table.name),
        items.join(",\n  ")
    );
    if let Some(collation) = &table.options.collation {
        sql.push_str(" DEFAULT COLLATE=");
        sql.push_str(&D.collation_name(collation));
    }
    if let Some(row_format) = &table.options.row_format {
        sql.push_str(" ROW_FORMAT=");
        sql.push_str(row_format);
    }
    if let Some(size) = table.options.key_block_size {
        sql.push_str(&format!(" KEY_BLOCK_SIZE={size}"));
    }
    if let Some(c) = &table.comment {
        sql.push_str(" COMMENT ");
        sql.push_str(&quote_string(c));
    }
    if let Some(partition) = &table.options.partition {
        sql.push('\n');
        sql.push_str(partition);
    }
    sql
}

/// The `ALTER TABLE` statements that take `table`'s options (collation, row format and
/// key block size, partitioning, in this order) from `from` to `to`; one per option that
/// differs.
pub fn table_options_sql(table: &str, from: &TableOptions, to: &TableOptions) -> Vec<String> {
    let name = D.quote_ident(table);
    let mut out = Vec::new();
    if !same_name(&from.collation, &to.collation) {
        out.push(match &to.collation {
            Some(c) => format!("ALTER TABLE {name} DEFAULT COLLATE={}", D.collation_name(c)),
            // `None` is the database's default.
            None => format!("ALTER TABLE {name} DEFAULT CHARACTER SET = DEFAULT"),
        });
    }
    // One statement for both: a key block size needs a row format that takes one.
    if !same_name(&from.row_format, &to.row_format) || from.key_block_size != to.key_block_size {
        // `DEFAULT` and 0 are the server's defaults.
        out.push(format!(
            "ALTER TABLE {name} ROW_FORMAT={} KEY_BLOCK_SIZE={}",
            to.row_format.as_deref().unwrap_or("DEFAULT"),
            to.key_block_size.unwrap_or(0)
        ));
    }
    if from
        .partition
        .as_deref()
        .map(crate::sql_text::collapse_whitespace)
        != to
            .partition
            .as_deref()
            .map(crate::sql_text::collapse_whitespace)
    {
        out.push(match &to.partition {
            Some(p) => format!("ALTER TABLE {name} {p}"),
            None => format!("ALTER TABLE {name} REMOVE PARTITIONING"),
        });
    }
    out
}

/// Whether two optional names are the same, letter case aside.
fn same_name(a: &Option<String>, b: &Option<String>) -> bool {
    a.as_deref().map(str::to_ascii_lowercase) == b.as_deref().map(str::to_ascii_lowercase)
}

/// Statements creating a lowered schema; see [`Dialect::create_statements`]. Indexes,
/// comments and all but cycle-closing foreign keys are part of each `CREATE TABLE`.
pub fn create_statements(schema: &Schema) -> Vec<String> {
    let order = creation_order(schema);
    let mut out: Vec<String> = order
        .tables
        .iter()
        .map(|table| create_table_sql(table, |fk| !order.is_deferred(&table.name, &fk.name)))
        .collect();
    for (table, fk) in &order.deferred {
        out.push(format!(
            "ALTER TABLE {} ADD {}",
            D.quote_ident(&table.name),
            foreign_key_sql(fk)
        ));
    }
    out
}
