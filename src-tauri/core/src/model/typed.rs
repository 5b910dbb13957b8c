//! Small helpers for cleaning and checking text the user typed.
//!
//! Text arrives by copy and paste from mail, web pages and word processors, and brings characters
//! nobody sees: zero-width spaces, joiners, byte-order marks, direction marks, soft hyphens. They
//! hide a word from a search ("Ing\u{200B}rid" is not "Ingrid" to a computer, and prints as
//! "Ingrid"), so [`clean`] removes them before anything is stored: every default-ignorable code
//! point and every format character (Unicode's `Default_Ignorable_Code_Point` and category Cf),
//! except where a script or an emoji needs one to be written right — see [`without_invisible`].
//! The properties come from ICU4X's tables (`icu_properties`), which follow each Unicode release,
//! rather than from a list of our own that would miss the next invisible character.

use std::borrow::Cow;

use icu_properties::props::{
    BinaryProperty, CanonicalCombiningClass, DefaultIgnorableCodePoint, Emoji, EmojiModifier,
    EnumeratedProperty, ExtendedPictographic, GeneralCategory, JoiningType,
    PrependedConcatenationMark, Script, UnifiedIdeograph,
};

use crate::error::{Error, Result};

/// Strips invisible characters, trims a field, and refuses control characters and text longer
/// than `max` characters.
pub(crate) fn clean(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let value = without_invisible(value);
    let value = value.trim();
    if value.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("{label} can be at most {max} characters long."),
        ));
    }
    if value.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::invalid(
            field,
            format!("{label} contains a control character; retype it."),
        ));
    }
    Ok(value.to_owned())
}

/// True for a character that is not seen but can change how text is read: a default-ignorable
/// code point or a format character (category Cf). The few format characters that print a mark
/// of their own (the Arabic number sign and its kin, `Prepended_Concatenation_Mark`) are not.
pub fn is_invisible(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    DefaultIgnorableCodePoint::for_char(c)
        || (GeneralCategory::for_char(c) == GeneralCategory::Format
            && !PrependedConcatenationMark::for_char(c))
}

/// True for a character a search must look through: every default-ignorable code point and every
/// format character, with no exception (a joiner kept for Persian or an emoji joins nothing in a
/// name).
pub fn is_ignorable(c: char) -> bool {
    !c.is_ascii()
        && (DefaultIgnorableCodePoint::for_char(c)
            || GeneralCategory::for_char(c) == GeneralCategory::Format)
}

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';
const MONGOLIAN_VOWEL_SEPARATOR: char = '\u{180E}';
const BLACK_FLAG: char = '\u{1F3F4}';
const CANCEL_TAG: char = '\u{E007F}';

/// The text without its invisible characters ([`is_invisible`]), except those that change how a
/// script or an emoji is drawn, which are kept where they do:
///
/// - a zero-width non-joiner or joiner after a virama (Devanagari, Bengali, Malayalam, Sinhala…:
///   it chooses between a conjunct, a half form and a visible virama), and a non-joiner between
///   two letters that would otherwise join (Persian "می‌خواهم", Arabic, Syriac, N'Ko, Mongolian:
///   the joining types of the letters around it say so). These are the contexts in which
///   IDNA (RFC 5892, appendix A.1 and A.2) allows the two characters; elsewhere they change
///   nothing on screen.
/// - a joiner between two pictographs, which makes one emoji of them (👩‍💻, 🏳️‍🌈);
/// - a variation selector right after a character it selects a form of (❤️, a CJK name's
///   variant glyph, a Mongolian letter's form);
/// - the Mongolian vowel separator between two Mongolian letters;
/// - the tag characters of a flag such as Scotland's (🏴 followed by tags and a cancel tag).
pub fn without_invisible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut kept = String::with_capacity(text.len());
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if c == BLACK_FLAG {
            let tags = flag_tags(&chars[index + 1..]);
            kept.extend(&chars[index..=index + tags]);
            index += tags + 1;
            continue;
        }
        if !is_invisible(c) || needed(&chars, index) {
            kept.push(c);
        }
        index += 1;
    }
    Cow::Owned(kept)
}

/// How many tag characters after a black flag form a flag's tag sequence (0 if they do not).
fn flag_tags(after: &[char]) -> usize {
    let tags = after
        .iter()
        .take_while(|&&c| ('\u{E0020}'..='\u{E007E}').contains(&c))
        .count();
    if tags > 0 && after.get(tags) == Some(&CANCEL_TAG) {
        tags + 1
    } else {
        0
    }
}

/// Whether the invisible character at `index` changes how its neighbours are drawn.
fn needed(chars: &[char], index: usize) -> bool {
    let c = chars[index];
    let before = index.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(index + 1).copied();
    match c {
        ZWNJ | ZWJ => {
            if before.is_some_and(|b| {
                CanonicalCombiningClass::for_char(b) == CanonicalCombiningClass::Virama
            }) {
                return true;
            }
            if c == ZWNJ {
                joins_across(chars, index)
            } else {
                emoji_before(&chars[..index]) && after.is_some_and(ExtendedPictographic::for_char)
            }
        }
        MONGOLIAN_VOWEL_SEPARATOR => {
            let mongolian = |c: char| Script::for_char(c) == Script::Mongolian;
            before.is_some_and(mongolian) && after.is_some_and(mongolian)
        }
        // Emoji or text presentation, after a character that has both.
        '\u{FE0E}' | '\u{FE0F}' => before.is_some_and(Emoji::for_char),
        // A standardized variant (CJK compatibility ideographs, mathematical symbols, Myanmar…).
        '\u{FE00}'..='\u{FE0D}' => {
            before.is_some_and(|b| !b.is_ascii() && !b.is_whitespace() && !is_invisible(b))
        }
        // An ideographic variant: a name's own glyph of a CJK character.
        '\u{E0100}'..='\u{E01EF}' => before.is_some_and(UnifiedIdeograph::for_char),
        // Mongolian free variation selectors.
        '\u{180B}'..='\u{180D}' | '\u{180F}' => {
            before.is_some_and(|b| Script::for_char(b) == Script::Mongolian)
        }
        _ => false,
    }
}

