//! `autogen diff`: the plan between any two schema sources.

use std::process::ExitCode;

use autogen_diff::{DiffOptions, Renames};
use autogen_schema::Dialect;

use super::Project;
use crate::cli::{DiffArgs, PlanFormat};
use crate::error::CliError;
use crate::output;
use crate::source::Source;

pub async fn run(project: &Project, args: DiffArgs) -> Result<ExitCode, CliError> {
    let from = Source::parse(&args.from, &project.config)?;
    let to = Source::parse(&args.to, &project.config)?;
    let ignore = project.config.ignore()?;
    let dialect = plan_dialect(project, &args, &from, &to)?;
    let (to_models, from_models) = (to == Source::Models, from == Source::Models);
    let database = |s: &Source| matches!(s, Source::Database(_));
    let (from_database, to_database) = (database(&from), database(&to));
    let hints = !args.down
        && to == Source::Models
        && matches!(from, Source::Database(_) | Source::Snapshot(_));
    let mut renames = Renames::default();
    for spec in &args.rename {
        renames.add(spec).map_err(CliError::Usage)?;
    }
    // Both sides load at once: reflecting two databases takes as long as the slower one.
    let (from_schema, to_schema) = tokio::join!(
        from.load_concurrently(&project.config, &project.root),
        to.load_concurrently(&project.config, &project.root)
    );
    let (mut from_schema, mut to_schema) = (from_schema?, to_schema?);
    // With a dev database, the models' expressions as the server compared prints them.
    if let Some(dev) = crate::dev::dev_url(project, args.dev_url.as_deref()) {
        if to_models && from_database {
            to_schema = crate::dev::printed_models(project, &to_schema, &dev, dialect).await?;
        } else if from_models && to_database {
            from_schema = crate::dev::printed_models(project, &from_schema, &dev, dialect).await?;
        }
    }
    if to_models {
        to_schema.keep_unmanaged(&from_schema);
    } else if from_models {
        from_schema.keep_unmanaged(&to_schema);
    }
    // Ignored objects are never planned, whatever the sources: the target takes the
    // source's.
    to_schema.take_ignored_from(&from_schema, &ignore);
    let (online, _) = project.config.online(args.online, args.no_online);
    let options = DiffOptions {
        dialect: Some(dialect),
        renames,
        online,
        // SQL for PostgreSQL names the configured schema's tables, never `public`'s by
        // accident of the session's search_path.
        namespace: project.config.database.schema.clone(),
    };
    let mut plan = autogen_diff::diff_owned(from_schema, to_schema, &options);
    let differs = !plan.is_empty();
    if args.down {
        plan = plan.inverse();
    }
    let sql_error = |e: autogen_diff::SqlError| CliError::Usage(e.to_string());
    let out = match args.format {
        // From a database or a snapshot to the models: where to declare each difference.
        PlanFormat::Text if hints => autogen_render::plan_text_with_hints(&plan),
        PlanFormat::Text => autogen_render::plan_text(&plan),
        PlanFormat::Sql => {
            let script = autogen_render::plan_sql_script(&plan, dialect).map_err(sql_error)?;
            if online && !plan.is_empty() {
                with_timeouts(project, dialect, script)?
            } else {
                script
            }
        }
        PlanFormat::Json => autogen_render::plan_json(&plan).map_err(sql_error)?,
    };
    output::print(&out)?;
    Ok(if args.exit_code && differs {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `--dialect`, else the one database among the sources, else the configured database's.
fn plan_dialect(
    project: &Project,
    args: &DiffArgs,
    from: &Source,
    to: &Source,
) -> Result<Dialect, CliError> {
    if let Some(d) = args.dialect {
        return Ok(d.into());
    }
    match (from.dialect()?, to.dialect()?) {
        (Some(a), Some(b)) if a != b => Err(CliError::Usage(format!(
            "--from is a {a} database and --to a {b} database: say which dialect to plan for with --dialect"
        ))),
        (Some(d), _) | (_, Some(d)) => Ok(d),
        (None, None) => Ok(autogen_reflect::dialect_of_url(
            &project.config.database_url(),
        )?),
    }
}

/// An online script starts with the runtime's timeouts (`[runtime]` in autogen.toml,
/// docs/runtime.md), as a migration run through the runtime gets them on its connection:
/// run by hand, a step blocked behind a lock then fails instead of queueing every query.
fn with_timeouts(project: &Project, dialect: Dialect, script: String) -> Result<String, CliError> {
    let config =
        autogen_migration::config::RuntimeConfig::load(&project.root).map_err(CliError::Usage)?;
    let statements = autogen_migration::timeouts::script_timeouts(dialect.name(), &config);
    if statements.is_empty() {
        return Ok(script);
    }
    let mut out = String::from(
        "-- The runtime's timeouts ([runtime] in autogen.toml): a step blocked behind a lock fails instead of queueing every query.\n",
    );
    for statement in statements {
        out.push_str(&statement);
        out.push_str(";\n");
    }
    out.push('\n');
    out.push_str(&script);
    Ok(out)
}
