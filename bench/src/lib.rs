//! Benchmark support: the synthetic schemas ([`ddl`] as SQL, [`synthetic`] as snapshot
//! JSON in several foreign-key shapes), scratch databases ([`db`]) and
//! per-process measurement ([`measure`]). The binaries are in `src/main.rs` (the driver)
//! and `src/bin/`.

pub mod db;
pub mod ddl;
pub mod measure;
pub mod synthetic;
