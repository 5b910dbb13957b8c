//! Tables: columns, cells and rows, set to their widths and drawn row by row, the column titles
//! repeated when a table runs onto the next page.

use super::typeset::{self, Line, Style};
use super::{
    aligned, Align, Document, BLACK, CELL_PAD_X, CELL_PAD_Y, GREY_FILL, GREY_RULE, LEADING,
    MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH,
};
use crate::error::Result;

/// A table column: its title, its share of the table's width, and how its cells align.
#[derive(Debug, Clone)]
pub struct Column {
    /// The title in the header row.
    pub title: String,
    /// Relative width: columns share the table's width in proportion to these.
    pub width: f32,
    /// Alignment of the title and the cells.
    pub align: Align,
}

impl Column {
    /// A column aligned left.
    pub fn left(title: &str, width: f32) -> Column {
        Column {
            title: title.to_owned(),
            width,
            align: Align::Left,
        }
    }

    /// A column aligned right, for numbers.
    pub fn right(title: &str, width: f32) -> Column {
        Column {
            title: title.to_owned(),
            width,
            align: Align::Right,
        }
    }
}

/// One cell: its text, an optional note in small grey type below it, and how many columns it
/// spans.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// The text; line breaks are kept and long lines wrap.
    pub text: String,
    /// A remark printed below the text, smaller and grey; empty for none.
    pub note: String,
    /// Columns the cell covers, at least 1.
    pub span: usize,
    /// Text in grey: a label beside its value.
    pub muted: bool,
}

impl Cell {
    /// A cell with `text`, one column wide.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            note: String::new(),
            span: 1,
            muted: false,
        }
    }

    /// A cell with `text` in grey: a label.
    pub fn label(text: impl Into<String>) -> Cell {
        Cell {
            muted: true,
            ..Cell::new(text)
        }
    }

    /// The cell with a grey note below its text.
    pub fn with_note(mut self, note: impl Into<String>) -> Cell {
        self.note = note.into();
        self
    }

    /// The cell spanning `span` columns.
    pub fn spanning(mut self, span: usize) -> Cell {
        self.span = span.max(1);
        self
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::new(text)
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::new(text)
    }
}

/// A table row.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The cells, left to right; their spans should add up to the number of columns.
    pub cells: Vec<Cell>,
    /// A total: bold, with a darker rule above.
    pub total: bool,
    /// The least height in points (an empty row to write in by hand needs room).
    pub min_height: f32,
}

impl Row {
    /// A body row of these cells.
    pub fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            total: false,
            min_height: 0.0,
        }
    }

    /// A total row of these cells.
    pub fn total(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            total: true,
            min_height: 0.0,
        }
    }
}

/// A table; see [`Document::table`].
#[derive(Debug, Clone)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<Row>,
    /// Whether the column titles are printed (and repeated on each page the table reaches).
    pub header: bool,
    /// Whether rows are separated by rules; a grid adds lines between the columns too.
    pub lines: Lines,
    /// Font size of the cells.
    pub size: f32,
    /// Printed above the repeated header on each new page, e.g. "Category A (continued)".
    pub continued: String,
}

/// The lines a table draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// None: a layout of labels and values.
    None,
    /// A rule under every row.
    Rows,
    /// Rules under rows and between columns, and a frame: a form to fill in by hand.
    Grid,
}

/// A table's rows as set: every cell's lines, and the row's height.
struct SetRow {
    cells: Vec<SetCell>,
    total: bool,
    min_height: f32,
}

struct SetCell {
    x: f32,
    width: f32,
    align: Align,
    lines: Vec<SetLine>,
}

struct SetLine {
    line: Line,
    height: f32,
    grey: bool,
}

impl SetRow {
    fn height(&self) -> f32 {
        let content = self
            .cells
            .iter()
            .map(|c| c.lines.iter().map(|l| l.height).sum::<f32>())
            .fold(0.0, f32::max);
        (content + 2.0 * CELL_PAD_Y).max(self.min_height)
    }
}

