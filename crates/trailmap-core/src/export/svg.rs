//! A small SVG writer and the two report charts: the skills radar and the
//! readiness ranking.
//!
//! The charts use presentation attributes (`fill`, `stroke`, `font-size`)
//! rather than a style sheet, so they look the same on their own, inside an
//! HTML page next to other charts, and in any converter to PNG. Text is real
//! `<text>` so it stays sharp in print and can be searched.

use std::fmt::Write as _;

use crate::analysis::{self, Rater};
use crate::model::{Framework, Level, Plan};

/// The font stack used in every chart: the platform's own sans-serif font.
pub const FONT_STACK: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";

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

/// An SVG document being written. Elements are appended in drawing order.
#[derive(Debug)]
pub struct Svg {
    width: f32,
    height: f32,
    title: String,
    body: String,
}

impl Svg {
    /// A new drawing of `width` × `height` pixels with an accessible `title`.
    pub fn new(width: f32, height: f32, title: &str) -> Self {
        Self {
            width,
            height,
            title: title.to_owned(),
            body: String::new(),
        }
    }

    /// Appends an element with attributes and no content.
    pub fn empty(&mut self, tag: &str, attrs: &[(&str, String)]) {
        let _ = write!(self.body, "<{tag}");
        self.attrs(attrs);
        self.body.push_str("/>\n");
    }

    fn attrs(&mut self, attrs: &[(&str, String)]) {
        for (name, value) in attrs {
            let _ = write!(self.body, " {name}=\"{}\"", escape(value));
        }
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
    pub fn polygon(&mut self, points: &[(f32, f32)], attrs: &[(&str, String)]) {
        let list: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        let mut all = vec![("points", list.join(" "))];
        all.extend_from_slice(attrs);
        self.empty("polygon", &all);
    }

    /// A rectangle with extra attributes.
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, attrs: &[(&str, String)]) {
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
    pub fn circle(&mut self, (cx, cy): (f32, f32), r: f32, attrs: &[(&str, String)]) {
        let mut all = vec![("cx", num(cx)), ("cy", num(cy)), ("r", num(r))];
        all.extend_from_slice(attrs);
        self.empty("circle", &all);
    }

    /// A line of text with its baseline at `y`.
    pub fn text(&mut self, (x, y): (f32, f32), text: &str, style: TextStyle<'_>) {
        self.text_lines((x, y), &[text], style);
    }

    /// Lines of text, the first with its baseline at `y`, each further one a
    /// line lower.
    pub fn text_lines(&mut self, (x, y): (f32, f32), lines: &[&str], style: TextStyle<'_>) {
        let _ = write!(
            self.body,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\" text-anchor=\"{}\"{}>",
            num(x),
            num(y),
            num(style.size),
            style.colour,
            style.anchor.as_str(),
            if style.bold { " font-weight=\"bold\"" } else { "" }
        );
        match lines {
            [one] => self.body.push_str(&escape(one)),
            _ => {
                for (i, line) in lines.iter().enumerate() {
                    let dy = if i == 0 {
                        "0".to_owned()
                    } else {
                        num(style.size * 1.2)
                    };
                    let _ = write!(
                        self.body,
                        "<tspan x=\"{}\" dy=\"{dy}\">{}</tspan>",
                        num(x),
                        escape(line)
                    );
                }
            }
        }
        self.body.push_str("</text>\n");
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
        format!(
            "<svg{namespace} width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
             font-family=\"{font}\">\n<title>{title}</title>\n<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n{body}</svg>\n",
            w = num(self.width),
            h = num(self.height),
            font = escape(FONT_STACK),
            title = escape(&self.title),
            body = self.body,
        )
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
    stroke: &[(&str, String)],
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

/// One axis of the radar chart: a skill and the three values drawn on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RadarAxis {
    /// The skill's name.
    pub name: String,
    /// Whether the plan added the skill.
    pub custom: bool,
    /// The person's own rating.
    pub own: Option<Level>,
    /// The mentor's rating.
    pub mentor: Option<Level>,
    /// What the target role needs.
    pub required: Option<Level>,
}

/// The data behind the radar chart: every skill of the plan, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RadarChart {
    /// The target role's name.
    pub target: String,
    /// One axis per skill, framework skills first, then the plan's own.
    pub axes: Vec<RadarAxis>,
}

impl RadarChart {
    /// The chart data for `plan`: self and mentor ratings against what the
    /// target role needs.
    pub fn of(plan: &Plan, framework: &Framework) -> Self {
        Self {
            target: framework.role_name(&plan.target_role).to_owned(),
            axes: plan
                .all_skills(framework)
                .map(|skill| RadarAxis {
                    name: skill.name().to_owned(),
                    custom: skill.is_custom(),
                    own: plan.self_rating(skill.id()),
                    mentor: plan.mentor_rating(skill.id()),
                    required: plan.required(framework, &plan.target_role, skill.id()),
                })
                .collect(),
        }
    }

