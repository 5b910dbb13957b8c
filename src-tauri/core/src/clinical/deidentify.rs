//! De-identification: finding a client's private name or contact in text that will be printed.
//!
//! A case study goes into a portfolio that strangers read, so it must never name the client.
//! Notes are typed freely and a name slips in easily ("ÓLAFUR slept better"), so before anything
//! is exported every printed field is searched for the client's private name and contact, and a
//! single find blocks the export and says where it is.
//!
//! The search errs on the side of finding too much. Text and name are compared folded: compatibility
//! decomposition with accents dropped, lower case in every script, and the letters that do not
//! decompose spelled out (ø → o, ß → ss, þ → th, final ς → σ), so "olafur thorsson" finds
//! "Ólafur Þórsson". Names change their endings in many languages (Ólafur, Ólafi, Ólafs; Олена,
//! Олену), so a name part of five letters or more is found by its stem (all but its last two
//! letters, at least four) at the start of a word with a short ending after it; a part of three
//! or four letters is found whole with at most two letters after it ("Ana's"). Scripts written without spaces between words, or with prefixes
//! joined to them (Chinese, Japanese, Korean, Thai, Hebrew, Arabic), are searched anywhere in the
//! text. Parts shorter than that (an initial, "Bo") are only found within the whole name. Phone
//! numbers are compared by their digits, however they are spaced. Invisible characters
//! (default-ignorable and format characters: a zero-width space, a soft hyphen, a joiner) are
//! looked through, as if they were not there; and a name spelled out ("I n g r i d", "I. N. G.")
//! or split by a mark ("I-n-g-r-i-d", "Ing-rid") is found in the text with its pieces joined
//! again. The price of this is the odd
//! false alarm (a client called Rose and "the pain rose"); the message shows where, so it is
//! reworded in a moment, and a false alarm is far cheaper than a client named in print.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use specta::Type;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use crate::model::typed::is_ignorable;

/// One place a text to be printed names the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Hit {
    /// The field, as the case study form knows it: `discussion`, `evaluations.2.text`, …
    pub field: String,
    /// The field as the therapist reads it: "Discussion", "Evaluation of session 3".
    pub label: String,
    /// What was found: "the private name", "part of the private name", "the private contact".
    pub found: String,
    /// The words around it, the find included: "…and ÓLAFUR slept better…".
    pub snippet: String,
    /// Where the find starts in the field's text, in UTF-16 code units (as JavaScript counts).
    pub start: u32,
    /// Where it ends (exclusive), in UTF-16 code units.
    pub end: u32,
}

/// What a find is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Found {
    Name,
    Contact,
    NamePart,
}

impl Found {
    fn words(self) -> &'static str {
        match self {
            Found::Name => "the private name",
            Found::NamePart => "part of the private name",
            Found::Contact => "the private contact",
        }
    }
}

/// Text folded for comparison: every run of characters that are not letters or digits is one
/// space, and each folded character remembers which character of the source it came from.
/// Invisible characters (default-ignorable and format characters) are dropped, as if they were
/// not there: "Ing\u{200B}rid" is "ingrid".
struct Folded {
    chars: Vec<char>,
    from: Vec<usize>,
    /// Where a word may start: after a space, and in [`Folded::joined`] where a joined word's
    /// parts started.
    starts: Vec<bool>,
}

/// A word of the source, folded, and what separates it from the word before it.
struct Word {
    chars: Vec<char>,
    from: Vec<usize>,
    /// How many characters of the source the word is made of.
    source_len: usize,
    /// The source characters between it and the word before it.
    gap: String,
}

fn fold_char(c: char, mut push: impl FnMut(char)) {
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            match l {
                'ø' => push('o'),
                'đ' | 'ð' => push('d'),
                'ł' => push('l'),
                'ħ' => push('h'),
                'ı' => push('i'),
                'ŧ' => push('t'),
                'ς' => push('σ'),
                'ß' => "ss".chars().for_each(&mut push),
                'æ' => "ae".chars().for_each(&mut push),
                'œ' => "oe".chars().for_each(&mut push),
                'þ' => "th".chars().for_each(&mut push),
                l => push(l),
            }
        }
    });
}

/// The words of a text, folded, invisible characters left out.
fn words(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut gap = String::new();
    let mut current: Option<Word> = None;
    for (index, c) in text.chars().enumerate() {
        if is_ignorable(c) {
            continue;
        }
        fold_char(c, |f| {
            if f.is_alphanumeric() {
                let word = current.get_or_insert_with(|| Word {
                    chars: Vec::new(),
                    from: Vec::new(),
                    source_len: 0,
                    gap: std::mem::take(&mut gap),
                });
                if word.from.last() != Some(&index) {
                    word.source_len += 1;
                }
                word.chars.push(f);
                word.from.push(index);
            } else {
                words.extend(current.take());
                gap.push(c);
            }
        });
    }
    words.extend(current);
    words
}

