//! Fonts: the ones Stillpoint ships, and the computer's own for the scripts they lack.
//!
//! Noto Sans (Latin with its diacritics, Greek, Cyrillic) and Noto Sans Hebrew are built into the
//! binary, so a form prints the same everywhere. Chinese, Japanese, Arabic, Thai and the rest
//! would add tens of megabytes, so for those a font installed on the computer is found when a
//! character first needs one. The choice is made per character: a name in Japanese inside an
//! English sentence takes its kanji from a Japanese font and its spaces from Noto Sans.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use rustybuzz::Face;

use crate::error::{Error, Result};

/// Regular or bold; the only two weights the forms use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Headings and labels.
    Bold,
}

/// One font face, ready for shaping and for embedding.
pub(crate) struct Font {
    /// The family name, for messages and tests.
    pub(crate) name: String,
    data: &'static [u8],
    index: u32,
    face: Face<'static>,
    /// The face parsed for printpdf, made on first use: the system fonts are large.
    parsed: OnceLock<Option<printpdf::ParsedFont>>,
}

impl Font {
    fn new(name: String, data: &'static [u8], index: u32) -> Option<Font> {
        let face = Face::from_slice(data, index)?;
        Some(Font {
            name,
            data,
            index,
            face,
            parsed: OnceLock::new(),
        })
    }

    /// The face for shaping and measuring.
    pub(crate) fn face(&self) -> &Face<'static> {
        &self.face
    }

    /// Font units per em: glyph advances are in these.
    pub(crate) fn units_per_em(&self) -> f32 {
        self.face.units_per_em() as f32
    }

    /// Whether the font has a glyph for `c`.
    pub(crate) fn covers(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// The glyph's width as the PDF's width table will state it, in thousandths of an em
    /// (printpdf truncates the same way), so text positions can be computed against it.
    pub(crate) fn pdf_width(&self, glyph: u16) -> f32 {
        let advance = self
            .face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph))
            .unwrap_or(0);
        (f32::from(advance) * 1000.0 / self.units_per_em()).trunc()
    }

    /// The face as printpdf embeds it.
    pub(crate) fn parsed(&self) -> Result<&printpdf::ParsedFont> {
        self.parsed
            .get_or_init(|| {
                printpdf::ParsedFont::from_bytes(self.data, self.index as usize, &mut Vec::new())
            })
            .as_ref()
            .ok_or_else(|| {
                Error::Refused(format!(
                    "The font \"{}\" could not be read, so the PDF was not made.",
                    self.name
                ))
            })
    }
}

/// Whether two references are the same font.
pub(crate) fn same(a: &Font, b: &Font) -> bool {
    std::ptr::eq(a, b)
}

const BUNDLED_REGULAR: [(&str, &[u8]); 2] = [
    (
        "Noto Sans",
        include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    ),
    (
        "Noto Sans Hebrew",
        include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf"),
    ),
];

const BUNDLED_BOLD: [(&str, &[u8]); 2] = [
    ("Noto Sans", include_bytes!("../../fonts/NotoSans-Bold.ttf")),
    (
        "Noto Sans Hebrew",
        include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf"),
    ),
];

/// The fonts built into Stillpoint for a weight, in the order they are tried.
pub(crate) fn bundled(weight: Weight) -> Result<&'static [Font]> {
    static REGULAR: OnceLock<Option<Vec<Font>>> = OnceLock::new();
    static BOLD: OnceLock<Option<Vec<Font>>> = OnceLock::new();
    let (cell, files) = match weight {
        Weight::Regular => (&REGULAR, &BUNDLED_REGULAR),
        Weight::Bold => (&BOLD, &BUNDLED_BOLD),
    };
    cell.get_or_init(|| {
        files
            .iter()
            .map(|(name, data)| Font::new((*name).to_owned(), data, 0))
            .collect()
    })
    .as_deref()
    .ok_or_else(|| {
        Error::Refused(
            "The fonts built into this version of Stillpoint are damaged, so the PDF was not made."
                .to_owned(),
        )
    })
}

/// The font to print `c` with: the first bundled font that has it, else an installed one.
/// `None` when no font on this computer has the character.
pub(crate) fn font_for(c: char, weight: Weight) -> Result<Option<&'static Font>> {
    if let Some(&Some(font)) = ascii_fonts(weight)?.get(c as usize) {
        return Ok(Some(font));
    }
    if let Some(font) = bundled(weight)?.iter().find(|f| f.covers(c)) {
        return Ok(Some(font));
    }
    Ok(system_font_for(c, weight))
}