    /// Whether the mentor rated any skill (if not, the mentor's shape is left out).
    pub fn has_mentor(&self) -> bool {
        self.axes.iter().any(|a| a.mentor.is_some())
    }

    /// The chart as SVG. See [`Svg::finish`] for `standalone`.
    pub fn to_svg(&self, standalone: bool) -> String {
        let title = format!("Skills: own rating compared with what {} needs", self.target);
        let mut svg = Svg::new(RADAR_WIDTH, RADAR_HEIGHT, &title);
        svg.text(
            (RADAR_WIDTH / 2.0, 32.0),
            &title,
            TextStyle {
                size: 17.0,
                anchor: Anchor::Middle,
                bold: true,
                ..TextStyle::default()
            },
        );
        let geo = RadarGeometry {
            count: self.axes.len().max(1),
        };
        self.grid(&mut svg, &geo);
        self.shapes(&mut svg, &geo);
        level_numbers(&mut svg, &geo);
        self.axis_labels(&mut svg, &geo);
        self.legend(&mut svg);
        svg.finish(standalone)
    }

    /// Rings for levels 1 to 5 and a line out along each axis.
    fn grid(&self, svg: &mut Svg, geo: &RadarGeometry) {
        // Rings for levels 1 to 5, the outer one a little stronger.
        for level in 1..=5u8 {
            let ring: Vec<(f32, f32)> = (0..geo.count).map(|i| geo.point(i, f32::from(level))).collect();
            let stroke = if level == 5 { "#9ca3af" } else { colour::GRID };
            if geo.count >= 3 {
                svg.polygon(
                    &ring,
                    &[
                        ("fill", "none".into()),
                        ("stroke", stroke.into()),
                        ("stroke-width", "1".into()),
                    ],
                );
            } else {
                svg.circle(
                    RADAR_CENTRE,
                    RADAR_RADIUS * f32::from(level) / 5.0,
                    &[
                        ("fill", "none".into()),
                        ("stroke", stroke.into()),
                        ("stroke-width", "1".into()),
                    ],
                );
            }
        }
        for i in 0..self.axes.len() {
            let end = geo.point(i, 5.0);
            svg.empty(
                "line",
                &[
                    ("class", "axis".into()),
                    ("x1", num(RADAR_CENTRE.0)),
                    ("y1", num(RADAR_CENTRE.1)),
                    ("x2", num(end.0)),
                    ("y2", num(end.1)),
                    ("stroke", colour::GRID.into()),
                    ("stroke-width", "1".into()),
                ],
            );
        }
    }