/// A text folded (see [`Folded`]), as the characters to compare.
fn fold(text: &str) -> Vec<char> {
    Folded::plain(&words(text)).chars
}

impl Folded {
    fn from_words<'w>(words: impl IntoIterator<Item = (&'w Word, bool)>) -> Folded {
        let mut folded = Folded {
            chars: Vec::new(),
            from: Vec::new(),
            starts: Vec::new(),
        };
        for (word, joined) in words {
            if !joined && !folded.chars.is_empty() {
                folded.chars.push(' ');
                folded.from.push(word.from[0]);
                folded.starts.push(false);
            }
            folded.starts.push(true);
            folded
                .starts
                .extend(std::iter::repeat_n(false, word.chars.len() - 1));
            folded.chars.extend(&word.chars);
            folded.from.extend(&word.from);
        }
        folded
    }

    /// The text as it reads: words apart.
    fn plain(words: &[Word]) -> Folded {
        Folded::from_words(words.iter().map(|w| (w, false)))
    }

    /// The text with the words a name can be broken into joined again: single letters spaced
    /// out ("I n g r i d", "I. N. G."), and words split by one mark ("I-n-g-r-i-d", "Ing-rid",
    /// "Ing.rid"). `None` when there is nothing to join.
    fn joined(words: &[Word]) -> Option<Folded> {
        let joins = |before: &Word, word: &Word| {
            let spaced_letters = before.source_len == 1
                && word.source_len == 1
                && word.gap.chars().count() <= 3
                && !word.gap.contains(['\n', '\r']);
            let one_mark =
                word.gap.chars().count() == 1 && !word.gap.chars().any(char::is_whitespace);
            spaced_letters || one_mark
        };
        let flags: Vec<bool> = words
            .iter()
            .enumerate()
            .map(|(i, w)| i > 0 && joins(&words[i - 1], w))
            .collect();
        flags
            .contains(&true)
            .then(|| Folded::from_words(words.iter().zip(flags)))
    }
}

/// `text` folded the way names are compared (case, accents and punctuation set aside in any
/// script: "Þórsson" and "thorsson" fold alike), for searching the therapist's own lists.
pub(crate) fn folded(text: &str) -> String {
    fold(text).into_iter().collect()
}

/// Scripts written without spaces between words, or with words that take prefixes: a name in
/// them is searched for anywhere, not only at the start of a word.
fn unbounded(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'       // Hebrew, Arabic, Syriac, Thaana
        | '\u{0E00}'..='\u{0EFF}'     // Thai, Lao
        | '\u{1000}'..='\u{109F}'     // Myanmar
        | '\u{1780}'..='\u{17FF}'     // Khmer
        | '\u{1100}'..='\u{11FF}'     // Hangul Jamo
        | '\u{3040}'..='\u{30FF}'     // Hiragana, Katakana
        | '\u{3130}'..='\u{318F}'     // Hangul compatibility Jamo
        | '\u{3400}'..='\u{4DBF}'     // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'     // CJK ideographs
        | '\u{AC00}'..='\u{D7AF}'     // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'     // CJK compatibility ideographs
        | '\u{FB1D}'..='\u{FDFF}'     // Hebrew and Arabic presentation forms
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{20000}'..='\u{3FFFF}' // CJK extensions B and later
    )
}

/// A name part or phrase to search for.
struct Pattern {
    /// The folded characters that must be there.
    key: Vec<char>,
    /// Searched anywhere (a script without word spaces) rather than at the start of a word.
    anywhere: bool,
    /// How many more letters may follow the key in the same word (`None`: any number).
    ending: Option<usize>,
    found: Found,
    /// Whose it is: an index into [`PrivateIdentity::owners`].
    owner: usize,
}

impl Pattern {
    /// A whole phrase: the whole name, an email address, an address line. Found at the start of
    /// a word, whatever follows.
    fn phrase(folded: Vec<char>, found: Found, owner: usize) -> Pattern {
        Pattern {
            anywhere: folded.iter().any(|&c| unbounded(c)),
            key: folded,
            ending: None,
            found,
            owner,
        }
    }

