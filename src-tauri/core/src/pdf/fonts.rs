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

/// The font to print `c` with: the first bundled font that has it, else an installed one (for
/// Chinese, Japanese and Korean characters, one drawn for `region`, the text's; see
/// [`region_for_text`]). `None` when no font on this computer has the character.
pub(crate) fn font_for(c: char, weight: Weight, region: Region) -> Result<Option<&'static Font>> {
    if let Some(&Some(font)) = ascii_fonts(weight)?.get(c as usize) {
        return Ok(Some(font));
    }
    if let Some(font) = bundled(weight)?.iter().find(|f| f.covers(c)) {
        return Ok(Some(font));
    }
    Ok(system_font_for(c, weight, is_cjk(c).then_some(region)))
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
    /// Installed faces loaded so far, with the region they were chosen for (Chinese, Japanese
    /// and Korean characters only); tried first, so one font serves a whole name.
    loaded: Mutex<Vec<Loaded>>,
    /// Characters known to be in no installed font, so the search is not repeated.
    missing: Mutex<HashSet<(char, Weight)>>,
}

struct Loaded {
    font: &'static Font,
    weight: Weight,
    region: Option<Region>,
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

fn system_font_for(c: char, weight: Weight, region: Option<Region>) -> Option<&'static Font> {
    let system = system_fonts();
    // A poisoned lock only means another thread panicked mid-search; the lists stay valid.
    let mut loaded = system.loaded.lock().unwrap_or_else(|e| e.into_inner());
    // A CJK character reuses only a font chosen for the same region: every CJK font has every
    // Han character, each drawn the way its region writes it.
    if let Some(found) = loaded.iter().find(|l| {
        l.weight == weight && (region.is_none() || l.region == region) && l.font.covers(c)
    }) {
        return Some(found.font);
    }
    let mut missing = system.missing.lock().unwrap_or_else(|e| e.into_inner());
    if missing.contains(&(c, weight)) {
        return None;
    }
    let font = find_installed(&system.db, c, weight, region);
    match font {
        Some(font) => loaded.push(Loaded {
            font,
            weight,
            region,
        }),
        None => {
            missing.insert((c, weight));
        }
    }
    font
}

/// Where a text's Chinese, Japanese or Korean characters are from, which decides how Han
/// characters are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Region {
    Japan,
    Korea,
    MainlandChina,
    Taiwan,
    HongKong,
}

/// Han, kana, hangul, bopomofo, CJK punctuation and full-width forms.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'
            | '\u{2E80}'..='\u{2FDF}'
            | '\u{3000}'..='\u{33FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{A960}'..='\u{A97F}'
            | '\u{AC00}'..='\u{D7AF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FFEF}'
            | '\u{20000}'..='\u{3FFFF}')
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{A960}'..='\u{A97F}' | '\u{AC00}'..='\u{D7AF}')
}

/// The region of a whole text (a name, a paragraph): kana say it is Japanese and hangul that it
/// is Korean; Han alone follows the computer's language (`locale`, e.g. "zh_TW.UTF-8"), and is
/// drawn the Japanese way when that is none of these, as fontconfig does by default.
pub(crate) fn region_for_text(text: &str, locale: &str) -> Region {
    if text.chars().any(is_kana) {
        return Region::Japan;
    }
    if text.chars().any(is_hangul) {
        return Region::Korea;
    }
    let lang = locale.to_ascii_lowercase().replace('-', "_");
    if lang.starts_with("ko") {
        Region::Korea
    } else if lang.starts_with("zh_hk") || lang.starts_with("zh_mo") {
        Region::HongKong
    } else if lang.starts_with("zh_tw") || lang.starts_with("zh_hant") {
        Region::Taiwan
    } else if lang.starts_with("zh") {
        Region::MainlandChina
    } else {
        Region::Japan
    }
}

/// The regions in the order their fonts suit a text of `region`: its own first, then those
/// whose Han forms are nearest.
fn region_order(region: Region) -> [Region; 5] {
    use Region::*;
    match region {
        Japan => [Japan, Taiwan, HongKong, MainlandChina, Korea],
        Korea => [Korea, Taiwan, HongKong, Japan, MainlandChina],
        MainlandChina => [MainlandChina, Taiwan, HongKong, Japan, Korea],
        Taiwan => [Taiwan, HongKong, MainlandChina, Japan, Korea],
        HongKong => [HongKong, Taiwan, MainlandChina, Japan, Korea],
    }
}

/// The region an installed CJK family is drawn for, from its name: "Noto Sans CJK JP",
/// "Source Han Sans K", "PingFang TC", "Microsoft YaHei". `None` for a family that does not say.
fn family_region(family: &str) -> Option<Region> {
    use Region::*;
    const NAMED: [(&str, Region); 14] = [
        ("Microsoft YaHei", MainlandChina),
        ("SimSun", MainlandChina),
        ("SimHei", MainlandChina),
        ("DengXian", MainlandChina),
        ("Microsoft JhengHei", Taiwan),
        ("PMingLiU", Taiwan),
        ("MingLiU", Taiwan),
        ("Malgun Gothic", Korea),
        ("Apple SD Gothic Neo", Korea),
        ("Hiragino", Japan),
        ("Yu Gothic", Japan),
        ("Yu Mincho", Japan),
        ("Meiryo", Japan),
        ("MS Gothic", Japan),
    ];
    if let Some((_, region)) = NAMED.iter().find(|(name, _)| family.starts_with(name)) {
        return Some(*region);
    }
    let cjk_family = ["CJK", "Source Han", "PingFang", "Noto Sans", "Noto Serif"]
        .iter()
        .any(|name| family.contains(name));
    match family.rsplit(' ').next().filter(|_| cjk_family)? {
        "JP" | "J" => Some(Japan),
        "KR" | "K" => Some(Korea),
        "SC" | "CN" => Some(MainlandChina),
        "TC" | "TW" => Some(Taiwan),
        "HK" | "HC" => Some(HongKong),
        _ => None,
    }
}

