//! The dev database (`[database] dev_url`, `--dev-url`; like Atlas's dev database or
//! Prisma's shadow database): the models are created in a scratch schema (PostgreSQL) or
//! scratch database (MySQL) there, read back, and their expressions compared in the form
//! the database prints them. The scratch objects are dropped afterwards, also on failure.

use std::time::{SystemTime, UNIX_EPOCH};

use autogen_diff::DiffOptions;
use autogen_reflect::{Database, ReflectOptions};
use autogen_schema::{Dialect, Schema};

use crate::commands::Project;
use crate::commands::verify::scratch::{connect_options, with_database};
use crate::error::CliError;
use crate::progress;

/// The dev database URL: `--dev-url`, else `[database] dev_url`.
pub fn dev_url(project: &Project, flag: Option<&str>) -> Option<String> {
    flag.map(str::to_string)
        .or_else(|| project.config.database.dev_url.clone())
        .map(|url| crate::config::sqlite_url_relative_to(&url, &project.root))
}

/// The models with their expressions as the dev database at `url` prints them, for a
/// comparison with a `dialect` database.
pub async fn printed_models(
    project: &Project,
    models: &Schema,
    url: &str,
    dialect: Dialect,
) -> Result<Schema, CliError> {
    let shown = autogen_reflect::redact(url);
    let dev_dialect = autogen_reflect::dialect_of_url(url)?;
    if dev_dialect == Dialect::Sqlite {
        return Err(CliError::Usage(format!(
            "the dev database {shown} is SQLite, which keeps expressions as written: a dev database is for PostgreSQL and MySQL"
        )));
    }
    if dev_dialect != dialect {
        return Err(CliError::Usage(format!(
            "the dev database {shown} is {dev_dialect}, and the database compared is {dialect}: give a {dialect} dev database"
        )));
    }
    let _step = progress::step("Reading the models back from the dev database");
    let options = connect_options(project);
    let dev = Database::connect_with(url, &options).await?;
    let existing = dev.reflect(&ReflectOptions::default()).await;
    if let Err(e) = refuse_non_empty(existing, &shown) {
        dev.close().await;
        return Err(e);
    }
    let scratch = format!(
        "autogen_dev_{}_{:x}",
        std::process::id(),
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    );
    let quoted = dialect.quote_ident(&scratch);
    let created = match dialect {
        Dialect::Mysql => dev.execute(&format!("CREATE DATABASE {quoted}")).await,
        _ => dev.execute(&format!("CREATE SCHEMA {quoted}")).await,
    };
    if let Err(e) = created {
        dev.close().await;
        return Err(e.into());
    }
    let printed = create_and_read(models, url, dialect, &scratch, &options).await;
    // Dropped whatever happened, before any error is reported.
    let dropped = match dialect {
        Dialect::Mysql => dev.execute(&format!("DROP DATABASE {quoted}")).await,
        _ => dev.execute(&format!("DROP SCHEMA {quoted} CASCADE")).await,
    };
    dev.close().await;
    let printed = printed?;
    if let Err(e) = dropped {
        crate::output::note(&format!(
            "note: could not drop {scratch} in the dev database: {}; drop it by hand",
            autogen_reflect::redact_urls_in(&e.to_string())
        ));
    }
    let mut out = models.clone();
    out.adopt_printed_expressions(&printed, &scratch);
    Ok(out)
}

/// An error unless the dev database holds nothing (as `verify` requires of it).
fn refuse_non_empty(
    existing: Result<Schema, autogen_reflect::ReflectError>,
    shown: &str,
) -> Result<(), CliError> {
    let existing = existing?;
    let mut names: Vec<&str> = existing.tables.keys().map(String::as_str).collect();
    names.extend(existing.views.keys().map(String::as_str));
    names.extend(existing.enums.keys().map(String::as_str));
    if names.is_empty() {
        return Ok(());
    }
    let count = names.len();
    names.truncate(5);
    Err(CliError::Usage(format!(
        "the dev database {shown} is not empty ({count} object(s): {}{}): autogen needs an empty one to create the models in",
        autogen_schema::escape::terminal(&names.join(", ")),
        if count > 5 { ", …" } else { "" },
    )))
}

/// Creates the models in the scratch schema or database and reflects them.
async fn create_and_read(
    models: &Schema,
    url: &str,
    dialect: Dialect,
    scratch: &str,
    options: &autogen_reflect::ConnectOptions,
) -> Result<Schema, CliError> {
    let namespace = (dialect == Dialect::Postgres).then(|| scratch.to_string());
    // What the expressions of tables may need (enum types, domains, functions,
    // extensions) and the tables; views, triggers and policies hold no expression that is
    // read back, and may name what the scratch schema lacks (roles, other schemas).
    let mut models = models.clone();
    models.views.clear();
    models.triggers.clear();
    for table in models.tables.values_mut() {
        table.policies.clear();
    }
    let plan = autogen_diff::diff(
        &Schema::default(),
        &models,
        &DiffOptions {
            dialect: Some(dialect),
            online: false,
            namespace: namespace.clone(),
            ..Default::default()
        },
    );
    let mut statements = Vec::new();
    for op in &plan.ops {
        statements.extend(
            autogen_diff::sql::op_sql_in(op, dialect, namespace.as_deref())
                .map_err(|e| CliError::Usage(format!("the dev database: {e}")))?,
        );
    }
    let fail = |e: autogen_reflect::ReflectError| {
        CliError::Usage(format!(
            "creating the models in the dev database failed: {}",
            autogen_reflect::redact_urls_in(&e.to_string())
        ))
    };
    let (db, reflect) = match dialect {
        Dialect::Mysql => {
            let db = Database::connect_with(&with_database(url, scratch)?, options).await?;
            let result = db.execute_all(&statements).await;
            (db, result)
        }
        _ => {
            let db = Database::connect_with(url, options).await?;
            // One script, so one session: unqualified names in view and function bodies
            // resolve in the scratch schema.
            let mut script = format!(
                "SET search_path TO {}, public;\n",
                dialect.quote_ident(scratch)
            );
            for s in &statements {
                script.push_str(s);
                script.push_str(";\n");
            }
            let result = db.execute(&script).await;
            (db, result)
        }
    };
    if let Err(e) = reflect {
        db.close().await;
        return Err(fail(e));
    }
    let printed = db
        .reflect(&ReflectOptions {
            schema: namespace.clone(),
            // The scratch schema holds the models' default schema only.
            ..Default::default()
        })
        .await;
    db.close().await;
    Ok(printed?)
}
