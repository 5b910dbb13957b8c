//! A small page model: A4 pages filled from the top, with paragraphs, tables and lines.
//!
//! printpdf draws what it is told where it is told; it does not flow text onto pages. Our forms
//! need little of that: text that wraps, tables whose rows grow with their text and whose column
//! titles repeat when a table runs onto the next page, rules, a running header, and "Page X of Y"
//! at the foot of every page (written once the number of pages is known). A [`Document`] keeps a
//! cursor that moves down the page and starts a new page when the next thing does not fit. A
//! table of contents needs page numbers that are only known once what follows it is laid out:
//! [`Document::reserve_pages`] keeps blank pages for it and [`Document::fill_reserved`] lays it
//! out into them afterwards.

use printpdf::{
    Codepoint, Color, FontId, Greyscale, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

mod table;

use super::fonts::{self, Font};
use super::typeset::{self, Line, Style};
use crate::error::{Error, Result};
pub use table::{Cell, Column, Lines, Row, Table};

/// A4 width in points.
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 height in points.
pub const PAGE_HEIGHT: f32 = 841.89;
const MARGIN_X: f32 = 48.0;
const MARGIN_TOP: f32 = 46.0;
/// Room at the foot of each page; the footer sits in it.
const MARGIN_BOTTOM: f32 = 58.0;
const FOOTER_BASELINE: f32 = 30.0;
/// Where the running header's line box starts, from the top of the page; its rule is below it,
/// above the first line of the page.
const HEADER_TOP: f32 = 20.0;
/// Line height as a multiple of the font size.
pub const LEADING: f32 = 1.3;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.5;

const BLACK: f32 = 0.0;
const GREY_TEXT: f32 = 0.38;
const GREY_RULE: f32 = 0.72;
const GREY_FILL: f32 = 0.93;

/// How a line of text sits in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Against the left edge.
    Left,
    /// Against the right edge (numbers).
    Right,
    /// Centred.
    Center,
    /// Where the text's own direction starts: left for English, right for a paragraph in
    /// Hebrew or Arabic. Paragraphs only; in a table cell it is left.
    Start,
}

/// A PDF being laid out, page by page.
pub struct Document {
    pdf: PdfDocument,
    fonts: Vec<(&'static Font, FontId)>,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Distance of the cursor from the top of the page, in points.
    y: f32,
    footer: String,
    /// The running header of the page being laid out, and of those after it.
    header: String,
    /// The running header of each finished page.
    headers: Vec<String>,
}

impl Document {
    /// An empty document titled `title` (the title shows in the PDF viewer's window).
    pub fn new(title: &str) -> Document {
        Document {
            pdf: PdfDocument::new(title),
            fonts: Vec::new(),
            pages: Vec::new(),
            ops: Vec::new(),
            y: MARGIN_TOP,
            footer: String::new(),
            header: String::new(),
            headers: Vec::new(),
        }
    }

    /// The width between the margins, in points.
    pub fn content_width(&self) -> f32 {
        PAGE_WIDTH - 2.0 * MARGIN_X
    }

    /// Room left on the page below the cursor, in points.
    pub fn remaining(&self) -> f32 {
        PAGE_HEIGHT - MARGIN_BOTTOM - self.y
    }

    /// Text at the left of every page's footer ("Page X of Y" is at the right).
    pub fn set_footer(&mut self, text: &str) {
        self.footer = text.to_owned();
    }

    /// The running header at the top of this page and the ones after it, small and grey above
    /// a rule; empty for none.
    pub fn set_header(&mut self, text: &str) {
        self.header = text.to_owned();
    }

    /// The number of the page being laid out, from 1.
    pub fn page_number(&self) -> usize {
        self.pages.len() + 1
    }