/// Where a family stands for a CJK character of `region`: 0 for a font drawn for that region,
/// up to 4 for the farthest, 5 for a family that names no region. Other characters (`None`)
/// rank every family alike.
fn cjk_rank(family: &str, region: Option<Region>) -> usize {
    let Some(region) = region else { return 0 };
    let order = region_order(region);
    family_region(family)
        .and_then(|r| order.iter().position(|o| *o == r))
        .unwrap_or(order.len())
}

/// The computer's language, as the C library reads it.
pub(crate) fn system_locale() -> String {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default()
}

/// Searches the installed faces for one with `c`: upright before italic, the asked weight
/// before others, proportional before monospaced, sans before serif, for a CJK character a font
/// drawn for `region`; then by name, so the choice is the same every time.
fn find_installed(
    db: &fontdb::Database,
    c: char,
    weight: Weight,
    region: Option<Region>,
) -> Option<&'static Font> {
    let wanted: i32 = match weight {
        Weight::Regular => 400,
        Weight::Bold => 700,
    };
    let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
    faces.sort_by_cached_key(|f| {
        let family = f.families.first().map(|(name, _)| name.clone());
        let family = family.unwrap_or_default();
        (
            f.style != fontdb::Style::Normal,
            (i32::from(f.weight.0) - wanted).abs(),
            f.monospaced,
            !family.contains("Sans"),
            cjk_rank(&family, region),
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
        let hebrew = font_for('ש', Weight::Regular, Region::Japan)
            .unwrap()
            .unwrap();
        assert_eq!(hebrew.name, "Noto Sans Hebrew");
        let latin = font_for('ü', Weight::Bold, Region::Japan).unwrap().unwrap();
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
    fn a_texts_kana_or_hangul_decide_its_region_and_han_alone_follows_the_language() {
        use Region::*;
        assert_eq!(region_for_text("山田 はな", "zh_CN.UTF-8"), Japan);
        assert_eq!(region_for_text("김민준", "en_US.UTF-8"), Korea);
        assert_eq!(region_for_text("山田 太郎", "ja_JP.UTF-8"), Japan);
        assert_eq!(region_for_text("王小明", "zh_CN.UTF-8"), MainlandChina);
        assert_eq!(region_for_text("王小明", "zh_TW.UTF-8"), Taiwan);
        assert_eq!(region_for_text("王小明", "zh-Hant"), Taiwan);
        assert_eq!(region_for_text("王小明", "zh_HK.UTF-8"), HongKong);
        assert_eq!(region_for_text("王小明", "ko_KR.UTF-8"), Korea);
        assert_eq!(region_for_text("王小明", ""), Japan);
    }

    #[test]
    fn families_are_ranked_by_the_region_they_are_drawn_for() {
        use Region::*;
        assert_eq!(family_region("Noto Sans CJK JP"), Some(Japan));
        assert_eq!(family_region("Noto Sans JP"), Some(Japan));
        assert_eq!(family_region("Source Han Sans K"), Some(Korea));
        assert_eq!(family_region("Source Han Serif CN"), Some(MainlandChina));
        assert_eq!(family_region("PingFang HK"), Some(HongKong));
        assert_eq!(family_region("Microsoft JhengHei UI"), Some(Taiwan));
        assert_eq!(family_region("Hiragino Sans"), Some(Japan));
        assert_eq!(family_region("DejaVu Sans"), None);
        assert_eq!(family_region("Noto Sans Thai"), None);
        assert_eq!(cjk_rank("Noto Sans CJK TC", Some(Taiwan)), 0);
        assert_eq!(cjk_rank("Noto Sans CJK HK", Some(Taiwan)), 1);
        assert_eq!(cjk_rank("Noto Sans CJK KR", Some(Taiwan)), 4);
        assert_eq!(cjk_rank("Droid Sans Fallback", Some(Taiwan)), 5);
        assert_eq!(
            cjk_rank("Noto Sans CJK JP", None),
            cjk_rank("DejaVu Sans", None),
            "other characters rank every family alike"
        );
        assert!(is_cjk('山') && is_cjk('は') && is_cjk('한') && is_cjk('、'));
        assert!(!is_cjk('→') && !is_cjk('①') && !is_cjk('ü'));
    }

    #[test]
    fn han_is_drawn_for_the_texts_region_whatever_was_printed_before() {
        // fonts-noto-cjk is installed by scripts/setup-debian.sh.
        let font = |c, region| {
            font_for(c, Weight::Regular, region)
                .unwrap()
                .unwrap()
                .name
                .clone()
        };
        assert_eq!(font('山', Region::Taiwan), "Noto Sans CJK TC");
        assert_eq!(font('山', Region::Japan), "Noto Sans CJK JP");
        assert_eq!(font('は', Region::Japan), "Noto Sans CJK JP");
        assert_eq!(
            font('山', Region::Taiwan),
            "Noto Sans CJK TC",
            "not the JP font loaded since"
        );
        assert_eq!(font('한', Region::Korea), "Noto Sans CJK KR");
        assert_eq!(
            font('ü', Region::Japan),
            "Noto Sans",
            "bundled fonts come first"
        );
    }
}
