//! The canonical row encoding `E(row)` and the 60-bit row hash, in Rust: the oracle that
//! the per-backend SQL (`sql.rs`) must agree with, and the implementation on SQLite,
//! which has no MD5 (its rows are read as stored and encoded here).
//!
//! `E(row)` is the concatenation of one field per column, in the order given:
//!
//! - NULL is `N`;
//! - any other value is `{len}:{text}`, `len` the byte length of the canonical text in
//!   decimal, so `N`, `0:` (the empty string) and `4:NULL` never collide, and no value can
//!   imitate a field boundary.
//!
//! The canonical text depends on the column's [`Class`], never on the backend's spelling
//! of the value (see docs/runtime.md, "Checksums").

use md5::{Digest, Md5};

/// How a column's values are written in `E`, from the column's declared type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Integers, in decimal.
    Integer,
    /// Booleans: `1` or `0`.
    Boolean,
    /// Exact numerics at the column's fixed scale (`Some(s)`: exactly `s` fraction
    /// digits); `None`: unconstrained, trailing fraction zeros removed.
    Decimal(Option<u32>),
    /// Floating point, rounded to 6 fraction digits (`-0.0` is `0.000000`);
    /// `NaN`, `Infinity`, `-Infinity`.
    Float,
    /// Text as stored (UTF-8).
    Text,
    /// Bytes as lowercase hex.
    Bytes,
    /// A date: `YYYY-MM-DD`.
    Date,
    /// A time of day: `HH:MM:SS.ffffff`.
    Time,
    /// A timestamp, with or without time zone: microseconds since 1970-01-01 UTC (a value
    /// without zone is read as UTC).
    Timestamp,
    /// JSON, as the backend normalises it (PostgreSQL: `jsonb` text; elsewhere compact
    /// text with the keys in stored order).
    Json,
}

/// A logical value, as the oracle takes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A decimal written out (`"-12.50"`).
    Decimal(String),
    /// A float.
    Float(f64),
    /// Text.
    Text(String),
    /// Bytes.
    Bytes(Vec<u8>),
    /// A date `(year, month, day)`.
    Date(i32, u32, u32),
    /// A time of day in microseconds since midnight.
    Time(i64),
    /// Microseconds since 1970-01-01 UTC.
    Timestamp(i64),
    /// JSON text, canonicalised per backend (see [`Class::Json`]).
    Json(String),
}

/// Whether JSON is canonicalised as PostgreSQL's `jsonb` prints it, or compact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonStyle {
    /// `{"a": 1, "bb": [1, 2]}`: keys ordered by length then bytes, `", "` and `": "`.
    Jsonb,
    /// `{"b":1,"a":2}`: keys in stored order, no spaces.
    Compact,
}

/// The canonical text of one value (`None` for NULL).
pub fn canonical(value: &Value, json: JsonStyle) -> Option<String> {
    Some(match value {
        Value::Null => return None,
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => if *b { "1" } else { "0" }.to_string(),
        Value::Decimal(d) => d.clone(),
        Value::Float(f) => float_text(*f),
        Value::Text(t) => t.clone(),
        Value::Json(t) => json_text(t, json),
        Value::Bytes(b) => hex(b),
        Value::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        Value::Time(us) => time_text(*us),
        Value::Timestamp(us) => us.to_string(),
    })
}

/// `E(row)` from canonical field texts (`None`: NULL).
pub fn encode_fields<S: AsRef<str>>(fields: &[Option<S>]) -> String {
    let mut out = String::new();
    for field in fields {
        match field {
            None => out.push('N'),
            Some(text) => {
                let text = text.as_ref();
                out.push_str(&text.len().to_string());
                out.push(':');
                out.push_str(text);
            }
        }
    }
    out
}

/// `E(row)` of logical values: the oracle.
pub fn encode_row(values: &[Value], json: JsonStyle) -> String {
    let fields: Vec<Option<String>> = values.iter().map(|v| canonical(v, json)).collect();
    encode_fields(&fields)
}

