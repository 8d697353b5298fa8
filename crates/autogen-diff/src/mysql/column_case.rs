//! MySQL and MariaDB compare column names without regard to letter case: `Name` and
//! `name` are one column, and adding `name` beside `Name` fails (ERROR 1060). A column
//! whose name changes only in case is renamed, never dropped and added.

use autogen_schema::Schema;

/// `(table, old, new)` for each column of a table on both sides whose name differs from
/// a column of the other side only in letter case, where neither name is on both sides.
pub(crate) fn case_only_renames(from: &Schema, to: &Schema) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (name, old_table) in &from.tables {
        let Some(new_table) = to.tables.get(name) else {
            continue;
        };
        for old in &old_table.columns {
            if new_table.column(&old.name).is_some() {
                continue;
            }
            let Some(new) = new_table
                .columns
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(&old.name))
            else {
                continue;
            };
            if old_table.column(&new.name).is_none() {
                out.push((name.clone(), old.name.clone(), new.name.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use autogen_schema::{Column, ColumnType, Schema, Table};

    fn schema(columns: &[&str]) -> Schema {
        let mut table = Table::new("users");
        for c in columns {
            table.columns.push(Column::new(*c, ColumnType::Integer));
        }
        let mut schema = Schema::default();
        schema.tables.insert("users".into(), table);
        schema
    }

    #[test]
    fn only_a_change_of_case_is_a_rename() {
        let renames =
            super::case_only_renames(&schema(&["id", "Name"]), &schema(&["id", "name", "email"]));
        assert_eq!(renames, [("users".into(), "Name".into(), "name".into())]);
        assert!(
            super::case_only_renames(&schema(&["Name", "name"]), &schema(&["name"])).is_empty()
        );
    }
}
