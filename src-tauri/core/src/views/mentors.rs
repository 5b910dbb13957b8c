//! The mentor directory as the Mentors view shows it: found the way a therapist asks (who is an
//! examiner? who mentors in Spanish, virtually, in Chile?), and a mentor's page with what the
//! therapist received from them.
//!
//! The page lists the calendar's events the mentor presents: those whose presenter is their name
//! (in any case or accents), as a calendar file names the presenter in words.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clinical::folded;
use crate::error::Result;
use crate::model::{Country, Entry, Mentor, MentorRole};
use crate::rules::{format_minutes, Category, Format};
use crate::store::{all_mentors, entries_of_mentor, get_mentor, presented_by, Store, StoredEvent};

/// What the Mentors view asks for. Each filter left empty lets every mentor through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MentorQuery {
    /// Only mentors with this role.
    pub role: Option<MentorRole>,
    /// Only mentors who mentor in this language (compared folded: "espanol" finds "Español").
    pub language: Option<String>,
    /// Only mentors who offer this format.
    pub format: Option<Format>,
    /// Only mentors in this country (ISO 3166-1 alpha-2 code).
    pub country: Option<String>,
    /// Words to find in the name, credentials, city, country, languages, email or notes, folded
    /// (case and accents set aside, in any script).
    pub search: String,
}

/// The directory, filtered, with the choices the filters offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MentorDirectory {
    /// The mentors the query finds, by name.
    pub mentors: Vec<Mentor>,
    /// How many mentors the directory holds in all.
    pub total: u32,
    /// What the view says of them: "2 of 7 mentors: examiners, who mentor in Spanish".
    pub summary: String,
    /// Every language someone in the directory mentors in, alphabetically, each once.
    pub languages: Vec<String>,
    /// Every country someone in the directory is in, by name.
    pub countries: Vec<Country>,
}

/// What the therapist received from one category of a mentor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CategoryHours {
    /// The category.
    pub category: Category,
    /// Entries logged with this mentor in it.
    pub entries: u32,
    /// What the rules count of them, in minutes.
    #[specta(type = specta_typescript::Number)]
    pub counted_minutes: i64,
    /// The same, as the window says it: "4 h 30 min".
    pub counted: String,
}

/// A mentor's page: who they are, and what the therapist received from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MentorPage {
    /// The mentor.
    pub mentor: Mentor,
    /// The entries logged with them (linked from the directory), newest first. Each keeps the
    /// name and credentials it was logged with.
    pub entries: Vec<Entry>,
    /// Hours by category: A, B and C, each listed even when empty.
    pub hours: Vec<CategoryHours>,
    /// What the page says of them all: "3 entries, 4 h 30 min counted".
    pub summary: String,
    /// The calendar's events they present, by start.
    pub events: Vec<PresentedEvent>,
}

/// An event a mentor presents, as their page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PresentedEvent {
    /// The event.
    pub stored: StoredEvent,
    /// Where the therapist stands with it, as the Calendar says it: "Registered".
    pub status_label: String,
}

/// Whether `mentor` is one the query asks for.
fn matches(mentor: &Mentor, q: &MentorQuery, wanted: &str) -> bool {
    let d = &mentor.details;
    if q.role.is_some_and(|r| !d.roles.contains(&r)) {
        return false;
    }
    if q.format.is_some_and(|f| !d.formats.contains(&f)) {
        return false;
    }
    if let Some(country) = q.country.as_deref().filter(|c| !c.trim().is_empty()) {
        if !d
            .country
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case(country.trim()))
        {
            return false;
        }
    }
    if let Some(language) = q.language.as_deref().map(folded).filter(|l| !l.is_empty()) {
        if !d.languages.iter().any(|l| folded(l) == language) {
            return false;
        }
    }
    if wanted.is_empty() {
        return true;
    }
    let mut fields = vec![
        d.name.as_str(),
        d.credentials.as_str(),
        d.city.as_str(),
        mentor.country_name.as_str(),
        d.email.as_str(),
        d.cost_notes.as_str(),
        d.notes.as_str(),
    ];
    fields.extend(d.languages.iter().map(String::as_str));
    fields.iter().any(|f| folded(f).contains(wanted))
}

/// "examiners", "teaching assistants": a role in a sentence.
fn role_plural(role: MentorRole) -> &'static str {
    match role {
        MentorRole::Mentor => "mentors",
        MentorRole::Examiner => "examiners",
        MentorRole::Instructor => "instructors",
        MentorRole::TeachingAssistant => "teaching assistants",
    }
}

