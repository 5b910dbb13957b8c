use chrono::NaiveDate;

use crate::error::Error;
use crate::model::{FeeDraft, SubmissionState};
use crate::store::Store;
use crate::testing::entry;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    day("2025-06-30")
}

fn log(store: &mut Store, date: &str, activity: &str, hours: &str) -> i64 {
    store
        .add_entry(&entry(date, activity, hours), today())
        .unwrap()
        .id
}

/// A 8 h, B 7 h, C 10 h: one credit, with 20 min of each category carried forward.
fn one_credit_and_a_bit() -> (Store, [i64; 4]) {
    let mut store = Store::open_in_memory().unwrap();
    let ids = [
        log(&mut store, "2025-01-10", "receiving_treatment", "4"),
        log(&mut store, "2025-02-10", "receiving_treatment", "4"),
        log(&mut store, "2025-01-05", "small_group", "7"),
        log(&mut store, "2025-01-20", "one_to_one", "10"),
    ];
    (store, ids)
}

fn usd(amount: &str) -> FeeDraft {
    FeeDraft {
        amount: amount.into(),
        currency: "usd".into(),
    }
}

fn refusal<T: std::fmt::Debug>(result: crate::Result<T>) -> String {
    match result {
        Err(Error::Refused(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn field<T: std::fmt::Debug>(result: crate::Result<T>) -> &'static str {
    match result {
        Err(Error::Invalid { field, .. }) => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn a_claim_is_a_draft_and_its_minutes_leave_the_pool() {
    let (mut store, [a1, a2, b, c]) = one_credit_and_a_bit();
    let detail = store.claim_credits(1, today()).unwrap();
    let s = &detail.summary;
    assert_eq!(
        (s.state, s.credits, s.created_on),
        (SubmissionState::Draft, 1, today())
    );
    assert_eq!((s.claimed.a, s.claimed.b, s.claimed.c), (460, 400, 580));
    assert_eq!((s.claimed_total, s.entry_count), (1440, 4));
    let rows: Vec<(i64, i64)> = detail
        .categories
        .iter()
        .flat_map(|c| c.rows.iter().map(|r| (r.entry_id, r.claimed_minutes)))
        .collect();
    assert_eq!(rows, [(a1, 240), (a2, 220), (b, 400), (c, 580)]);
    let carried: Vec<(i64, i64)> = detail
        .carried_forward
        .iter()
        .map(|r| (r.entry_id, r.remaining_minutes))
        .collect();
    assert_eq!(carried, [(a2, 20), (b, 20), (c, 20)]);
    assert_eq!(detail.categories[0].required_minutes, 360);

    let status = store.credit_status().unwrap();
    assert_eq!(
        (status.counted.a, status.counted.b, status.counted.c),
        (20, 20, 20)
    );
    assert_eq!(status.credits_available, 0);
    let entry = store.entry(a2).unwrap();
    assert_eq!(entry.claimed_minutes, 220);
    let lock = entry.locked_by.unwrap();
    assert_eq!(
        (lock.submission_id, lock.state),
        (s.id, SubmissionState::Draft)
    );
    assert_eq!(
        store.submissions().unwrap(),
        std::slice::from_ref(&detail.summary)
    );
    assert_eq!(store.submission(s.id).unwrap(), detail);
}

#[test]
fn a_claimed_entry_is_locked_until_its_submission_is_discarded_or_reopened() {
    let (mut store, [a1, ..]) = one_credit_and_a_bit();
    let id = store.claim_credits(1, today()).unwrap().summary.id;
    let draft = store.entry(a1).unwrap().draft;
    let message = refusal(store.delete_entry(a1));
    assert!(message.contains("draft submission"), "{message}");
    refusal(store.update_entry(a1, &draft, today()));

    store
        .mark_sent(id, "2025-06-30", &usd("25"), "card", today())
        .unwrap();
    assert_eq!(
        refusal(store.update_entry(a1, &draft, today())),
        format!("This entry is on submission {id}, sent on 30 June 2025: reopen the submission to change it.")
    );
    refusal(store.delete_entry(a1));
    let lock = store.entry(a1).unwrap().locked_by.unwrap();
    assert_eq!(
        (lock.state, lock.sent_on),
        (SubmissionState::Sent, Some(today()))
    );

    let reopened = store.reopen_submission(id).unwrap();
    assert_eq!(
        (reopened.state, reopened.sent_on),
        (SubmissionState::Draft, None)
    );
    assert_eq!(
        reopened.fee.unwrap().amount,
        "25.00",
        "the fee paid is kept"
    );
    refusal(store.delete_entry(a1));

    store.discard_submission(id).unwrap();
    assert_eq!(store.entry(a1).unwrap().locked_by, None);
    store.update_entry(a1, &draft, today()).unwrap();
    store.delete_entry(a1).unwrap();
}

#[test]
fn the_life_of_a_submission_goes_one_way_unless_reopened() {
    let (mut store, _) = one_credit_and_a_bit();
    let id = store
        .claim_credits(1, day("2025-06-01"))
        .unwrap()
        .summary
        .id;
    refusal(store.mark_credited(id, "2025-06-30", today()));
    refusal(store.reopen_submission(id));

    let sent = store
        .mark_sent(
            id,
            " 2025-06-02 ",
            &usd("25,5"),
            " bank  transfer ",
            today(),
        )
        .unwrap();
    assert_eq!(sent.state, SubmissionState::Sent);
    assert_eq!(sent.sent_on, Some(day("2025-06-02")));
    let fee = sent.fee.clone().unwrap();
    assert_eq!(
        (fee.hundredths, fee.currency.as_str(), fee.amount.as_str()),
        (2550, "USD", "25.50")
    );
    assert_eq!(sent.paid_by, "bank transfer");
    refusal(store.mark_sent(id, "2025-06-03", &usd("1"), "", today()));
    refusal(store.discard_submission(id));

    assert_eq!(
        field(store.mark_credited(id, "2025-06-01", today())),
        "credited_on"
    );
    assert_eq!(
        field(store.mark_credited(id, "2025-07-01", today())),
        "credited_on"
    );
    let credited = store.mark_credited(id, "2025-06-20", today()).unwrap();
    assert_eq!(credited.state, SubmissionState::Credited);
    assert_eq!(credited.credited_on, Some(day("2025-06-20")));
    refusal(store.mark_credited(id, "2025-06-21", today()));
    refusal(store.discard_submission(id));

    let reopened = store.reopen_submission(id).unwrap();
    assert_eq!(
        (reopened.state, reopened.credited_on),
        (SubmissionState::Draft, None)
    );
    assert!(matches!(store.submission(id + 1), Err(Error::NotFound(_))));
    assert!(matches!(
        store.reopen_submission(id + 1),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn a_bad_sending_is_refused_at_its_field_and_changes_nothing() {
    let (mut store, _) = one_credit_and_a_bit();
    let id = store
        .claim_credits(1, day("2025-06-01"))
        .unwrap()
        .summary
        .id;
    let before = store.submissions().unwrap();
    for (sent_on, fee, paid_by, wrong) in [
        ("2025-07-01", usd("25"), "", "sent_on"),
        ("2025-05-31", usd("25"), "", "sent_on"),
        ("30/06/2025", usd("25"), "", "sent_on"),
        ("2025-06-30", usd("-1"), "", "fee_amount"),
        ("2025-06-30", usd("25.001"), "", "fee_amount"),
        (
            "2025-06-30",
            FeeDraft {
                amount: "25".into(),
                currency: "dollars".into(),
            },
            "",
            "fee_currency",
        ),
        ("2025-06-30", usd("25"), "card\u{7}", "paid_by"),
    ] {
        assert_eq!(
            field(store.mark_sent(id, sent_on, &fee, paid_by, today())),
            wrong,
            "{sent_on} {fee:?}"
        );
    }
    assert_eq!(store.submissions().unwrap(), before);
    let zero = store
        .mark_sent(id, "2025-06-01", &usd("0"), "", today())
        .unwrap();
    assert_eq!(zero.fee.unwrap().hundredths, 0);
}

#[test]
fn discarding_a_draft_returns_its_minutes_and_removes_its_attachments() {
    let (mut store, _) = one_credit_and_a_bit();
    let before = store.credit_status().unwrap();
    let id = store.claim_credits(1, today()).unwrap().summary.id;
    store
        .conn()
        .execute(
            "INSERT INTO attachments (owner_kind, owner_id, file_name, stored_name, bytes, added_on)
             VALUES ('submission', ?1, 'signed.pdf', 'x-signed.pdf', 10, '2025-06-30'),
                    ('entry', ?1, 'certificate.pdf', 'x-certificate.pdf', 10, '2025-06-30')",
            [id],
        )
        .unwrap();
    let discarded = store.discard_submission(id).unwrap();
    assert_eq!(discarded.id, id);
    assert_eq!(store.credit_status().unwrap(), before);
    assert!(store.submissions().unwrap().is_empty());
    let left: Vec<String> = store
        .conn()
        .prepare("SELECT owner_kind FROM attachments")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(left, ["entry"], "only the submission's attachment goes");
    let claims: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM claims", [], |r| r.get(0))
        .unwrap();
    assert_eq!(claims, 0);
    assert!(matches!(
        store.discard_submission(id),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn an_entry_counted_for_less_than_was_claimed_leaves_nothing_not_less() {
    let (mut store, [a1, ..]) = one_credit_and_a_bit();
    store.claim_credits(1, today()).unwrap();
    // As when new rules count a claimed entry for less: it has nothing left to claim, and
    // the other entries of its category keep theirs.
    store
        .conn()
        .execute("UPDATE entries SET counted_minutes = 0 WHERE id = ?1", [a1])
        .unwrap();
    let status = store.credit_status().unwrap();
    assert_eq!(
        (status.counted.a, status.counted.b, status.counted.c),
        (20, 20, 20)
    );
}

#[test]
fn with_no_credit_to_claim_the_refusal_says_what_is_missing() {
    let mut store = Store::open_in_memory().unwrap();
    log(&mut store, "2025-01-10", "receiving_treatment", "6");
    let message = refusal(store.claim_credits(1, today()));
    assert!(
        message.starts_with("No credit can be claimed yet. For your next credit:"),
        "{message}"
    );
    assert!(store.submissions().unwrap().is_empty());
}
