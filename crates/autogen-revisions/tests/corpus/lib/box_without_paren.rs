fn migrations() { vec![Box::new(m20260101_000000_create_users::Migration, Box::new( ] }