fn summary(found: usize, total: usize, q: &MentorQuery, countries: &[Country]) -> String {
    let people = |n: usize| if n == 1 { "person" } else { "people" };
    let mut said: Vec<String> = Vec::new();
    if let Some(role) = q.role {
        said.push(role_plural(role).to_owned());
    }
    if let Some(language) = q.language.as_deref().filter(|l| !l.trim().is_empty()) {
        said.push(format!("mentoring in {}", language.trim()));
    }
    if let Some(format) = q.format {
        said.push(
            match format {
                Format::InPerson => "meeting in person",
                Format::Virtual => "meeting virtually",
            }
            .to_owned(),
        );
    }
    if let Some(code) = q.country.as_deref().filter(|c| !c.trim().is_empty()) {
        let name = countries
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code.trim()))
            .map_or(code.trim(), |c| c.name.as_str());
        said.push(format!("in {name}"));
    }
    if !q.search.trim().is_empty() {
        said.push(format!(
            "matching {}",
            crate::error::quoted(q.search.trim())
        ));
    }
    if said.is_empty() {
        return format!("{total} {} in your directory.", people(total));
    }
    format!("{found} of {total} {}: {}.", people(total), said.join(", "))
}

/// The directory as `q` finds it.
pub fn directory(store: &Store, q: &MentorQuery) -> Result<MentorDirectory> {
    let all = all_mentors(store.conn())?;
    let mut languages: Vec<String> = Vec::new();
    let mut countries: Vec<Country> = Vec::new();
    for m in &all {
        for language in &m.details.languages {
            if !languages.iter().any(|l| folded(l) == folded(language)) {
                languages.push(language.clone());
            }
        }
        if let Some(code) = &m.details.country {
            if !countries.iter().any(|c| &c.code == code) {
                countries.push(Country {
                    code: code.clone(),
                    name: m.country_name.clone(),
                });
            }
        }
    }
    languages.sort_by_key(|l| folded(l));
    countries.sort_by_key(|c| folded(&c.name));
    let wanted = folded(&q.search);
    let total = all.len();
    let mentors: Vec<Mentor> = all.into_iter().filter(|m| matches(m, q, &wanted)).collect();
    Ok(MentorDirectory {
        summary: summary(mentors.len(), total, q, &countries),
        total: u32::try_from(total).unwrap_or(u32::MAX),
        mentors,
        languages,
        countries,
    })
}

/// One mentor's page.
pub fn page(store: &Store, id: i64) -> Result<MentorPage> {
    let conn = store.conn();
    let mentor = get_mentor(conn, id)?;
    let entries = entries_of_mentor(conn, crate::rules::default_rule_set()?, id)?;
    let hours: Vec<CategoryHours> = Category::ALL
        .into_iter()
        .map(|category| {
            let of: Vec<&Entry> = entries.iter().filter(|e| e.category == category).collect();
            let counted_minutes = of.iter().map(|e| e.counted_minutes).sum();
            CategoryHours {
                category,
                entries: u32::try_from(of.len()).unwrap_or(u32::MAX),
                counted_minutes,
                counted: format_minutes(counted_minutes),
            }
        })
        .collect();
    let counted: i64 = hours.iter().map(|h| h.counted_minutes).sum();
    let summary = match entries.len() {
        0 => "No entries logged with them yet.".to_owned(),
        1 => format!("1 entry, {} counted.", format_minutes(counted)),
        n => format!("{n} entries, {} counted.", format_minutes(counted)),
    };
    let events = presented_by(conn, &mentor.details.name)?
        .into_iter()
        .map(|stored| PresentedEvent {
            status_label: super::calendar::status_label(
                stored.event.status,
                stored.entry_id.is_some(),
            ),
            stored,
        })
        .collect();
    Ok(MentorPage {
        mentor,
        entries,
        hours,
        summary,
        events,
    })
}

impl Store {
    /// The directory as `q` finds it (see [`MentorQuery`]).
    pub fn find_mentors(&self, q: &MentorQuery) -> Result<MentorDirectory> {
        directory(self, q)
    }

    /// A mentor's page: the entries received from them and the hours by category.
    pub fn mentor_page(&self, id: i64) -> Result<MentorPage> {
        page(self, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryDraft, MentorDraft};

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load(&mut store, today()).unwrap();
        store
    }

    fn names(d: &MentorDirectory) -> Vec<&str> {
        d.mentors.iter().map(|m| m.details.name.as_str()).collect()
    }

