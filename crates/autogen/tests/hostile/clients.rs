//! The databases' own clients and dump tools.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;

/// The parts of a URL the `mysql` client takes as options.
pub fn mysql_args(url: &str) -> Vec<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (auth, rest) = rest.rsplit_once('@').unwrap_or(("root", rest));
    let (user, password) = auth.split_once(':').unwrap_or((auth, ""));
    let (host, db) = rest.split_once('/').unwrap_or((rest, ""));
    let (host, port) = host.split_once(':').unwrap_or((host, "3306"));
    let mut args = vec![
        "--protocol=TCP".into(),
        format!("--host={host}"),
        format!("--port={port}"),
        format!("--user={user}"),
    ];
    if !password.is_empty() {
        args.push(format!("--password={password}"));
    }
    args.push(db.split('?').next().unwrap_or("").to_string());
    args
}

pub fn sqlite_path(url: &str) -> PathBuf {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}

/// Pipes `script` into `program`; `None` when it is not installed. An error is any exit
/// status but success, or anything on stderr (psql exits 0 after errors).
pub fn run_client(program: &str, args: &[String], script: &str) -> Option<Result<(), String>> {
    let mut child = match Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("cannot run {program}: {e}"),
    };
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("write the script");
    let out = child.wait_with_output().expect("wait for the client");
    let stderr = String::from_utf8_lossy(&out.stderr);
    Some(if out.status.success() && stderr.trim().is_empty() {
        Ok(())
    } else {
        Err(format!("exit {:?}: {stderr}", out.status.code()))
    })
}

/// The database's own schema dump of `db`, without what names the database or the run.
pub fn dump(db: &ScratchDb) -> Option<String> {
    let out = match db.dialect {
        Dialect::Postgres => Command::new("pg_dump")
            .args([
                "--schema-only",
                "--no-owner",
                "--schema=public",
                "-d",
                &db.url,
            ])
            .output(),
        Dialect::Mysql => Command::new("mysqldump")
            .args(["--no-data", "--compact", "--skip-comments"])
            .args(mysql_args(&db.url))
            .output(),
        // SQLite keeps the DDL text as written: two equal schemas written by different
        // hands dump differently, so only reflection judges.
        Dialect::Sqlite => return None,
    };
    let out = match out {
        Ok(out) => out,
        Err(e) => {
            eprintln!(
                "{}: no dump tool ({e}): judged by reflection only",
                db.dialect
            );
            return None;
        }
    };
    assert!(
        out.status.success(),
        "dump: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8 dump");
    Some(
        text.lines()
            .filter(|l| {
                !(l.starts_with("--")
                    || l.starts_with("\\restrict")
                    || l.starts_with("\\unrestrict")
                    || l.starts_with("/*!")
                    || l.starts_with("SET ")
                    || l.starts_with("SELECT pg_catalog.set_config"))
            })
            .map(|l| {
                // MariaDB prints the next AUTO_INCREMENT value in the table options.
                match l.find(" AUTO_INCREMENT=") {
                    Some(i) => {
                        let end = l[i + 16..].find(' ').map_or(l.len(), |j| i + 16 + j);
                        format!("{}{}", &l[..i], &l[end..])
                    }
                    None => l.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    )
}
