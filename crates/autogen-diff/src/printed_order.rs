//! The order in which a plan drops and creates a table's keys and checks: the one the
//! database printed them in (`Table::key_order`, read on MySQL), so that after the plan,
//! and after its inverse, the database prints them as the other side did.

use autogen_schema::{Check, KeyOrder};

/// `items` in the order the database printed them (`Table::key_order`, MySQL; names it
/// does not list after), reversed for drops: keys dropped in reverse and created in
/// printed order come out printed as before, and so do those of the plan's inverse. As
/// they are where no order is known.
pub(crate) fn in_printed_order<T: Clone>(
    items: &[T],
    order: &KeyOrder,
    name: impl Fn(&T) -> &String,
    drops: bool,
) -> Vec<T> {
    let mut out = items.to_vec();
    if order.keys.is_empty() {
        return out;
    }
    out.sort_by_key(|item| order.key_position(name(item)).unwrap_or(usize::MAX));
    if drops {
        out.reverse();
    }
    out
}

/// Checks as [`in_printed_order`] orders keys.
pub(crate) fn in_check_order(checks: &[Check], order: &KeyOrder, drops: bool) -> Vec<Check> {
    let mut out = checks.to_vec();
    if order.checks.is_empty() {
        return out;
    }
    out.sort_by_key(|c| order.check_position(&c.name).unwrap_or(usize::MAX));
    if drops {
        out.reverse();
    }
    out
}