    /// The three shapes.
    fn shapes(&self, svg: &mut Svg, geo: &RadarGeometry) {
        // The three shapes: what the role needs, then self, then mentor on top.
        // A skill the role does not need sits at the centre; a skill not rated
        // leaves a gap in the rater's outline rather than a false zero.
        let value = |l: Option<Level>| l.map_or(0.0, |l| f32::from(l.get()));
        let required: Vec<Option<(f32, f32)>> = self
            .axes
            .iter()
            .enumerate()
            .map(|(i, a)| Some(geo.point(i, value(a.required))))
            .collect();
        outline(
            svg,
            &required,
            Some((colour::TARGET, "0.10")),
            &[
                ("stroke", colour::TARGET.into()),
                ("stroke-width", "2".into()),
                ("stroke-dasharray", "6 4".into()),
            ],
        );
        let own: Vec<Option<(f32, f32)>> = self
            .axes
            .iter()
            .enumerate()
            .map(|(i, a)| a.own.map(|l| geo.point(i, value(Some(l)))))
            .collect();
        outline(
            svg,
            &own,
            Some((colour::SELF, "0.18")),
            &[("stroke", colour::SELF.into()), ("stroke-width", "2.5".into())],
        );
        for p in own.iter().flatten() {
            svg.circle(*p, 4.0, &[("fill", colour::SELF.into())]);
        }
        if self.has_mentor() {
            let mentor: Vec<Option<(f32, f32)>> = self
                .axes
                .iter()
                .enumerate()
                .map(|(i, a)| a.mentor.map(|l| geo.point(i, value(Some(l)))))
                .collect();
            outline(
                svg,
                &mentor,
                None,
                &[("stroke", colour::MENTOR.into()), ("stroke-width", "2.5".into())],
            );
            for p in mentor.iter().flatten() {
                svg.rect(p.0 - 3.5, p.1 - 3.5, 7.0, 7.0, &[("fill", colour::MENTOR.into())]);
            }
        }
    }

    /// Skill names just outside the outer ring.
    fn axis_labels(&self, svg: &mut Svg, geo: &RadarGeometry) {
        for (i, axis) in self.axes.iter().enumerate() {
            let a = geo.angle(i);
            let (cos, sin) = (a.cos(), a.sin());
            let (x, y) = (
                RADAR_CENTRE.0 + (RADAR_RADIUS + 16.0) * cos,
                RADAR_CENTRE.1 + (RADAR_RADIUS + 16.0) * sin,
            );
            let anchor = if cos > 0.3 {
                Anchor::Start
            } else if cos < -0.3 {
                Anchor::End
            } else {
                Anchor::Middle
            };
            let name = if axis.custom {
                format!("{} *", axis.name)
            } else {
                axis.name.clone()
            };
            let lines = wrap_label(&name, 16);
            let line_height = 15.0 * 1.2;
            let block = line_height * (lines.len() as f32 - 1.0);
            // Labels above the centre grow upwards, those below grow downwards.
            let baseline = if sin < -0.3 {
                y - block - 4.0
            } else if sin > 0.3 {
                y + 14.0
            } else {
                y + 5.0 - block / 2.0
            };
            svg.text_lines(
                (x, baseline),
                &lines,
                TextStyle {
                    size: 15.0,
                    anchor,
                    bold: true,
                    ..TextStyle::default()
                },
            );
        }
    }