    /// One part of the name, if it is long enough to search for on its own.
    fn name_part(part: &[char], owner: usize) -> Option<Pattern> {
        if part.iter().any(|&c| unbounded(c)) {
            return (part.len() >= 2).then(|| Pattern {
                key: part.to_vec(),
                anywhere: true,
                ending: None,
                found: Found::NamePart,
                owner,
            });
        }
        let letters = part.len();
        if letters < 3 {
            return None;
        }
        // Long names are found by their stem, so inflected forms are found too.
        let stem = if letters >= 5 {
            (letters - 2).max(4)
        } else {
            letters
        };
        Some(Pattern {
            key: part[..stem].to_vec(),
            anywhere: false,
            ending: Some(letters - stem + 2),
            found: Found::NamePart,
            owner,
        })
    }

    /// Where a match starting at `start` ends (in folded characters), if there is one.
    fn match_at(&self, text: &Folded, start: usize) -> Option<usize> {
        let chars = &text.chars;
        let end = start + self.key.len();
        if *chars.get(start..end)? != self.key[..] {
            return None;
        }
        if !self.anywhere && !text.starts[start] {
            return None;
        }
        let word_end = chars[end..]
            .iter()
            .position(|&c| c == ' ')
            .map_or(chars.len(), |n| end + n);
        if self.ending.is_some_and(|most| word_end - end > most) {
            return None;
        }
        Some(if self.anywhere { end } else { word_end })
    }
}

/// The private names and contacts of one client or of several, made ready to search text for.
///
/// Searching for many clients at once folds each text once and looks only at the patterns that
/// start with the letter at hand, so checking a whole portfolio against every client stays fast.
pub struct PrivateIdentity {
    patterns: Vec<Pattern>,
    /// The patterns by their first folded character.
    by_first: HashMap<char, Vec<usize>>,
    /// The digits of each phone number in a contact (six digits or more), and whose it is.
    phones: Vec<(String, usize)>,
    /// Whose each pattern is: a client's code, or empty for the one client a case study is about.
    owners: Vec<String>,
}

impl PrivateIdentity {
    /// The patterns for one client's private name and private contact (either may be empty).
    pub fn new(name: &str, contact: &str) -> PrivateIdentity {
        PrivateIdentity::of_clients([("", name, contact)])
    }

