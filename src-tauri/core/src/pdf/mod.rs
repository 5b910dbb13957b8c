//! PDF: the mentorship tracking form, filled in or blank, and the certification portfolio.
//!
//! The certifying body wants a signed form listing the hours a credit is claimed with, and a
//! portfolio of training and case studies; the therapist's names, mentors and notes may be in
//! any script. printpdf writes the file; the rest is ours and small: `fonts` picks a font for
//! every character, [`text`] shapes, orders and wraps text, [`layout`] fills A4 pages with
//! paragraphs and tables, [`tracking`] lays out the forms and [`portfolio`] the portfolio, from
//! plain data the caller has already worked out. Nothing here reads the database or decides a
//! number.

mod fonts;
pub mod layout;
pub mod portfolio;
pub mod tracking;
pub mod typeset;

pub use fonts::Weight;
pub use layout::{Align, Cell, Column, Document, Lines, Row, Table};
pub use portfolio::{portfolio_pdf, CaseStudyPages, ContentsEntry, Portfolio, PortfolioPdf};
pub use tracking::{
    blank_form_pdf, tracking_form_pdf, BlankCategory, BlankForm, CarriedForward, CategorySection,
    FormRow, TrackingForm,
};
pub use typeset::{measure, Line, Style};
