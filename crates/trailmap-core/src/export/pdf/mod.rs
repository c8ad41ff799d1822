//! The report as a PDF: the same [`Report`] blocks the HTML page shows, laid
//! out on A4 pages by our own small layout (`layout.rs`) and drawn with
//! krilla. Text is real text in embedded font subsets (`fonts.rs`), the
//! charts are vector drawings from the same chart elements the SVG files are
//! written from (`chart.rs`).
//!
//! Layout makes [`Chunk`]s of [`Row`]s; a row (a line of text, a table row,
//! a chart) is never cut across a page. Pagination (here) keeps a chunk on
//! one page when it fits on one, keeps headings with what follows, repeats a
//! table's header row on the page it continues on, and numbers the pages.

mod chart;
mod fonts;
mod layout;

use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::{Document, SerializeSettings};

use self::fonts::{Face, Fonts};
use super::report::Report;
use super::svg::Svg;

/// A4 in points.
const PAGE: (f32, f32) = (595.28, 841.89);
/// The left and right margins.
const MARGIN_X: f32 = 54.0;
/// Where the text starts on each page.
const TOP: f32 = 56.0;
/// Where the text ends on each page; the footer sits below.
const BOTTOM: f32 = PAGE.1 - 66.0;

/// Why no PDF was made. With the embedded fonts and no validation this does
/// not happen; it is an error rather than a panic all the same.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("could not make the PDF: {0}")]
pub struct PdfError(String);

/// A colour.
type Rgb = (u8, u8, u8);

/// `#rrggbb` as a colour (black if it is not one).
fn rgb(hex: &str) -> Rgb {
    let hex = hex.trim_start_matches('#');
    let part = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|p| u8::from_str_radix(p, 16).ok())
            .unwrap_or(0)
    };
    if hex.len() == 6 {
        (part(0), part(2), part(4))
    } else {
        (0, 0, 0)
    }
}

/// A drawing operation, its `y` relative to the top of its row.
#[derive(Clone, Debug)]
enum Op {
    /// A run of text in one face, size and colour, its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        text: String,
        face: Face,
        size: f32,
        colour: Rgb,
    },
    /// A straight line.
    Line {
        from: (f32, f32),
        to: (f32, f32),
        colour: Rgb,
        width: f32,
    },
    /// A rectangle, filled and or stroked, its corners rounded by `radius`.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
        radius: f32,
    },
    /// A white tick in a checkbox of side `size` whose top left is `(x, y)`.
    Tick { x: f32, y: f32, size: f32 },
    /// A chart at `(x, y)`, scaled from its pixels by `scale`.
    Chart {
        drawing: Box<Svg>,
        x: f32,
        y: f32,
        scale: f32,
    },
}

/// A piece of a page that is never cut: a line of text, a table row, a chart.
#[derive(Clone, Debug, Default)]
struct Row {
    /// Its height.
    pub height: f32,
    /// What it draws.
    pub ops: Vec<Op>,
}

impl Row {
    /// Empty space.
    pub fn space(height: f32) -> Self {
        Self {
            height,
            ops: Vec::new(),
        }
    }
}

/// A box drawn behind the part of a chunk on each page (a notice, a quote).
#[derive(Clone, Copy, Debug)]
struct Frame {
    pub x: f32,
    pub width: f32,
    pub fill: Option<Rgb>,
    pub stroke: Option<Rgb>,
    /// A bar down the left edge.
    pub bar: Option<Rgb>,
}

/// What one block of the report lays out as.
#[derive(Clone, Debug, Default)]
struct Chunk {
    pub rows: Vec<Row>,
    /// Space above it, unless it starts a page.
    pub space_before: f32,
    /// Start a new page rather than split it, when it fits on one.
    pub keep_together: bool,
    /// Never the last thing on a page (headings).
    pub keep_with_next: bool,
    pub frame: Option<Frame>,
    /// Drawn again at the top of a page the chunk continues on (a table's
    /// header row).
    pub header: Option<Row>,
    /// A heading's level and text, for the document outline.
    pub outline: Option<(u8, String)>,
}

impl Chunk {
    fn height(&self) -> f32 {
        self.rows.iter().map(|r| r.height).sum()
    }

    /// The height that has to fit where the chunk starts.
    fn first_part(&self) -> f32 {
        let total = self.height();
        if self.keep_together && total <= BOTTOM - TOP {
            total
        } else {
            self.rows.first().map_or(0.0, |r| r.height)
        }
    }
}

/// Something placed on a page.
enum Placed<'a> {
    Row(f32, &'a Row),
    Frame { frame: Frame, top: f32, bottom: f32 },
}

