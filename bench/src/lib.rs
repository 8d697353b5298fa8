//! Benchmark support: the synthetic schema ([`ddl`]), scratch databases ([`db`]) and
//! per-process measurement ([`measure`]). The binaries are in `src/main.rs` (the driver)
//! and `src/bin/`.

pub mod db;
pub mod ddl;
pub mod measure;
