//! Text: from a string to lines of positioned glyphs that fit a width.
//!
//! A PDF shows glyphs, not characters, and puts each where it is told. Everything a word
//! processor does on the way happens here: each character gets a font that has it (see
//! `fonts`), rustybuzz shapes each run (kerning, ligatures, accents), unicode-bidi
//! decides the direction of each stretch (a Hebrew name reads right to left, even inside an
//! English line), and unicode-linebreak says where a line may end. A word too long for its
//! width is broken between characters, so nothing ever runs out of its box.

use std::collections::HashMap;
use std::ops::Range;

use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::{Level, ParagraphBidiInfo};
use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::fonts::{self, Font, Weight};
use crate::error::{Error, Result};

/// How a piece of text is set: size in points and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Font size in points.
    pub size: f32,
    /// Regular or bold.
    pub weight: Weight,
}

impl Style {
    /// Regular text at `size` points.
    pub fn regular(size: f32) -> Style {
        Style {
            size,
            weight: Weight::Regular,
        }
    }

    /// Bold text at `size` points.
    pub fn bold(size: f32) -> Style {
        Style {
            size,
            weight: Weight::Bold,
        }
    }
}

/// One glyph, placed relative to the start of its run.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    pub(crate) id: u16,
    /// Where the glyph is drawn, in points from the run's start and the baseline.
    pub(crate) x: f32,
    pub(crate) y: f32,
    /// The text the glyph stands for (a ligature stands for several characters), for copying
    /// and searching the PDF; `None` for the second and later glyphs of one cluster.
    pub(crate) text: Option<String>,
}

/// Glyphs of one font, in visual order.
#[derive(Clone)]
pub(crate) struct Run {
    pub(crate) font: &'static Font,
    /// Where the run starts, in points from the line's left end.
    pub(crate) x: f32,
    pub(crate) glyphs: Vec<Glyph>,
}

/// One line of set text, left to right as it is seen.
#[derive(Clone)]
pub struct Line {
    width: f32,
    pub(crate) size: f32,
    pub(crate) runs: Vec<Run>,
    rtl: bool,
}

impl Line {
    /// The line's width in points, trailing spaces left out.
    pub fn width(&self) -> f32 {
        self.width
    }

    /// The line belongs to a right-to-left paragraph (one set with [`lines_natural`] whose
    /// first letter is Hebrew or Arabic): it starts at the right.
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }
}

/// The width of `text` set on one line, in points (the widest line, if it has line breaks).
pub fn measure(text: &str, style: Style) -> Result<f32> {
    Ok(lines(text, style, f32::INFINITY)?
        .iter()
        .map(Line::width)
        .fold(0.0, f32::max))
}

/// `text` set in lines no wider than `width` points. Line breaks in the text are kept; an empty
/// text is one empty line. Fails with [`Error::Unprintable`] when a character is in no font.
pub fn lines(text: &str, style: Style, width: f32) -> Result<Vec<Line>> {
    set(text, style, width, Some(Level::ltr()))
}

/// Like [`lines`], but each paragraph (each line of `text`) runs in the direction of its first
/// letter, as a word processor sets it: a paragraph written in Hebrew runs right to left, its
/// full stop at its left end, and its lines say so ([`Line::is_rtl`]) so they can be set flush
/// right. For text the therapist writes in their own language; labels stay left to right.
pub fn lines_natural(text: &str, style: Style, width: f32) -> Result<Vec<Line>> {
    set(text, style, width, None)
}

fn set(text: &str, style: Style, width: f32, base: Option<Level>) -> Result<Vec<Line>> {
    let text = printable(text);
    let mut fonts = FontChoice::new(style.weight, &text);
    check_fonts(&text, &mut fonts)?;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        Paragraph::new(paragraph, style, base, &mut fonts)?.wrap(width, &mut lines);
    }
    Ok(lines)
}

/// The font for each character of one text, each looked up once: a page of Greek or Japanese
/// asks for the same few hundred characters again and again.
struct FontChoice {
    weight: Weight,
    /// How the text's Chinese, Japanese or Korean characters are drawn, decided for the whole
    /// text so one name never mixes two regions' fonts.
    region: fonts::Region,
    known: HashMap<char, Option<&'static Font>>,
}

impl FontChoice {
    fn new(weight: Weight, text: &str) -> FontChoice {
        FontChoice {
            weight,
            region: fonts::region_for_text(text, &fonts::system_locale()),
            known: HashMap::new(),
        }
    }