    /// Nothing has been put on the page being laid out yet.
    pub fn page_is_empty(&self) -> bool {
        self.ops.is_empty() && self.y <= MARGIN_TOP
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.headers.push(self.header.clone());
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless the page being laid out is still empty: what follows starts at
    /// the top of a page.
    pub fn page_break(&mut self) {
        if !self.page_is_empty() {
            self.new_page();
        }
    }

    /// Keeps `count` blank pages here, after a page break, to be laid out later with
    /// [`Document::fill_reserved`]; returns the number of the first.
    pub fn reserve_pages(&mut self, count: usize) -> usize {
        self.page_break();
        let first = self.page_number();
        for _ in 0..count {
            self.new_page();
        }
        first
    }

    /// Lays out `content` on pages of its own, under the running header `header`, and puts them
    /// in place of the `count` pages from page `first` kept by [`Document::reserve_pages`]. What
    /// was being laid out carries on where it was. Refused when `content` takes another number
    /// of pages: the caller must make its length independent of what it learns late (a table
    /// of contents whose page numbers sit in a column of fixed width).
    pub fn fill_reserved(
        &mut self,
        first: usize,
        count: usize,
        header: &str,
        content: impl FnOnce(&mut Document) -> Result<()>,
    ) -> Result<()> {
        let kept = (
            std::mem::take(&mut self.pages),
            std::mem::take(&mut self.headers),
            std::mem::take(&mut self.ops),
            std::mem::replace(&mut self.header, header.to_owned()),
            self.y,
        );
        self.y = MARGIN_TOP;
        let laid_out = content(self);
        if !self.page_is_empty() {
            self.new_page();
        }
        let filled = std::mem::take(&mut self.pages);
        let filled_headers = std::mem::take(&mut self.headers);
        (self.pages, self.headers, self.ops, self.header, self.y) = kept;
        laid_out?;
        let start = first.saturating_sub(1);
        if filled.len() != count || start + count > self.pages.len() {
            return Err(Error::Refused(format!(
                "The PDF could not be laid out: {} pages were kept for a part that took {}.",
                count,
                filled.len()
            )));
        }
        self.pages.splice(start..start + count, filled);
        self.headers.splice(start..start + count, filled_headers);
        Ok(())
    }

    /// Starts a new page unless `height` points are left on this one.
    pub fn keep(&mut self, height: f32) {
        if self.remaining() < height && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    /// Moves the cursor down by `height` points (not past the foot of the page).
    pub fn space(&mut self, height: f32) {
        self.y = (self.y + height).min(PAGE_HEIGHT - MARGIN_BOTTOM);
    }

    /// A paragraph across the page, wrapped, continued on the next page if need be.
    pub fn paragraph(&mut self, text: &str, style: Style, align: Align) -> Result<()> {
        self.paragraph_in(text, style, align, MARGIN_X, self.content_width(), false)
    }

    /// A paragraph in grey: a hint or a remark.
    pub fn remark(&mut self, text: &str, style: Style) -> Result<()> {
        self.paragraph_in(
            text,
            style,
            Align::Left,
            MARGIN_X,
            self.content_width(),
            true,
        )
    }

    fn paragraph_in(
        &mut self,
        text: &str,
        style: Style,
        align: Align,
        x: f32,
        width: f32,
        grey: bool,
    ) -> Result<()> {
        let height = style.size * LEADING;
        let lines = if align == Align::Start {
            typeset::lines_natural(text, style, width)?
        } else {
            typeset::lines(text, style, width)?
        };
        for line in lines {
            self.keep(height);
            let align = match align {
                Align::Start if line.is_rtl() => Align::Right,
                other => other,
            };
            self.draw_line(
                &line,
                aligned(x, width, line.width(), align),
                self.y,
                height,
                grey,
            )?;
            self.y += height;
        }
        Ok(())
    }

    /// A horizontal rule across the page at the cursor.
    pub fn rule(&mut self, thickness: f32) {
        let y = self.y;
        self.stroke(MARGIN_X, y, PAGE_WIDTH - MARGIN_X, y, thickness, BLACK);
    }

    /// A label and, after it, either `value` or a line to write on.
    pub fn field(&mut self, label: &str, value: Option<&str>, style: Style) -> Result<()> {
        let height = style.size * LEADING;
        self.keep(height + 6.0);
        let half = self.content_width() / 2.0;
        let label = typeset::lines(label, Style::bold(style.size), half)?;
        let label_width = label.iter().map(Line::width).fold(0.0, f32::max);
        let top = self.y;
        for line in &label {
            self.draw_line(line, MARGIN_X, self.y, height, false)?;
            self.y += height;
        }
        let below_label = self.y;
        self.y = top;
        let x = MARGIN_X + label_width + style.size * 0.6;
        match value {
            Some(value) => self.paragraph_in(
                value,
                style,
                Align::Left,
                x,
                PAGE_WIDTH - MARGIN_X - x,
                false,
            )?,
            None => {
                let base = self.y + height;
                self.stroke(x, base, x + 160.0, base, 0.6, BLACK);
                self.y += height;
            }
        }
        self.y = self.y.max(below_label);
        Ok(())
    }

    /// Lines to sign on, side by side, each with its label below, and a share of the width
    /// each: `[("Signature", 2.0), ("Date", 1.0)]`.
    pub fn signature_lines(&mut self, labels: &[(&str, f32)]) -> Result<()> {
        let style = Style::regular(8.5);
        let line_height = style.size * LEADING;
        let gap = 24.0;
        let total: f32 = labels.iter().map(|(_, w)| w).sum();
        let usable = self.content_width() - gap * (labels.len().saturating_sub(1)) as f32;
        let mut set = Vec::with_capacity(labels.len());
        for (label, share) in labels {
            let width = usable * share / total.max(f32::EPSILON);
            set.push((width, typeset::lines(label, style, width)?));
        }
        let label_lines = set.iter().map(|(_, l)| l.len()).max().unwrap_or(0);
        let room_to_sign = 30.0;
        self.keep(room_to_sign + 2.0 + line_height * label_lines as f32);
        let line_y = self.y + room_to_sign;
        let mut x = MARGIN_X;
        for (width, lines) in &set {
            self.stroke(x, line_y, x + width, line_y, 0.6, BLACK);
            let mut y = line_y + 2.0;
            for line in lines {
                self.draw_line(line, x, y, line_height, true)?;
                y += line_height;
            }
            x += width + gap;
        }
        self.y = line_y + 2.0 + line_height * label_lines as f32;
        Ok(())
    }

    /// Draws `line` with its left end at `x`, in a line box whose top is `top` points from the
    /// top of the page and which is `height` points high.
    fn draw_line(&mut self, line: &Line, x: f32, top: f32, height: f32, grey: bool) -> Result<()> {
        if line.runs.is_empty() {
            return Ok(());
        }
        let size = line.size;
        let baseline = PAGE_HEIGHT - (top + height / 2.0 + size * 0.35);
        self.ops.push(Op::StartTextSection);
        if grey {
            self.ops.push(Op::SetFillColor {
                col: grey_color(GREY_TEXT),
            });
        }
        for run in &line.runs {
            let font = self.font_id(run.font)?;
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            });
            // Glyphs on one baseline go out as one string, their positions kept exact by the
            // kerning numbers between them; a raised or lowered mark starts a string of its own.
            let mut start = 0;
            while start < run.glyphs.len() {
                let y = run.glyphs[start].y;
                let end = run.glyphs[start..]
                    .iter()
                    .position(|g| g.y != y)
                    .map_or(run.glyphs.len(), |n| start + n);
                let chunk = &run.glyphs[start..end];
                let codepoints = chunk
                    .iter()
                    .enumerate()
                    .map(|(i, g)| {
                        // After a glyph the viewer moves by its width from the PDF's width
                        // table; the number after it corrects that to where the next one goes.
                        // Rounded to a hundred-thousandth of an em: what is left is float noise.
                        let offset = chunk.get(i + 1).map_or(0.0, |next| {
                            let exact = run.font.pdf_width(g.id) - (next.x - g.x) * 1000.0 / size;
                            (exact * 100.0).round() / 100.0
                        });
                        Codepoint {
                            gid: g.id,
                            offset,
                            cid: g.text.clone(),
                        }
                    })
                    .collect();
                self.ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(
                        Pt(x + run.x + chunk[0].x),
                        Pt(baseline + chunk[0].y),
                    ),
                });
                self.ops.push(Op::ShowText {
                    items: vec![TextItem::GlyphIds(codepoints)],
                });
                start = end;
            }
        }
        if grey {
            self.ops.push(Op::SetFillColor {
                col: grey_color(BLACK),
            });
        }
        self.ops.push(Op::EndTextSection);
        Ok(())
    }

    /// The PDF's id for `font`, embedding the font the first time it is used.
    fn font_id(&mut self, font: &'static Font) -> Result<FontId> {
        if let Some((_, id)) = self.fonts.iter().find(|(f, _)| fonts::same(f, font)) {
            return Ok(id.clone());
        }
        let id = self.pdf.add_font(font.parsed()?);
        self.fonts.push((font, id.clone()));
        Ok(id)
    }

    fn stroke(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32, grey: f32) {
        let point = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(PAGE_HEIGHT - y),
            },
            bezier: false,
        };
        self.ops.extend([
            Op::SetOutlineColor {
                col: grey_color(grey),
            },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: printpdf::Line {
                    points: vec![point(x1, y1), point(x2, y2)],
                    is_closed: false,
                },
            },
        ]);
    }

    fn fill(&mut self, x: f32, top: f32, width: f32, height: f32, grey: f32) {
        self.ops.extend([
            Op::SetFillColor {
                col: grey_color(grey),
            },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(PAGE_HEIGHT - top - height),
                    width: Pt(width),
                    height: Pt(height),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            },
            Op::SetFillColor {
                col: grey_color(BLACK),
            },
        ]);
    }

    /// Finishes the last page, writes every page's footer and returns the PDF, its fonts
    /// embedded and cut down to the glyphs it uses.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        if !self.ops.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        let count = self.pages.len();
        let style = Style::regular(8.0);
        let height = style.size * LEADING;
        let top = PAGE_HEIGHT - FOOTER_BASELINE - height / 2.0 - style.size * 0.35;
        let footer = typeset::lines(&self.footer, style, self.content_width() * 0.7)?;
        let pages = std::mem::take(&mut self.pages);
        let headers = std::mem::take(&mut self.headers);
        let mut done = Vec::with_capacity(count);
        for (index, ops) in pages.into_iter().enumerate() {
            self.ops = ops;
            if let Some(header) = headers.get(index).filter(|h| !h.is_empty()) {
                let lines = typeset::lines(header, style, self.content_width())?;
                if let Some(line) = lines.first() {
                    self.draw_line(line, MARGIN_X, HEADER_TOP, height, true)?;
                }
                let rule_y = HEADER_TOP + height + 2.0;
                self.stroke(
                    MARGIN_X,
                    rule_y,
                    PAGE_WIDTH - MARGIN_X,
                    rule_y,
                    0.5,
                    GREY_RULE,
                );
            }
            let rule_y = top - 5.0;
            self.stroke(
                MARGIN_X,
                rule_y,
                PAGE_WIDTH - MARGIN_X,
                rule_y,
                0.5,
                GREY_RULE,
            );
            if let Some(line) = footer.first() {
                self.draw_line(line, MARGIN_X, top, height, true)?;
            }
            let number = format!("Page {} of {count}", index + 1);
            for line in typeset::lines(&number, style, f32::INFINITY)? {
                let x = PAGE_WIDTH - MARGIN_X - line.width();
                self.draw_line(&line, x, top, height, true)?;
            }
            done.push(PdfPage::new(
                printpdf::Mm::from(Pt(PAGE_WIDTH)),
                printpdf::Mm::from(Pt(PAGE_HEIGHT)),
                std::mem::take(&mut self.ops),
            ));
        }
        let options = PdfSaveOptions {
            subset_fonts: true,
            ..PdfSaveOptions::default()
        };
        let mut warnings = Vec::new();
        let bytes = self.pdf.with_pages(done).save(&options, &mut warnings);
        if bytes.is_empty() {
            return Err(Error::Refused("The PDF could not be written.".to_owned()));
        }
        Ok(bytes)
    }
}

fn grey_color(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

/// Where a line `width` points wide starts in a box at `x`, `box_width` wide.
fn aligned(x: f32, box_width: f32, width: f32, align: Align) -> f32 {
    match align {
        Align::Left | Align::Start => x,
        Align::Right => x + box_width - width,
        Align::Center => x + (box_width - width) / 2.0,
    }
}

/// Text measured the way [`Document`] sets it: the widths of `text` wrapped to `width` points.
/// Tests use it to check that nothing is wider than its box.
pub fn line_widths(text: &str, style: Style, width: f32) -> Result<Vec<f32>> {
    Ok(typeset::lines(text, style, width)?
        .iter()
        .map(Line::width)
        .collect())
}
