//! A small SVG writer and the two report charts: the skills radar and the
//! readiness ranking.
//!
//! The charts use presentation attributes (`fill`, `stroke`, `font-size`)
//! rather than a style sheet, so they look the same on their own, inside an
//! HTML page next to other charts, and in any converter to PNG. Text is real
//! `<text>` so it stays sharp in print and can be searched.

mod radar;
mod ranking;

use std::fmt::Write as _;

pub use radar::{RadarAxis, RadarChart};
pub use ranking::{RankingBar, RankingChart};

/// The font stack of the charts and the HTML page: the platform's own
/// sans-serif font, then its colour emoji font, so an emoji in a name or a
/// note is drawn rather than shown as a box.
pub const FONT_STACK: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, \
     'Liberation Sans', sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji', 'Segoe UI Symbol', 'Noto Color Emoji'";

/// Colours shared by the charts and the HTML page.
pub mod colour {
    /// The person's own ratings.
    pub const SELF: &str = "#2563eb";
    /// The mentor's ratings.
    pub const MENTOR: &str = "#c2410c";
    /// What the target role needs.
    pub const TARGET: &str = "#4b5563";
    /// Body text.
    pub const TEXT: &str = "#1f2937";
    /// Quiet text: scales and captions.
    pub const MUTED: &str = "#6b7280";
    /// Grid lines.
    pub const GRID: &str = "#d1d5db";
    /// Bars for roles other than the chosen target.
    pub const BAR: &str = "#93c5fd";
}

/// Escapes text for XML content and attribute values. Characters XML 1.0
/// forbids (control characters, U+FFFE, U+FFFF) and the other characters
/// `export::is_unprintable` names become U+FFFD, so the result is always
/// well-formed; carriage returns are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => {}
            c if super::is_unprintable(c) => out.push(char::REPLACEMENT_CHARACTER),
            c => out.push(c),
        }
    }
    out
}

/// A number for an attribute: at most one decimal, no trailing `.0`.
fn num(value: f32) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        // Also turns -0 into 0.
        "0".to_owned()
    } else if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// Where text sits relative to its anchor point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Text starts at the point.
    Start,
    /// Text is centred on the point.
    Middle,
    /// Text ends at the point.
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Middle => "middle",
            Self::End => "end",
        }
    }
}

/// A text label's look.
#[derive(Clone, Copy, Debug)]
pub struct TextStyle<'a> {
    /// Font size in pixels.
    pub size: f32,
    /// Fill colour.
    pub colour: &'a str,
    /// Horizontal anchoring.
    pub anchor: Anchor,
    /// Bold or not.
    pub bold: bool,
}

impl Default for TextStyle<'_> {
    fn default() -> Self {
        Self {
            size: 14.0,
            colour: colour::TEXT,
            anchor: Anchor::Start,
            bold: false,
        }
    }
}

/// One element of a drawing, kept so that it can be written as SVG
/// ([`Svg::finish`]) or drawn into another format (the PDF report) from the
/// same list.
#[derive(Clone, Debug)]
pub(crate) enum Element {
    /// An element with attributes and no content (`line`, `polygon`,
    /// `rect`, `circle`).
    Shape {
        /// The element's name.
        tag: &'static str,
        /// Its attributes, in order.
        attrs: Vec<(&'static str, String)>,
    },
    /// Lines of text, the first with its baseline at `at`, each further one
    /// `1.2 × size` lower.
    Text {
        /// The anchor point of the first line.
        at: (f32, f32),
        /// The lines.
        lines: Vec<String>,
        /// Font size in pixels.
        size: f32,
        /// Fill colour (`#rrggbb`).
        colour: &'static str,
        /// Horizontal anchoring.
        anchor: Anchor,
        /// Bold or not.
        bold: bool,
    },
}

/// An SVG document being written. Elements are appended in drawing order.
#[derive(Clone, Debug)]
pub struct Svg {
    width: f32,
    height: f32,
    title: String,
    elements: Vec<Element>,
}

impl Svg {
    /// A new drawing of `width` × `height` pixels with an accessible `title`.
    pub fn new(width: f32, height: f32, title: &str) -> Self {
        Self {
            width,
            height,
            title: title.to_owned(),
            elements: Vec::new(),
        }
    }