    /// The legend along the bottom, and the notes under it.
    fn legend(&self, svg: &mut Svg) {
        let mut entries: Vec<(&str, String, bool)> = vec![("self", "Own rating".to_owned(), false)];
        if self.has_mentor() {
            entries.push(("mentor", "Mentor's rating".to_owned(), false));
        }
        entries.push(("target", format!("Needed for {}", self.target), true));
        let widths: Vec<f32> = entries
            .iter()
            .map(|(_, label, _)| 34.0 + label.chars().count() as f32 * 7.6)
            .collect();
        let total: f32 = widths.iter().sum::<f32>() + 24.0 * (entries.len() as f32 - 1.0);
        let mut x = (RADAR_WIDTH - total) / 2.0;
        let y = RADAR_HEIGHT - 26.0;
        for ((kind, label, _), width) in entries.iter().zip(&widths) {
            match *kind {
                "self" => {
                    svg.rect(
                        x,
                        y - 11.0,
                        24.0,
                        14.0,
                        &[
                            ("fill", colour::SELF.into()),
                            ("fill-opacity", "0.18".into()),
                            ("stroke", colour::SELF.into()),
                            ("stroke-width", "2".into()),
                        ],
                    );
                }
                "mentor" => {
                    svg.line((x, y - 4.0), (x + 24.0, y - 4.0), colour::MENTOR, 2.5);
                    svg.rect(x + 8.5, y - 7.5, 7.0, 7.0, &[("fill", colour::MENTOR.into())]);
                }
                _ => {
                    svg.rect(
                        x,
                        y - 11.0,
                        24.0,
                        14.0,
                        &[
                            ("fill", colour::TARGET.into()),
                            ("fill-opacity", "0.10".into()),
                            ("stroke", colour::TARGET.into()),
                            ("stroke-width", "2".into()),
                            ("stroke-dasharray", "4 3".into()),
                        ],
                    );
                }
            }
            svg.text((x + 32.0, y + 1.0), label, TextStyle::default());
            x += width + 24.0;
        }
        let mut notes = Vec::new();
        if self.axes.iter().any(|a| a.custom) {
            notes.push("* A skill this plan adds to the framework");
        }
        if self
            .axes
            .iter()
            .any(|a| a.own.is_none() || (self.has_mentor() && a.mentor.is_none()))
        {
            notes.push("A gap in an outline: that skill is not rated yet");
        }
        if !notes.is_empty() {
            svg.text(
                (RADAR_WIDTH / 2.0, RADAR_HEIGHT - 4.0),
                &notes.join(" · "),
                TextStyle {
                    size: 12.0,
                    colour: colour::MUTED,
                    anchor: Anchor::Middle,
                    ..TextStyle::default()
                },
            );
        }
    }
}

const RADAR_WIDTH: f32 = 680.0;
const RADAR_HEIGHT: f32 = 506.0;
const RADAR_CENTRE: (f32, f32) = (340.0, 272.0);
const RADAR_RADIUS: f32 = 170.0;

/// Where the radar's axes point.
struct RadarGeometry {
    /// How many axes (at least one).
    count: usize,
}

impl RadarGeometry {
    /// The angle of axis `i`: the first points straight up, the rest follow
    /// clockwise.
    fn angle(&self, i: usize) -> f32 {
        (-90.0 + 360.0 * i as f32 / self.count as f32).to_radians()
    }

    /// The point at level `value` on axis `i`.
    fn point(&self, i: usize, value: f32) -> (f32, f32) {
        let a = self.angle(i);
        (
            RADAR_CENTRE.0 + RADAR_RADIUS * value / 5.0 * a.cos(),
            RADAR_CENTRE.1 + RADAR_RADIUS * value / 5.0 * a.sin(),
        )
    }
}

/// Level numbers on a white patch, so lines do not cross them.
fn level_numbers(svg: &mut Svg, geo: &RadarGeometry) {
    // They sit
    // half-way along the ring between the last axis and the first, where no
    // rating point can hide them.
    for level in 1..=5u8 {
        let value = f32::from(level);
        let (x, y) = if geo.count >= 3 {
            let (a, b) = (geo.point(0, value), geo.point(geo.count - 1, value));
            ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
        } else {
            geo.point(0, value)
        };
        svg.rect(
            x - 7.0,
            y - 8.5,
            14.0,
            16.0,
            &[("fill", "#ffffff".into()), ("rx", "3".into())],
        );
        svg.text(
            (x, y + 4.5),
            &level.to_string(),
            TextStyle {
                size: 12.0,
                colour: colour::MUTED,
                anchor: Anchor::Middle,
                ..TextStyle::default()
            },
        );
    }
}

/// One bar of the ranking chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RankingBar {
    /// The role's name.
    pub name: String,
    /// Readiness from the person's own ratings, 0 to 100.
    pub readiness: u8,
    /// Whether this is the plan's chosen target.
    pub chosen: bool,
}

