//! Database URLs as they may be shown: without passwords or other secrets.
//!
//! [`redact`] is the one place a URL is made printable; [`redact_urls_in`] applies it to
//! every URL inside a message (a config parser's excerpt, a driver's error), and
//! [`scrub`] removes a known URL's secrets from a message that may quote them in another
//! form (decoded, or a single query value).
//!
//! Policy: the password becomes `***`; a query parameter keeps its value only when its
//! name is in [`PUBLIC_PARAMETERS`] (settings such as `sslmode` or `mode`, never
//! credentials), every other value becomes `***`; a fragment becomes `#***`. Text that does
//! not parse as a URL, or parses in a way that leaves an `@` outside the user-info (a
//! password with an unescaped `/`, `?` or `#`), is shown with everything between the
//! scheme and its last `@` masked, and its query and fragment masked.

use std::borrow::Cow;

use url::Url;

/// Query parameters whose values are settings, shown as they are. Every other
/// parameter's value is hidden: a list of secret names (`password`, `sslpassword`,
/// `token`…) would miss the next driver's spelling.
pub const PUBLIC_PARAMETERS: &[&str] = &[
    "application_name",
    "cache",
    "charset",
    "collation",
    "connect_timeout",
    "host",
    "hostaddr",
    "immutable",
    "mode",
    "port",
    "sslmode",
    "ssl-mode",
    "statement-cache-capacity",
    "timezone",
    "user",
    "vfs",
];

const MASK: &str = "***";

/// The URL with its password, its secret query values and its fragment replaced by `***`.
pub fn redact(text: &str) -> String {
    // An `@` after `#` is most likely a password's own `#` left unencoded
    // (`postgres://u:p#w@h`): the parse would show part of it as the host.
    let url = Url::parse(text)
        .ok()
        .filter(|url| !url.fragment().is_some_and(|f| f.contains('@')));
    match url.ok_or(()) {
        // Nothing to hide: the text as written (re-serializing would percent-encode it).
        Ok(url)
            if parsed_faithfully(text, &url)
                && url.password().is_none()
                && url.query().is_none()
                && url.fragment().is_none() =>
        {
            text.to_string()
        }
        Ok(url) if parsed_faithfully(text, &url) => redact_parsed(&url),
        _ => redact_unparsed(text),
    }
}

/// `text` with every URL in it passed through [`redact`]: each `scheme://…`, and each
/// `user:password@host` without a scheme (a mistyped URL). A URL ends at whitespace;
/// quotes and brackets around it stay.
pub fn redact_urls_in(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let space_end = rest[word_end..]
            .find(|c: char| !c.is_whitespace())
            .map_or(rest.len(), |i| word_end + i);
        out.push_str(&redact_word(&rest[..word_end]));
        out.push_str(&rest[word_end..space_end]);
        rest = &rest[space_end..];
    }
    out
}

/// One whitespace-free word of a message, its URL (if any) redacted.
fn redact_word(word: &str) -> Cow<'_, str> {
    const AROUND: &[char] = &['"', '\'', '`', '(', ')', '<', '>', '[', ']', ',', ';'];
    // Also after a URL: the punctuation of the sentence (`{url}: {reason}`).
    const AFTER: &[char] = &[
        '"', '\'', '`', '(', ')', '<', '>', '[', ']', ',', ';', ':', '.', '!',
    ];
    // Without a scheme: `user:password@host` (a mistyped URL), from the word's start.
    let core = word.trim_start_matches(AROUND);
    let userinfo_with_password = core.rfind('@').is_some_and(|at| core[..at].contains(':'));
    let unparsed_start = userinfo_with_password.then(|| word.len() - core.len());
    let start = match word.find("://") {
        // The scheme: the letters, digits and `+.-` right before `://`; but a password
        // may hold `://` itself (`postgres//u://pw@h`), so a user-info that starts
        // earlier wins.
        Some(sep) => {
            let scheme_start = word[..sep]
                .char_indices()
                .rev()
                .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')))
                .map_or(0, |(i, c)| i + c.len_utf8());
            unparsed_start.map_or(scheme_start, |u| u.min(scheme_start))
        }
        None => match unparsed_start {
            Some(start) => start,
            None => return Cow::Borrowed(word),
        },
    };
    let url = word[start..].trim_end_matches(AFTER);
    let end = start + url.len();
    Cow::Owned(format!("{}{}{}", &word[..start], redact(url), &word[end..]))
}

/// `message` with every secret of `url` (its password and hidden query values, raw and
/// percent-decoded) replaced by `***`, and every URL in it redacted: for errors of a
/// driver that may quote a part of the URL it was given.
pub fn scrub(message: &str, url: &str) -> String {
    let mut out = redact_urls_in(message);
    let mut secrets = secrets_of(url);
    // Longest first, so that a secret containing another is replaced whole.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for secret in secrets {
        // One or two characters would mask unrelated text, and leak next to nothing.
        if secret.chars().count() > 2 {
            out = out.replace(&secret, MASK);
        }
    }
    out
}

