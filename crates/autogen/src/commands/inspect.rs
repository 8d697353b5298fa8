//! `autogen inspect`: print a database's or the models' schema.

use std::process::ExitCode;

use autogen_schema::Dialect;

use super::Project;
use crate::cli::{Format, InspectArgs};
use crate::error::CliError;
use crate::output;
use crate::source::Source;

pub async fn run(project: &Project, args: InspectArgs) -> Result<ExitCode, CliError> {
    let mut config = project.config.clone();
    // `--schema a,b,c`: `a` is the default schema (bare names), the others are read too;
    // `--schema 'public,*'` reads every non-system schema.
    if let Some(list) = &args.schema {
        let mut names = list.split(',').map(|s| s.trim().to_string());
        config.database.schema = names.next().filter(|s| !s.is_empty() && s != "*");
        config.database.schemas = list
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| s == "*" || Some(s) != config.database.schema.as_ref())
            .filter(|s| !s.is_empty())
            .collect();
    }
    let source = if args.models {
        Source::Models
    } else {
        Source::Database(
            args.database
                .clone()
                .unwrap_or_else(|| config.database_url()),
        )
    };
    let source_dialect = source.dialect()?;
    let dialect: Dialect = match (args.dialect, source_dialect) {
        (Some(d), _) => d.into(),
        (None, Some(d)) => d,
        (None, None) => autogen_reflect::dialect_of_url(&config.database_url())?,
    };
    let mut schema = source.load(&config, &project.root).await?;
    if args.models {
        // The models are logical; show them as the chosen dialect would hold them.
        schema = dialect.lower(&schema);
    }
    let out = match args.format {
        Format::Json => {
            // Streamed: the JSON of thousands of tables is tens of megabytes.
            output::write_with(|out| schema.write_json(out))?;
            return Ok(ExitCode::SUCCESS);
        }
        Format::Sql => dialect.create_script(&schema),
        Format::Text => autogen_schema::summary::summary(&schema, dialect),
    };
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
