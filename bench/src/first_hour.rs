//! `autogen-bench first-hour`: what a newcomer waits for. `autogen revision` on the example
//! (`models/`, `migrations/`, no changes, so nothing is written), timed three ways:
//!
//! - **cold**: a fresh cargo target directory, so the models command builds the models and
//!   all their dependencies (SeaORM, sqlx, …) as on a fresh clone;
//! - **warm**: the same target directory again, nothing to rebuild;
//! - **after an edit**: `models/src/lib.rs` touched first, so cargo rebuilds the models
//!   crate only, as after editing an entity.
//!
//! Each run is split from autogen's own `-v` log: the time of the step "Building the
//! models" (the models command: cargo, then the models binary printing the schema) and
//! the rest (reading the migrations, comparing, planning, rendering).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clap::Args;

use autogen_bench::db::Error;

#[derive(Args)]
pub struct FirstHourArgs {
    /// Timed warm runs, and runs after an edit (the report shows medians).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Seconds after which a run is killed (the cold build takes minutes).
    #[arg(long, default_value_t = 3600)]
    timeout: u64,
    /// Directory of the release `autogen` (default: this binary's directory).
    #[arg(long)]
    bin_dir: Option<PathBuf>,
    /// Markdown report (default: bench/results/first-hour.md).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// One run: the wall time of the whole command and of its models step, in seconds.
struct Timing {
    total: f64,
    models: f64,
}

impl Timing {
    fn rest(&self) -> f64 {
        (self.total - self.models).max(0.0)
    }
}

/// The example: the workspace this bench belongs to.
fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench/ is in the workspace")
        .to_path_buf()
}

/// Runs `autogen -v revision -m first-hour` in the example with `target` as cargo's
/// target directory, checking that it wrote nothing.
fn run_revision(autogen: &Path, target: &Path, limit: Duration) -> Result<Timing, Error> {
    let started = Instant::now();
    let mut child = Command::new(autogen)
        .args(["-v", "revision", "-m", "first-hour"])
        .current_dir(example())
        .env("CARGO_TARGET_DIR", target)
        .env("RUST_LOG", "autogen=info")
        .env_remove("DATABASE_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Read both pipes on threads of their own, so that a full pipe does not stall the run.
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let stdout = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut out, &mut s);
        s
    });
    let stderr = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut err, &mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("autogen revision did not finish in {} s", limit.as_secs()).into());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let total = started.elapsed().as_secs_f64();
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    if !status.success() || !stdout.contains("No changes detected") {
        return Err(format!(
            "autogen revision on the example: {status}, expected `No changes detected`\n{stdout}{stderr}"
        )
        .into());
    }
    let models = step_seconds(&stderr, "Building the models")
        .ok_or_else(|| format!("no `Building the models took` line in:\n{stderr}"))?;
    Ok(Timing { total, models })
}

/// The seconds of `step` in autogen's `-v` log (`… Building the models took 3.512s`).
fn step_seconds(log: &str, step: &str) -> Option<f64> {
    let marker = format!("{step} took ");
    log.lines().find_map(|line| {
        let at = line.find(&marker)? + marker.len();
        line[at..].trim().strip_suffix('s')?.parse().ok()
    })
}

/// Marks the models crate as edited (its mtime now), so that cargo rebuilds it only.
fn touch_models() -> Result<(), Error> {
    let lib = example().join("models/src/lib.rs");
    let file = std::fs::OpenOptions::new().append(true).open(&lib)?;
    file.set_modified(std::time::SystemTime::now())?;
    Ok(())
}

fn median(mut runs: Vec<Timing>) -> Timing {
    runs.sort_by(|a, b| a.total.total_cmp(&b.total));
    runs.swap_remove(runs.len() / 2)
}

pub fn first_hour(args: &FirstHourArgs) -> Result<(), Error> {
    let autogen = autogen_bench::release_binary(args.bin_dir.as_deref(), "autogen")?;
    let limit = Duration::from_secs(args.timeout);
    let scratch = tempfile_dir()?;
    let target = scratch.join("target");
    eprintln!("cold run (fresh target directory {}) …", target.display());
    let cold = run_revision(&autogen, &target, limit);
    let result = cold.and_then(|cold| {
        eprintln!("  {:.1} s (models {:.1} s)", cold.total, cold.models);
        let mut warm = Vec::new();
        let mut edited = Vec::new();
        for i in 0..args.runs.max(1) {
            let w = run_revision(&autogen, &target, limit)?;
            eprintln!("warm {i}: {:.2} s (models {:.2} s)", w.total, w.models);
            warm.push(w);
            touch_models()?;
            let e = run_revision(&autogen, &target, limit)?;
            eprintln!(
                "after an edit {i}: {:.2} s (models {:.2} s)",
                e.total, e.models
            );
            edited.push(e);
        }
        Ok(report(
            &cold,
            &median(warm),
            &median(edited),
            args.runs.max(1),
        ))
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let report = result?;
    print!("{report}");
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| example().join("bench/results/first-hour.md"));
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, report)?;
    eprintln!("report: {}", out.display());
    Ok(())
}

/// A directory of its own for the cold target directory, removed after the run.
fn tempfile_dir() -> Result<PathBuf, Error> {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!(
        "autogen-first-hour-{}-{millis}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn report(cold: &Timing, warm: &Timing, edited: &Timing, runs: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# First hour: `autogen revision` on the example\n\n\
         Release `autogen`, models built by their command (`cargo run -p models --bin \
         autogen-schema`, dev profile). Warm and after-an-edit figures are medians of {runs} \
         runs.\n"
    );
    let _ = writeln!(
        s,
        "| run | total | building the models | the rest (read, compare, plan) |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|");
    for (name, t) in [
        ("cold (fresh target directory)", cold),
        ("after an edit (models crate rebuilt)", edited),
        ("warm (nothing to rebuild)", warm),
    ] {
        let _ = writeln!(
            s,
            "| {name} | {:.2} s | {:.2} s | {:.2} s |",
            t.total,
            t.models,
            t.rest()
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::step_seconds;

    #[test]
    fn the_step_time_is_read_from_the_log() {
        let log = "   0.01s  INFO Building the models…\n 229.07s  INFO Building the models took 229.024s\n";
        assert_eq!(step_seconds(log, "Building the models"), Some(229.024));
        assert_eq!(step_seconds(log, "Planning"), None);
    }
}
