//! PostgreSQL's own description of a database, for the protocol's comparison:
//! `pg_dump --schema-only`, normalized as `shared/peers/README.md` says (comments, blank
//! lines and `\restrict` lines dropped, statements compared as a sorted list, and columns
//! in any order: PostgreSQL cannot place a column).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longest one `pg_dump` may take.
const PG_DUMP_TIMEOUT: Duration = Duration::from_secs(60);

/// One entry per statement of `pg_dump --schema-only`, sorted.
pub async fn describe(url: &str) -> Result<Vec<String>, String> {
    let url = url.to_string();
    tokio::task::spawn_blocking(move || pg_dump(&url))
        .await
        .map_err(|e| format!("pg_dump: {e}"))?
        .map(|text| statements(&text))
}

/// Runs `pg_dump` into a temporary file (no pipe to fill while waiting), killed after
/// [`PG_DUMP_TIMEOUT`].
fn pg_dump(url: &str) -> Result<String, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let out = dir.path().join("dump.sql");
    let mut child = Command::new("pg_dump")
        .arg("--schema-only")
        .arg("--no-owner")
        .arg("--no-privileges")
        .arg("-f")
        .arg(&out)
        .arg("--dbname")
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("pg_dump: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) if status.success() => break,
            Some(status) => {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut e, &mut err);
                }
                return Err(format!("pg_dump: {status}: {}", err.trim()));
            }
            None if started.elapsed() > PG_DUMP_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("pg_dump: timed out after {PG_DUMP_TIMEOUT:?}"));
            }
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    std::fs::read_to_string(&out).map_err(|e| format!("pg_dump output: {e}"))
}

/// The statements of a dump, without comments, blank lines and psql's `\restrict`
/// lines, sorted. A statement ends at a `;` that closes a line outside quotes and
/// dollar-quoted bodies (function bodies hold `;` of their own).
pub fn statements(dump: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quote = Quote::None;
    for line in dump.lines() {
        if quote == Quote::None
            && current.is_empty()
            && (line.trim().is_empty()
                || line.starts_with("--")
                || line.starts_with("\\restrict")
                || line.starts_with("\\unrestrict"))
        {
            continue;
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(line);
        quote = scan(line, quote);
        if quote == Quote::None && line.trim_end().ends_with(';') {
            out.push(columns_in_any_order(&std::mem::take(&mut current)));
        }
    }
    if !current.trim().is_empty() {
        out.push(columns_in_any_order(&current));
    }
    out.sort();
    out
}

/// A `CREATE TABLE` with its column lines sorted: PostgreSQL cannot place a new column
/// (`ADD COLUMN` appends), and the protocol lets column order differ where a dialect
/// cannot place a column. pg_dump writes one column (or inline check) per line, each but
/// the last ending in `,`, and closes the list on a line starting with `)`.
fn columns_in_any_order(statement: &str) -> String {
    let first = statement.lines().next().unwrap_or("");
    if !(first.starts_with("CREATE TABLE ") || first.starts_with("CREATE UNLOGGED TABLE "))
        || !first.ends_with('(')
    {
        return statement.to_string();
    }
    let lines: Vec<&str> = statement.lines().collect();
    let Some(close) = lines.iter().skip(1).position(|l| l.starts_with(')')) else {
        return statement.to_string();
    };
    let mut columns: Vec<&str> = lines[1..=close]
        .iter()
        .map(|l| l.trim_end_matches(','))
        .collect();
    columns.sort_unstable();
    let mut out = vec![first.to_string()];
    out.extend(columns.iter().map(|c| c.to_string()));
    out.extend(lines[close + 1..].iter().map(|l| l.to_string()));
    out.join("\n")
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
    Dollar(String),
}

/// The quoting state after `line`, starting in `state`.
fn scan(line: &str, mut state: Quote) -> Quote {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match &state {
            Quote::None => match bytes[i] {
                b'\'' => state = Quote::Single,
                b'"' => state = Quote::Double,
                b'-' if bytes.get(i + 1) == Some(&b'-') => return state,
                b'$' => {
                    if let Some(tag) = dollar_tag(&line[i..]) {
                        i += tag.len();
                        state = Quote::Dollar(tag);
                        continue;
                    }
                }
                _ => {}
            },
            Quote::Single => {
                if bytes[i] == b'\'' {
                    state = Quote::None;
                }
            }
            Quote::Double => {
                if bytes[i] == b'"' {
                    state = Quote::None;
                }
            }
            Quote::Dollar(tag) => {
                if bytes[i..].starts_with(tag.as_bytes()) {
                    i += tag.len();
                    state = Quote::None;
                    continue;
                }
            }
        }
        i += 1;
    }
    state
}

