//! The report's blocks as chunks of rows: text broken into lines that fit,
//! tables with columns sized to their content, lists, facts, notices,
//! quotes and charts. The look follows the HTML page's style sheet.

mod table;

use super::fonts::{Face, Fonts};
use super::{Chunk, Frame, Op, PAGE, Rgb, Row, rgb};
use crate::export::report::{Badge, Block, Chart, Inline, Line, ListItem, Report};
use crate::export::svg::colour;

/// How a piece of text looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Look {
    face: Face,
    size: f32,
    colour: Rgb,
    struck: bool,
}

impl Look {
    fn new(face: Face, size: f32, colour: &str) -> Self {
        Self {
            face,
            size,
            colour: rgb(colour),
            struck: false,
        }
    }

    fn bold(self) -> Self {
        Self {
            face: Face::Bold,
            ..self
        }
    }
}

/// Body text.
const BODY: f32 = 10.0;
/// Quiet text: notes, details, tables.
const SMALL: f32 = 9.0;
const NOTE_COLOUR: &str = "#4b5563";

/// A piece of text before it is broken into lines.
#[derive(Clone, Debug)]
enum Atom {
    Word(String, Look),
    Space(Look),
    Badge(Badge),
    Break,
}

/// A piece of a laid-out line, `x` from the line's start.
#[derive(Clone, Debug)]
enum Seg {
    Text { x: f32, text: String, look: Look },
    Badge { x: f32, badge: Badge },
}

/// One line of text.
#[derive(Clone, Debug, Default)]
struct LineBox {
    segs: Vec<Seg>,
    width: f32,
}

/// The text of a report as it may be drawn: characters no report shows
/// become U+FFFD (as in the other formats), carriage returns go, tabs are
/// spaces.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '\r')
        .map(|c| match c {
            '\t' => ' ',
            c if c != '\n' && crate::export::is_unprintable(c) => char::REPLACEMENT_CHARACTER,
            c => c,
        })
        .collect()
}

/// Splits text into words, spaces and line breaks.
fn split(text: &str, look: Look, out: &mut Vec<Atom>) {
    let mut word = String::new();
    for c in clean(text).chars() {
        if c == ' ' || c == '\n' {
            if !word.is_empty() {
                out.push(Atom::Word(std::mem::take(&mut word), look));
            }
            out.push(if c == ' ' { Atom::Space(look) } else { Atom::Break });
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        out.push(Atom::Word(word, look));
    }
}

fn atoms(line: &Line, look: Look) -> Vec<Atom> {
    let mut out = Vec::new();
    for piece in line {
        match piece {
            Inline::Text(t) => split(t, look, &mut out),
            Inline::Strong(t) => split(t, look.bold(), &mut out),
            Inline::Struck(t) => split(
                t,
                Look {
                    struck: true,
                    colour: rgb(colour::MUTED),
                    ..look
                },
                &mut out,
            ),
            Inline::Badge(b) => out.push(Atom::Badge(*b)),
        }
    }
    out
}

/// A badge's colours: text, background, border.
fn badge_colours(badge: Badge) -> (Rgb, Rgb, Option<Rgb>) {
    match badge {
        Badge::Target => (rgb("#1e40af"), rgb("#dbeafe"), None),
        Badge::Estimate => (rgb("#4b5563"), rgb("#f3f4f6"), Some(rgb("#d1d5db"))),
        Badge::Overdue | Badge::DatePassed => (rgb("#991b1b"), rgb("#fee2e2"), None),
        Badge::OwnSkill => (rgb("#5b21b6"), rgb("#ede9fe"), None),
        Badge::MentorOnly => (rgb("#9a3412"), rgb("#ffedd5"), None),
    }
}

const BADGE_SIZE: f32 = 7.5;
const BADGE_GAP: f32 = 4.0;
const BADGE_PAD: f32 = 4.5;

/// Lays out blocks with the fonts, in a column from `left`, `width` wide.
pub(super) struct Layout<'a> {
    pub fonts: &'a Fonts,
    pub left: f32,
    pub width: f32,
}