    /// Sets the drawing's height, for a drawing that knows it only once its
    /// parts are placed.
    pub(crate) fn set_height(&mut self, height: f32) {
        self.height = height;
    }

    /// The drawing's width in pixels.
    pub(crate) fn width(&self) -> f32 {
        self.width
    }

    /// The drawing's height in pixels.
    pub(crate) fn height(&self) -> f32 {
        self.height
    }

    /// The elements, in drawing order.
    pub(crate) fn elements(&self) -> &[Element] {
        &self.elements
    }

    /// Appends an element with attributes and no content.
    pub fn empty(&mut self, tag: &'static str, attrs: &[(&'static str, String)]) {
        self.elements.push(Element::Shape {
            tag,
            attrs: attrs.to_vec(),
        });
    }

    /// A straight line.
    pub fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), stroke: &str, width: f32) {
        self.empty(
            "line",
            &[
                ("x1", num(x1)),
                ("y1", num(y1)),
                ("x2", num(x2)),
                ("y2", num(y2)),
                ("stroke", stroke.to_owned()),
                ("stroke-width", num(width)),
            ],
        );
    }

    /// A closed polygon through `points`, with extra attributes.
    pub fn polygon(&mut self, points: &[(f32, f32)], attrs: &[(&'static str, String)]) {
        let list: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        let mut all = vec![("points", list.join(" "))];
        all.extend_from_slice(attrs);
        self.empty("polygon", &all);
    }

    /// A rectangle with extra attributes.
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, attrs: &[(&'static str, String)]) {
        let mut all = vec![
            ("x", num(x)),
            ("y", num(y)),
            ("width", num(width)),
            ("height", num(height)),
        ];
        all.extend_from_slice(attrs);
        self.empty("rect", &all);
    }

    /// A circle with extra attributes.
    pub fn circle(&mut self, (cx, cy): (f32, f32), r: f32, attrs: &[(&'static str, String)]) {
        let mut all = vec![("cx", num(cx)), ("cy", num(cy)), ("r", num(r))];
        all.extend_from_slice(attrs);
        self.empty("circle", &all);
    }

    /// A line of text with its baseline at `y`.
    pub fn text(&mut self, (x, y): (f32, f32), text: &str, style: TextStyle<'static>) {
        self.text_lines((x, y), &[text], style);
    }

    /// Lines of text, the first with its baseline at `y`, each further one a
    /// line lower.
    pub fn text_lines(&mut self, at: (f32, f32), lines: &[&str], style: TextStyle<'static>) {
        self.elements.push(Element::Text {
            at,
            lines: lines.iter().map(|l| (*l).to_owned()).collect(),
            size: style.size,
            colour: style.colour,
            anchor: style.anchor,
            bold: style.bold,
        });
    }

    /// The finished document. `standalone` adds the XML namespace a separate
    /// `.svg` file needs; inside an HTML page it is left out (HTML knows the
    /// element, and the page then holds no URL at all).
    pub fn finish(self, standalone: bool) -> String {
        // A chart file says it is one: an export replaces a chart it made
        // earlier, never somebody's own drawing of the same name.
        let namespace = if standalone {
            " xmlns=\"http://www.w3.org/2000/svg\" data-generator=\"trailmap\""
        } else {
            ""
        };
        let mut body = String::new();
        for element in &self.elements {
            write_element(&mut body, element);
        }
        format!(
            "<svg{namespace} width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
             font-family=\"{font}\">\n<title>{title}</title>\n<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n{body}</svg>\n",
            w = num(self.width),
            h = num(self.height),
            font = escape(FONT_STACK),
            title = escape(&self.title),
        )
    }
}

/// Writes one element as SVG.
fn write_element(body: &mut String, element: &Element) {
    match element {
        Element::Shape { tag, attrs } => {
            let _ = write!(body, "<{tag}");
            for (name, value) in attrs {
                let _ = write!(body, " {name}=\"{}\"", escape(value));
            }
            body.push_str("/>\n");
        }
        Element::Text {
            at: (x, y),
            lines,
            size,
            colour,
            anchor,
            bold,
        } => {
            let _ = write!(
                body,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\" text-anchor=\"{}\"{}>",
                num(*x),
                num(*y),
                num(*size),
                colour,
                anchor.as_str(),
                if *bold { " font-weight=\"bold\"" } else { "" }
            );
            match lines.as_slice() {
                [one] => body.push_str(&escape(one)),
                _ => {
                    for (i, line) in lines.iter().enumerate() {
                        let dy = if i == 0 { "0".to_owned() } else { num(size * 1.2) };
                        let _ = write!(
                            body,
                            "<tspan x=\"{}\" dy=\"{dy}\">{}</tspan>",
                            num(*x),
                            escape(line)
                        );
                    }
                }
            }
            body.push_str("</text>\n");
        }
    }
}

/// Splits a label into at most two lines of about `width` characters, at a
/// space, so long skill names do not run off the chart.
fn wrap_label(label: &str, width: usize) -> Vec<&str> {
    if label.chars().count() <= width {
        return vec![label];
    }
    // The space closest to the middle.
    let middle = label.len() / 2;
    let split = label
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(middle));
    match split {
        Some(i) => vec![&label[..i], &label[i + 1..]],
        None => vec![label],
    }
}

/// Draws a radar outline through `points`, one per axis. When every point is
/// there it is a closed polygon, filled with `fill` (colour, opacity) if
/// given; otherwise only the edges between neighbouring points are drawn.
fn outline(
    svg: &mut Svg,
    points: &[Option<(f32, f32)>],
    fill: Option<(&str, &str)>,
    stroke: &[(&'static str, String)],
) {
    let all: Option<Vec<(f32, f32)>> = points.iter().copied().collect();
    match all {
        Some(all) if all.len() >= 3 => {
            let mut attrs = match fill {
                Some((colour, opacity)) => {
                    vec![("fill", colour.to_owned()), ("fill-opacity", opacity.to_owned())]
                }
                None => vec![("fill", "none".to_owned())],
            };
            attrs.extend_from_slice(stroke);
            svg.polygon(&all, &attrs);
        }
        _ => {
            let n = points.len();
            for i in 0..n {
                // Two axes only: one edge, not the same edge twice.
                if n == 2 && i == 1 {
                    break;
                }
                if let (Some(a), Some(b)) = (points[i], points[(i + 1) % n]) {
                    let mut attrs = vec![
                        ("x1", num(a.0)),
                        ("y1", num(a.1)),
                        ("x2", num(b.0)),
                        ("y2", num(b.1)),
                        ("stroke-linecap", "round".to_owned()),
                    ];
                    attrs.extend_from_slice(stroke);
                    svg.empty("line", &attrs);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(-0.04), "0");
    }

    #[test]
    fn text_is_escaped() {
        let mut svg = Svg::new(10.0, 10.0, "a < b & \"c\"");
        svg.text((1.0, 2.0), "<script>", TextStyle::default());
        let out = svg.finish(false);
        assert!(
            out.contains("<title>a &lt; b &amp; &quot;c&quot;</title>"),
            "{out}"
        );
        assert!(out.contains(">&lt;script&gt;</text>"), "{out}");
        assert!(!out.contains("xmlns"));
    }

    #[test]
    fn characters_xml_forbids_become_replacement_characters() {
        assert_eq!(
            escape("a\u{0}b\u{1b}[2J\u{7f}\u{9b}\u{fffe}\u{ffff}\u{fdd0}\u{10ffff}c"),
            "a\u{fffd}b\u{fffd}[2J\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}c"
        );
        assert_eq!(
            escape("tab\tline\r\nend \u{fffd} \u{fdcf}"),
            "tab\tline\nend \u{fffd} \u{fdcf}"
        );
    }

    #[test]
    fn long_labels_wrap_at_the_middle_space() {
        assert_eq!(wrap_label("Influence", 16), vec!["Influence"]);
        assert_eq!(
            wrap_label("Strategic thinking", 16),
            vec!["Strategic", "thinking"]
        );
        assert_eq!(
            wrap_label("Product discovery *", 16),
            vec!["Product", "discovery *"]
        );
        assert_eq!(
            wrap_label("Supercalifragilistic", 16),
            vec!["Supercalifragilistic"]
        );
    }
}