/// RFC 5892's rule for a non-joiner outside a virama: a letter that joins on its left (L or D),
/// any transparent marks, the non-joiner, any transparent marks, a letter that joins on its right
/// (R or D).
fn joins_across(chars: &[char], index: usize) -> bool {
    let joining = |c: &char| JoiningType::for_char(*c);
    let left = chars[..index]
        .iter()
        .rev()
        .map(joining)
        .find(|&t| t != JoiningType::Transparent);
    let right = chars[index + 1..]
        .iter()
        .map(joining)
        .find(|&t| t != JoiningType::Transparent);
    matches!(
        left,
        Some(JoiningType::LeftJoining | JoiningType::DualJoining)
    ) && matches!(
        right,
        Some(JoiningType::RightJoining | JoiningType::DualJoining)
    )
}

/// Whether the text before a joiner ends in a pictograph, with its skin tone or emoji
/// presentation selector.
fn emoji_before(before: &[char]) -> bool {
    before
        .iter()
        .rev()
        .find(|&&c| !(EmojiModifier::for_char(c) || c == '\u{FE0F}'))
        .is_some_and(|&c| ExtendedPictographic::for_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The probes of the hostile test: each hides a name from a search and prints as nothing.
    const PROBES: [char; 7] = [
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{180E}', '\u{2062}',
    ];

    #[test]
    fn the_probes_and_their_kin_are_removed_from_latin_text() {
        for probe in PROBES {
            assert_eq!(
                without_invisible(&format!("Ing{probe}rid")),
                "Ingrid",
                "{probe:?}"
            );
            assert!(is_invisible(probe) && is_ignorable(probe), "{probe:?}");
        }
        for hidden in [
            '\u{00AD}',
            '\u{034F}',
            '\u{061C}',
            '\u{115F}',
            '\u{200E}',
            '\u{202E}',
            '\u{2066}',
            '\u{3164}',
            '\u{FFA0}',
            '\u{E0001}',
            '\u{E0041}',
            '\u{FE0F}',
        ] {
            assert_eq!(
                without_invisible(&format!("In{hidden}grid")),
                "Ingrid",
                "{hidden:?}"
            );
        }
        assert_eq!(without_invisible("\u{FEFF}Ingrid\u{200B}"), "Ingrid");
    }

    #[test]
    fn visible_text_is_left_as_it_is() {
        for text in [
            "Ingrid Solberg",
            "Ólafur Þórsson",
            "山田 花子",
            "נועה כהן",
            "a\nb",
            "",
        ] {
            assert_eq!(without_invisible(text), text);
        }
        // The Arabic number sign is a format character that prints.
        assert_eq!(without_invisible("\u{0600}١٢"), "\u{0600}١٢");
    }

    #[test]
    fn joiners_a_script_needs_are_kept() {
        for word in [
            "می\u{200C}خواهم", // Persian: "I want", the non-joiner keeps می apart
            "خانه\u{200C}ها",  // Persian: "houses"
            "क्\u{200D}ष",      // Devanagari: a half form
            "क्\u{200C}ष",      // Devanagari: a visible virama
            "ര്\u{200D}",       // Malayalam: a chillu
            "ᠨᠠ\u{180E}ᠠ",     // Mongolian: the vowel separator
        ] {
            assert_eq!(without_invisible(word), word, "{word:?}");
        }
        // Between letters that do not join, or after a right-joining letter, they do nothing.
        assert_eq!(without_invisible("کتابدار\u{200C}"), "کتابدار");
        assert_eq!(without_invisible("ا\u{200C}ب"), "اب");
        assert_eq!(without_invisible("a\u{200D}b"), "ab");
    }

    #[test]
    fn emoji_sequences_are_kept_whole() {
        for emoji in [
            "👩\u{200D}💻",
            "👩🏽\u{200D}💻",
            "🏳\u{FE0F}\u{200D}🌈",
            "❤\u{FE0F}",
            "👨\u{200D}👩\u{200D}👧",
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            "葛\u{E0100}",
        ] {
            let text = format!("felt {emoji} today");
            assert_eq!(without_invisible(&text), text, "{emoji:?}");
        }
        assert_eq!(
            without_invisible("🏴\u{E0067}x"),
            "🏴x",
            "a broken tag sequence"
        );
        assert_eq!(without_invisible("a\u{200D}👩"), "a👩");
        assert_eq!(without_invisible(" \u{FE0F}"), " ");
        assert_eq!(
            without_invisible("1\u{FE0F}\u{20E3}"),
            "1\u{FE0F}\u{20E3}",
            "a keycap"
        );
    }

    #[test]
    fn clean_removes_them_before_it_trims_and_counts() {
        assert_eq!(
            clean("f", "F", "\u{200B} Ingrid \u{FEFF}", 6).unwrap(),
            "Ingrid"
        );
        assert!(clean("f", "F", "Ing\u{200B}rid", 5).is_err());
    }
}
