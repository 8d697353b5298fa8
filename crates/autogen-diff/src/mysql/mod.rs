//! MySQL's and MariaDB's plan rewrites: keys around `AUTO_INCREMENT` columns, generated
//! columns re-added, table options, and the online forms of index changes on existing
//! tables.

mod auto_increment;
mod generated;
mod online;
mod options;

pub(crate) use auto_increment::auto_increment_keys;
pub(crate) use generated::generated_columns;
pub(crate) use options::table_options;
pub(crate) use online::{IN_PLACE, online};