/// The bundled font for each ASCII character, looked up once: every line of every form asks,
/// and a table lookup is far cheaper than a font's character map.
fn ascii_fonts(weight: Weight) -> Result<&'static [Option<&'static Font>]> {
    static REGULAR: OnceLock<Vec<Option<&'static Font>>> = OnceLock::new();
    static BOLD: OnceLock<Vec<Option<&'static Font>>> = OnceLock::new();
    let cell = match weight {
        Weight::Regular => &REGULAR,
        Weight::Bold => &BOLD,
    };
    if let Some(table) = cell.get() {
        return Ok(table);
    }
    let fonts = bundled(weight)?;
    Ok(cell.get_or_init(|| {
        (0u8..128)
            .map(|b| fonts.iter().find(|f| f.covers(char::from(b))))
            .collect()
    }))
}

/// Characters that print as nothing and need no glyph: joiners, direction marks, variation
/// selectors. They stay with the font of the text around them.
pub(crate) fn needs_no_glyph(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// The fonts installed on this computer, looked through only when a character needs them.
struct SystemFonts {
    db: fontdb::Database,
    /// Installed faces loaded so far; tried first, so one font serves a whole name.
    loaded: Mutex<Vec<(&'static Font, Weight)>>,
    /// Characters known to be in no installed font, so the search is not repeated.
    missing: Mutex<HashSet<(char, Weight)>>,
}

fn system_fonts() -> &'static SystemFonts {
    static SYSTEM: OnceLock<SystemFonts> = OnceLock::new();
    SYSTEM.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        SystemFonts {
            db,
            loaded: Mutex::new(Vec::new()),
            missing: Mutex::new(HashSet::new()),
        }
    })
}

fn system_font_for(c: char, weight: Weight) -> Option<&'static Font> {
    let system = system_fonts();
    // A poisoned lock only means another thread panicked mid-search; the lists stay valid.
    let mut loaded = system.loaded.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((font, _)) = loaded
        .iter()
        .find(|(font, w)| *w == weight && font.covers(c))
    {
        return Some(font);
    }
    let mut missing = system.missing.lock().unwrap_or_else(|e| e.into_inner());
    if missing.contains(&(c, weight)) {
        return None;
    }
    let font = find_installed(&system.db, c, weight);
    match font {
        Some(font) => loaded.push((font, weight)),
        None => {
            missing.insert((c, weight));
        }
    }
    font
}

/// The regions of CJK font families (the last word of "Noto Sans CJK JP", "Source Han Sans
/// KR"), in the order that suits `c` best. Han characters are drawn differently in Japan, Korea,
/// mainland China, Taiwan and Hong Kong: kana say the text is Japanese and hangul that it is
/// Korean; for Han alone the computer's language decides (`locale`, e.g. "zh_TW.UTF-8"), and
/// Japanese forms are used when it is none of these, as fontconfig does by default.
fn cjk_regions(c: char, locale: &str) -> [&'static str; 5] {
    let lang = locale.to_ascii_lowercase().replace('-', "_");
    if matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}') {
        return ["JP", "TC", "HK", "SC", "KR"];
    }
    if matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}') {
        return ["KR", "JP", "TC", "HK", "SC"];
    }
    if lang.starts_with("ko") {
        ["KR", "TC", "HK", "JP", "SC"]
    } else if lang.starts_with("zh_hk") || lang.starts_with("zh_mo") {
        ["HK", "TC", "SC", "JP", "KR"]
    } else if lang.starts_with("zh_tw") || lang.starts_with("zh_hant") {
        ["TC", "HK", "SC", "JP", "KR"]
    } else if lang.starts_with("zh") {
        ["SC", "TC", "HK", "JP", "KR"]
    } else {
        ["JP", "SC", "TC", "HK", "KR"]
    }
}

/// Where a family stands in `regions`: 0 for the first region, 5 for a family that is no
/// regional CJK font (those compare equal and come after the CJK ones).
fn cjk_rank(family: &str, regions: &[&str; 5]) -> usize {
    let regional = family.contains("CJK") || family.contains("Han ");
    let region = family.rsplit(' ').next().unwrap_or_default();
    regions
        .iter()
        .position(|r| regional && *r == region)
        .unwrap_or(regions.len())
}

/// The computer's language, as the C library reads it.
fn system_locale() -> String {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default()
}

