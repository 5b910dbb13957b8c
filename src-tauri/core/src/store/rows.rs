//! The two writes every aggregate makes the same way: save a row (a new one, or a change to one
//! by id), and take a row out (read it, delete it, return it as it was).

use rusqlite::{Connection, ToSql};

use crate::error::{Error, Result};

/// Inserts a row (`id` None) with `insert`, or changes row `id` with `update`; both take the same
/// `values` as `?1`…`?N`, and `update` the id as `?N+1`. Returns the row's id; `not_found(id)` when
/// there is no row `id`.
pub(super) fn save_row(
    conn: &Connection,
    id: Option<i64>,
    insert: &str,
    update: &str,
    values: &[&dyn ToSql],
    not_found: impl FnOnce(i64) -> Error,
) -> Result<i64> {
    match id {
        None => {
            conn.execute(insert, values)?;
            Ok(conn.last_insert_rowid())
        }
        Some(id) => {
            let values = values.iter().copied().chain([&id as &dyn ToSql]);
            if conn.execute(update, rusqlite::params_from_iter(values))? == 0 {
                return Err(not_found(id));
            }
            Ok(id)
        }
    }
}

/// Reads row `id` of `table` with `get` (which says when there is none), deletes it, and
/// returns it as it was.
pub(super) fn take_row<T>(
    conn: &Connection,
    table: &'static str,
    id: i64,
    get: impl FnOnce(&Connection, i64) -> Result<T>,
) -> Result<T> {
    let row = get(conn, id)?;
    conn.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
    Ok(row)
}
