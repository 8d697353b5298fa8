//! Nothing waits forever: the models command, the connection and the reads are bounded,
//! and each timeout names what timed out.

use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant};

use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;

use crate::common::{Project, assert_clean_error, stdout, users};
use crate::{all_output, autogen};

fn write_config(dir: &Path, text: &str) {
    std::fs::write(dir.join("autogen.toml"), text).unwrap();
}

/// Whether process `pid` is gone (or a zombie about to be reaped), waiting up to 30 s.
fn gone(pid: &str) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        let status = std::fs::read_to_string(format!("/proc/{pid}/stat"));
        match status {
            Err(_) => return true,
            // Field 3 is the state: Z for a zombie.
            Ok(s)
                if s.rsplit_once(')')
                    .is_some_and(|(_, r)| r.trim_start().starts_with('Z')) =>
            {
                return true;
            }
            Ok(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    false
}

#[test]
fn a_models_command_that_never_ends_is_killed_with_its_process_group() {
    let p = Project::new(&users());
    write_config(
        p.path(),
        "[models]\ncommand = \"sleep 1000 & echo $! > bg.pid; sleep 1000\"\ntimeout = 1\n",
    );
    let o = autogen(p.path(), &["inspect", "--models"]);
    assert_clean_error(&o, "timed out after 1s");
    assert!(all_output(&o).contains("`sleep 1000 & echo $! > bg.pid; sleep 1000`"));
    assert!(
        all_output(&o).contains("[models] timeout"),
        "{}",
        all_output(&o)
    );
    let pid = std::fs::read_to_string(p.path().join("bg.pid")).unwrap();
    assert!(
        gone(pid.trim()),
        "the background sleep {pid} was not killed"
    );
    // `check` and `revision` run the same command the same way.
    let p = Project::init(&users());
    write_config(
        p.path(),
        "[models]\ncommand = \"sleep 1000\"\ntimeout = 0.5\n",
    );
    for args in [&["check"][..], &["revision", "-m", "x"][..]] {
        let o = autogen(p.path(), args);
        assert_clean_error(&o, "models: `sleep 1000` timed out after 0.5s");
    }
}

#[test]
fn a_background_child_holding_stdout_does_not_hang_autogen() {
    let p = Project::new(&users());
    write_config(
        p.path(),
        // The background process holds stdout only: stderr is this test's pipe.
        "[models]\ncommand = \"cat models.json; sleep 1000 2>/dev/null & echo $! > bg.pid\"\n",
    );
    let o = autogen(p.path(), &["inspect", "--models", "--format", "json"]);
    let pid = std::fs::read_to_string(p.path().join("bg.pid")).unwrap();
    let _ = std::process::Command::new("kill").arg(pid.trim()).status();
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    assert!(stdout(&o).contains("\"users\""), "{}", stdout(&o));
    assert!(
        all_output(&o).contains("still holds its output open"),
        "{}",
        all_output(&o)
    );
}

/// A server that accepts connections and never says a word.
fn silent_server() -> (u16, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        // Every connection stays open, unanswered, until the test process ends.
        let held: Vec<_> = listener.incoming().map_while(Result::ok).collect();
        drop(held);
    });
    (port, handle)
}

#[test]
fn a_server_that_never_answers_times_out_naming_the_url() {
    let (port, _server) = silent_server();
    let p = Project::init(&users());
    write_config(
        p.path(),
        "[models]\ncommand = \"cat models.json\"\n[database]\nconnect_timeout = 1\n",
    );
    for scheme in ["postgres", "mysql"] {
        let url = format!("{scheme}://u:S3CRET@127.0.0.1:{port}/x");
        let shown = format!("connecting to {scheme}://u:***@127.0.0.1:{port}/x");
        for args in [
            vec!["inspect", "--database", url.as_str()],
            vec!["current", "--database", url.as_str()],
            vec!["check", "--database", url.as_str()],
        ] {
            let o = autogen(p.path(), &args);
            assert_clean_error(&o, "timed out after 1s");
            let text = all_output(&o);
            assert!(text.contains(&shown), "{args:?}: {text}");
            assert!(text.contains("connect_timeout"), "{args:?}: {text}");
            assert!(!text.contains("S3CRET"), "{text}");
        }
    }
}

#[tokio::test]
async fn a_read_that_never_ends_times_out() {
    // SQLite: another connection holds an exclusive lock, so the catalog read waits; the
    // driver's own busy timeout (5 s) is longer than the statement timeout.
    let db = ScratchDb::create(Dialect::Sqlite).await;
    db.execute_all(&["CREATE TABLE t (id integer PRIMARY KEY)".to_string()])
        .await;
    let holder = db.connect().await;
    holder.execute("BEGIN EXCLUSIVE").await.unwrap();
    holder.execute("INSERT INTO t VALUES (1)").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), "[database]\nstatement_timeout = 0.5\n");
    let o = autogen(dir.path(), &["inspect", "--database", &db.url]);
    assert_clean_error(&o, "timed out after 0.5s reading sqlite://");
    assert!(
        all_output(&o).contains("statement_timeout"),
        "{}",
        all_output(&o)
    );
    holder.execute("ROLLBACK").await.unwrap();
    holder.close().await;
}

#[test]
fn timeouts_must_be_numbers_of_seconds() {
    let dir = tempfile::tempdir().unwrap();
    for bad in [
        "[models]\ntimeout = -1\n",
        "[models]\ntimeout = \"10s\"\n",
        "[database]\nconnect_timeout = -0.5\n",
    ] {
        write_config(dir.path(), bad);
        let o = autogen(dir.path(), &["inspect", "--models"]);
        assert_clean_error(&o, "expected a number of seconds");
    }
}
