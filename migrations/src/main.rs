//! The migrations crate's command line: sea-orm-migration's commands (`up`, `down`,
//! `status`, `reset`, `refresh`) run by autogen's runtime, under the run lock, with every
//! statement in the audit log and the timeouts of `autogen.toml`'s `[runtime]`.

#[tokio::main]
async fn main() {
    autogen_migration::cli::run_cli(migration::Migrator).await;
}
