//! The demo's mentor directory: fictional people across countries, languages and roles, so the
//! directory's filters have something to find (an examiner who mentors in Spanish; a teaching
//! assistant in Kyoto; a practitioner with no program role, whose treatment counts in category A
//! only with a CST credential). The demo's entries name the first five by their place here.

use crate::model::{MentorDraft, MentorRole};
use crate::rules::Format;

/// A mentor of the demo, by what differs between them.
struct Demo {
    name: &'static str,
    credentials: &'static str,
    roles: &'static [MentorRole],
    certified: bool,
    email: &'static str,
    phone: &'static str,
    city: &'static str,
    country: &'static str,
    time_zone: &'static str,
    languages: &'static [&'static str],
    formats: &'static [Format],
    cost: &'static str,
    notes: &'static str,
}

use Format::{InPerson, Virtual};
use MentorRole::{Examiner, Instructor, Mentor, TeachingAssistant};

const DIRECTORY: [Demo; 7] = [
    Demo {
        name: "Karin Holm",
        credentials: "PT, CST-D",
        roles: &[Mentor, Examiner],
        certified: true,
        email: "karin.holm@example.se",
        phone: "+46 40 123 45 67",
        city: "Malmö",
        country: "SE",
        time_zone: "Europe/Stockholm",
        languages: &["Swedish", "English"],
        formats: &[InPerson, Virtual],
        cost: "900 SEK per hour; sliding scale",
        notes: "Examines for Techniques; ask about the practical in spring.",
    },
    Demo {
        name: "Tomás Oyarzún",
        credentials: "LMT, CST",
        roles: &[Mentor],
        certified: true,
        email: "tomas.oyarzun@example.cl",
        phone: "+56 2 2345 6789",
        city: "Santiago",
        country: "CL",
        time_zone: "America/Santiago",
        languages: &["Spanish", "English"],
        formats: &[Virtual],
        cost: "USD 70 per hour, virtual only",
        notes: "",
    },
    Demo {
        name: "Eitan Levi",
        credentials: "D.O., CST-D",
        roles: &[Mentor, Examiner, Instructor],
        certified: true,
        email: "eitan.levi@example.org",
        phone: "+972 4 812 3456",
        city: "Haifa",
        country: "IL",
        time_zone: "Asia/Jerusalem",
        languages: &["Hebrew", "English"],
        formats: &[InPerson, Virtual],
        cost: "Ask by email",
        notes: "",
    },
    Demo {
        name: "Siobhán Kearney",
        credentials: "RCST",
        roles: &[],
        certified: false,
        email: "",
        phone: "+353 21 492 0000",
        city: "Cork",
        country: "IE",
        time_zone: "Europe/Dublin",
        languages: &["English", "Irish"],
        formats: &[InPerson],
        cost: "EUR 65 per session",
        notes: "Treatment only: her RCST is another body's credential.",
    },
    Demo {
        name: "田中 愛子",
        credentials: "CST-T",
        roles: &[TeachingAssistant],
        certified: false,
        email: "aiko.tanaka@example.jp",
        phone: "",
        city: "Kyoto",
        country: "JP",
        time_zone: "Asia/Tokyo",
        languages: &["Japanese"],
        formats: &[InPerson],
        cost: "Treatment only",
        notes: "",
    },
    Demo {
        name: "Ingrid Bakke",
        credentials: "LMT, CST-D",
        roles: &[Mentor, Instructor],
        certified: true,
        email: "ingrid.bakke@example.no",
        phone: "+47 55 12 34 56",
        city: "Bergen",
        country: "NO",
        time_zone: "Europe/Oslo",
        languages: &["Norwegian", "English", "German"],
        formats: &[InPerson, Virtual],
        cost: "1100 NOK per hour",
        notes: "",
    },
    Demo {
        name: "Léa Moreau",
        credentials: "PT, CST-D",
        roles: &[Mentor, Examiner],
        certified: true,
        email: "lea.moreau@example.fr",
        phone: "+33 4 72 00 00 00",
        city: "Lyon",
        country: "FR",
        time_zone: "Europe/Paris",
        languages: &["French", "Spanish", "English"],
        formats: &[Virtual],
        cost: "EUR 80 per hour; study groups EUR 20",
        notes: "",
    },
];

/// The demo directory, as the form would send it.
pub(super) fn demo_mentors() -> Vec<MentorDraft> {
    DIRECTORY
        .iter()
        .map(|d| MentorDraft {
            name: d.name.into(),
            credentials: d.credentials.into(),
            roles: d.roles.to_vec(),
            certified_mentor: d.certified,
            email: d.email.into(),
            phone: d.phone.into(),
            city: d.city.into(),
            country: Some(d.country.into()),
            time_zone: Some(d.time_zone.into()),
            languages: d.languages.iter().map(|&l| l.to_owned()).collect(),
            formats: d.formats.to_vec(),
            cost_notes: d.cost.into(),
            notes: d.notes.into(),
        })
        .collect()
}
