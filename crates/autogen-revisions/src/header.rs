//! The `//!` header of an autogen migration file, module names, slugs and times.
//!
//! ```text
//! //! Revision: 3f2a9c1b4d5e
//! //! Parents: 1a2b3c4d5e6f
//! //! Message: add column
//! //! Created: 2026-11-24T22:40:00Z
//! ```

/// The parsed header of an autogen migration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub id: String,
    pub parents: Vec<String>,
    pub message: String,
    pub created: String,
    /// Further `//!` lines of the header block, without the `//! ` prefix.
    pub notes: Vec<String>,
}

/// What the top of a migration file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Parsed {
    /// No `//! Revision:` line in the leading `//!` block: a hand-written migration.
    HandWritten,
    /// A well-formed autogen header.
    Revision(Header),
    /// An autogen header that does not follow the format.
    Malformed {
        line: usize,
        reason: String,
        /// What could be read, when the `Revision:` line itself could be: its id, the
        /// parents, message and time that are well-formed (`created` empty if not); and
        /// whether the parents could be read (if not, `parents` is empty).
        partial: Option<(Header, bool)>,
    },
}

/// Line of `Parents:` in a well-formed header (1-based).
pub(crate) const PARENTS_LINE: usize = 2;

const KEYS: [&str; 4] = ["Revision", "Parents", "Message", "Created"];

/// Reads the leading `//!` block of a migration file.
pub(crate) fn parse(text: &str) -> Parsed {
    let block: Vec<&str> = text
        .lines()
        .take_while(|l| l.trim_start().starts_with("//!"))
        .map(|l| l.trim_start().trim_start_matches("//!").trim())
        .collect();
    if !looks_like_header(&block) {
        return Parsed::HandWritten;
    }
    match parse_strict(&block) {
        Ok(header) => Parsed::Revision(header),
        Err((line, reason)) => Parsed::Malformed {
            line,
            reason,
            partial: lenient(&block),
        },
    }
}

/// Whether a `//!` block is meant as an autogen header: a `Revision:` line anywhere, a
/// first line whose key is a near miss of `Revision` (`Revison:`, `revision:`), or two of
/// `Parents:`, `Message:`, `Created:` in their places. A misspelled header must be
/// reported, not silently read as a hand-written migration with no parents.
fn looks_like_header(block: &[&str]) -> bool {
    if block.iter().any(|l| l.starts_with("Revision:")) {
        return true;
    }
    let first_key = block
        .first()
        .and_then(|l| l.split_once(':'))
        .map(|(k, _)| k.trim().to_ascii_lowercase());
    if first_key.is_some_and(|k| edit_distance(&k, "revision") <= 2) {
        return true;
    }
    KEYS.iter()
        .enumerate()
        .skip(1)
        .filter(|(i, k)| {
            block
                .get(*i)
                .is_some_and(|l| l.starts_with(&format!("{k}:")))
        })
        .count()
        >= 2
}

/// Levenshtein distance, for the short keys of a header only.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn field<'a>(block: &[&'a str], index: usize, key: &str) -> Option<&'a str> {
    let value = block.get(index)?.strip_prefix(key)?.strip_prefix(':')?;
    Some(value.trim())
}

