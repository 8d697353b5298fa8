//! `sea-schema-discover URL [SCHEMA]`: runs sea-schema 0.18's PostgreSQL discovery over
//! a whole schema, as an application would, and prints how many tables it found.

use sea_schema::postgres::discovery::SchemaDiscovery;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .ok_or("usage: sea-schema-discover URL [SCHEMA]")?;
    let schema = args.next().unwrap_or_else(|| "public".into());
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(2)
        .connect(&url)
        .await?;
    let discovered = SchemaDiscovery::new(pool.clone(), &schema)
        .discover()
        .await?;
    println!("tables={}", discovered.tables.len());
    pool.close().await;
    Ok(())
}
