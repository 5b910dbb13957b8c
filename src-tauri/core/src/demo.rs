//! Demo data: a fictional practitioner and their records, for a first look at Stillpoint.
//!
//! Everyone in it is invented. It only ever goes into an empty database, so it can never mix
//! with a therapist's real records. It passes the same validation as anything typed in, and
//! its sessions the same screen: the flagged client's sessions are saved only because a
//! clearance dated before them is recorded.

use chrono::NaiveDate;

use crate::certification::default_certification;
use crate::clinical::{intake_screen, ItemAnswer, ScreenAnswer};
use crate::error::{Error, Result};
use crate::model::{
    ClearanceDraft, ClientDraft, CourseDraft, CourseRole, EntryDraft, ExamDraft, IntakeDraft,
    MentorDraft, PresentationDraft, Profile, SessionDraft, SessionKind, ValidEntry,
};
use crate::rules::{default_rule_set, Format};
use crate::store::{DemoClient, Store};

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

fn mentor(
    name: &str,
    credentials: &str,
    certified: bool,
    examiner: bool,
    place: &str,
    languages: &str,
    cost: &str,
) -> MentorDraft {
    MentorDraft {
        name: name.into(),
        credentials: credentials.into(),
        certified_mentor: certified,
        examiner,
        email: String::new(),
        phone: String::new(),
        location: place.into(),
        languages: languages.into(),
        in_person: true,
        virtual_sessions: true,
        cost_notes: cost.into(),
    }
}

fn demo_mentors() -> Vec<MentorDraft> {
    vec![
        mentor(
            "Karin Holm",
            "PT, CST-D",
            true,
            true,
            "Malmö, Sweden",
            "Swedish, English",
            "900 SEK per hour; sliding scale",
        ),
        mentor(
            "Tomás Oyarzún",
            "LMT, CST",
            true,
            false,
            "Santiago, Chile",
            "Spanish, English",
            "USD 70 per hour, virtual only",
        ),
        mentor(
            "Eitan Levi",
            "D.O., CST-D",
            true,
            true,
            "Haifa, Israel",
            "Hebrew, English",
            "Ask by email",
        ),
        mentor(
            "Siobhán Kearney",
            "RCST",
            false,
            false,
            "Cork, Ireland",
            "English, Irish",
            "EUR 65 per session",
        ),
        mentor(
            "田中 愛子",
            "CST-T",
            false,
            false,
            "Kyoto, Japan",
            "Japanese",
            "Treatment only",
        ),
    ]
}

/// (mentor index, date, activity, format, hours, days, notes)
type Row = (
    Option<usize>,
    &'static str,
    &'static str,
    Format,
    &'static str,
    Option<u32>,
    &'static str,
);

fn demo_rows() -> Vec<Row> {
    use Format::{InPerson, Virtual};
    vec![
        (
            Some(0),
            "2025-02-12",
            "receiving_treatment",
            InPerson,
            "1:30",
            None,
            "Ten-step protocol; noticed a strong still point at the occiput.",
        ),
        (
            Some(4),
            "2025-03-21",
            "receiving_treatment",
            InPerson,
            "1:00",
            None,
            "While visiting Kyoto.",
        ),
        (
            Some(0),
            "2025-04-09",
            "receiving_treatment",
            InPerson,
            "1:00",
            None,
            "",
        ),
        (
            Some(3),
            "2025-05-02",
            "receiving_treatment",
            InPerson,
            "1:00",
            None,
            "RCST session: a different body's credential.",
        ),
        (
            Some(0),
            "2025-06-18",
            "receiving_treatment",
            InPerson,
            "1:30",
            None,
            "",
        ),
        (
            Some(0),
            "2025-07-07",
            "receiving_treatment",
            Virtual,
            "1:00",
            None,
            "Remote session; category A needs in person.",
        ),
        (
            Some(0),
            "2025-09-03",
            "receiving_treatment",
            InPerson,
            "1:00",
            None,
            "",
        ),
        (
            Some(1),
            "2025-02-26",
            "small_group",
            Virtual,
            "2:00",
            None,
            "Practice building, 6 participants.",
        ),
        (
            Some(1),
            "2025-04-23",
            "small_group",
            Virtual,
            "2:00",
            None,
            "Ethics of practice.",
        ),
        (
            Some(1),
            "2025-08-27",
            "small_group",
            Virtual,
            "2:00",
            None,
            "Case studies.",
        ),
        (
            None,
            "2025-03-05",
            "study_group",
            Virtual,
            "1:30",
            None,
            "Virtual study group: diaphragm releases.",
        ),
        (None, "2025-10-01", "study_group", Virtual, "1:00", None, ""),
        (
            None,
            "2025-05-16",
            "clinical_applications",
            InPerson,
            "8:00",
            None,
            "CST Clinical Applications: Pediatrics.",
        ),
        (
            None,
            "2025-06-04",
            "eyp_recording",
            Virtual,
            "1:00",
            None,
            "Empower Your Practice: marketing with integrity.",
        ),
        (
            None,
            "2025-11-12",
            "eyp_recording",
            Virtual,
            "1:00",
            None,
            "",
        ),
        (
            None,
            "2025-10-20",
            "precepting_advanced",
            InPerson,
            "",
            Some(3),
            "Advanced 1, Hamburg.",
        ),
        (
            Some(0),
            "2025-03-12",
            "one_to_one",
            Virtual,
            "1:00",
            None,
            "Learning goals.",
        ),
        (
            Some(0),
            "2025-05-14",
            "one_to_one",
            Virtual,
            "1:00",
            None,
            "",
        ),
        (
            Some(0),
            "2025-07-16",
            "one_to_one",
            Virtual,
            "1:00",
            None,
            "Co-treated a client with chronic headaches.",
        ),
        (
            Some(2),
            "2025-09-24",
            "one_to_one",
            InPerson,
            "1:30",
            None,
            "Examiner's view of the practical.",
        ),
        (
            Some(0),
            "2025-11-19",
            "one_to_one",
            Virtual,
            "1:00",
            None,
            "",
        ),
        (
            Some(2),
            "2026-01-21",
            "one_to_one",
            InPerson,
            "1:30",
            None,
            "",
        ),
        (
            Some(0),
            "2026-03-11",
            "one_to_one",
            Virtual,
            "1:00",
            None,
            "",
        ),
    ]
}

