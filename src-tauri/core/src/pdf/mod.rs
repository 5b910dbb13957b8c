//! PDF: the mentorship tracking form, filled in or blank, as a file to print or send.
//!
//! The certifying body wants a signed form listing the hours a credit is claimed with; the
//! therapist's names, mentors and notes may be in any script. printpdf writes the file; the
//! rest is ours and small: `fonts` picks a font for every character, [`text`] shapes, orders
//! and wraps text, [`layout`] fills A4 pages with paragraphs and tables, and [`tracking`] lays
//! out the forms from plain data the caller has already worked out. Nothing here reads the
//! database or decides a number.

mod fonts;
pub mod layout;
pub mod text;
pub mod tracking;

pub use fonts::Weight;
pub use layout::{Align, Cell, Column, Document, Lines, Row, Table};
pub use text::{measure, Line, Style};
pub use tracking::{
    blank_form_pdf, tracking_form_pdf, BlankCategory, BlankForm, CarriedForward, CategorySection,
    FormRow, TrackingForm,
};
