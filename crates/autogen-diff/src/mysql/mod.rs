//! MySQL's and MariaDB's plan rewrites: keys around `AUTO_INCREMENT` columns, and the
//! online forms of index changes on existing tables.

mod auto_increment;
mod online;

pub(crate) use auto_increment::auto_increment_keys;
pub(crate) use online::{IN_PLACE, online};