/// Answers to the screen: every item no, except those given.
fn answers(yes: &[(&str, ScreenAnswer)]) -> Result<Vec<ItemAnswer>> {
    Ok(intake_screen()?
        .items()
        .iter()
        .map(|item| ItemAnswer {
            item: item.key.clone(),
            answer: yes
                .iter()
                .find(|(key, _)| *key == item.key)
                .map_or(ScreenAnswer::No, |(_, a)| *a),
        })
        .collect())
}

/// (date, minutes, S, O, A, P, techniques, other techniques, scale before, scale after, outcome)
type Notes = (
    &'static str,
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    i32,
    i32,
    &'static str,
);

fn sessions(notes: &[Notes]) -> Vec<SessionDraft> {
    notes
        .iter()
        .map(
            |&(date, minutes, s, o, a, p, techniques, other, before, after, outcome)| {
                SessionDraft {
                    client_id: 0,
                    kind: SessionKind::Treatment,
                    date: date.into(),
                    minutes,
                    subjective: s.into(),
                    objective: o.into(),
                    assessment: a.into(),
                    plan: p.into(),
                    techniques: techniques.iter().map(|t| (*t).to_owned()).collect(),
                    techniques_other: other.into(),
                    scale_before: Some(before),
                    scale_after: Some(after),
                    outcome: outcome.into(),
                }
            },
        )
        .collect()
}

