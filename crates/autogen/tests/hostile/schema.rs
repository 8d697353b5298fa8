//! The hostile schema: names each backend accepts, and DDL for it written by hand.

use autogen_schema::Dialect;

/// An identifier quoted for `d`, written here so the source schema does not depend on the
/// code under test.
pub fn ident(d: Dialect, s: &str) -> String {
    match d {
        Dialect::Mysql => format!("`{}`", s.replace('`', "``")),
        _ => format!("\"{}\"", s.replace('"', "\"\"")),
    }
}

/// A string literal for `d` (MariaDB's default mode treats backslashes as escapes).
pub fn string(d: Dialect, s: &str) -> String {
    let s = s.replace('\'', "''");
    match d {
        Dialect::Mysql => format!("'{}'", s.replace('\\', "\\\\")),
        _ => format!("'{s}'"),
    }
}

/// A name of exactly `bytes` bytes: the longest PostgreSQL (63) and MySQL (64) keep.
pub fn long_name(prefix: &str, bytes: usize) -> String {
    let mut s = prefix.to_string();
    while s.len() < bytes {
        s.push(char::from(b'a' + (s.len() % 26) as u8));
    }
    s
}

/// The hostile names a backend accepts.
pub struct Names {
    pub injection: String,
    pub reserved: String,
    pub columns: Vec<String>,
    pub both_quotes: String,
    pub long_table: String,
    pub comment: String,
    pub default: String,
    pub constraint: String,
}

pub fn names(d: Dialect, victim: &str) -> Names {
    let drop = format!("DROP TABLE {victim}; --");
    let mut columns: Vec<String> = vec![
        "order".into(),
        "MixedCase".into(),
        "with space".into(),
        "it's".into(),
        "dq\"col".into(),
        "bt`col".into(),
        "[br]ack]".into(),
        "ünïcödé_表".into(),
        "tab\tcol".into(),
        "esc\u{1b}[31mred\u{1b}[0m\u{7}".into(),
        "cr\rlf\nx".into(),
        "ls\u{2028}ps\u{2029}nel\u{85}vt\u{b}ff\u{c}bidi\u{202e}x".into(),
        format!("x'); {drop}"),
        format!("x\n{drop}"),
        "back\\slash\\! echo pwned".into(),
        "*/ /* --".into(),
        "md ``` [l](https://e.example) <b>".into(),
    ];
    match d {
        // MariaDB: identifiers are utf8mb3 (no 4-byte characters) and may not end in a
        // space; 64 characters at most.
        Dialect::Mysql => columns.push(long_name("long_", 64)),
        // PostgreSQL truncates names to 63 bytes (NAMEDATALEN); SQLite has no limit.
        _ => {
            columns.push(long_name("long_é_", 63));
            columns.push("emoji😀".into());
            columns.push("trailing space ".into());
        }
    }
    // No backend accepts NUL in a name; it is not tried.
    Names {
        injection: format!("evil\n{drop}"),
        reserved: "select".into(),
        columns,
        both_quotes: "Tbl \"dq\" `bt` 'sq' [br]".into(),
        long_table: long_name("long_table_", if d == Dialect::Mysql { 64 } else { 63 }),
        comment: format!("comment\n{drop}\u{1b}[2J it's \"q\" */ \\ `b`"),
        default: format!("it's \"q\" \\ -- {drop} */\n{drop}\n\u{1b}[31m"),
        constraint: "\"q`b\nnl".into(),
    }
}

/// The hand-written DDL of the hostile schema.
pub fn ddl(d: Dialect, n: &Names) -> Vec<String> {
    let q = |s: &str| ident(d, s);
    let named_pk = |name: &str| match d {
        Dialect::Mysql => String::new(),
        _ => format!("CONSTRAINT {} ", q(name)),
    };
    let comment = |text: &str| match d {
        Dialect::Mysql => format!(" COMMENT {}", string(d, text)),
        _ => String::new(),
    };
    let mut out = Vec::new();
    if d == Dialect::Postgres {
        out.push(format!(
            "CREATE TYPE {} AS ENUM ({}, {}, {})",
            q("mood\"`\n'x"),
            string(d, "it's"),
            string(d, "a\nb"),
            string(d, "c\"`\\")
        ));
    }
    out.push(format!(
        "CREATE TABLE {} (id integer NOT NULL, {}PRIMARY KEY (id))",
        q(&n.injection),
        named_pk(&format!("pk{}", n.constraint)),
    ));

    let mut cols = vec![
        "id integer NOT NULL".to_string(),
        format!("{} integer NOT NULL DEFAULT 1", q("order")),
    ];
    for c in &n.columns[1..] {
        let ty = if c == "it's" {
            format!(
                "varchar(200) DEFAULT {}{}",
                string(d, &n.default),
                comment(&n.comment)
            )
        } else {
            "integer".into()
        };
        cols.push(format!("{} {ty}", q(c)));
    }
    if d == Dialect::Postgres {
        cols.push(format!("mood {}", q("mood\"`\n'x")));
    }
    if d == Dialect::Mysql {
        cols.push(format!(
            "mood enum({}, {}, {})",
            string(d, "it's"),
            string(d, "a\nb"),
            string(d, "c\"`\\")
        ));
    }
    cols.push(format!(
        "{}PRIMARY KEY (id)",
        named_pk(&format!("pk_b{}", n.constraint))
    ));
    cols.push(format!(
        "CONSTRAINT {} UNIQUE ({})",
        q(&format!("uq{}", n.constraint)),
        q("dq\"col")
    ));
    cols.push(format!(
        "CONSTRAINT {} CHECK (id >= 0)",
        q(&format!("ck{}", n.constraint))
    ));
    cols.push(format!("CONSTRAINT ck_reserved CHECK ({} > 0)", q("order")));
    let table_comment = match d {
        Dialect::Mysql => format!(" COMMENT={}", string(d, &n.comment)),
        _ => String::new(),
    };
    out.push(format!(
        "CREATE TABLE {} ({}){table_comment}",
        q(&n.reserved),
        cols.join(", ")
    ));
    out.push(format!(
        "CREATE INDEX {} ON {} ({}, {})",
        q(&format!("ix{}", n.constraint)),
        q(&n.reserved),
        q("order"),
        q("with space")
    ));
    if d == Dialect::Postgres {
        out.push(format!(
            "COMMENT ON TABLE {} IS {}",
            q(&n.reserved),
            string(d, &n.comment)
        ));
        out.push(format!(
            "COMMENT ON COLUMN {}.{} IS {}",
            q(&n.reserved),
            q("it's"),
            string(d, &n.comment)
        ));
    }
    out.push(format!(
        "CREATE TABLE {} (id integer NOT NULL, {} integer, PRIMARY KEY (id), \
         CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} (id) ON DELETE CASCADE)",
        q(&n.both_quotes),
        q("b id"),
        q(&format!("fk{}", n.constraint)),
        q("b id"),
        q(&n.reserved)
    ));
    out.push(format!(
        "CREATE TABLE {} ({} integer)",
        q(&n.long_table),
        q(n.columns.last().expect("columns"))
    ));
    out
}
