//! The `profile` table: one row, the practitioner.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::model::Profile;

pub(super) fn get(conn: &Connection) -> Result<Option<Profile>> {
    let profile = conn
        .query_row(
            "SELECT name, credentials, member_id, address, email, phone FROM profile WHERE id = 1",
            [],
            |row| {
                Ok(Profile {
                    name: row.get(0)?,
                    credentials: row.get(1)?,
                    member_id: row.get(2)?,
                    address: row.get(3)?,
                    email: row.get(4)?,
                    phone: row.get(5)?,
                })
            },
        )
        .optional()?;
    Ok(profile)
}

/// Stores a profile that has already been validated.
pub(super) fn put(conn: &Connection, p: &Profile) -> Result<Profile> {
    conn.execute(
        "INSERT INTO profile (id, name, credentials, member_id, address, email, phone, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
         ON CONFLICT (id) DO UPDATE SET
           name = excluded.name, credentials = excluded.credentials,
           member_id = excluded.member_id, address = excluded.address,
           email = excluded.email, phone = excluded.phone, updated_at = excluded.updated_at",
        params![
            p.name,
            p.credentials,
            p.member_id,
            p.address,
            p.email,
            p.phone
        ],
    )?;
    Ok(p.clone())
}

pub(super) fn is_empty(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM profile)", [], |row| {
            row.get(0)
        })?,
    )
}

#[cfg(test)]
mod tests {
    use crate::error::Error;
    use crate::model::Profile;
    use crate::store::Store;

    fn ana() -> Profile {
        Profile {
            name: "Ana Núñez".into(),
            credentials: "LMT, CST".into(),
            email: "ana@example.org".into(),
            ..Profile::default()
        }
    }

    #[test]
    fn a_saved_profile_reads_back() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.profile().unwrap(), None);
        assert!(store.is_empty().unwrap());
        store.save_profile(&ana()).unwrap();
        assert_eq!(store.profile().unwrap(), Some(ana()));
        assert!(!store.is_empty().unwrap());
    }

    #[test]
    fn saving_again_replaces_the_profile() {
        let mut store = Store::open_in_memory().unwrap();
        store.save_profile(&ana()).unwrap();
        let changed = Profile {
            credentials: "LMT, CST-D".into(),
            ..ana()
        };
        store.save_profile(&changed).unwrap();
        assert_eq!(store.profile().unwrap(), Some(changed));
    }

    #[test]
    fn an_invalid_profile_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        store.save_profile(&ana()).unwrap();
        let bad = Profile {
            email: "not-an-email".into(),
            name: "Someone Else".into(),
            ..ana()
        };
        assert!(matches!(
            store.save_profile(&bad),
            Err(Error::Invalid { field: "email", .. })
        ));
        assert_eq!(store.profile().unwrap(), Some(ana()));
    }
}