/// Three clients: C-001 with tension headaches (consents to portfolio use), C-002 flagged at
/// intake for a recent concussion and treated after a medical clearance (consents), C-003 a
/// child whose parents did not consent to portfolio use.
fn demo_clients() -> Result<Vec<DemoClient>> {
    Ok(vec![
        DemoClient {
            client: ClientDraft {
                code: "C-001".into(),
                private_name: "Ingrid Solberg".into(),
                private_contact: "ingrid.solberg@example.no\n+47 934 11 220".into(),
                birth_year: Some(1979),
                gender: "female".into(),
                consent_treatment_on: "2025-02-03".into(),
                consent_portfolio_on: "2025-02-03".into(),
            },
            intake: IntakeDraft {
                taken_on: "2025-02-03".into(),
                complaint: "Tension-type headaches, three to four a week, for two years.".into(),
                history: "Office work at a screen. Whiplash in a car accident in 2016, recovered \
                          after physiotherapy."
                    .into(),
                medications: "Ibuprofen 400 mg when needed, about twice a week.".into(),
                answers: answers(&[])?,
            },
            clearances: Vec::new(),
            sessions: sessions(&[
                ("2025-02-03", 75, "Headache most afternoons, band-like, worse after long days at the screen.",
                 "Restriction at the occipital cranial base and thoracic inlet; cranial rhythm slow and low in amplitude.",
                 "Tension pattern from the suboccipitals into the dura; respiratory diaphragm restricted.",
                 "Weekly sessions; screen breaks every hour.",
                 &["still_point", "respiratory_diaphragm", "thoracic_inlet", "occipital_cranial_base"],
                 "", 7, 5, "Felt lighter in the head and sleepy after the session."),
                ("2025-02-10", 60, "Two headaches this week, both milder.",
                 "Occipital cranial base freer; the dural tube drags at the sacrum.",
                 "Dural restriction between occiput and sacrum keeps the pattern going.",
                 "Dural tube work next time.",
                 &["still_point", "occipital_cranial_base", "dural_tube"],
                 "", 5, 3, "Neck moved more freely when turning to the left."),
                ("2025-02-24", 60, "One headache in ten days.",
                 "Rhythm fuller; sphenoid slightly compressed on the right.",
                 "Dura freer; residual pattern at the sphenoid.",
                 "Fortnightly now.",
                 &["still_point", "dural_tube", "sphenoid", "frontal_lift"],
                 "", 4, 2, "No headache for the rest of the day."),
                ("2025-03-17", 60, "No headaches for two weeks; tired at the end of the working day.",
                 "Symmetrical rhythm; a small restriction at the left temporal bone.",
                 "Most of the tension pattern has resolved.",
                 "One more session in a month.",
                 &["still_point", "temporal", "tmj"],
                 "Self-treatment: still point with a tennis ball sock", 3, 1, "Deeply relaxed; left jaw looser."),
                ("2025-04-14", 60, "One mild headache in four weeks, after a night of little sleep.",
                 "Full, even cranial rhythm; no notable restriction.",
                 "Stable; the client manages the occasional headache herself.",
                 "Come back when needed.",
                 &["full_ten_step_protocol"],
                 "", 2, 1, "Ends treatment for now, pleased with the change."),
            ]),
            discussion: Some(
                "The headaches followed the classic tension pattern: restriction at the occipital \
                 cranial base carried into the dural tube, with a slow, low rhythm. Working from the \
                 diaphragms to the cranial base before the dural tube matched the course's advice to \
                 release the transverse restrictions first, and the scale fell most after the dural \
                 tube was freed in the second session. The earlier whiplash may explain why the \
                 pattern sat at the cranial base. Teaching the client a still point she can induce \
                 herself kept the gains between sessions; next time I would start it earlier."
                    .into(),
            ),
        },
        DemoClient {
            client: ClientDraft {
                code: "C-002".into(),
                private_name: "Jonas Bakke".into(),
                private_contact: "+47 455 02 118".into(),
                birth_year: Some(1988),
                gender: "male".into(),
                consent_treatment_on: "2025-04-10".into(),
                consent_portfolio_on: "2025-04-10".into(),
            },
            intake: IntakeDraft {
                taken_on: "2025-04-10".into(),
                complaint: "Dizziness and poor concentration since a concussion.".into(),
                history: "Concussion in a football match in January 2025, seen in the emergency \
                          department; CT normal."
                    .into(),
                medications: "None.".into(),
                answers: answers(&[("head_injury", ScreenAnswer::Yes)])?,
            },
            clearances: vec![ClearanceDraft {
                client_id: 0,
                cleared_on: "2025-04-14".into(),
                cleared_by: "Dr Live Aas, general practitioner".into(),
                note: "Symptoms stable for eight weeks; no objection to gentle manual therapy."
                    .into(),
            }],
            sessions: sessions(&[
                ("2025-04-16", 60, "Dizzy when turning the head quickly; reading tires him after twenty minutes.",
                 "Cranial rhythm irregular; compression felt at the left parietal and the sphenoid.",
                 "Post-concussion pattern; worked very gently, well within the clearance.",
                 "Weekly, short sessions.",
                 &["still_point", "parietal_lift", "sphenoid"],
                 "", 6, 5, "Slight headache in the evening, gone by morning."),
                ("2025-04-23", 60, "Less dizzy; sleeps better.",
                 "Rhythm more regular; parietal freer.",
                 "Responding; kept the work light.",
                 "Continue weekly.",
                 &["still_point", "parietal_lift", "occipital_cranial_base"],
                 "", 5, 3, "Clearer head after the session."),
                ("2025-05-07", 60, "Reads for an hour without a break; dizzy only when very tired.",
                 "Even rhythm; slight drag at the left temporal bone.",
                 "Steady improvement.",
                 "Fortnightly.",
                 &["still_point", "temporal"],
                 "", 4, 2, "No dizziness getting up from the table."),
                ("2025-05-28", 60, "Back at work full time; plays football again next month.",
                 "Full, even rhythm; no restriction found.",
                 "Recovered within what CST can judge; told him to see his doctor if symptoms return.",
                 "End of treatment.",
                 &["full_ten_step_protocol"],
                 "", 3, 1, "Pleased; ends treatment."),
            ]),
            discussion: Some(
                "A recent concussion is a contraindication until a doctor says otherwise, so \
                 treatment started only after the general practitioner's clearance, and the first \
                 sessions stayed short and light. The irregular rhythm and the compression at the \
                 parietal and sphenoid fitted the mechanism of the blow. Parietal lift and still \
                 point induction were enough; I left SomatoEmotional Release aside while the \
                 symptoms were settling. The scale fell from 6 to 1 over six weeks, alongside \
                 ordinary recovery, which this case cannot separate from the effect of treatment."
                    .into(),
            ),
        },
        DemoClient {
            client: ClientDraft {
                code: "C-003".into(),
                private_name: "Sofie Lund".into(),
                private_contact: "Parent: +47 980 44 310".into(),
                birth_year: Some(2016),
                gender: "female".into(),
                consent_treatment_on: "2025-09-01".into(),
                consent_portfolio_on: String::new(),
            },
            intake: IntakeDraft {
                taken_on: "2025-09-01".into(),
                complaint: "Restless sleep and frequent waking since starting school.".into(),
                history: "Born by ventouse delivery; otherwise healthy.".into(),
                medications: String::new(),
                answers: answers(&[("fever_or_acute_infection", ScreenAnswer::Unknown)])?,
            },
            clearances: Vec::new(),
            sessions: sessions(&[
                ("2025-09-01", 45, "Wakes two or three times a night, say the parents.",
                 "Compression at the occiput; restless on the table.",
                 "Possible birth-related cranial base pattern.",
                 "Two more sessions.",
                 &["still_point", "occipital_cranial_base"],
                 "Worked with the child on the parent's lap", 6, 4, "Fell asleep at the end."),
                ("2025-09-15", 45, "Wakes once a night.",
                 "Occiput freer.",
                 "Improving.",
                 "One more session.",
                 &["still_point", "lumbosacral_decompression"],
                 "", 4, 2, "Calm throughout."),
            ]),
            discussion: None,
        },
    ])
}