    /// The patterns for several clients at once, each given as (code, private name, private
    /// contact); a find names the client's code ("the private name of C-002").
    pub fn of_clients<'a>(
        clients: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    ) -> PrivateIdentity {
        let mut identity = PrivateIdentity {
            patterns: Vec::new(),
            by_first: HashMap::new(),
            phones: Vec::new(),
            owners: Vec::new(),
        };
        for (code, name, contact) in clients {
            let owner = identity.owners.len();
            identity.owners.push(code.to_owned());
            identity.add(owner, name, contact);
        }
        for (index, pattern) in identity.patterns.iter().enumerate() {
            if let Some(&first) = pattern.key.first() {
                identity.by_first.entry(first).or_default().push(index);
            }
        }
        identity
    }

    fn add(&mut self, owner: usize, name: &str, contact: &str) {
        let patterns = &mut self.patterns;
        let name = fold(name);
        let parts: Vec<&[char]> = name
            .split(|&c| c == ' ')
            .filter(|p| !p.is_empty())
            .collect();
        if !name.is_empty() {
            patterns.push(Pattern::phrase(name.clone(), Found::Name, owner));
        }
        if parts.len() > 1 {
            patterns.extend(parts.iter().filter_map(|p| Pattern::name_part(p, owner)));
        } else if let Some(only) = parts.first() {
            // A one-word name is its own part: found with its endings.
            if let Some(mut part) = Pattern::name_part(only, owner) {
                part.found = Found::Name;
                patterns.push(part);
            }
        }
        for piece in contact.split(['\n', ',', ';']) {
            for word in piece.split_whitespace().filter(|w| w.contains('@')) {
                let email = fold(word);
                if email.len() >= 3 {
                    patterns.push(Pattern::phrase(email, Found::Contact, owner));
                }
            }
            // An address line is found whole; a single word ("Iceland") is not a contact.
            let line = fold(piece);
            if line.contains(&' ') && line.len() >= 5 {
                patterns.push(Pattern::phrase(line, Found::Contact, owner));
            }
        }
        self.phones.extend(
            phone_runs(contact)
                .into_iter()
                .map(|(digits, _, _)| (digits, owner)),
        );
    }

    /// Nothing to search for: no private name or contact was recorded.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty() && self.phones.is_empty()
    }

    /// Where `text` names a client: each find as `(start, end, what, whose)`, in characters of
    /// `text`, in order, overlapping finds merged.
    fn finds(&self, text: &str) -> Vec<(usize, usize, Found, usize)> {
        let words = words(text);
        let mut finds = self.finds_in(&Folded::plain(&words));
        // A name broken into pieces is found in the text with its pieces joined; what the plain
        // text already shows is left as found there.
        if let Some(joined) = Folded::joined(&words) {
            let plain = finds.clone();
            finds.extend(
                self.finds_in(&joined)
                    .into_iter()
                    .filter(|j| !plain.iter().any(|p| j.0 < p.1 && p.0 < j.1)),
            );
        }
        if !self.phones.is_empty() {
            for (digits, start, end) in phone_runs(text) {
                let owner = self
                    .phones
                    .iter()
                    .find(|(phone, _)| phone.contains(&digits) || digits.contains(phone.as_str()));
                if let Some((_, owner)) = owner {
                    finds.push((start, end, Found::Contact, *owner));
                }
            }
        }
        finds.sort();
        let mut merged: Vec<(usize, usize, Found, usize)> = Vec::with_capacity(finds.len());
        for (start, end, found, owner) in finds {
            match merged.last_mut() {
                Some(last) if start < last.1 => {
                    last.1 = last.1.max(end);
                    if found < last.2 {
                        (last.2, last.3) = (found, owner);
                    }
                }
                _ => merged.push((start, end, found, owner)),
            }
        }
        merged
    }

    /// The finds of the name patterns in one folded text.
    fn finds_in(&self, folded: &Folded) -> Vec<(usize, usize, Found, usize)> {
        let mut finds = Vec::new();
        for (start, c) in folded.chars.iter().enumerate() {
            let Some(candidates) = self.by_first.get(c) else {
                continue;
            };
            for &index in candidates {
                let pattern = &self.patterns[index];
                let Some(end) = pattern.match_at(folded, start) else {
                    continue;
                };
                let (Some(&first), Some(&last)) = (
                    folded.from.get(start),
                    folded.from.get(end.saturating_sub(1)),
                ) else {
                    continue;
                };
                finds.push((first, last + 1, pattern.found, pattern.owner));
            }
        }
        finds
    }

    /// The hits in one field's text.
    pub fn hits(&self, field: &str, label: &str, text: &str) -> Vec<Hit> {
        if self.is_empty() || text.is_empty() {
            return Vec::new();
        }
        let chars: Vec<char> = text.chars().collect();
        let utf16 = |upto: usize| -> u32 {
            let units: usize = chars[..upto].iter().map(|c| c.len_utf16()).sum();
            u32::try_from(units).unwrap_or(u32::MAX)
        };
        self.finds(text)
            .into_iter()
            .map(|(start, end, found, owner)| {
                let whose = self.owners.get(owner).map_or("", String::as_str);
                Hit {
                    field: field.to_owned(),
                    label: label.to_owned(),
                    found: if whose.is_empty() {
                        found.words().to_owned()
                    } else {
                        format!("{} of {whose}", found.words())
                    },
                    snippet: snippet(&chars, start, end),
                    start: utf16(start),
                    end: utf16(end),
                }
            })
            .collect()
    }
}

/// Runs of a phone number's characters (digits, spaces, `+ - ( ) . /`) holding six digits or
/// more: each as its digits and where it starts and ends (characters, from first to last digit).
fn phone_runs(text: &str) -> Vec<(String, usize, usize)> {
    let mut runs = Vec::new();
    let mut digits = String::new();
    let (mut first, mut last) = (0, 0);
    let mut flush = |digits: &mut String, first: usize, last: usize| {
        if digits.len() >= 6 {
            runs.push((std::mem::take(digits), first, last + 1));
        }
        digits.clear();
    };
    for (index, c) in text.chars().enumerate() {
        if is_ignorable(c) {
            continue;
        }
        if c.is_ascii_digit() {
            if digits.is_empty() {
                first = index;
            }
            digits.push(c);
            last = index;
        } else if !matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '/' | '\u{00A0}') {
            flush(&mut digits, first, last);
        }
    }
    flush(&mut digits, first, last);
    runs
}

/// The find with up to 30 characters either side, on one line.
fn snippet(chars: &[char], start: usize, end: usize) -> String {
    let from = start.saturating_sub(30);
    let to = (end + 30).min(chars.len());
    let mut text = String::new();
    if from > 0 {
        text.push('…');
    }
    text.extend(
        chars[from..to]
            .iter()
            .map(|&c| if c.is_whitespace() { ' ' } else { c }),
    );
    if to < chars.len() {
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests;
