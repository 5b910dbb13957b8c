use super::*;
use crate::rules::default_rule_set;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// An entry that meets every condition, on a day every category counts.
fn entry(activity: &str, minutes: i64) -> EntryFacts {
    EntryFacts {
        date: day(2020, 3, 15),
        activity: activity.into(),
        format: Format::InPerson,
        minutes,
        days: None,
        provider_credentials: "CST-D".into(),
        certified_mentor: true,
        endorsed: true,
    }
}

fn count(entry: &EntryFacts) -> Counted {
    count_entry(default_rule_set().unwrap(), entry).unwrap()
}

fn messages(counted: &Counted) -> Vec<String> {
    counted.messages()
}

fn field_of(result: Result<Counted>) -> &'static str {
    match result {
        Err(Error::Invalid { field, .. }) => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn as_logged_activities_count_what_was_logged() {
    for key in [
        "receiving_treatment",
        "small_group",
        "large_group",
        "csir_call",
        "one_to_one",
    ] {
        let counted = count(&entry(key, 517));
        assert_eq!(counted.minutes, 517, "{key}");
        assert!(counted.reasons.is_empty(), "{key}");
    }
}

#[test]
fn every_activity_of_the_contract_exists_in_its_category() {
    let set = default_rule_set().unwrap();
    for (key, category) in [
        ("receiving_treatment", Category::A),
        ("small_group", Category::B),
        ("large_group", Category::B),
        ("study_group", Category::B),
        ("clinical_applications", Category::B),
        ("eyp_recording", Category::B),
        ("beyond_the_dura", Category::B),
        ("precepting_advanced", Category::B),
        ("intensive_therapy", Category::B),
        ("csir_call", Category::B),
        ("one_to_one", Category::C),
    ] {
        assert_eq!(set.activity(key).unwrap().category, category, "{key}");
    }
}

#[test]
fn clinical_applications_and_beyond_the_dura_are_capped_at_6_h() {
    for key in ["clinical_applications", "beyond_the_dura"] {
        let below = count(&entry(key, 359));
        assert_eq!((below.minutes, below.reasons.len()), (359, 0), "{key}");
        let exactly = count(&entry(key, 360));
        assert_eq!((exactly.minutes, exactly.reasons.len()), (360, 0), "{key}");
        let above = count(&entry(key, 480));
        assert_eq!(above.minutes, 360, "{key}");
        assert_eq!(above.reasons.len(), 1);
    }
    assert_eq!(
        messages(&count(&entry("clinical_applications", 480))),
        ["Counted 6 h of 8 h logged: a clinical applications class counts up to 6 h."]
    );
    assert_eq!(
        messages(&count(&entry("beyond_the_dura", 361))),
        ["Counted 6 h of 6 h 1 min logged: a Beyond the Dura conference counts up to 6 h."]
    );
}

#[test]
fn study_groups_and_recordings_count_1_h_each() {
    for key in ["study_group", "eyp_recording"] {
        let exact = count(&entry(key, 60));
        assert_eq!((exact.minutes, exact.reasons.len()), (60, 0), "{key}");
        let longer = count(&entry(key, 120));
        assert_eq!((longer.minutes, longer.reasons.len()), (60, 1), "{key}");
        let shorter = count(&entry(key, 45));
        assert_eq!((shorter.minutes, shorter.reasons.len()), (60, 1), "{key}");
    }
    assert_eq!(
        messages(&count(&entry("study_group", 120))),
        ["Counted 1 h of 2 h logged: a study group counts as 1 h."]
    );
    assert_eq!(
        messages(&count(&entry("eyp_recording", 45))),
        ["Counted 1 h of 45 min logged: an Empower Your Practice recording counts as 1 h."]
    );
}

#[test]
fn precepting_and_intensive_therapy_count_1_h_30_per_day() {
    for key in ["precepting_advanced", "intensive_therapy"] {
        let mut e = entry(key, 8 * 60 * 3);
        e.days = Some(3);
        let counted = count(&e);
        assert_eq!(counted.minutes, 270, "{key}");
        assert_eq!(counted.reasons.len(), 1);
        e.minutes = 90;
        e.days = Some(1);
        assert_eq!(
            count(&e),
            Counted {
                minutes: 90,
                reasons: vec![]
            }
        );
    }
    let mut e = entry("precepting_advanced", 480);
    e.days = Some(1);
    assert_eq!(
        messages(&count(&e)),
        [
            "Counted 1 h 30 min of 8 h logged: precepting an Advanced CranioSacral Therapy \
          workshop counts 1 h 30 min a day, for 1 day."
        ]
    );
    e.days = Some(2);
    assert!(messages(&count(&e))[0].ends_with("for 2 days."));
}

#[test]
fn a_per_day_activity_needs_its_days() {
    let set = default_rule_set().unwrap();
    let mut e = entry("intensive_therapy", 480);
    assert_eq!(field_of(count_entry(set, &e)), "days");
    e.days = Some(0);
    assert_eq!(field_of(count_entry(set, &e)), "days");
    // Days on another activity are ignored.
    let mut e = entry("small_group", 120);
    e.days = Some(4);
    assert_eq!(count(&e).minutes, 120);
}

#[test]
fn unknown_activities_and_negative_minutes_are_field_errors() {
    let set = default_rule_set().unwrap();
    assert_eq!(field_of(count_entry(set, &entry("yoga", 60))), "activity");
    assert_eq!(
        field_of(count_entry(set, &entry("small_group", -1))),
        "minutes"
    );
    assert_eq!(count(&entry("small_group", 0)).minutes, 0);
}

#[test]
fn each_category_counts_from_its_start_date() {
    for (key, first) in [
        ("receiving_treatment", day(2014, 1, 1)),
        ("small_group", day(2013, 5, 1)),
        ("study_group", day(2013, 5, 1)),
        ("one_to_one", day(2014, 5, 1)),
    ] {
        let mut e = entry(key, 60);
        e.date = first;
        assert_eq!(count(&e).minutes, 60, "{key} on {first}");
        e.date = first.pred_opt().unwrap();
        let counted = count(&e);
        assert_eq!(counted.minutes, 0, "{key} the day before {first}");
        assert!(matches!(
            counted.reasons[..],
            [CountReason::BeforeStartDate { counts_from, .. }] if counts_from == first
        ));
    }
    let mut e = entry("one_to_one", 60);
    e.date = day(2014, 4, 30);
    assert_eq!(
        messages(&count(&e)),
        ["Before 1 May 2014, category C hours do not count."]
    );
    let mut e = entry("receiving_treatment", 60);
    e.date = day(2013, 12, 31);
    assert_eq!(
        messages(&count(&e)),
        ["Before 1 January 2014, category A hours do not count."]
    );
}

#[test]
fn category_a_counts_only_in_person() {
    let mut e = entry("receiving_treatment", 60);
    e.format = Format::Virtual;
    let counted = count(&e);
    assert_eq!(counted.minutes, 0);
    assert_eq!(
        messages(&counted),
        ["Category A counts only treatment received in person."]
    );
    for key in ["small_group", "large_group", "one_to_one", "csir_call"] {
        let mut e = entry(key, 60);
        e.format = Format::Virtual;
        assert_eq!(count(&e).minutes, 60, "{key}");
    }
}

#[test]
fn category_a_needs_a_cst_credential() {
    for good in [
        "CST",
        "CST-T",
        "CST-D",
        "cst-t",
        "PT, CST-D",
        "LMT/CST",
        "D.O.; cst-d",
        "Erin Riley PT CST-D",
        "PT (CST-D)",
        "CST\u{2013}D",
        "PT, CST-D.",
    ] {
        let mut e = entry("receiving_treatment", 60);
        e.provider_credentials = good.into();
        assert_eq!(count(&e).minutes, 60, "{good}");
    }
    for bad in [
        "RCST",
        "",
        "  ",
        "PT, LMT",
        "CST-X",
        "CSTD",
        "RCST, BCST",
        "CS1",
    ] {
        let mut e = entry("receiving_treatment", 60);
        e.provider_credentials = bad.into();
        let counted = count(&e);
        assert_eq!(counted.minutes, 0, "{bad}");
        assert!(
            matches!(counted.reasons[..], [CountReason::CredentialMissing { .. }]),
            "{bad}"
        );
    }
    let mut e = entry("receiving_treatment", 60);
    e.provider_credentials = "RCST".into();
    assert_eq!(
        messages(&count(&e)),
        [
            "Category A counts only treatment received from a provider who holds CST, CST-T or \
          CST-D; this provider's credentials (\"RCST\") do not include one."
        ]
    );
    e.provider_credentials = String::new();
    assert!(messages(&count(&e))[0].ends_with("no credentials are entered for this provider."));
    // Other activities do not look at credentials.
    let mut e = entry("small_group", 60);
    e.provider_credentials = "RCST".into();
    assert_eq!(count(&e).minutes, 60);
}

#[test]
fn extended_trainings_need_endorsement() {
    for key in [
        "study_group",
        "clinical_applications",
        "beyond_the_dura",
        "precepting_advanced",
        "intensive_therapy",
        "csir_call",
    ] {
        let mut e = entry(key, 120);
        e.days = Some(1);
        e.endorsed = false;
        let counted = count(&e);
        assert_eq!(counted.minutes, 0, "{key}");
        assert!(
            matches!(counted.reasons[..], [CountReason::NotEndorsed { .. }]),
            "{key}"
        );
    }
    for key in ["small_group", "large_group", "eyp_recording", "one_to_one"] {
        let mut e = entry(key, 60);
        e.endorsed = false;
        assert_eq!(count(&e).minutes, 60, "{key}");
    }
    let mut e = entry("clinical_applications", 480);
    e.endorsed = false;
    assert_eq!(
        messages(&count(&e)),
        [
            "A clinical applications class counts only when it is run by someone properly \
          endorsed or affiliated; this one is marked as not endorsed."
        ]
    );
}

#[test]
fn one_to_one_needs_a_certified_mentor() {
    let mut e = entry("one_to_one", 90);
    e.certified_mentor = false;
    let counted = count(&e);
    assert_eq!(counted.minutes, 0);
    assert_eq!(
        messages(&counted),
        [
            "Category C counts only 1x1 mentorship with a certified mentor; this mentor is not \
          marked as certified."
        ]
    );
    e.format = Format::Virtual;
    e.certified_mentor = true;
    assert_eq!(count(&e).minutes, 90);
    let mut e = entry("small_group", 90);
    e.certified_mentor = false;
    assert_eq!(count(&e).minutes, 90);
}

#[test]
fn every_failed_condition_is_listed() {
    let mut e = entry("receiving_treatment", 60);
    e.date = day(2013, 1, 1);
    e.format = Format::Virtual;
    e.provider_credentials = "RCST".into();
    let counted = count(&e);
    assert_eq!(counted.minutes, 0);
    assert_eq!(counted.reasons.len(), 3);
    // A disqualified entry never also claims to be capped.
    let mut e = entry("clinical_applications", 600);
    e.endorsed = false;
    assert_eq!(count(&e).reasons.len(), 1);
}

#[test]
fn facts_read_from_json_default_to_endorsed() {
    let e: EntryFacts = serde_json::from_value(serde_json::json!({
        "date": "2020-01-02", "activity": "study_group", "format": "virtual", "minutes": 60
    }))
    .unwrap();
    assert!(e.endorsed);
    assert!(!e.certified_mentor);
    assert_eq!(e.days, None);
}

#[test]
fn reasons_serialise_with_a_kind() {
    let reason = CountReason::BeforeStartDate {
        category: Category::C,
        counts_from: day(2014, 5, 1),
    };
    assert_eq!(
        serde_json::to_value(&reason).unwrap(),
        serde_json::json!({"kind": "before_start_date", "category": "C", "counts_from": "2014-05-01"})
    );
}