/// The data behind the ranking chart: every target role, most ready first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RankingChart {
    /// The bars, top to bottom.
    pub bars: Vec<RankingBar>,
}

impl RankingChart {
    /// The chart data for `plan`, in the order of [`analysis::ranking`]. A
    /// chosen target that is not one of the framework's target roles is added
    /// at the end, so it is always on the chart.
    pub fn of(plan: &Plan, framework: &Framework) -> Self {
        let mut bars: Vec<RankingBar> = analysis::ranking(plan, framework, Rater::Own)
            .into_iter()
            .map(|r| RankingBar {
                name: framework.role_name(&r.role).to_owned(),
                readiness: r.readiness,
                chosen: r.role == plan.target_role,
            })
            .collect();
        if !bars.iter().any(|b| b.chosen) {
            bars.push(RankingBar {
                name: framework.role_name(&plan.target_role).to_owned(),
                readiness: analysis::readiness(plan, framework, &plan.target_role, Rater::Own),
                chosen: true,
            });
        }
        Self { bars }
    }

    /// The label of a bar: the role's name, marked if it is the target.
    fn label(bar: &RankingBar) -> String {
        if bar.chosen {
            format!("{} (target)", bar.name)
        } else {
            bar.name.clone()
        }
    }

    /// The chart as SVG. See [`Svg::finish`] for `standalone`.
    pub fn to_svg(&self, standalone: bool) -> String {
        const PLOT: f32 = 420.0;
        const RIGHT: f32 = 64.0;
        const TOP: f32 = 56.0;
        const ROW: f32 = 46.0;
        const BAR: f32 = 28.0;
        // Room for the longest role name, at about 8.6 pixels a character in bold.
        let longest = self
            .bars
            .iter()
            .map(|b| Self::label(b).chars().count())
            .max()
            .unwrap_or(10);
        let left = (longest as f32 * 8.6 + 24.0).max(160.0);
        let (plot, width) = (PLOT, left + PLOT + RIGHT);
        let height = TOP + ROW * self.bars.len() as f32 + 40.0;
        let title = "Readiness for each role, from own ratings";
        let mut svg = Svg::new(width, height, title);
        svg.text(
            (width / 2.0, 32.0),
            title,
            TextStyle {
                size: 17.0,
                anchor: Anchor::Middle,
                bold: true,
                ..TextStyle::default()
            },
        );
        let bottom = TOP + ROW * self.bars.len() as f32;
        for tick in [0u8, 25, 50, 75, 100] {
            let x = left + plot * f32::from(tick) / 100.0;
            svg.line((x, TOP - 6.0), (x, bottom), colour::GRID, 1.0);
            svg.text(
                (x, bottom + 20.0),
                &format!("{tick}%"),
                TextStyle {
                    size: 12.0,
                    colour: colour::MUTED,
                    anchor: Anchor::Middle,
                    ..TextStyle::default()
                },
            );
        }
        for (i, bar) in self.bars.iter().enumerate() {
            let top = TOP + ROW * i as f32 + (ROW - BAR) / 2.0;
            let middle = top + BAR / 2.0 + 5.0;
            let width = plot * f32::from(bar.readiness.min(100)) / 100.0;
            let fill = if bar.chosen { colour::SELF } else { colour::BAR };
            svg.rect(
                left,
                top,
                width,
                BAR,
                &[("class", "bar".into()), ("fill", fill.into()), ("rx", "3".into())],
            );
            svg.text(
                (left - 12.0, middle),
                &Self::label(bar),
                TextStyle {
                    size: 15.0,
                    anchor: Anchor::End,
                    bold: bar.chosen,
                    ..TextStyle::default()
                },
            );
            svg.text(
                (left + width + 8.0, middle),
                &format!("{}%", bar.readiness),
                TextStyle {
                    size: 15.0,
                    bold: true,
                    ..TextStyle::default()
                },
            );
        }
        svg.line((left, TOP - 6.0), (left, bottom), "#9ca3af", 1.5);
        svg.finish(standalone)
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
