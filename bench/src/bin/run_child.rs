//! `bench-run-child LIMIT_MS REPORT PROGRAM [ARGS…]`: runs one tool with this process's
//! standard streams, kills it after LIMIT_MS, and writes `OUTCOME\tWALL_NANOS\tMAX_RSS_KIB`
//! to REPORT. A separate, small binary: on Linux a child's peak RSS includes its parent's
//! at `exec`, so the parent that spawns the measured tool must be as small as possible.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use autogen_bench::measure;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let limit = args
        .next()
        .and_then(|s| s.into_string().ok())
        .and_then(|s| s.parse::<u64>().ok());
    let report = args.next().map(PathBuf::from);
    let argv: Vec<OsString> = args.collect();
    let (Some(limit), Some(report)) = (limit, report) else {
        eprintln!("usage: bench-run-child LIMIT_MS REPORT PROGRAM [ARGS…]");
        return ExitCode::from(2);
    };
    match measure::run_child(&argv, Duration::from_millis(limit), &report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: bench-run-child: {e}");
            ExitCode::from(2)
        }
    }
}