fn demo_courses() -> Vec<CourseDraft> {
    let course =
        |key: &str, from: &str, to: &str, who: &str, place: &str, hours: &str| CourseDraft {
            course: key.into(),
            title: String::new(),
            role: Some(CourseRole::Participant),
            started_on: from.into(),
            finished_on: to.into(),
            instructor: who.into(),
            place: place.into(),
            hours: hours.into(),
        };
    vec![
        course(
            "CS1",
            "2024-03-14",
            "2024-03-17",
            "Karin Holm",
            "Malmö",
            "27:30",
        ),
        course(
            "CS2",
            "2024-09-12",
            "2024-09-15",
            "Karin Holm",
            "Copenhagen",
            "27:30",
        ),
        course(
            "SER1",
            "2025-05-22",
            "2025-05-25",
            "Eitan Levi",
            "Hamburg",
            "28",
        ),
    ]
}

fn demo_exams() -> Vec<ExamDraft> {
    vec![
        ExamDraft {
            exam: "techniques_essay".into(),
            passed_on: "2025-01-20".into(),
            note: "Open-book essay on the ten-step protocol.".into(),
        },
        ExamDraft {
            exam: "techniques_objective".into(),
            passed_on: "2025-03-05".into(),
            note: String::new(),
        },
    ]
}

fn demo_presentations() -> Vec<PresentationDraft> {
    vec![PresentationDraft {
        given_on: "2025-11-05".into(),
        title: "CranioSacral Therapy: what midwives can expect".into(),
        audience: "Midwives' association, Trondheim".into(),
        hours: "2".into(),
    }]
}

