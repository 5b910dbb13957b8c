//! The values Stillpoint deals in, and the rules that keep them valid.
//!
//! Validation lives here, beside the types, so the window, the command line and the demo data
//! all refuse the same bad input with the same message.

mod entry;
mod mentor;
mod profile;
pub(crate) mod text;

pub use entry::{
    parse_date, parse_hours, Entry, EntryDraft, EntryPage, EntryQuery, EntrySort, ValidEntry,
};
pub use mentor::{Mentor, MentorDraft};
pub use profile::Profile;