/// The row hash: the first 15 hex digits of `MD5(e)` as a number below 2^60, as
/// PostgreSQL's `('x'||substr(md5(e),1,15))::bit(60)::bigint` and MySQL's
/// `CONV(SUBSTR(MD5(e),1,15),16,10)` compute it.
pub fn row_hash(e: &str) -> u64 {
    let digest = Md5::digest(e.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) >> 4
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// A float rounded to 6 fraction digits, negative zero written as zero.
pub fn float_text(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let text = format!("{:.6}", f + 0.0);
    if text == "-0.000000" {
        "0.000000".into()
    } else {
        text
    }
}

/// A decimal's text at a fixed scale (`Some(s)`), or with trailing fraction zeros removed
/// (`None`). Text that is not a plain decimal is returned as it is.
pub fn decimal_text(text: &str, scale: Option<u32>) -> String {
    let t = text.trim();
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return text.to_string();
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = match scale {
        Some(s) => {
            let s = s as usize;
            if frac.len() >= s {
                frac[..s].to_string()
            } else {
                format!("{frac:0<s$}")
            }
        }
        None => frac.trim_end_matches('0').to_string(),
    };
    let zero = int == "0" && frac.bytes().all(|b| b == b'0');
    let sign = if negative && !zero { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

fn time_text(us: i64) -> String {
    let us = us.rem_euclid(86_400_000_000);
    let (s, frac) = (us / 1_000_000, us % 1_000_000);
    format!("{:02}:{:02}:{:02}.{frac:06}", s / 3600, s / 60 % 60, s % 60)
}

/// JSON text in the given style; text that is not JSON is returned as it is.
pub fn json_text(text: &str, style: JsonStyle) -> String {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return text.to_string();
    };
    match style {
        JsonStyle::Compact => value.to_string(),
        JsonStyle::Jsonb => {
            let mut out = String::new();
            jsonb(&value, &mut out);
            out
        }
    }
}

/// PostgreSQL's `jsonb` output: object keys shorter first, then bytewise; `", "`, `": "`.
fn jsonb(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value as J;
    match value {
        J::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                jsonb(item, out);
            }
            out.push(']');
        }
        J::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&J::String((*key).clone()).to_string());
                out.push_str(": ");
                jsonb(&map[*key], out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Microseconds since 1970-01-01 UTC of a timestamp as SQLite stores it in text:
/// `YYYY-MM-DD[ T]HH:MM[:SS[.f…]][Z| ±HH:MM|±HHMM]`, a missing zone meaning UTC.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let t = text.trim();
    let b = t.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let s = t.get(from..from + len)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b.len() < 16 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b' ' | b'T') {
        return None;
    }
    let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (h, mi) = (num(11, 2)?, num(14, 2)?);
    if b[13] != b':' || !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 {
        return None;
    }
    let mut i = 16;
    let mut sec = 0;
    let mut micros = 0i64;
    if b.get(i) == Some(&b':') {
        sec = num(17, 2)?;
        i = 19;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let digits = &t[start..i];
            if digits.is_empty() {
                return None;
            }
            // Microseconds: the first six digits, rounded by the seventh.
            let mut six: String = digits.chars().take(6).collect();
            while six.len() < 6 {
                six.push('0');
            }
            micros = six.parse().ok()?;
            if digits.len() > 6 && digits.as_bytes()[6] >= b'5' {
                micros += 1;
            }
        }
    }
    let rest = t[i..].trim_start();
    let offset_minutes = match rest {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let zone = rest[1..].replace(':', "");
            if zone.len() != 4 || !zone.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            sign * (zone[..2].parse::<i64>().ok()? * 60 + zone[2..].parse::<i64>().ok()?)
        }
    };
    let days = days_from_civil(y, mo, d);
    let seconds = days * 86_400 + h * 3600 + mi * 60 + sec - offset_minutes * 60;
    seconds.checked_mul(1_000_000)?.checked_add(micros)
}

/// A time of day as SQLite stores it (`HH:MM[:SS[.f…]]`), in microseconds.
pub fn parse_time(text: &str) -> Option<i64> {
    parse_timestamp(&format!("1970-01-01 {}", text.trim()))
}