impl Layout<'_> {
    fn measure(&self, text: &str, look: Look) -> f32 {
        self.fonts.width(text, look.face, look.size)
    }

    fn badge_width(&self, badge: Badge) -> f32 {
        BADGE_GAP + 2.0 * BADGE_PAD + self.fonts.width(badge.label(), Face::Bold, BADGE_SIZE)
    }

    /// Breaks atoms into lines of at most `width`; a word longer than a line
    /// is cut between characters.
    fn wrap(&self, atoms: &[Atom], width: f32) -> Vec<LineBox> {
        let mut lines = Vec::new();
        let mut line = LineBox::default();
        let mut space: Option<Look> = None;
        for atom in atoms {
            match atom {
                Atom::Break => {
                    lines.push(std::mem::take(&mut line));
                    space = None;
                }
                Atom::Space(look) => {
                    if !line.segs.is_empty() {
                        space = Some(*look);
                    }
                }
                Atom::Word(word, look) => {
                    let w = self.measure(word, *look);
                    let gap = space.map_or(0.0, |l| self.measure(" ", l));
                    if !line.segs.is_empty() && line.width + gap + w > width {
                        lines.push(std::mem::take(&mut line));
                        space = None;
                    }
                    if let Some(l) = space.take() {
                        self.append(&mut line, " ", l);
                    }
                    if w <= width {
                        self.append(&mut line, word, *look);
                    } else {
                        self.cut(word, *look, width, &mut line, &mut lines);
                    }
                }
                Atom::Badge(badge) => {
                    let w = self.badge_width(*badge);
                    if !line.segs.is_empty() && line.width + w > width {
                        lines.push(std::mem::take(&mut line));
                    }
                    space = None;
                    line.segs.push(Seg::Badge {
                        x: line.width,
                        badge: *badge,
                    });
                    line.width += w;
                }
            }
        }
        if !line.segs.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// A word too long for any line, in pieces that fit.
    fn cut(&self, word: &str, look: Look, width: f32, line: &mut LineBox, lines: &mut Vec<LineBox>) {
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if line.width + self.measure(&piece, look) > width && piece.chars().count() > 1 {
                piece.pop();
                self.append(line, &piece, look);
                lines.push(std::mem::take(line));
                piece = c.to_string();
            }
        }
        self.append(line, &piece, look);
    }

    /// Adds text to a line, joining it to the last piece if it looks the same.
    fn append(&self, line: &mut LineBox, text: &str, look: Look) {
        match line.segs.last_mut() {
            Some(Seg::Text {
                text: last, look: l, ..
            }) if *l == look => last.push_str(text),
            _ => line.segs.push(Seg::Text {
                x: line.width,
                text: text.to_owned(),
                look,
            }),
        }
        line.width += self.measure(text, look);
    }

    /// Draws a line with its start at `x` and its baseline at `y`.
    fn line_ops(&self, line: &LineBox, x: f32, y: f32, ops: &mut Vec<Op>) {
        for seg in &line.segs {
            match seg {
                Seg::Text { x: at, text, look } => {
                    ops.push(Op::Text {
                        x: x + at,
                        y,
                        text: text.clone(),
                        face: look.face,
                        size: look.size,
                        colour: look.colour,
                    });
                    if look.struck {
                        let w = self.measure(text, *look);
                        let mid = y - look.size * 0.3;
                        ops.push(Op::Line {
                            from: (x + at, mid),
                            to: (x + at + w, mid),
                            colour: look.colour,
                            width: 0.7,
                        });
                    }
                }
                Seg::Badge { x: at, badge } => {
                    let (fg, bg, border) = badge_colours(*badge);
                    let w = self.badge_width(*badge) - BADGE_GAP;
                    ops.push(Op::Rect {
                        x: x + at + BADGE_GAP,
                        y: y - 8.0,
                        w,
                        h: 10.6,
                        fill: Some(bg),
                        stroke: border.map(|c| (c, 0.6)),
                        radius: 5.3,
                    });
                    ops.push(Op::Text {
                        x: x + at + BADGE_GAP + BADGE_PAD,
                        y: y - 0.3,
                        text: badge.label().to_owned(),
                        face: Face::Bold,
                        size: BADGE_SIZE,
                        colour: fg,
                    });
                }
            }
        }
    }

    /// The baseline in a line of height `leading` for text of `size`.
    fn baseline(leading: f32, size: f32) -> f32 {
        leading / 2.0 + size * 0.36
    }

    /// Text as rows, one a line, from `x`, `width` wide.
    fn text_rows(&self, atoms: &[Atom], look: Look, x: f32, width: f32, leading: f32) -> Vec<Row> {
        self.wrap(atoms, width)
            .iter()
            .map(|line| {
                let mut ops = Vec::new();
                self.line_ops(line, x, Self::baseline(leading, look.size), &mut ops);
                Row { height: leading, ops }
            })
            .collect()
    }

    /// The whole report.
    pub fn report(&self, report: &Report) -> Vec<Chunk> {
        let mut chunks = Vec::new();
        let mut previous: Option<&Block> = None;
        for block in &report.blocks {
            match block {
                Block::List(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let mut chunk = self.list_item(item, items.iter().any(|i| i.check.is_some()));
                        chunk.space_before = if i == 0 { 5.0 } else { 3.0 };
                        chunks.push(chunk);
                    }
                }
                Block::Chart(chart) => {
                    let drawing = match chart {
                        Chart::Radar => report.radar.drawing(),
                        Chart::Ranking => report.ranking.drawing(),
                    };
                    chunks.push(self.chart(drawing));
                }
                _ => chunks.push(self.block(block, previous)),
            }
            previous = Some(block);
        }
        chunks
    }

    /// Any block but a list or a chart.
    fn block(&self, block: &Block, previous: Option<&Block>) -> Chunk {
        let text = |line: &Line, look: Look, leading: f32, space: f32| Chunk {
            rows: self.text_rows(&atoms(line, look), look, self.left, self.width, leading),
            space_before: space,
            ..Chunk::default()
        };
        let mut chunk = match block {
            Block::Heading(level, title) => self.heading(*level, title),
            Block::Para(line) => text(line, Look::new(Face::Regular, BODY, colour::TEXT), 14.5, 5.0),
            Block::Note(line) => text(line, Look::new(Face::Regular, SMALL, NOTE_COLOUR), 13.0, 5.0),
            Block::Footer(line) => {
                let mut chunk = text(line, Look::new(Face::Regular, SMALL, NOTE_COLOUR), 13.0, 24.0);
                chunk.rows.insert(0, Row::space(8.0));
                chunk.rows[0].ops.push(Op::Line {
                    from: (self.left, 0.0),
                    to: (self.left + self.width, 0.0),
                    colour: rgb("#e5e7eb"),
                    width: 0.8,
                });
                chunk
            }
            Block::Notice(line) => self.notice(line),
            Block::Facts(facts) => self.facts(facts),
            Block::Table {
                head,
                align,
                rows,
                highlight,
            } => self.table(head, align, rows, *highlight),
            Block::Quote(text) => self.quote(text),
            Block::List(_) | Block::Chart(_) => Chunk::default(),
        };
        // A heading right under another heading needs less room above it.
        if matches!(block, Block::Heading(..)) && matches!(previous, Some(Block::Heading(..))) {
            chunk.space_before = 4.0;
        }
        // A label such as "Agenda" or "Notes" over a list stays with the list.
        if let Block::Para(line) = block
            && matches!(line.as_slice(), [Inline::Strong(_)])
        {
            chunk.keep_with_next = true;
        }
        // Short texts move to the next page whole; long ones split between lines.
        if chunk.rows.len() <= 4 {
            chunk.keep_together = true;
        }
        chunk
    }

    fn heading(&self, level: u8, title: &str) -> Chunk {
        let (size, space, after) = match level {
            1 => (19.0, 0.0, 10.0),
            2 => (14.0, 20.0, 7.0),
            _ => (11.5, 12.0, 3.0),
        };
        let look = Look::new(Face::Bold, size, colour::TEXT);
        let leading = size * 1.28;
        let mut atoms = Vec::new();
        split(title, look, &mut atoms);
        let mut rows = self.text_rows(&atoms, look, self.left, self.width, leading);
        if level == 2 {
            rows.push(Row {
                height: 4.0,
                ops: vec![Op::Line {
                    from: (self.left, 2.5),
                    to: (self.left + self.width, 2.5),
                    colour: rgb("#e5e7eb"),
                    width: 1.6,
                }],
            });
        }
        rows.push(Row::space(after));
        Chunk {
            rows,
            space_before: space,
            keep_together: true,
            keep_with_next: true,
            outline: Some((level, clean(title))),
            ..Chunk::default()
        }
    }

    fn notice(&self, line: &Line) -> Chunk {
        let look = Look::new(Face::Regular, SMALL, "#7c2d12");
        let mut rows = vec![Row::space(6.0)];
        rows.extend(self.text_rows(&atoms(line, look), look, self.left + 9.0, self.width - 18.0, 13.0));
        rows.push(Row::space(6.0));
        Chunk {
            rows,
            space_before: 8.0,
            frame: Some(Frame {
                x: self.left,
                width: self.width,
                fill: Some(rgb("#fff7ed")),
                stroke: Some(rgb("#fed7aa")),
                bar: None,
            }),
            ..Chunk::default()
        }
    }

    fn facts(&self, facts: &[(String, Line)]) -> Chunk {
        let label = Look::new(Face::Bold, BODY, NOTE_COLOUR);
        let value = Look::new(Face::Regular, BODY, colour::TEXT);
        let leading = 15.0;
        let label_width = facts
            .iter()
            .map(|(l, _)| self.measure(&clean(l), label))
            .fold(0.0, f32::max)
            + 18.0;
        let x = self.left + 12.0;
        let mut rows = vec![Row::space(7.0)];
        for (name, line) in facts {
            let lines = self.wrap(&atoms(line, value), self.width - 24.0 - label_width);
            let baseline = Self::baseline(leading, BODY);
            let mut ops = vec![Op::Text {
                x,
                y: baseline,
                text: clean(name),
                face: label.face,
                size: label.size,
                colour: label.colour,
            }];
            for (i, l) in lines.iter().enumerate() {
                self.line_ops(l, x + label_width, baseline + leading * i as f32, &mut ops);
            }
            rows.push(Row {
                height: leading * lines.len() as f32,
                ops,
            });
        }
        rows.push(Row::space(7.0));
        Chunk {
            rows,
            space_before: 4.0,
            keep_together: true,
            frame: Some(Frame {
                x: self.left,
                width: self.width,
                fill: Some(rgb("#f9fafb")),
                stroke: Some(rgb("#e5e7eb")),
                bar: None,
            }),
            ..Chunk::default()
        }
    }

    fn quote(&self, text: &str) -> Chunk {
        let look = Look::new(Face::Regular, BODY, colour::TEXT);
        let mut rows = vec![Row::space(6.0)];
        for (i, paragraph) in text.split("\n\n").filter(|p| !p.trim().is_empty()).enumerate() {
            if i > 0 {
                rows.push(Row::space(5.0));
            }
            let lines: Vec<&str> = paragraph
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let mut atoms = Vec::new();
            split(&lines.join("\n"), look, &mut atoms);
            rows.extend(self.text_rows(&atoms, look, self.left + 14.0, self.width - 24.0, 14.5));
        }
        rows.push(Row::space(6.0));
        Chunk {
            rows,
            space_before: 6.0,
            frame: Some(Frame {
                x: self.left,
                width: self.width,
                fill: Some(rgb("#fffbeb")),
                stroke: None,
                bar: Some(rgb("#f59e0b")),
            }),
            ..Chunk::default()
        }
    }

    fn list_item(&self, item: &ListItem, checklist: bool) -> Chunk {
        let look = Look::new(Face::Regular, BODY, colour::TEXT);
        let leading = 14.5;
        let text_x = self.left + if checklist { 20.0 } else { 16.0 };
        let width = self.left + self.width - text_x;
        let mut rows = self.text_rows(&atoms(&item.line, look), look, text_x, width, leading);
        let baseline = Self::baseline(leading, BODY);
        if let Some(first) = rows.first_mut() {
            match item.check {
                None => first.ops.push(Op::Text {
                    x: self.left + 5.0,
                    y: baseline,
                    text: "•".to_owned(),
                    face: Face::Regular,
                    size: BODY,
                    colour: rgb(colour::MUTED),
                }),
                Some(done) => {
                    let (size, top) = (9.5, leading / 2.0 - 4.75);
                    let blue = rgb(colour::SELF);
                    first.ops.push(Op::Rect {
                        x: self.left + 2.0,
                        y: top,
                        w: size,
                        h: size,
                        fill: Some(if done { blue } else { (255, 255, 255) }),
                        stroke: Some((if done { blue } else { rgb(colour::MUTED) }, 1.1)),
                        radius: 1.8,
                    });
                    if done {
                        first.ops.push(Op::Tick {
                            x: self.left + 2.0,
                            y: top,
                            size,
                        });
                    }
                }
            }
        }
        let detail = Look::new(Face::Regular, SMALL, NOTE_COLOUR);
        for (label, text) in &item.details {
            let mut atoms = vec![
                Atom::Word(format!("{}:", clean(label)), detail.bold()),
                Atom::Space(detail),
            ];
            let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            split(&lines.join("\n"), detail, &mut atoms);
            rows.extend(self.text_rows(&atoms, detail, text_x, width, 12.5));
        }
        Chunk {
            rows,
            keep_together: true,
            ..Chunk::default()
        }
    }

    fn chart(&self, drawing: crate::export::svg::Svg) -> Chunk {
        let scale = (self.width / drawing.width()).min(0.72);
        let (w, h) = (drawing.width() * scale, drawing.height() * scale);
        let x = self.left + (self.width - w) / 2.0;
        Chunk {
            rows: vec![
                Row {
                    height: h,
                    ops: vec![Op::Chart {
                        drawing: Box::new(drawing),
                        x,
                        y: 0.0,
                        scale,
                    }],
                },
                Row::space(4.0),
            ],
            space_before: 8.0,
            keep_together: true,
            ..Chunk::default()
        }
    }

    /// The footer of page `n` of `count`: the report's title and the page number.
    pub fn page_footer(&self, title: &str, n: usize, count: usize) -> Vec<Op> {
        let look = Look::new(Face::Regular, 8.0, colour::MUTED);
        let y = PAGE.1 - 36.0;
        let number = format!("Page {n} of {count}");
        let number_width = self.measure(&number, look);
        // The title, cut short with an ellipsis if it would reach the number.
        let room = self.width - number_width - 24.0;
        let mut shown = clean(title);
        if self.measure(&shown, look) > room {
            // The longest start that fits with the ellipsis, found by halving
            // (a name may be a thousand characters: measuring after every
            // character cut took seconds per page).
            let ends: Vec<usize> = shown.char_indices().map(|(i, _)| i).collect();
            let fits = |n: usize| self.measure(&format!("{}…", &shown[..ends[n]]), look) <= room;
            let (mut low, mut high) = (0, ends.len());
            while low + 1 < high {
                let mid = usize::midpoint(low, high);
                if fits(mid) { low = mid } else { high = mid }
            }
            shown = format!("{}…", shown[..ends[low]].trim_end());
        }
        let text = |x: f32, text: String| Op::Text {
            x,
            y,
            text,
            face: look.face,
            size: look.size,
            colour: look.colour,
        };
        vec![
            Op::Line {
                from: (self.left, y - 12.0),
                to: (self.left + self.width, y - 12.0),
                colour: rgb("#e5e7eb"),
                width: 0.6,
            },
            text(self.left, shown),
            text(self.left + self.width - number_width, number),
        ]
    }
}
