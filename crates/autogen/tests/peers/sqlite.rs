//! SQLite's own description of a database, for the protocol's comparison: the pragmas
//! (`table_list`, `table_xinfo`, `index_list`, `index_xinfo`, `foreign_key_list`) and,
//! for what only the stored text holds, its normalized pieces: CHECK clauses, column
//! collations, generated-column expressions, `AUTOINCREMENT`, index expressions and
//! partial-index predicates, views and triggers.
//!
//! Column order is not compared: `ALTER TABLE … ADD COLUMN` can only append, and the
//! issue asks for it over a rebuild wherever SQLite allows it. Declared types are compared
//! without regard to letter case (SQLite reads `INTEGER` and `integer` alike).

use sqlx::SqlitePool;

use super::sqltext::{self, Tok};

/// `pragma_table_xinfo`: (cid, name, type, notnull, dflt_value, pk, hidden).
type ColumnRow = (i64, String, String, i64, Option<String>, i64, i64);
/// `pragma_index_xinfo`: (seqno, cid, name, desc, coll).
type IndexPartRow = (i64, i64, Option<String>, i64, Option<String>);
/// `pragma_foreign_key_list`: (id, seq, table, from, to, on_update, on_delete, match).
type ForeignKeyRow = (
    i64,
    i64,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
);

/// One line per fact, sorted.
pub async fn describe(pool: &SqlitePool) -> Result<Vec<String>, String> {
    let e = |e: sqlx::Error| e.to_string();
    let objects: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT type, name, tbl_name, sql FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )
    .fetch_all(pool)
    .await
    .map_err(e)?;
    let mut out = Vec::new();
    for (kind, name, table, sql) in &objects {
        let sql = sql.as_deref().unwrap_or("");
        match kind.as_str() {
            "table" => describe_table(pool, name, sql, &mut out).await?,
            "view" | "trigger" => out.push(format!(
                "{kind} {} on {}: {}",
                name.to_lowercase(),
                table.to_lowercase(),
                sqltext::normalize(sql)
            )),
            // Indexes are described with their table, from the pragmas.
            _ => {}
        }
    }
    out.sort();
    Ok(out)
}

async fn describe_table(
    pool: &SqlitePool,
    name: &str,
    sql: &str,
    out: &mut Vec<String>,
) -> Result<(), String> {
    let e = |e: sqlx::Error| format!("{name}: {e}");
    let t = name.to_lowercase();
    let tokens = sqltext::tokens(sql);
    let options: Option<(String, i64, i64)> = sqlx::query_as(
        "SELECT type, wr, strict FROM pragma_table_list WHERE schema = 'main' AND name = ?",
    )
    .bind(name)
    .fetch_optional(pool)
    .await
    .map_err(e)?;
    let (ty, wr, strict) = options.unwrap_or_default();
    let autoincrement = tokens.iter().any(|t| t.is("autoincrement"));
    out.push(format!(
        "table {t}: type={ty} without_rowid={wr} strict={strict} autoincrement={autoincrement}"
    ));

    let definitions = column_definitions(&tokens);
    let columns: Vec<ColumnRow> = sqlx::query_as(
        "SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?)",
    )
    .bind(name)
    .fetch_all(pool)
    .await
    .map_err(e)?;
    for (_cid, column, declared, notnull, default, pk, hidden) in columns {
        let c = column.to_lowercase();
        let (collate, generated) = definitions
            .iter()
            .find(|(n, _)| *n == c)
            .map(|(_, d)| (collation(d), generated(d)))
            .unwrap_or_default();
        out.push(format!(
            "table {t} column {c}: type={} notnull={notnull} default={} pk={pk} hidden={hidden} collate={} generated={}",
            declared.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase(),
            default.as_deref().map(sqltext::normalize).unwrap_or_default(),
            collate.unwrap_or_default(),
            generated.unwrap_or_default(),
        ));
    }
    for body in sqltext::check_bodies(&tokens) {
        out.push(format!("table {t} check: {body}"));
    }

    let indexes: Vec<(String, i64, String, i64)> =
        sqlx::query_as("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)")
            .bind(name)
            .fetch_all(pool)
            .await
            .map_err(e)?;
    for (index, unique, origin, partial) in indexes {
        let parts: Vec<IndexPartRow> = sqlx::query_as(
            "SELECT seqno, cid, name, \"desc\", coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
        )
        .bind(&index)
        .fetch_all(pool)
        .await
        .map_err(e)?;
        let index_sql: Option<String> =
            sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?")
                .bind(&index)
                .fetch_optional(pool)
                .await
                .map_err(e)?
                .flatten();
        let (expressions, predicate) = index_sql.as_deref().map(index_text).unwrap_or_default();
        let parts: Vec<String> = parts
            .into_iter()
            .map(|(seqno, cid, column, desc, coll)| {
                let target = match (cid, column) {
                    (-2, _) => expressions
                        .get(seqno as usize)
                        .cloned()
                        .unwrap_or_else(|| "?".into()),
                    (_, Some(c)) => c.to_lowercase(),
                    _ => "rowid".into(),
                };
                let coll = coll.unwrap_or_default();
                format!("{target} desc={desc} coll={coll}")
            })
            .collect();
        // SQLite names the indexes of PRIMARY KEY and UNIQUE itself, by declaration order.
        let shown = if origin == "c" {
            index.to_lowercase()
        } else {
            "(auto)".into()
        };
        out.push(format!(
            "table {t} index {shown}: unique={unique} origin={origin} partial={partial} parts=[{}] where={}",
            parts.join(", "),
            predicate.unwrap_or_default()
        ));
    }

    let fks: Vec<ForeignKeyRow> = sqlx::query_as(
        "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete, \"match\" \
             FROM pragma_foreign_key_list(?) ORDER BY id, seq",
    )
    .bind(name)
    .fetch_all(pool)
    .await
    .map_err(e)?;
    let mut groups: std::collections::BTreeMap<i64, Vec<_>> = Default::default();
    for row in fks {
        groups.entry(row.0).or_default().push(row);
    }
    for rows in groups.values() {
        let from: Vec<String> = rows.iter().map(|r| r.3.to_lowercase()).collect();
        let to: Vec<String> = rows
            .iter()
            .map(|r| r.4.clone().unwrap_or_default().to_lowercase())
            .collect();
        let r = &rows[0];
        out.push(format!(
            "table {t} foreign key ({}) references {} ({}) on update {} on delete {} match {}",
            from.join(", "),
            r.2.to_lowercase(),
            to.join(", "),
            r.5,
            r.6,
            r.7
        ));
    }
    Ok(())
}

