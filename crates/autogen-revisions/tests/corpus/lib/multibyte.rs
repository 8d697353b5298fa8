mod m20260101_000000_create_users; // é
fn migrations() { vec![Box::new(é::Migration), Box::new(m20260102_000000_add_email::Migration)é] }