/// `$tag$` or `$$` at the start of `s`.
fn dollar_tag(s: &str) -> Option<String> {
    let rest = &s[1..];
    let end = rest.find('$')?;
    let tag = &rest[..end];
    if tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !tag.starts_with(|c: char| c.is_ascii_digit())
    {
        Some(format!("${tag}$"))
    } else {
        None
    }
}

#[test]
fn dump_statements_keep_function_bodies_whole() {
    let dump = "--\n-- Name: f\n--\n\nCREATE FUNCTION public.f() RETURNS integer\n    LANGUAGE plpgsql\n    AS $_$\nBEGIN\n  RETURN 1; -- it's\nEND;\n$_$;\n\n\\restrict abc\nCREATE TABLE public.t (\n    a text DEFAULT 'x;'::text\n);\n";
    let s = statements(dump);
    assert_eq!(s.len(), 2, "{s:#?}");
    assert!(s[0].starts_with("CREATE FUNCTION") && s[0].ends_with("$_$;"));
    assert!(s[1].contains("'x;'::text"));
}

#[test]
fn table_columns_compare_in_any_order() {
    let a = "CREATE TABLE public.t (\n    id bigint NOT NULL,\n    b text,\n    a integer\n);\n";
    let b = "CREATE TABLE public.t (\n    id bigint NOT NULL,\n    a integer,\n    b text\n);\n";
    let c = "CREATE TABLE public.t (\n    id bigint NOT NULL,\n    a bigint,\n    b text\n);\n";
    assert_eq!(statements(a), statements(b));
    assert_ne!(statements(a), statements(c));
}

/// Empties a database after its case (every schema but the system's dropped, `public`
/// made again as PostgreSQL makes it) and says whether its dump is now `pristine`'s and
/// it holds no per-database settings: then it can serve as a new database.
pub async fn empty(url: &str, pristine: &[String]) -> bool {
    const EMPTY: &str = r#"
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace
           WHERE nspname NOT IN ('pg_catalog', 'information_schema')
             AND nspname NOT LIKE 'pg\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
END $$;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
COMMENT ON SCHEMA public IS 'standard public schema';
GRANT USAGE ON SCHEMA public TO PUBLIC;
"#;
    let Ok(pool) = sqlx::PgPool::connect(url).await else {
        return false;
    };
    let emptied = sqlx::raw_sql(EMPTY).execute(&pool).await.is_ok();
    let settings: Result<i64, _> = sqlx::query_scalar(
        "SELECT count(*) FROM pg_db_role_setting \
         WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())",
    )
    .fetch_one(&pool)
    .await;
    pool.close().await;
    emptied && matches!(settings, Ok(0)) && describe(url).await.is_ok_and(|d| d == pristine)
}

/// The statements of a script, each without its `;`, as `psql` sends them: split at `;`
/// outside quotes, dollar-quoted bodies and comments. PostgreSQL runs a multi-statement
/// query in one implicit transaction, where `CREATE INDEX CONCURRENTLY` is refused, so a
/// script runs statement by statement.
pub fn split_script(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut state = Quote::None;
    let mut rest = sql;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        match &state {
            Quote::None => {
                if rest.starts_with("--") {
                    let end = rest.find('\n').unwrap_or(rest.len());
                    rest = &rest[end..];
                    continue;
                }
                if rest.starts_with("/*") {
                    let end = rest[2..].find("*/").map_or(rest.len(), |i| i + 4);
                    rest = &rest[end..];
                    continue;
                }
                match c {
                    ';' => {
                        if !current.trim().is_empty() {
                            out.push(current.trim().to_string());
                        }
                        current.clear();
                        rest = &rest[len..];
                        continue;
                    }
                    '\'' => state = Quote::Single,
                    '"' => state = Quote::Double,
                    '$' => {
                        if let Some(tag) = dollar_tag(rest) {
                            current.push_str(&tag);
                            rest = &rest[tag.len()..];
                            state = Quote::Dollar(tag);
                            continue;
                        }
                    }
                    _ => {}
                }
            }
            Quote::Single if c == '\'' => state = Quote::None,
            Quote::Double if c == '"' => state = Quote::None,
            Quote::Dollar(tag) if rest.starts_with(tag.as_str()) => {
                current.push_str(tag);
                rest = &rest[tag.len()..];
                state = Quote::None;
                continue;
            }
            _ => {}
        }
        current.push(c);
        rest = &rest[len..];
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

#[test]
fn scripts_split_outside_quotes_and_bodies() {
    let sql = "-- a; comment\nCREATE TABLE \"a;b\" (x text DEFAULT ';');\n\
               CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;\n\
               /* c; */ CREATE INDEX CONCURRENTLY i ON t (x)";
    let s = split_script(sql);
    assert_eq!(s.len(), 3, "{s:#?}");
    assert!(s[1].ends_with("LANGUAGE plpgsql"));
    assert_eq!(s[2], "CREATE INDEX CONCURRENTLY i ON t (x)");
}