/// A value as SQLite stores it, read with its storage class by `sql::sqlite_field`:
/// `i…` integer, `r…` real (17 significant digits), `t…` text, `x…` blob (hex).
pub fn sqlite_canonical(stored: &str, class: Class) -> String {
    let (kind, raw) = if stored.is_char_boundary(1) {
        stored.split_at(1)
    } else {
        ("", stored)
    };
    let real = || raw.parse::<f64>().ok();
    match (class, kind) {
        (Class::Bytes, "x") => raw.to_ascii_lowercase(),
        (Class::Bytes, _) => hex(raw.as_bytes()),
        (_, "x") => format!("x{}", raw.to_ascii_lowercase()),
        (Class::Integer | Class::Boolean, "r") => match real() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => (f as i64).to_string(),
            _ => raw.to_string(),
        },
        (Class::Decimal(scale), "r") => match (real(), scale) {
            (Some(f), Some(s)) => decimal_text(&format!("{:.*}", s as usize, f), scale),
            _ => decimal_text(raw, scale),
        },
        (Class::Decimal(scale), _) => decimal_text(raw, scale),
        (Class::Float, "r" | "i") => real().map(float_text).unwrap_or_else(|| raw.to_string()),
        (Class::Timestamp, "t") => parse_timestamp(raw)
            .map(|us| us.to_string())
            .unwrap_or_else(|| raw.to_string()),
        (Class::Timestamp, "i") => raw
            .parse::<i64>()
            .ok()
            .and_then(|s| s.checked_mul(1_000_000))
            .map(|us| us.to_string())
            .unwrap_or_else(|| raw.to_string()),
        (Class::Date, "t") => match raw.get(..10) {
            Some(d) if parse_timestamp(&format!("{d} 00:00")).is_some() => d.to_string(),
            _ => raw.to_string(),
        },
        (Class::Time, "t") => parse_time(raw)
            .map(time_text)
            .unwrap_or_else(|| raw.to_string()),
        (Class::Json, "t") => json_text(raw, JsonStyle::Compact),
        _ => raw.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_hash_is_the_first_15_hex_digits_of_md5() {
        // md5("") = d41d8cd98f00b204e9800998ecf8427e
        assert_eq!(row_hash(""), 0xd41d8cd98f00b20);
        // md5("N") = 8d9c307cb7f3c4a32822a51922d1ceaa
        assert_eq!(row_hash("N"), 0x8d9c307cb7f3c4a);
        assert!(row_hash("anything") < 1 << 60);
    }

    #[test]
    fn null_empty_and_the_word_null_encode_apart() {
        let e = |v: Value| encode_row(&[v], JsonStyle::Compact);
        let all = [
            e(Value::Null),
            e(Value::Text(String::new())),
            e(Value::Text("NULL".into())),
            e(Value::Text("N".into())),
        ];
        assert_eq!(all, ["N", "0:", "4:NULL", "1:N"]);
        // Length prefixes keep field boundaries: ("a", "bc") is not ("ab", "c").
        let ab = encode_row(
            &[Value::Text("a".into()), Value::Text("bc".into())],
            JsonStyle::Compact,
        );
        let a_b = encode_row(
            &[Value::Text("ab".into()), Value::Text("c".into())],
            JsonStyle::Compact,
        );
        assert_ne!(ab, a_b);
        // Byte lengths, not characters.
        assert_eq!(e(Value::Text("\u{e9}".into())), "2:\u{e9}");
    }

    #[test]
    fn floats_decimals_and_times_are_canonical() {
        assert_eq!(float_text(-0.0), "0.000000");
        assert_eq!(float_text(-1e-9), "0.000000");
        assert_eq!(float_text(1e20), "100000000000000000000.000000");
        assert_eq!(float_text(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(decimal_text("-0.00", Some(2)), "0.00");
        assert_eq!(decimal_text("1.5", Some(3)), "1.500");
        assert_eq!(decimal_text("0012.3400", None), "12.34");
        assert_eq!(decimal_text("abc", Some(2)), "abc");
        assert_eq!(parse_timestamp("1970-01-01 00:00:00"), Some(0));
        assert_eq!(
            parse_timestamp("2024-01-02 03:04:05.123456+02:00"),
            parse_timestamp("2024-01-02T01:04:05.123456Z")
        );
        assert_eq!(
            parse_timestamp("2024-01-02 01:04:05.1234564"),
            Some(1_704_157_445_123_456)
        );
        assert_eq!(parse_timestamp("1969-12-31 23:59:59.5"), Some(-500_000));
        assert_eq!(parse_timestamp("yesterday"), None);
        assert_eq!(time_text(3_723_000_001), "01:02:03.000001");
        assert_eq!(
            json_text(r#"{"bb": 1, "a": [1, {"d": 2, "c": 3}]}"#, JsonStyle::Jsonb),
            r#"{"a": [1, {"c": 3, "d": 2}], "bb": 1}"#
        );
        assert_eq!(
            json_text(r#"{"b": 1, "a": 2}"#, JsonStyle::Compact),
            r#"{"b":1,"a":2}"#
        );
    }

    #[test]
    fn sqlite_values_are_read_by_storage_class() {
        assert_eq!(sqlite_canonical("r-0", Class::Float), "0.000000");
        assert_eq!(
            sqlite_canonical("r1234.5599999999999", Class::Decimal(Some(2))),
            "1234.56"
        );
        assert_eq!(sqlite_canonical("i0", Class::Decimal(Some(2))), "0.00");
        assert_eq!(sqlite_canonical("x00FF", Class::Bytes), "00ff");
        assert_eq!(sqlite_canonical("tab", Class::Bytes), "6162");
        assert_eq!(sqlite_canonical("x00", Class::Text), "x00");
        assert_eq!(
            sqlite_canonical("t2024-01-02 03:04:05Z", Class::Timestamp),
            "1704164645000000"
        );
        assert_eq!(sqlite_canonical("", Class::Text), "");
    }
}
