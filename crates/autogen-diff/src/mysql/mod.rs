//! MySQL's and MariaDB's plan rewrites: keys around `AUTO_INCREMENT` columns, generated
//! columns re-added, column order, table options, and the online forms of index changes on existing
//! tables.

mod auto_increment;
mod column_case;
mod column_checks;
mod column_order;
mod generated;
mod online;
mod options;

pub(crate) use auto_increment::auto_increment_keys;
pub(crate) use column_case::case_only_renames;
pub(crate) use column_checks::same_checks;
pub(crate) use column_order::column_order;
pub(crate) use generated::generated_columns;
pub(crate) use online::{IN_PLACE, online};
pub(crate) use options::table_options;