impl Document {
    /// The height of `table` if it were printed on one page: header and every row.
    pub fn table_height(&self, table: &Table) -> Result<f32> {
        let (header, rows) = self.set_table(table)?;
        Ok(header.iter().chain(&rows).map(SetRow::height).sum())
    }

    /// The table's header and rows with every cell's text set to its column's width.
    fn set_table(&self, table: &Table) -> Result<(Option<SetRow>, Vec<SetRow>)> {
        let total: f32 = table.columns.iter().map(|c| c.width).sum();
        let scale = self.content_width() / total.max(f32::EPSILON);
        let mut edges = Vec::with_capacity(table.columns.len() + 1);
        let mut x = MARGIN_X;
        edges.push(x);
        for column in &table.columns {
            x += column.width * scale;
            edges.push(x);
        }
        let header = if table.header {
            let titles = table
                .columns
                .iter()
                .map(|c| Cell::new(c.title.clone()))
                .collect::<Vec<_>>();
            let style = Style::bold(table.size - 0.5);
            Some(set_row(&titles, &table.columns, &edges, style, 0.0, false)?)
        } else {
            None
        };
        let rows = table
            .rows
            .iter()
            .map(|row| {
                let style = if row.total {
                    Style::bold(table.size)
                } else {
                    Style::regular(table.size)
                };
                set_row(
                    &row.cells,
                    &table.columns,
                    &edges,
                    style,
                    row.min_height,
                    row.total,
                )
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((header, rows))
    }

    /// A table across the page. Rows taller than what is left of a page move to the next one,
    /// where the column titles are printed again; a row taller than a whole page is split.
    /// A table without rows prints nothing.
    pub fn table(&mut self, table: &Table) -> Result<()> {
        let (header, rows) = self.set_table(table)?;
        let header_height = header.as_ref().map_or(0.0, SetRow::height);
        // The most a row can have on a page of its own, below the repeated titles.
        let page_room = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - header_height - 20.0;
        let mut fresh = false;
        for (index, mut set) in rows.into_iter().enumerate() {
            if index == 0 {
                // Column titles are never left alone at the foot of a page.
                self.keep(header_height + set.height().min(80.0));
                fresh = self.y <= MARGIN_TOP;
                if let Some(header) = &header {
                    self.draw_header(header, table)?;
                }
            }
            loop {
                let height = set.height();
                if height <= self.remaining() {
                    self.draw_row(&set, table, height)?;
                    fresh = false;
                    break;
                }
                if !fresh && (height <= page_room || self.remaining() < 40.0) {
                    self.continue_table(table, header.as_ref())?;
                    fresh = true;
                    continue;
                }
                // Taller than a page: print what fits here and carry the rest over.
                let height = self.remaining();
                let rest = split_row(&mut set, height);
                self.draw_row(&set, table, height)?;
                self.continue_table(table, header.as_ref())?;
                fresh = true;
                set = rest;
            }
        }
        Ok(())
    }

    fn continue_table(&mut self, table: &Table, header: Option<&SetRow>) -> Result<()> {
        self.new_page();
        if !table.continued.is_empty() {
            self.remark(&table.continued, Style::regular(table.size))?;
            self.space(2.0);
        }
        if let Some(header) = header {
            self.draw_header(header, table)?;
        }
        Ok(())
    }

    fn draw_header(&mut self, header: &SetRow, table: &Table) -> Result<()> {
        let height = header.height();
        self.fill(MARGIN_X, self.y, self.content_width(), height, GREY_FILL);
        self.draw_cells(header, self.y)?;
        if table.lines == Lines::Grid {
            self.grid(header, self.y, height);
            let top = self.y;
            self.stroke(MARGIN_X, top, PAGE_WIDTH - MARGIN_X, top, 0.6, GREY_RULE);
        }
        self.y += height;
        let y = self.y;
        self.stroke(MARGIN_X, y, PAGE_WIDTH - MARGIN_X, y, 0.8, BLACK);
        Ok(())
    }

    fn draw_row(&mut self, row: &SetRow, table: &Table, height: f32) -> Result<()> {
        let top = self.y;
        if row.total {
            self.stroke(MARGIN_X, top, PAGE_WIDTH - MARGIN_X, top, 0.8, BLACK);
        }
        self.draw_cells(row, top)?;
        if table.lines == Lines::Grid {
            self.grid(row, top, height);
        }
        self.y += height;
        if table.lines != Lines::None {
            let y = self.y;
            self.stroke(MARGIN_X, y, PAGE_WIDTH - MARGIN_X, y, 0.5, GREY_RULE);
        }
        Ok(())
    }

    fn grid(&mut self, row: &SetRow, top: f32, height: f32) {
        let bottom = top + height;
        self.stroke(MARGIN_X, top, MARGIN_X, bottom, 0.5, GREY_RULE);
        for cell in &row.cells {
            let x = cell.x + cell.width;
            self.stroke(x, top, x, bottom, 0.5, GREY_RULE);
        }
    }

    fn draw_cells(&mut self, row: &SetRow, top: f32) -> Result<()> {
        for cell in &row.cells {
            let mut y = top + CELL_PAD_Y;
            let inner = cell.width - 2.0 * CELL_PAD_X;
            for set in &cell.lines {
                let x = aligned(cell.x + CELL_PAD_X, inner, set.line.width(), cell.align);
                self.draw_line(&set.line, x, y, set.height, set.grey)?;
                y += set.height;
            }
        }
        Ok(())
    }
}

/// Sets the cells of a row: each cell's text wrapped to its width, its note below.
fn set_row(
    cells: &[Cell],
    columns: &[Column],
    edges: &[f32],
    style: Style,
    min_height: f32,
    total: bool,
) -> Result<SetRow> {
    let mut set = Vec::with_capacity(cells.len());
    let mut column = 0;
    for cell in cells {
        let span = cell.span.max(1);
        let (Some(&left), Some(&right)) = (edges.get(column), edges.get(column + span)) else {
            break;
        };
        let align = columns.get(column).map_or(Align::Left, |c| c.align);
        let inner = right - left - 2.0 * CELL_PAD_X;
        let mut lines = Vec::new();
        if !cell.text.is_empty() {
            for line in typeset::lines(&cell.text, style, inner)? {
                lines.push(SetLine {
                    line,
                    height: style.size * LEADING,
                    grey: cell.muted,
                });
            }
        }
        if !cell.note.is_empty() {
            let note = Style::regular(style.size - 1.5);
            for line in typeset::lines(&cell.note, note, inner)? {
                lines.push(SetLine {
                    line,
                    height: note.size * LEADING,
                    grey: true,
                });
            }
        }
        set.push(SetCell {
            x: left,
            width: right - left,
            align,
            lines,
        });
        column += span;
    }
    Ok(SetRow {
        cells: set,
        total,
        min_height,
    })
}

/// Keeps in `row` the lines that fit in `height` and returns the rest as a row of its own.
fn split_row(row: &mut SetRow, height: f32) -> SetRow {
    let room = height - 2.0 * CELL_PAD_Y;
    let cells = row
        .cells
        .iter_mut()
        .map(|cell| {
            let mut used = 0.0;
            let keep = cell
                .lines
                .iter()
                .take_while(|l| {
                    used += l.height;
                    used <= room
                })
                .count()
                .max(1);
            SetCell {
                x: cell.x,
                width: cell.width,
                align: cell.align,
                lines: cell.lines.split_off(keep.min(cell.lines.len())),
            }
        })
        .collect();
    SetRow {
        cells,
        total: row.total,
        min_height: 0.0,
    }
}