/// Fills an empty database with the demo records; refuses one that holds anything.
pub fn load(store: &mut Store, today: NaiveDate) -> Result<()> {
    if !store.is_empty()? {
        return Err(Error::Refused(
            "Demo data can only be loaded into an empty database; this one already has records."
                .into(),
        ));
    }
    let rules = default_rule_set()?;
    let profile = demo_profile().validated()?;
    let mentors = demo_mentors()
        .iter()
        .map(MentorDraft::validated)
        .collect::<Result<Vec<_>>>()?;
    let entries = demo_rows()
        .into_iter()
        .map(|(who, date, activity, format, hours, days, notes)| {
            let person = who.and_then(|i| mentors.get(i));
            let draft = EntryDraft {
                date: date.into(),
                activity: activity.into(),
                format: Some(format),
                hours: hours.into(),
                days,
                mentor_id: None,
                provider: person.map(|m| m.name.clone()).unwrap_or_default(),
                provider_credentials: person.map(|m| m.credentials.clone()).unwrap_or_default(),
                certified_mentor: person.is_some_and(|m| m.certified_mentor),
                endorsed: true,
                notes: notes.into(),
            };
            Ok((who, draft.validated(rules, today)?))
        })
        .collect::<Result<Vec<(Option<usize>, ValidEntry)>>>()?;
    let certification = default_certification()?;
    let screen = intake_screen()?;
    let clients = demo_clients()?
        .into_iter()
        .map(|c| {
            Ok(DemoClient {
                client: c.client.validated(today)?,
                intake: c.intake.validated(screen, today)?,
                clearances: c
                    .clearances
                    .iter()
                    .map(|d| Ok(d.validated(today)?.0))
                    .collect::<Result<_>>()?,
                ..c
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let courses = demo_courses()
        .iter()
        .map(|c| c.validated(certification, today))
        .collect::<Result<Vec<_>>>()?;
    let exams = demo_exams()
        .iter()
        .map(|e| Ok(e.validated(certification, today)?.0))
        .collect::<Result<Vec<_>>>()?;
    let presentations = demo_presentations()
        .iter()
        .map(|p| p.validated(today))
        .collect::<Result<Vec<_>>>()?;
    store.with_tx(|tx| {
        crate::store::write_demo(tx, &profile, &mentors, &entries)?;
        crate::store::write_demo_cases(tx, &clients, &courses, &exams, &presentations, today)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntryQuery;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn demo_data_fills_an_empty_database_once() {
        let mut store = Store::open_in_memory().unwrap();
        load(&mut store, today()).unwrap();
        assert_eq!(store.profile().unwrap(), Some(demo_profile()));
        assert_eq!(store.mentors().unwrap().len(), demo_mentors().len());
        assert!(matches!(load(&mut store, today()), Err(Error::Refused(_))));
    }

    #[test]
    fn the_demo_shows_a_credit_earned_and_entries_that_count_less() {
        let mut store = Store::open_in_memory().unwrap();
        load(&mut store, today()).unwrap();
        let status = store.credit_status().unwrap();
        assert_eq!(status.credits_available, 1);
        assert!(status.next_credit.total() > 0);
        let less = store
            .entries(&EntryQuery {
                counted_less: true,
                limit: 50,
                ..Default::default()
            })
            .unwrap();
        assert!(
            less.total >= 3,
            "RCST, virtual A, the capped class, the fixed study group …"
        );
        let linked = store
            .entries(&EntryQuery {
                limit: 50,
                ..Default::default()
            })
            .unwrap();
        assert!(linked.rows.iter().any(|e| e.draft.mentor_id.is_some()));
    }

    #[test]
    fn the_demo_has_clients_one_flagged_and_cleared_and_two_case_studies_naming_no_one() {
        let mut store = Store::open_in_memory().unwrap();
        load(&mut store, today()).unwrap();
        let clients = store.clients().unwrap();
        assert_eq!(clients.len(), 3);
        let flagged: Vec<&str> = clients
            .iter()
            .filter(|c| c.flagged)
            .map(|c| c.client.draft.code.as_str())
            .collect();
        assert_eq!(flagged, ["C-002"]);
        let overview = store.client_overview(clients[1].client.id).unwrap();
        assert!(overview.clearance.is_some());
        assert!(overview.sessions.iter().all(|s| !s.uncleared));
        assert_eq!(overview.timeline.len(), 4);
        let cases = store.case_studies().unwrap();
        assert_eq!(cases.len(), 2);
        for case in &cases {
            assert!(case.hits.is_empty(), "{:?}", case.hits);
            assert!(case.missing.is_empty(), "{:?}", case.missing);
        }
        assert_eq!(store.courses().unwrap().len(), 3);
        let readiness = store.readiness().unwrap();
        let techniques: Vec<bool> = readiness[0].items.iter().map(|i| i.done).collect();
        assert_eq!(
            techniques,
            [true, true, true, true, false],
            "the practical is missing"
        );
        assert_eq!(readiness[1].items[3].detail, "2 of 5 finished.");
        assert!(matches!(load(&mut store, today()), Err(Error::Refused(_))));
    }
}