    fn font_for(&mut self, c: char) -> Result<Option<&'static Font>> {
        if c.is_ascii() {
            return fonts::font_for(c, self.weight, self.region);
        }
        if let Some(known) = self.known.get(&c) {
            return Ok(*known);
        }
        let font = fonts::font_for(c, self.weight, self.region)?;
        self.known.insert(c, font);
        Ok(font)
    }
}

/// Tabs become spaces, Windows line ends plain ones; other control characters are dropped.
fn printable(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\t' | '\r' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Refuses, naming them, the characters no font on this computer has.
fn check_fonts(text: &str, fonts: &mut FontChoice) -> Result<()> {
    let mut missing: Vec<char> = Vec::new();
    for c in text.chars() {
        if c == '\n' || fonts::needs_no_glyph(c) || missing.contains(&c) {
            continue;
        }
        if fonts.font_for(c)?.is_none() {
            missing.push(c);
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let characters = missing
        .iter()
        .map(|c| format!("\"{c}\" (U+{:04X})", u32::from(*c)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut shown: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        shown.push('…');
    }
    Err(Error::Unprintable {
        characters,
        text: shown,
    })
}

/// A paragraph shaped once: its pieces (one font, one direction each) and the width of every
/// cluster, in logical order, for choosing line breaks.
struct Paragraph<'t> {
    text: &'t str,
    size: f32,
    /// The paragraph runs right to left.
    rtl: bool,
    pieces: Vec<Piece>,
    /// `(start byte, width in points)` of each cluster, by start.
    clusters: Vec<(usize, f32)>,
}

/// Text of one font at one bidi level, shaped; glyphs in visual order.
struct Piece {
    range: Range<usize>,
    level: Level,
    font: &'static Font,
    glyphs: Vec<Shaped>,
}

/// A shaped glyph: advances and offsets in points, `cluster` a byte offset in the paragraph.
struct Shaped {
    id: u16,
    cluster: usize,
    advance: f32,
    dx: f32,
    dy: f32,
    text: Option<Range<usize>>,
}

impl<'t> Paragraph<'t> {
    /// `base`: the paragraph's direction, or `None` to take it from its first letter. The forms
    /// are in English, so their paragraphs run left to right; a Hebrew name in one runs right
    /// to left inside it, as it would in an English web page.
    fn new(
        text: &'t str,
        style: Style,
        base: Option<Level>,
        choice: &mut FontChoice,
    ) -> Result<Paragraph<'t>> {
        let (levels, rtl) = if text.chars().any(is_rtl_char) {
            let info = ParagraphBidiInfo::new(text, base);
            (info.levels, info.paragraph_level.is_rtl())
        } else {
            (vec![Level::ltr(); text.len()], false)
        };
        let mut pieces: Vec<Piece> = Vec::new();
        for (at, c) in text.char_indices() {
            let level = levels.get(at).copied().unwrap_or_else(Level::ltr);
            let current = pieces.last().map(|p| p.font);
            let font = match current {
                // Marks, joiners, spaces and punctuation stay in the font they follow when it
                // has them, so a run is not cut at every space.
                Some(font)
                    if fonts::needs_no_glyph(c) || (!c.is_alphanumeric() && font.covers(c)) =>
                {
                    font
                }
                _ => match choice.font_for(c)? {
                    Some(font) => font,
                    // Only characters that need no glyph get here (`check_fonts` ran first).
                    None => match current {
                        Some(font) => font,
                        None => first_bundled(style.weight)?,
                    },
                },
            };
            let end = at + c.len_utf8();
            match pieces.last_mut() {
                Some(piece) if piece.level == level && fonts::same(piece.font, font) => {
                    piece.range.end = end;
                }
                _ => pieces.push(Piece {
                    range: at..end,
                    level,
                    font,
                    glyphs: Vec::new(),
                }),
            }
        }
        let mut clusters = Vec::new();
        for piece in &mut pieces {
            piece.glyphs = shape(text, piece, style.size);
            for glyph in &piece.glyphs {
                clusters.push((glyph.cluster, glyph.advance));
            }
        }
        clusters.sort_by_key(|&(start, _)| start);
        clusters.dedup_by(|next, kept| {
            if next.0 == kept.0 {
                kept.1 += next.1;
                true
            } else {
                false
            }
        });
        Ok(Paragraph {
            text,
            size: style.size,
            rtl,
            pieces,
            clusters,
        })
    }

    /// Width of the clusters starting in `range`, in points.
    fn width(&self, range: Range<usize>) -> f32 {
        let from = self.clusters.partition_point(|&(s, _)| s < range.start);
        let to = self.clusters.partition_point(|&(s, _)| s < range.end);
        self.clusters
            .get(from..to)
            .map(|cs| cs.iter().map(|&(_, w)| w).sum())
            .unwrap_or(0.0)
    }

    /// `range` without the spaces at its end.
    fn trimmed(&self, range: Range<usize>) -> Range<usize> {
        let kept = self.text[range.clone()].trim_end().len();
        range.start..range.start + kept
    }

    fn fits(&self, range: Range<usize>, width: f32) -> bool {
        self.width(self.trimmed(range)) <= width + 0.01
    }

    /// Breaks the paragraph into lines no wider than `width` and appends them to `out`.
    fn wrap(&self, width: f32, out: &mut Vec<Line>) {
        let mut start = 0;
        let mut fitted = 0;
        for (brk, opportunity) in linebreaks(self.text) {
            if !self.fits(start..brk, width) {
                if fitted > start {
                    out.push(self.line(start..fitted));
                    start = fitted;
                }
                // What is left may still be one word wider than the line: cut it by clusters.
                while !self.fits(start..brk, width) {
                    let cut = self.cut(start..brk, width);
                    out.push(self.line(start..cut));
                    start = cut;
                }
            }
            fitted = brk;
            if opportunity == BreakOpportunity::Mandatory && brk < self.text.len() {
                out.push(self.line(start..brk));
                start = brk;
            }
        }
        if start < self.text.len() || self.text.is_empty() {
            out.push(self.line(start..self.text.len()));
        }
    }

    /// Where to cut `range`, which is too wide, so its first part fits: after as many whole
    /// clusters as fit, and after at least one.
    fn cut(&self, range: Range<usize>, width: f32) -> usize {
        let from = self.clusters.partition_point(|&(s, _)| s < range.start);
        let mut used = 0.0;
        let mut cut = None;
        for &(start, advance) in self.clusters.iter().skip(from) {
            if start >= range.end {
                break;
            }
            if cut.is_some() && used + advance > width {
                return start;
            }
            used += advance;
            cut = Some(start);
        }
        // Every cluster fitted after all (only trailing spaces were too wide): take it all.
        range.end
    }

    /// The line made of `range`: the pieces' glyphs in it, in visual order, placed.
    fn line(&self, range: Range<usize>) -> Line {
        let range = self.trimmed(range);
        let mut parts: Vec<(&Piece, Vec<&Shaped>)> = Vec::new();
        for piece in &self.pieces {
            if piece.range.end <= range.start || piece.range.start >= range.end {
                continue;
            }
            let glyphs = piece
                .glyphs
                .iter()
                .filter(|g| range.contains(&g.cluster))
                .collect::<Vec<_>>();
            if !glyphs.is_empty() {
                parts.push((piece, glyphs));
            }
        }
        let levels: Vec<Level> = parts.iter().map(|(p, _)| p.level).collect();
        let order = if levels.iter().any(|l| l.is_rtl()) {
            unicode_bidi::BidiInfo::reorder_visual(&levels)
        } else {
            (0..parts.len()).collect()
        };
        let mut x = 0.0;
        let mut runs = Vec::with_capacity(parts.len());
        for index in order {
            let Some((piece, glyphs)) = parts.get(index) else {
                continue;
            };
            let mut pen = 0.0;
            let placed = glyphs
                .iter()
                .map(|g| {
                    let glyph = Glyph {
                        id: g.id,
                        x: pen + g.dx,
                        y: g.dy,
                        text: g.text.clone().map(|r| self.text[r].to_owned()),
                    };
                    pen += g.advance;
                    glyph
                })
                .collect();
            runs.push(Run {
                font: piece.font,
                x,
                glyphs: placed,
            });
            x += pen;
        }
        Line {
            width: x,
            size: self.size,
            runs,
            rtl: self.rtl,
        }
    }
}

fn first_bundled(weight: Weight) -> Result<&'static Font> {
    fonts::bundled(weight)?
        .first()
        .ok_or_else(|| Error::Refused("Stillpoint has no built-in font.".to_owned()))
}

/// Characters of the right-to-left scripts; text without them skips the bidi algorithm.
fn is_rtl_char(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{200F}' | '\u{202B}' | '\u{202E}' | '\u{2067}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// Shapes one piece with rustybuzz; glyphs come back in visual order.
fn shape(text: &str, piece: &Piece, size: f32) -> Vec<Shaped> {
    let source = &text[piece.range.clone()];
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(source);
    buffer.guess_segment_properties();
    buffer.set_direction(if piece.level.is_rtl() {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    let shaped = rustybuzz::shape(piece.font.face(), &[], buffer);
    let scale = size / piece.font.units_per_em();
    let infos = shaped.glyph_infos();
    // Cluster starts in logical order, to know where each cluster's text ends.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    // Whether each cluster (by its place in `starts`) has had its first glyph: a long paragraph
    // has thousands, so this is looked up, not searched.
    let mut seen = vec![false; starts.len()];
    infos
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(info, pos)| {
            let start = info.cluster as usize;
            let next = starts.partition_point(|&s| s <= start);
            let first = match seen.get_mut(next.saturating_sub(1)) {
                Some(done) if !*done => {
                    *done = true;
                    true
                }
                _ => false,
            };
            let end = starts.get(next).copied().unwrap_or(source.len());
            Shaped {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                cluster: piece.range.start + start,
                advance: pos.x_advance as f32 * scale,
                dx: pos.x_offset as f32 * scale,
                dy: pos.y_offset as f32 * scale,
                text: first.then(|| piece.range.start + start..piece.range.start + end),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(text: &str, width: f32) -> Vec<f32> {
        lines(text, Style::regular(10.0), width)
            .unwrap()
            .iter()
            .map(Line::width)
            .collect()
    }

    #[test]
    fn text_wraps_at_spaces_within_the_width() {
        let text = "Receiving treatment from a certified mentor at the Upledger clinic";
        let one = measure(text, Style::regular(10.0)).unwrap();
        let wrapped = widths(text, one / 2.0);
        assert!(wrapped.len() >= 2, "{wrapped:?}");
        assert!(wrapped.iter().all(|&w| w <= one / 2.0 + 0.01));
    }

    #[test]
    fn a_word_longer_than_the_width_is_cut_between_letters() {
        let word = "Craniosacraltherapieausbildungszentrum";
        let lines = widths(word, 40.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|&w| w <= 40.01), "{lines:?}");
    }

    #[test]
    fn line_breaks_in_the_text_are_kept_and_empty_text_is_one_line() {
        assert_eq!(widths("12 Main St\n\nSpringfield", 500.0).len(), 3);
        assert_eq!(widths("", 500.0), vec![0.0]);
    }

    #[test]
    fn kerning_makes_av_narrower_than_a_plus_v() {
        let style = Style::regular(20.0);
        let pair = measure("AV", style).unwrap();
        let apart = measure("A", style).unwrap() + measure("V", style).unwrap();
        assert!(pair < apart, "{pair} vs {apart}");
    }

    #[test]
    fn hebrew_is_laid_out_right_to_left() {
        // שרה: the first letter (shin) must be the rightmost glyph.
        let line = lines("שרה", Style::regular(10.0), 500.0).unwrap().remove(0);
        let run = &line.runs[0];
        let last = run.glyphs.last().unwrap();
        assert_eq!(last.text.as_deref(), Some("ש"));
    }

    #[test]
    fn mixed_text_keeps_english_first_and_hebrew_reversed_inside() {
        let line = lines("Mentor: שרה כהן, CST", Style::regular(10.0), 500.0)
            .unwrap()
            .remove(0);
        let visual: String = line
            .runs
            .iter()
            .flat_map(|r| r.glyphs.iter().filter_map(|g| g.text.clone()))
            .collect();
        assert_eq!(visual, "Mentor: ןהכ הרש, CST");
    }

    #[test]
    fn a_hebrew_paragraph_set_naturally_runs_right_to_left_with_its_full_stop_at_the_left() {
        let line = lines_natural("שרה ישנה טוב.", Style::regular(10.0), 500.0)
            .unwrap()
            .remove(0);
        assert!(line.is_rtl());
        let visual: String = line
            .runs
            .iter()
            .flat_map(|r| r.glyphs.iter().filter_map(|g| g.text.clone()))
            .collect();
        assert!(visual.starts_with('.'), "{visual}");
        let english = lines_natural("Sleeps well: שרה.", Style::regular(10.0), 500.0).unwrap();
        assert!(!english[0].is_rtl());
        assert!(!lines("שרה ישנה טוב.", Style::regular(10.0), 500.0).unwrap()[0].is_rtl());
    }

    #[test]
    fn a_character_in_no_font_is_refused_by_name() {
        let error = lines("Anna \u{0378}", Style::regular(10.0), 100.0)
            .err()
            .unwrap();
        let message = error.to_string();
        assert!(message.contains("U+0378"), "{message}");
        assert!(message.contains("no font on this computer"), "{message}");
    }
}
