//! Demo data: a fictional practitioner and their records, for a first look at Stillpoint.
//!
//! Everyone in it is invented. It only ever goes into an empty database, so it can never mix
//! with a therapist's real records.

use crate::error::{Error, Result};
use crate::model::Profile;
use crate::store::Store;

/// The demo practitioner.
pub fn demo_profile() -> Profile {
    Profile {
        name: "Maren Oyelaran-Støa".into(),
        credentials: "LMT, CST".into(),
        member_id: "IAHE-20417".into(),
        address: "Fjordgata 12\n7010 Trondheim\nNorway".into(),
        email: "maren.stoa@example.org".into(),
        phone: "+47 912 34 567".into(),
    }
}

/// Fills an empty database with the demo records; refuses one that holds anything.
pub fn load(store: &mut Store) -> Result<()> {
    if !store.is_empty()? {
        return Err(Error::Refused(
            "Demo data can only be loaded into an empty database; this one already has records."
                .into(),
        ));
    }
    let profile = demo_profile().validated()?;
    store.with_tx(|tx| crate::store::write_demo(tx, &profile))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_data_fills_an_empty_database_once() {
        let mut store = Store::open_in_memory().unwrap();
        load(&mut store).unwrap();
        assert_eq!(store.profile().unwrap(), Some(demo_profile()));
        assert!(matches!(load(&mut store), Err(Error::Refused(_))));
    }
}
