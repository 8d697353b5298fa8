//! `autogen-reflect-json URL`: autogen's reflection (`autogen_reflect::reflect_url`)
//! printed as JSON, a stand-in for `autogen inspect --database URL --format json` where
//! the CLI lacks that command.

use std::io::Write;

use autogen_reflect::{ReflectOptions, reflect_url};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args()
        .nth(1)
        .ok_or("usage: autogen-reflect-json URL")?;
    let schema = reflect_url(&url, &ReflectOptions::default()).await?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &schema)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}
