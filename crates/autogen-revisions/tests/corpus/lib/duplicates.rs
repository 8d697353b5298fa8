mod m20260101_000000_create_users;
mod m20260101_000000_create_users;
pub struct Migrator;
fn migrations() { vec![
 Box::new(m20260101_000000_create_users::Migration),
 Box::new(m20260101_000000_create_users::Migration),
] }
