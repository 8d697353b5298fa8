//! Steps that may take a while (building the models, reading a database, planning,
//! writing): a spinner on stderr when a step has run over a second and stderr is a
//! terminal, and a `tracing` log of each step and its time (`-v`, `RUST_LOG`).
//!
//! On a terminal the spinner shows the step's latest progress line (cargo's `Compiling …`);
//! elsewhere (CI logs, pipes) nothing is drawn and progress lines are printed as they come.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output;

/// How long a step runs before its spinner appears: quick steps draw nothing.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// One step; it ends (clears its spinner, logs its time) at [`Step::finish`] or when
/// dropped.
pub struct Step {
    name: &'static str,
    started: Instant,
    bar: Option<ProgressBar>,
    finished: AtomicBool,
}

/// Starts a step named for people (`"Building the models"`).
pub fn step(name: &'static str) -> Step {
    tracing::info!("{name}…");
    let bar = std::io::stderr().is_terminal().then(|| spinner(name));
    Step {
        name,
        started: Instant::now(),
        bar,
        finished: AtomicBool::new(false),
    }
}

/// A spinner drawn to stderr only once the step has run for [`SHOW_AFTER`].
fn spinner(name: &'static str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    let style = ProgressStyle::with_template("{spinner} {prefix} ({elapsed}) {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.set_prefix(name);
    let delayed = bar.downgrade();
    std::thread::spawn(move || {
        std::thread::sleep(SHOW_AFTER);
        if let Some(bar) = delayed.upgrade().filter(|bar| !bar.is_finished()) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    });
    bar
}

impl Step {
    /// A line of progress from the step (cargo's `Compiling x v1.0`): the spinner's
    /// message on a terminal, else printed as it is.
    pub fn progress(&self, line: &str) {
        tracing::debug!(step = self.name, "{line}");
        match &self.bar {
            Some(bar) if !bar.is_finished() => bar.set_message(line.trim().to_string()),
            Some(_) => {}
            None => output::note(line),
        }
    }

    /// A line that must stay on screen (a compiler error), printed above the spinner.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) if !bar.is_hidden() && !bar.is_finished() => bar.println(line),
            _ => output::note(line),
        }
    }

    /// Whether progress lines are drawn as a spinner rather than printed.
    pub fn on_terminal(&self) -> bool {
        self.bar.is_some()
    }

    /// Ends the step: clears its spinner and logs its time; later calls do nothing. For a
    /// step shared with a thread that may outlive it (a pipe's reader).
    pub fn finish(&self) {
        if self.finished.swap(true, Ordering::SeqCst) {
            return;
        }
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        let elapsed = self.started.elapsed();
        tracing::info!("{} took {:.3}s", self.name, elapsed.as_secs_f64());
    }
}

impl Drop for Step {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Installs the `tracing` subscriber: `RUST_LOG` if set, else `-v` (steps and times) or
/// `-vv` (details); quiet otherwise. Logs go to stderr with the time since start.
pub fn init_logging(verbose: u8) {
    use tracing_subscriber::EnvFilter;
    let filter = match std::env::var("RUST_LOG").ok().filter(|v| !v.is_empty()) {
        Some(spec) => EnvFilter::try_new(spec).unwrap_or_else(|e| {
            output::note(&format!(
                "warning: RUST_LOG is not a valid filter ({e}); ignored"
            ));
            EnvFilter::new("off")
        }),
        None => EnvFilter::new(match verbose {
            0 => "off",
            1 => "autogen=info",
            _ => "autogen=debug,autogen_reflect=debug",
        }),
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_timer(tracing_subscriber::fmt::time::uptime())
        .with_target(false)
        .try_init();
}
