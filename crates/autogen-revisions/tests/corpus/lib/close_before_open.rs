]]]
fn migrations() { vec!] [ }
