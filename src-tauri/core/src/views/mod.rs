//! The read models the window shows, with the words they carry: gathered from the store, decided
//! here so every view says the same.
//!
//! - `dashboard`: where the therapist stands.
//! - `training`: the Courses view (the training record and each path's checklist).
//! - `clients`: the client list and the client view (the flag and why, the clearances, the
//!   sessions and the scale over time).
//! - `calendar`: the Calendar view's month grid and agenda, times in the computer's zone, the
//!   prerequisite mark.
//! - `mentors`: the mentor directory found by role, language, format, country and words; a
//!   mentor's page (what the therapist received from them).

pub mod calendar;
pub mod clients;
pub mod dashboard;
pub mod mentors;
pub mod training;

pub use calendar::{
    agenda, calendar_glance, calendar_month, Agenda, CalendarGlance, CalendarMonth, EventView,
    GapFill,
};
pub use clients::{ClientOverview, ClientSummary, TimelinePoint};
pub use dashboard::{dashboard, Dashboard};
pub use mentors::{CategoryHours, MentorDirectory, MentorPage, MentorQuery, PresentedEvent};
pub use training::Training;
