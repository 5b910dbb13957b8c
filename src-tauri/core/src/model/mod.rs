//! The values Stillpoint deals in, and the rules that keep them valid.
//!
//! Validation lives here, beside the types, so the window, the command line and the demo data
//! all refuse the same bad input with the same message.

mod profile;
pub(crate) mod text;

pub use profile::Profile;
