//! Benchmark support: the synthetic schemas ([`ddl`] as SQL, [`synthetic`] as snapshot
//! JSON in several foreign-key shapes), scratch databases ([`db`]) and
//! per-process measurement ([`measure`]). The binaries are in `src/main.rs` (the driver)
//! and `src/bin/`.

pub mod db;
pub mod ddl;
pub mod measure;
pub mod synthetic;

/// A release binary that the benchmarks run, from `bin_dir` (default: the running
/// benchmark's own directory), or an error that says how to build it.
pub fn release_binary(
    bin_dir: Option<&std::path::Path>,
    name: &str,
) -> Result<std::path::PathBuf, db::Error> {
    let dir = match bin_dir {
        Some(d) => d.to_path_buf(),
        None => std::env::current_exe()?
            .parent()
            .ok_or("cannot find this binary's directory")?
            .to_path_buf(),
    };
    let path = dir.join(name);
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "{} is missing; build it with `cargo build --release -p autogen -p autogen-bench`",
            path.display()
        )
        .into())
    }
}