/// Each column definition of a `CREATE TABLE`: (lower-case name, its tokens).
fn column_definitions(tokens: &[Tok]) -> Vec<(String, Vec<Tok>)> {
    let Some(open) = tokens.iter().position(|t| *t == Tok::Punct('(')) else {
        return Vec::new();
    };
    const TABLE_CONSTRAINTS: [&str; 5] = ["constraint", "primary", "unique", "check", "foreign"];
    sqltext::list_items(tokens, open)
        .into_iter()
        .filter_map(|item| match item.first() {
            Some(Tok::Word(w)) if !TABLE_CONSTRAINTS.contains(&w.as_str()) => {
                Some((w.trim_matches('"').to_string(), item[1..].to_vec()))
            }
            _ => None,
        })
        .collect()
}

fn collation(def: &[Tok]) -> Option<String> {
    let at = def.iter().position(|t| t.is("collate"))?;
    Some(sqltext::join(&def[at + 1..(at + 2).min(def.len())]))
}

fn generated(def: &[Tok]) -> Option<String> {
    let at = def.iter().position(|t| t.is("as"))?;
    if def.get(at + 1) != Some(&Tok::Punct('(')) {
        return None;
    }
    let close = sqltext::matching(def, at + 1)?;
    let kind = if def[close + 1..].iter().any(|t| t.is("stored")) {
        "stored"
    } else {
        "virtual"
    };
    Some(format!("{} {kind}", sqltext::join(&def[at + 2..close])))
}

/// A `CREATE INDEX`'s key parts (without ASC/DESC/COLLATE) and predicate, normalized.
fn index_text(sql: &str) -> (Vec<String>, Option<String>) {
    let tokens = sqltext::tokens(sql);
    let Some(on) = tokens.iter().position(|t| t.is("on")) else {
        return (Vec::new(), None);
    };
    let Some(open) = tokens[on..]
        .iter()
        .position(|t| *t == Tok::Punct('('))
        .map(|i| i + on)
    else {
        return (Vec::new(), None);
    };
    let parts = sqltext::list_items(&tokens, open)
        .into_iter()
        .map(|item| {
            let mut end = item.len();
            if end > 0 && (item[end - 1].is("asc") || item[end - 1].is("desc")) {
                end -= 1;
            }
            if end >= 2 && item[end - 2].is("collate") {
                end -= 2;
            }
            sqltext::join(&item[..end])
        })
        .collect();
    let close = sqltext::matching(&tokens, open).unwrap_or(tokens.len());
    let predicate = tokens[close..]
        .iter()
        .position(|t| t.is("where"))
        .map(|w| sqltext::join(&tokens[close + w + 1..]));
    (parts, predicate)
}