fn parse_parents(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// What can be read of a malformed header whose first line holds a revision id (even
/// under a misspelled key). `None` parents when the `Parents:` line cannot be read.
fn lenient(block: &[&str]) -> Option<(Header, bool)> {
    let id = block
        .first()?
        .split_once(':')
        .map(|(_, v)| v.trim())
        .filter(|id| is_revision_id(id))?;
    let parents = field(block, 1, "Parents").map(parse_parents).filter(|ps| {
        let mut seen = std::collections::BTreeSet::new();
        ps.iter()
            .all(|p| (is_revision_id(p) || is_module_name(p)) && p != id && seen.insert(p.as_str()))
    });
    let parents_known = parents.is_some();
    let header = Header {
        id: id.to_string(),
        parents: parents.unwrap_or_default(),
        message: field(block, 2, "Message").unwrap_or_default().to_string(),
        created: field(block, 3, "Created")
            .and_then(normalize_time)
            .unwrap_or_default(),
        notes: Vec::new(),
    };
    Some((header, parents_known))
}

fn parse_strict(block: &[&str]) -> Result<Header, (usize, String)> {
    for (i, key) in KEYS.iter().enumerate() {
        let line = i + 1;
        let Some(text) = block.get(i) else {
            return Err((
                line,
                format!("expected `//! {key}: …`, found the end of the header"),
            ));
        };
        let Some(value) = field(block, i, key) else {
            return Err((line, format!("expected `//! {key}: …`, found `//! {text}`")));
        };
        match *key {
            "Revision" if !is_revision_id(value) => {
                return Err((
                    line,
                    format!("revision id {value:?} is not 12 lowercase hex digits"),
                ));
            }
            "Parents" => {
                for parent in parse_parents(value) {
                    if !is_revision_id(&parent) && !is_module_name(&parent) {
                        return Err((
                            line,
                            format!(
                                "parent {parent:?} is neither a 12-hex-digit id nor a migration module name"
                            ),
                        ));
                    }
                }
            }
            "Created" if parse_time(value).is_none() => {
                return Err((line, format!("creation time {value:?} is not RFC 3339 UTC")));
            }
            _ => {}
        }
    }
    let id = field(block, 0, "Revision").expect("checked").to_string();
    let parents = parse_parents(field(block, 1, "Parents").expect("checked"));
    let mut seen = std::collections::BTreeSet::new();
    if let Some(dup) = parents.iter().find(|p| !seen.insert(p.as_str())) {
        return Err((PARENTS_LINE, format!("parent {dup} is named twice")));
    }
    if parents.contains(&id) {
        return Err((
            PARENTS_LINE,
            "a revision cannot be its own parent".to_string(),
        ));
    }
    Ok(Header {
        id,
        parents,
        message: field(block, 2, "Message").expect("checked").to_string(),
        created: normalize_time(field(block, 3, "Created").expect("checked")).expect("checked"),
        notes: block[KEYS.len()..].iter().map(|s| s.to_string()).collect(),
    })
}

/// Renders a header block, each line ending in a newline.
pub(crate) fn render(header: &Header) -> String {
    let mut out = format!("//! Revision: {}\n", header.id);
    if header.parents.is_empty() {
        out.push_str("//! Parents:\n");
    } else {
        out.push_str(&format!("//! Parents: {}\n", header.parents.join(", ")));
    }
    // Through the one escaping of Rust comments: a control or bidi character in a message
    // would reach reviewers' terminals, and rustc rejects some of them in comments.
    let comment = autogen_schema::escape::rust_comment;
    out.push_str(&format!(
        "//! Message: {}\n",
        comment(&one_line(&header.message))
    ));
    out.push_str(&format!("//! Created: {}\n", header.created));
    for note in &header.notes {
        // An empty note is a blank `//!` line (`"".lines()` yields none).
        if note.is_empty() {
            out.push_str("//!\n");
        }
        for line in note.lines() {
            if line.is_empty() {
                out.push_str("//!\n");
            } else {
                out.push_str(&format!("//! {}\n", comment(line)));
            }
        }
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `s` is a revision id: 12 lowercase hex digits.
pub fn is_revision_id(s: &str) -> bool {
    s.len() == 12
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether `s` is a sea-orm-migration module name: `m\d{8}_\d{6}_\w+`.
pub fn is_module_name(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 17
        && b[0] == b'm'
        && b[1..9].iter().all(u8::is_ascii_digit)
        && b[9] == b'_'
        && b[10..16].iter().all(u8::is_ascii_digit)
        && b[16] == b'_'
        && b[17..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// The slug of a message: lowercase ASCII, runs of other characters as one `_`, trimmed,
/// at most 40 characters; `revision` when nothing is left.
pub fn slug(message: &str) -> String {
    let mut out = String::new();
    for c in message.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let mut out: String = out.trim_matches('_').chars().take(40).collect();
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() {
        "revision".to_string()
    } else {
        out
    }
}

/// Date and time fields of a UTC time.
type Civil = (u32, u32, u32, u32, u32, u32);

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+00:00)`.
pub(crate) fn parse_time(s: &str) -> Option<Civil> {
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let t = (
        num(0..4)?,
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
    );
    let mut rest = s.get(19..)?;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &frac[digits..];
    }
    if !matches!(rest, "Z" | "z" | "+00:00" | "-00:00") {
        return None;
    }
    let ok = (1..=12).contains(&t.1)
        && (1..=days_in_month(t.0, t.1)).contains(&t.2)
        && t.3 < 24
        && t.4 < 60
        && t.5 < 61;
    ok.then_some(t)
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The canonical form `YYYY-MM-DDTHH:MM:SSZ` of an RFC 3339 UTC time (fractions dropped).
pub(crate) fn normalize_time(s: &str) -> Option<String> {
    let (y, mo, d, h, mi, se) = parse_time(s)?;
    Some(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{se:02}Z"))
}

/// `YYYYMMDD_HHMMSS` of an RFC 3339 UTC time.
pub(crate) fn module_stamp(s: &str) -> Option<String> {
    let (y, mo, d, h, mi, se) = parse_time(s)?;
    Some(format!("{y:04}{mo:02}{d:02}_{h:02}{mi:02}{se:02}"))
}

/// The time in a module name, as RFC 3339 (`m20220101_000001_x` → `2022-01-01T00:00:01Z`).
pub(crate) fn module_time(module: &str) -> String {
    let d = &module[1..9];
    let t = &module[10..16];
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &d[0..4],
        &d[4..6],
        &d[6..8],
        &t[0..2],
        &t[2..4],
        &t[4..6]
    )
}

/// The message of a hand-written migration: its module name's slug, underscores as spaces.
pub(crate) fn module_message(module: &str) -> String {
    module[17..].replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_renders() {
        let h = Header {
            id: "3f2a9c1b4d5e".into(),
            parents: vec![
                "1a2b3c4d5e6f".into(),
                "m20220101_000001_create_table".into(),
            ],
            message: "add column".into(),
            created: "2026-11-24T22:40:00Z".into(),
            notes: vec!["Hazards: deletes data".into()],
        };
        let text = render(&h) + "\nuse x;\n";
        assert_eq!(parse(&text), Parsed::Revision(h));
        assert_eq!(parse("use x;\n"), Parsed::HandWritten);
        assert_eq!(parse("//! Some docs\nuse x;\n"), Parsed::HandWritten);
        let root = "//! Revision: 3f2a9c1b4d5e\n//! Parents:\n//! Message: m\n//! Created: 2026-01-01T00:00:00.5+00:00\n";
        let Parsed::Revision(h) = parse(root) else {
            panic!()
        };
        assert!(h.parents.is_empty());
        assert_eq!(h.created, "2026-01-01T00:00:00Z");
        assert!(matches!(
            parse(&root.replace("3f2a", "3F2A")),
            Parsed::Malformed { line: 1, .. }
        ));
        assert!(matches!(
            parse(&root.replace("Parents:", "Parent:")),
            Parsed::Malformed { line: 2, .. }
        ));
        assert!(matches!(
            parse(&root.replace("00.5+00:00", "00+01:00")),
            Parsed::Malformed { line: 4, .. }
        ));
    }

    #[test]
    fn slugs_times_and_names() {
        assert_eq!(slug("Add column `user.email`!"), "add_column_user_email");
        assert_eq!(slug("   "), "revision");
        assert_eq!(slug(&"x".repeat(60)).len(), 40);
        assert_eq!(
            module_stamp("2026-11-24T22:40:05Z").unwrap(),
            "20261124_224005"
        );
        assert!(parse_time("2026-02-30T00:00:00Z").is_none());
        assert!(is_module_name("m20220101_000001_create_table"));
        assert!(!is_module_name("m2022010_000001_x"));
        assert_eq!(
            module_time("m20220101_000001_create_table"),
            "2022-01-01T00:00:01Z"
        );
        assert_eq!(
            module_message("m20220101_000001_create_table"),
            "create table"
        );
    }
}