/// The substrings of `url` that are secret, in every spelling a message may use.
fn secrets_of(url: &str) -> Vec<String> {
    let mut raw: Vec<String> = Vec::new();
    match Url::parse(url) {
        Ok(parsed) if parsed_faithfully(url, &parsed) => {
            raw.extend(parsed.password().map(String::from));
            if let Some(query) = parsed.query() {
                for pair in query.split('&') {
                    if let Some((name, value)) = pair.split_once('=')
                        && !is_public(name)
                    {
                        raw.push(value.to_string());
                    }
                }
            }
            raw.extend(parsed.fragment().map(String::from));
        }
        _ => {
            let (head, tail) = split_unparsed(url);
            raw.extend(head.map(String::from));
            raw.extend(tail.map(String::from));
        }
    }
    let mut all = Vec::new();
    for s in raw.into_iter().filter(|s| !s.is_empty()) {
        if let Ok(decoded) = percent_encoding::percent_decode_str(&s).decode_utf8()
            && decoded != s
        {
            all.push(decoded.into_owned());
        }
        all.push(s);
    }
    all
}

/// Whether the parser read an `@` as the end of the user-info, and left none in the path:
/// a password with an unescaped `/`, `?` or `#` parses with its tail elsewhere. (An `@` in
/// the query of a URL without user-info, `?user=a@b`, is therefore masked too.)
fn parsed_faithfully(text: &str, url: &Url) -> bool {
    if !text.contains('@') {
        return true;
    }
    let has_userinfo = !url.username().is_empty() || url.password().is_some();
    has_userinfo && !url.path().contains('@')
}

fn redact_parsed(url: &Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        // Fails only for URLs that cannot have a password, which then have none.
        let _ = shown.set_password(Some(MASK));
    }
    if let Some(query) = url.query() {
        let masked: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, value)) if is_public(name) => format!("{name}={value}"),
                // A name that is not a plain word may be a password's tail (`u:a?b@h`).
                Some((name, _)) if is_word(name) => format!("{name}={MASK}"),
                None if is_public(pair) || pair.is_empty() => pair.to_string(),
                _ => MASK.to_string(),
            })
            .collect();
        shown.set_query(Some(&masked.join("&")));
    }
    if shown.fragment().is_some() {
        shown.set_fragment(Some(MASK));
    }
    shown.to_string()
}

fn is_word(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

fn is_public(name: &str) -> bool {
    let name: Cow<str> = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
    PUBLIC_PARAMETERS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(name.as_ref()))
}

/// Text that is not a URL: the scheme, then `***@` for everything up to the last `@`,
/// the host and path, and `?***` for a query or fragment.
fn redact_unparsed(text: &str) -> String {
    let (scheme_len, _) = scheme_prefix(text);
    let body = &text[scheme_len..];
    let (userinfo, after) = match body.rfind('@') {
        Some(at) => (true, &body[at + 1..]),
        None => (false, body),
    };
    let (location, query) = match after.find(['?', '#']) {
        Some(q) => (&after[..q], true),
        None => (after, false),
    };
    let mut out = text[..scheme_len].to_string();
    if userinfo {
        out.push_str(MASK);
        out.push('@');
        out.push_str(location);
    } else {
        out.push_str(&mask_colon_secret(location));
    }
    if query {
        out.push('?');
        out.push_str(MASK);
    }
    out
}

/// `user:secret/db` (no `@`): what follows the colon of the first segment is a port only
/// when it is all digits.
fn mask_colon_secret(location: &str) -> String {
    let segment_end = location.find('/').unwrap_or(location.len());
    let segment = &location[..segment_end];
    match segment.rsplit_once(':') {
        Some((before, after)) if !after.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{before}:{MASK}{}", &location[segment_end..])
        }
        _ => location.to_string(),
    }
}

/// The masked parts of unparsed text: everything before the last `@` (after the scheme)
/// and everything after the first `?` or `#` that follows it.
fn split_unparsed(text: &str) -> (Option<&str>, Option<&str>) {
    let (scheme_len, _) = scheme_prefix(text);
    let body = &text[scheme_len..];
    let (head, after) = match body.rfind('@') {
        Some(at) => (Some(&body[..at]), &body[at + 1..]),
        None => {
            let segment = &body[..body.find(['/', '?', '#']).unwrap_or(body.len())];
            let secret = segment
                .rsplit_once(':')
                .map(|(_, s)| s)
                .filter(|s| !s.bytes().all(|b| b.is_ascii_digit()));
            (secret, body)
        }
    };
    (head, after.find(['?', '#']).map(|q| &after[q + 1..]))
}

/// The length of a leading `scheme:` plus any slashes after it (`postgres://`,
/// `postgres//`, `sqlite:`), and whether there was a scheme.
fn scheme_prefix(text: &str) -> (usize, bool) {
    let scheme_end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')))
        .unwrap_or(text.len());
    let starts_with_letter = text.starts_with(|c: char| c.is_ascii_alphabetic());
    if !starts_with_letter || scheme_end == 0 {
        return (0, false);
    }
    let mut end = scheme_end;
    let had_colon = text[end..].starts_with(':');
    if had_colon {
        end += 1;
    }
    let slashes = text[end..].len() - text[end..].trim_start_matches('/').len();
    if !had_colon && slashes == 0 {
        // A bare word: not a scheme, and may itself be `user:secret`.
        return (0, false);
    }
    (end + slashes, true)
}

#[cfg(test)]
mod tests;
