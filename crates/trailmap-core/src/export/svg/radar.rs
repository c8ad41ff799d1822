//! The skills radar: own and mentor ratings against what the target role
//! needs, one axis per skill.

use super::{Anchor, Svg, TextStyle, colour, num, outline, wrap_label};
use crate::model::{Framework, Level, Plan};

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
        self.drawing().finish(standalone)
    }

    /// The chart as a drawing, for SVG or for the PDF report.
    pub(crate) fn drawing(&self) -> Svg {
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
        // The legend sits under the lowest label: a skill straight down (four
        // skills) would otherwise run into it.
        let lowest = self.axis_labels(&mut svg, &geo);
        let height = RADAR_HEIGHT.max(lowest + 49.0);
        svg.set_height(height);
        self.legend(&mut svg, height);
        svg
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

    /// Skill names just outside the outer ring; returns the baseline of the
    /// lowest line.
    fn axis_labels(&self, svg: &mut Svg, geo: &RadarGeometry) -> f32 {
        let mut lowest: f32 = 0.0;
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
            lowest = lowest.max(baseline + block);
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
        lowest
    }

    /// The legend along the bottom of a chart `height` high, and the notes
    /// under it.
    fn legend(&self, svg: &mut Svg, height: f32) {
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
        let y = height - 26.0;
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
                (RADAR_WIDTH / 2.0, height - 4.0),
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