/// Searches the installed faces for one with `c`: upright before italic, the asked weight
/// before others, proportional before monospaced, sans before serif, the CJK region that suits
/// the character (see [`cjk_regions`]); then by name, so the choice is the same every time.
fn find_installed(db: &fontdb::Database, c: char, weight: Weight) -> Option<&'static Font> {
    let wanted: i32 = match weight {
        Weight::Regular => 400,
        Weight::Bold => 700,
    };
    let regions = cjk_regions(c, &system_locale());
    let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
    faces.sort_by_cached_key(|f| {
        let family = f.families.first().map(|(name, _)| name.clone());
        let family = family.unwrap_or_default();
        (
            f.style != fontdb::Style::Normal,
            (i32::from(f.weight.0) - wanted).abs(),
            f.monospaced,
            !family.contains("Sans"),
            cjk_rank(&family, &regions),
            family,
            f.index,
        )
    });
    let face = faces.into_iter().find(|f| {
        db.with_face_data(f.id, |data, index| {
            rustybuzz::ttf_parser::Face::parse(data, index)
                .is_ok_and(|face| face.glyph_index(c).is_some())
        })
        .unwrap_or(false)
    })?;
    let data = db.with_face_data(face.id, |data, _| data.to_vec())?;
    let name = face
        .families
        .first()
        .map(|(name, _)| name.clone())
        .unwrap_or_else(|| face.post_script_name.clone());
    // Loaded faces live as long as the app: they are cached for every later PDF, and a form
    // needs the same few again and again.
    let data: &'static [u8] = Box::leak(data.into_boxed_slice());
    let font = Font::new(name, data, face.index)?;
    Some(Box::leak(Box::new(font)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_load_and_cover_the_scripts_they_are_for() {
        for weight in [Weight::Regular, Weight::Bold] {
            let fonts = bundled(weight).unwrap();
            for c in ['a', 'ë', 'Ł', 'Ж', 'λ', 'ש', '€', '—', '·'] {
                assert!(fonts.iter().any(|f| f.covers(c)), "{c} in {weight:?}");
            }
            for font in fonts {
                font.parsed().unwrap();
            }
        }
    }

    #[test]
    fn hebrew_comes_from_the_hebrew_font_and_latin_from_noto_sans() {
        let hebrew = font_for('ש', Weight::Regular).unwrap().unwrap();
        assert_eq!(hebrew.name, "Noto Sans Hebrew");
        let latin = font_for('ü', Weight::Bold).unwrap().unwrap();
        assert_eq!(latin.name, "Noto Sans");
    }

    #[test]
    fn joiners_and_direction_marks_need_no_glyph() {
        assert!(needs_no_glyph('\u{200D}'));
        assert!(needs_no_glyph('\u{200F}'));
        assert!(needs_no_glyph('\u{FE0F}'));
        assert!(!needs_no_glyph('a'));
    }

    #[test]
    fn kana_and_hangul_choose_their_region_and_han_follows_the_computers_language() {
        assert_eq!(cjk_regions('あ', "de_DE.UTF-8")[0], "JP");
        assert_eq!(cjk_regions('ア', "zh_CN.UTF-8")[0], "JP");
        assert_eq!(cjk_regions('한', "en_US.UTF-8")[0], "KR");
        assert_eq!(cjk_regions('山', "ja_JP.UTF-8")[0], "JP");
        assert_eq!(cjk_regions('山', "zh_CN.UTF-8")[0], "SC");
        assert_eq!(cjk_regions('山', "zh_TW.UTF-8")[0], "TC");
        assert_eq!(cjk_regions('山', "zh-Hant")[0], "TC");
        assert_eq!(cjk_regions('山', "zh_HK.UTF-8")[0], "HK");
        assert_eq!(cjk_regions('山', "ko_KR.UTF-8")[0], "KR");
        assert_eq!(cjk_regions('山', "")[0], "JP");
    }

    #[test]
    fn regional_cjk_families_rank_by_region_and_others_after_them() {
        let regions = cjk_regions('山', "zh_TW.UTF-8");
        assert_eq!(cjk_rank("Noto Sans CJK TC", &regions), 0);
        assert_eq!(cjk_rank("Noto Sans CJK HK", &regions), 1);
        assert_eq!(cjk_rank("Source Han Sans SC", &regions), 2);
        assert_eq!(cjk_rank("Noto Sans CJK KR", &regions), 4);
        assert_eq!(cjk_rank("Droid Sans Fallback", &regions), 5);
        assert_eq!(
            cjk_rank("Noto Sans JP", &regions),
            5,
            "not a regional CJK family name"
        );
    }

    #[test]
    fn an_installed_cjk_font_is_the_one_for_its_script() {
        // fonts-noto-cjk is installed by scripts/setup-debian.sh.
        let kana = find_installed(&system_fonts().db, 'あ', Weight::Regular).unwrap();
        assert_eq!(kana.name, "Noto Sans CJK JP");
        let hangul = find_installed(&system_fonts().db, '한', Weight::Regular).unwrap();
        assert_eq!(hangul.name, "Noto Sans CJK KR");
    }
}