/// The pages being filled.
struct Pager<'a> {
    pages: Vec<Vec<Placed<'a>>>,
    y: f32,
    /// Headings: level, text, page, position.
    outline: Vec<(u8, String, usize, f32)>,
}

impl<'a> Pager<'a> {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    fn at_top(&self) -> bool {
        self.y <= TOP
    }

    fn push(&mut self, placed: Placed<'a>) {
        if let Some(page) = self.pages.last_mut() {
            page.push(placed);
        }
    }

    /// Starts a frame segment at the current position; returns where it is.
    fn open_frame(&mut self, frame: Option<Frame>) -> Option<usize> {
        let frame = frame?;
        let y = self.y;
        self.push(Placed::Frame {
            frame,
            top: y,
            bottom: y,
        });
        self.pages.last().map(|p| p.len() - 1)
    }

    fn close_frame(&mut self, at: Option<usize>) {
        let y = self.y;
        if let Some(Placed::Frame { bottom, .. }) = at.and_then(|i| self.pages.last_mut()?.get_mut(i)) {
            *bottom = y;
        }
    }

    fn place(&mut self, chunk: &'a Chunk, next: Option<&Chunk>) {
        let mut need = chunk.first_part();
        if chunk.keep_with_next
            && let Some(next) = next
        {
            need += next.space_before + next.first_part();
        }
        let space = if self.at_top() { 0.0 } else { chunk.space_before };
        if !self.at_top() && self.y + space + need > BOTTOM {
            self.new_page();
        } else {
            self.y += space;
        }
        if let Some((level, text)) = &chunk.outline {
            self.outline
                .push((*level, text.clone(), self.pages.len() - 1, self.y));
        }
        let mut frame = self.open_frame(chunk.frame);
        for (i, row) in chunk.rows.iter().enumerate() {
            if i > 0 && self.y + row.height > BOTTOM && !self.at_top() {
                self.close_frame(frame);
                self.new_page();
                frame = self.open_frame(chunk.frame);
                if let Some(header) = &chunk.header {
                    self.push(Placed::Row(self.y, header));
                    self.y += header.height;
                }
            }
            self.push(Placed::Row(self.y, row));
            self.y += row.height;
        }
        self.close_frame(frame);
    }
}

/// Writes `report` as a PDF.
pub fn write(report: &Report) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::new().ok_or_else(|| PdfError("the embedded font does not load".to_owned()))?;
    let layout = layout::Layout {
        fonts: &fonts,
        left: MARGIN_X,
        width: PAGE.0 - 2.0 * MARGIN_X,
    };
    let chunks = layout.report(report);
    let mut pager = Pager {
        pages: Vec::new(),
        y: TOP,
        outline: Vec::new(),
    };
    pager.new_page();
    for (i, chunk) in chunks.iter().enumerate() {
        pager.place(chunk, chunks.get(i + 1));
    }

    let mut document = Document::new_with(SerializeSettings::default());
    let count = pager.pages.len();
    for (n, page) in pager.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE.0, PAGE.1)
            .ok_or_else(|| PdfError("the page size is not valid".to_owned()))?;
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        for placed in page {
            match placed {
                Placed::Frame { frame, top, bottom } => draw_frame(&mut surface, frame, *top, *bottom),
                Placed::Row(y, row) => {
                    for op in &row.ops {
                        draw(&mut surface, &fonts, op, *y);
                    }
                }
            }
        }
        for op in layout.page_footer(&report.title, n + 1, count) {
            draw(&mut surface, &fonts, &op, 0.0);
        }
        surface.finish();
        pdf_page.finish();
    }
    document.set_outline(outline(&pager.outline));
    document.set_metadata(
        Metadata::new()
            .title(report.title.clone())
            .creator("Trailmap".to_owned())
            .language("en".to_owned()),
    );
    document.finish().map_err(|e| PdfError(e.to_string()))
}

