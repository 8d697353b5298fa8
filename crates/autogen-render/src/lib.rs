//! Plans rendered for people and machines: a one-line description per operation, a text
//! report with hazards and warnings, JSON, SQL scripts, and sea-orm-migration files.

pub mod describe;
pub mod hints;
pub mod migration;
pub mod report;
pub mod unified;

pub use describe::describe;
pub use hints::{Hint, HintPlace, base_declarations, model_hints};
pub use migration::{
    DialectPlans, RenderError, RevisionMeta, render_migration, render_migration_allowing,
    render_migration_for, render_migration_with, render_migration_with_down,
};
pub use report::{plan_json, plan_sql_script, plan_text, plan_text_with_hints};
pub use unified::unified_diff;
