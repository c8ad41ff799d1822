//! The readiness ranking: one bar per target role, most ready first.

use super::{Anchor, Svg, TextStyle, colour};
use crate::analysis::{self, Rater};
use crate::model::{Framework, Plan};

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
        self.drawing().finish(standalone)
    }

    /// The chart as a drawing, for SVG or for the PDF report.
    pub(crate) fn drawing(&self) -> Svg {
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
        svg
    }
}
