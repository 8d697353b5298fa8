// fn migrations() { vec![] }
mod m20260101_000000_create_users;
