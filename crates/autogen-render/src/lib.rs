//! Plans rendered for people and machines: a one-line description per operation, a text
//! report with hazards and warnings, JSON, and SQL scripts.

pub mod describe;
pub mod report;

pub use describe::describe;
pub use report::{plan_json, plan_sql_script, plan_text};
