use super::*;

fn found(name: &str, contact: &str, text: &str) -> Vec<String> {
    let who = PrivateIdentity::new(name, contact);
    who.finds(text)
        .into_iter()
        .map(|(s, e, _, _)| text.chars().skip(s).take(e - s).collect())
        .collect()
}

#[test]
fn a_name_in_capitals_without_its_accents_is_found() {
    let name = "Ólafur Þórsson";
    assert_eq!(
        found(name, "", "Discussion: ÓLAFUR reported less pain."),
        ["ÓLAFUR"]
    );
    assert_eq!(found(name, "", "olafur thorsson, 34"), ["olafur thorsson"]);
    assert_eq!(found(name, "", "Mr Thórsson's neck"), ["Thórsson"]);
    assert_eq!(found(name, "", "Ólafi leið betur"), ["Ólafi"], "dative");
    assert!(found(name, "", "The client slept better.").is_empty());
}

#[test]
fn cyrillic_and_greek_names_are_found_inflected_and_in_any_case() {
    assert_eq!(
        found("Олена Коваленко", "", "Сеанс з ОЛЕНОЮ пройшов добре"),
        ["ОЛЕНОЮ"]
    );
    assert_eq!(
        found("Олена Коваленко", "", "пані коваленко"),
        ["коваленко"]
    );
    assert_eq!(
        found("Ελένη Παπαδοπούλου", "", "Η ΕΛΕΝΗ ανέφερε πόνο"),
        ["ΕΛΕΝΗ"]
    );
    assert_eq!(
        found("Ελένη Παπαδοπούλου", "", "της Ελένης"),
        ["Ελένης"],
        "genitive, final sigma"
    );
}

#[test]
fn names_in_scripts_without_word_spaces_are_found_anywhere() {
    assert_eq!(found("山田 花子", "", "今日は花子さんが来た"), ["花子"]);
    assert_eq!(found("נועה כהן", "", "הטיפול לנועה היה טוב"), ["נועה"]);
}

#[test]
fn short_parts_count_only_within_the_whole_name() {
    assert!(found("Li Na", "", "lines and linear").is_empty());
    assert_eq!(found("Li Na", "", "met LI  NA today"), ["LI  NA"]);
    assert!(found("Ana Silva", "", "an analysis of banana").is_empty());
    assert_eq!(found("Ana Silva", "", "Ana's pain"), ["Ana"]);
    // The price of finding inflected names: a word that starts like one is found too.
    assert_eq!(found("Ana Silva", "", "silvery light"), ["silvery"]);
}

#[test]
fn emails_address_lines_and_phone_numbers_are_found() {
    let contact = "olafur.t@example.is\n+354 891 2345\nLaugavegur 12, 101 Reykjavík";
    assert_eq!(
        found("", contact, "wrote from OLAFUR.T@EXAMPLE.IS."),
        ["OLAFUR.T@EXAMPLE.IS"]
    );
    assert_eq!(found("", contact, "call 891-2345 first"), ["891-2345"]);
    assert_eq!(found("", contact, "(+354) 8912345"), ["354) 8912345"]);
    assert_eq!(
        found("", contact, "lives at laugavegur 12"),
        ["laugavegur 12"]
    );
    assert!(found("", contact, "Scale 7 to 3 on 2025-03-14; Iceland").is_empty());
}

#[test]
fn hits_say_where_in_utf16_units_with_a_snippet() {
    let who = PrivateIdentity::new("Zoë Ångström", "");
    let text = "🙂 Zoë said";
    let hits = who.hits("discussion", "Discussion", text);
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!((hit.start, hit.end), (3, 6));
    assert_eq!(hit.found, "part of the private name");
    assert_eq!(hit.snippet, text);
    let long = format!("{} ÅNGSTRÖM {}", "x".repeat(50), "y".repeat(50));
    let snippet = &who.hits("f", "F", &long)[0].snippet;
    assert!(
        snippet.starts_with('…') && snippet.ends_with('…'),
        "{snippet}"
    );
}

#[test]
fn several_clients_are_searched_at_once_and_a_find_says_whose() {
    let who = PrivateIdentity::of_clients([
        ("C-001", "Ólafur Þórsson", ""),
        ("C-002", "Ελένη Παπαδοπούλου", "+30 210 555 0101"),
    ]);
    let hits = who.hits("discussion", "Discussion", "ελένη called from 2105550101");
    let found: Vec<&str> = hits.iter().map(|h| h.found.as_str()).collect();
    assert_eq!(
        found,
        [
            "part of the private name of C-002",
            "the private contact of C-002"
        ]
    );
    assert!(who.hits("f", "F", "nobody here").is_empty());
}

#[test]
fn invisible_characters_inside_a_name_hide_nothing() {
    for probe in [
        '\u{200B}',
        '\u{200C}',
        '\u{200D}',
        '\u{2060}',
        '\u{FEFF}',
        '\u{180E}',
        '\u{2062}',
        '\u{00AD}',
        '\u{200E}',
        '\u{202E}',
        '\u{E0041}',
        '\u{FE0F}',
        '\u{3164}',
    ] {
        let text = format!("and Ing{probe}rid slept");
        assert_eq!(found("Ingrid Solberg", "", &text).len(), 1, "{probe:?}");
        let text = format!("call 934{probe}11 220");
        assert_eq!(found("", "+47 934 11 220", &text).len(), 1, "{probe:?}");
    }
    // And inside the recorded name too (a name pasted with one before the fix).
    assert_eq!(found("Ing\u{200B}rid", "", "Ingrid came"), ["Ingrid"]);
}

#[test]
fn a_name_spelled_out_letter_by_letter_or_split_by_a_mark_is_found() {
    let name = "Ingrid Solberg";
    for text in [
        "then I n g r i d said",
        "then I-n-g-r-i-d said",
        "then I. N. G. R. I. D. said",
        "then a I n g r i d said",
        "then Ing-rid said",
        "then S o l b e r g's neck",
        "then Sol·berg said",
    ] {
        assert_eq!(found(name, "", text).len(), 1, "{text}");
    }
    let hit = &PrivateIdentity::new(name, "").hits("f", "F", "x I n g r i d said")[0];
    assert_eq!((hit.start, hit.end), (2, 13));
    assert_eq!(found("山田 花子", "", "今日は 花 子 が来た"), ["花 子"]);
    // Spaced letters across lines, or words apart, are not joined.
    assert!(found(name, "", "I n g\nr i d").is_empty());
    assert!(found(name, "", "a grid in grids").is_empty());
}

#[test]
fn nothing_recorded_finds_nothing() {
    let who = PrivateIdentity::new("  ", "");
    assert!(who.is_empty());
    assert!(who.hits("f", "F", "anything").is_empty());
}