    #[test]
    fn examiners_who_mentor_in_a_language_are_found_as_a_therapist_asks() {
        let store = store();
        let found = store
            .find_mentors(&MentorQuery {
                role: Some(MentorRole::Examiner),
                language: Some("spanish".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(names(&found), ["Léa Moreau"]);
        assert_eq!(
            found.summary,
            "1 of 7 people: examiners, mentoring in spanish."
        );
        let spanish = store
            .find_mentors(&MentorQuery {
                language: Some("Spanish".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(names(&spanish), ["Léa Moreau", "Tomás Oyarzún"]);
        assert!(found.languages.contains(&"Japanese".to_owned()));
        assert!(found.countries.iter().any(|c| c.name == "Chile"));
        assert_eq!(found.total, 7);
    }

    #[test]
    fn format_country_and_folded_search_narrow_the_directory() {
        let store = store();
        let find = |q: MentorQuery| names(&store.find_mentors(&q).unwrap()).join("|");
        assert_eq!(
            find(MentorQuery {
                format: Some(Format::InPerson),
                country: Some("ie".into()),
                ..Default::default()
            }),
            "Siobhán Kearney"
        );
        assert_eq!(
            find(MentorQuery {
                search: "SIOBHAN".into(),
                ..Default::default()
            }),
            "Siobhán Kearney",
            "case and accents set aside"
        );
        assert_eq!(
            find(MentorQuery {
                search: "malmo".into(),
                ..Default::default()
            }),
            "Karin Holm"
        );
        assert_eq!(
            find(MentorQuery {
                search: "田中".into(),
                ..Default::default()
            }),
            "田中 愛子"
        );
        assert_eq!(
            find(MentorQuery {
                search: "norway".into(),
                ..Default::default()
            }),
            "Ingrid Bakke",
            "the country's name is searched too"
        );
        assert_eq!(
            find(MentorQuery {
                role: Some(MentorRole::TeachingAssistant),
                format: Some(Format::Virtual),
                ..Default::default()
            }),
            ""
        );
        let all = store.find_mentors(&MentorQuery::default()).unwrap();
        assert_eq!(all.summary, "7 people in your directory.");
    }

    #[test]
    fn a_mentor_s_page_lists_what_was_received_and_the_hours_by_category() {
        let mut store = store();
        let karin = store
            .mentors()
            .unwrap()
            .into_iter()
            .find(|m| m.details.name == "Karin Holm")
            .unwrap();
        let page = store.mentor_page(karin.id).unwrap();
        assert!(!page.entries.is_empty());
        assert!(page
            .entries
            .iter()
            .all(|e| e.draft.mentor_id == Some(karin.id)));
        assert!(page
            .entries
            .windows(2)
            .all(|w| w[0].draft.date >= w[1].draft.date));
        let letters: Vec<&str> = page.hours.iter().map(|h| h.category.letter()).collect();
        assert_eq!(letters, ["A", "B", "C"]);
        let counted: i64 = page.entries.iter().map(|e| e.counted_minutes).sum();
        assert_eq!(
            page.hours.iter().map(|h| h.counted_minutes).sum::<i64>(),
            counted
        );

        // An entry logged with her adds to her page; renaming her changes no entry.
        let before = page.hours[2].counted_minutes;
        let entry = store
            .add_entry(
                &EntryDraft {
                    date: "2026-05-04".into(),
                    activity: "one_to_one".into(),
                    format: Some(Format::Virtual),
                    hours: "1:15".into(),
                    days: None,
                    mentor_id: Some(karin.id),
                    provider: "Karin Holm".into(),
                    provider_credentials: "PT, CST-D".into(),
                    certified_mentor: true,
                    endorsed: true,
                    notes: String::new(),
                },
                today(),
            )
            .unwrap();
        store
            .save_mentor(
                Some(karin.id),
                &MentorDraft {
                    name: "Karin Holm-Berg".into(),
                    ..karin.details.clone()
                },
            )
            .unwrap();
        let page = store.mentor_page(karin.id).unwrap();
        assert_eq!(page.hours[2].counted_minutes, before + 75);
        assert_eq!(page.entries[0].id, entry.id);
        assert_eq!(page.entries[0].draft.provider, "Karin Holm", "as logged");
        assert_eq!(page.mentor.details.name, "Karin Holm-Berg");

        let none = store
            .save_mentor(
                None,
                &MentorDraft {
                    name: "New Person".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let empty = store.mentor_page(none.id).unwrap();
        assert_eq!(empty.summary, "No entries logged with them yet.");
        assert!(empty
            .hours
            .iter()
            .all(|h| h.entries == 0 && h.counted == "0 min"));
    }

    #[test]
    fn a_mentor_s_page_lists_the_events_they_present_by_start_in_any_case_or_accents() {
        let mut store = store();
        let tomas = store
            .mentors()
            .unwrap()
            .into_iter()
            .find(|m| m.details.name == "Tomás Oyarzún")
            .unwrap();
        let before = store.mentor_page(tomas.id).unwrap().events.len();
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n\
            BEGIN:VEVENT\r\nUID:later@example.org\r\nDTSTAMP:20260101T000000Z\r\n\
            DTSTART:20260910T170000Z\r\nDURATION:PT1H\r\nSUMMARY:The pelvis\r\n\
            X-STILLPOINT-PRESENTER:TOMAS OYARZUN\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nUID:sooner@example.org\r\nDTSTAMP:20260101T000000Z\r\n\
            DTSTART:20260710T170000Z\r\nDURATION:PT1H\r\nSUMMARY:Cranial nerves\r\n\
            X-STILLPOINT-PRESENTER:Tomás Oyarzún\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nUID:other@example.org\r\nDTSTAMP:20260101T000000Z\r\n\
            DTSTART:20260810T170000Z\r\nDURATION:PT1H\r\nSUMMARY:Migraines\r\n\
            X-STILLPOINT-PRESENTER:Ingrid Bakke\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        store
            .import_ics(ics.as_bytes(), chrono_tz::Tz::UTC)
            .unwrap();
        let page = store.mentor_page(tomas.id).unwrap();
        let titles: Vec<&str> = page.events[before..]
            .iter()
            .map(|e| e.stored.event.title.as_str())
            .collect();
        assert_eq!(titles, ["Cranial nerves", "The pelvis"]);
    }
}
