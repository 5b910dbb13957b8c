//! The demo clients: their intakes, clearances and session notes.

use crate::clinical::{intake_screen, ItemAnswer, ScreenAnswer};
use crate::error::Result;
use crate::model::{ClearanceDraft, ClientDraft, IntakeDraft, SessionDraft, SessionKind};
use crate::store::DemoClient;

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
pub(super) fn demo_clients() -> Result<Vec<DemoClient>> {
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