/// The document outline (bookmarks): the sections, with their parts under them.
fn outline(headings: &[(u8, String, usize, f32)]) -> Outline {
    let node = |(_, text, page, y): &(u8, String, usize, f32)| {
        OutlineNode::new(
            text.clone(),
            XyzDestination::new(*page, Point::from_xy(MARGIN_X, (*y - 6.0).max(0.0))),
        )
    };
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    for heading in headings {
        match heading.0 {
            1 | 2 => {
                if let Some(done) = section.take() {
                    outline.push_child(done);
                }
                section = Some(node(heading));
            }
            _ => match &mut section {
                Some(parent) => parent.push_child(node(heading)),
                None => outline.push_child(node(heading)),
            },
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

fn paint(colour: Rgb) -> krilla::paint::Paint {
    rgb::Color::new(colour.0, colour.1, colour.2).into()
}

fn fill(colour: Rgb, opacity: f32) -> Fill {
    Fill {
        paint: paint(colour),
        opacity: NormalizedF32::new(opacity.clamp(0.0, 1.0)).unwrap_or(NormalizedF32::ONE),
        ..Fill::default()
    }
}

fn stroke(colour: Rgb, width: f32) -> Stroke {
    Stroke {
        paint: paint(colour),
        width,
        line_join: LineJoin::Round,
        ..Stroke::default()
    }
}

/// A rectangle with rounded corners as a path (square ones for `r` = 0).
fn rounded_rect(path: &mut PathBuilder, (x, y, w, h): (f32, f32, f32, f32), r: f32) {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    // The distance of a cubic's control points for a quarter circle.
    let k = r * 0.552_284_8;
    path.move_to(x + r, y);
    path.line_to(x + w - r, y);
    path.cubic_to(x + w - r + k, y, x + w, y + r - k, x + w, y + r);
    path.line_to(x + w, y + h - r);
    path.cubic_to(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
    path.line_to(x + r, y + h);
    path.cubic_to(x + r - k, y + h, x, y + h - r + k, x, y + h - r);
    path.line_to(x, y + r);
    path.cubic_to(x, y + r - k, x + r - k, y, x + r, y);
    path.close();
}

/// Draws a path with the given fill and stroke (at least one of them).
fn draw_path(surface: &mut Surface<'_>, path: PathBuilder, fill: Option<Fill>, stroke: Option<Stroke>) {
    if fill.is_none() && stroke.is_none() {
        return;
    }
    if let Some(path) = path.finish() {
        surface.set_fill(fill);
        surface.set_stroke(stroke);
        surface.draw_path(&path);
    }
}

/// Draws text with its baseline starting at `(x, y)`.
fn draw_text(
    surface: &mut Surface<'_>,
    fonts: &Fonts,
    (x, y): (f32, f32),
    text: &str,
    (face, size, colour): (Face, f32, Rgb),
) {
    let shaped = fonts.shape(text, face);
    surface.set_fill(Some(fill(colour, 1.0)));
    surface.set_stroke(None);
    surface.draw_glyphs(
        Point::from_xy(x, y),
        &shaped.glyphs,
        fonts.font(face),
        text,
        size,
        false,
    );
}

fn draw_frame(surface: &mut Surface<'_>, frame: &Frame, top: f32, bottom: f32) {
    if bottom <= top {
        return;
    }
    let mut path = PathBuilder::new();
    rounded_rect(
        &mut path,
        (frame.x, top, frame.width, bottom - top),
        if frame.bar.is_some() { 0.0 } else { 4.0 },
    );
    draw_path(
        surface,
        path,
        frame.fill.map(|c| fill(c, 1.0)),
        frame.stroke.map(|c| stroke(c, 0.8)),
    );
    if let Some(bar) = frame.bar {
        let mut path = PathBuilder::new();
        rounded_rect(&mut path, (frame.x, top, 3.0, bottom - top), 0.0);
        draw_path(surface, path, Some(fill(bar, 1.0)), None);
    }
}

/// Draws `op` with its row's top at `dy`.
fn draw(surface: &mut Surface<'_>, fonts: &Fonts, op: &Op, dy: f32) {
    match op {
        Op::Text {
            x,
            y,
            text,
            face,
            size,
            colour,
        } => draw_text(surface, fonts, (*x, y + dy), text, (*face, *size, *colour)),
        Op::Line {
            from,
            to,
            colour,
            width,
        } => {
            let mut path = PathBuilder::new();
            path.move_to(from.0, from.1 + dy);
            path.line_to(to.0, to.1 + dy);
            draw_path(surface, path, None, Some(stroke(*colour, *width)));
        }
        Op::Rect {
            x,
            y,
            w,
            h,
            fill: inside,
            stroke: edge,
            radius,
        } => {
            let mut path = PathBuilder::new();
            rounded_rect(&mut path, (*x, y + dy, *w, *h), *radius);
            draw_path(
                surface,
                path,
                inside.map(|c| fill(c, 1.0)),
                edge.map(|(c, w)| stroke(c, w)),
            );
        }
        Op::Tick { x, y, size } => {
            let (x, y, s) = (*x, y + dy, *size);
            let mut path = PathBuilder::new();
            path.move_to(x + s * 0.24, y + s * 0.52);
            path.line_to(x + s * 0.43, y + s * 0.72);
            path.line_to(x + s * 0.78, y + s * 0.3);
            let tick = Stroke {
                line_cap: LineCap::Round,
                ..stroke((255, 255, 255), s * 0.16)
            };
            draw_path(surface, path, None, Some(tick));
        }
        Op::Chart { drawing, x, y, scale } => chart::draw(surface, fonts, drawing, (*x, y + dy), *scale),
    }
}
