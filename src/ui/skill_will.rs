//! The Skill-Will matrix: each skill placed by ability and motivation, with
//! the coaching approach for its quadrant; the will is rated right here.

use egui::{Align2, Color32, CornerRadius, FontId, RichText, Sense, Stroke, Ui, pos2, vec2};

use super::widgets::{self, PickerChange, card, level_picker};
use super::{Edits, ViewCtx, theme};
use crate::analysis::{self, Quadrant};
use crate::model::{Command, SkillEntry};

/// The quadrants in drawing order: top-left, top-right, bottom-left, bottom-right.
const LAYOUT: [Quadrant; 4] = [
    Quadrant::Guide,
    Quadrant::Delegate,
    Quadrant::Direct,
    Quadrant::Excite,
];

/// Draws the matrix and the will ratings.
pub fn skill_will_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
    card(ui, |ui| {
        ui.heading("Skill and will");
        ui.label(
            RichText::new(
                "How able (mentor's rating, else your own) and how keen you are in each skill. The quadrant \
                 suggests how a mentor can help.",
            )
            .weak(),
        );
        ui.add_space(4.0);
        let skills: Vec<_> = ctx.plan.all_skills(ctx.framework).collect();
        let placed: Vec<Dot> = analysis::skill_will(ctx.plan, ctx.framework)
            .into_iter()
            .map(|p| Dot {
                number: skills
                    .iter()
                    .position(|s| *s.id() == p.skill)
                    .map_or(0, |i| i + 1),
                name: p.name,
                level: p.level.get(),
                will: p.will.get(),
                quadrant: p.quadrant,
            })
            .collect();
        matrix(ui, &placed);
        ui.add_space(6.0);
        let descriptions: Vec<String> = [
            "Not keen; would rather not",
            "Lukewarm",
            "Willing",
            "Keen",
            "Eager; seeks it out",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let names = widgets::column_width(
            ui,
            skills.iter().map(|s| s.name()).chain(["Skill"]),
            egui::TextStyle::Body,
            0.0,
        );
        let picker = 5.0 * 34.0 + 4.0 * 4.0;
        widgets::Table::new(&[20.0, names, picker, 0.0])
            .spacing(vec2(10.0, 6.0))
            .show(ui, |table| {
                table.row(|row| {
                    row.cell(|_| ());
                    row.cell(|ui| ui.label(RichText::new("Skill").small().weak()));
                    row.cell(|ui| ui.label(RichText::new("Will").small().weak()));
                    row.cell(|ui| ui.label(RichText::new("Approach").small().weak()));
                });
                for (index, skill) in skills.iter().enumerate() {
                    let id = skill.id();
                    let entry = ctx.plan.entry(id);
                    table.row(|row| {
                        row.cell(|ui| {
                            let (dot, _) = ui.allocate_exact_size(vec2(20.0, 20.0), Sense::hover());
                            let color = dot_color(ui.visuals(), index + 1);
                            ui.painter().circle_filled(dot.center(), 9.0, color);
                            ui.painter().text(
                                dot.center(),
                                Align2::CENTER_CENTER,
                                (index + 1).to_string(),
                                FontId::proportional(12.0),
                                theme::on(color),
                            );
                        });
                        row.cell(|ui| ui.label(skill.name()));
                        row.cell(|ui| {
                            let change = level_picker(
                                ui,
                                &format!("{} will", skill.name()),
                                &descriptions,
                                entry.will,
                                None,
                                theme::overlay(ui.visuals(), 1),
                            );
                            if let PickerChange::Set(will) = change {
                                edits.push(Command::SetSkillEntry {
                                    skill: id.clone(),
                                    entry: SkillEntry {
                                        will,
                                        ..entry.clone()
                                    },
                                });
                            }
                        });
                        row.cell(|ui| match placed.iter().find(|p| p.number == index + 1) {
                            Some(p) => {
                                ui.label(RichText::new(p.quadrant.name()).strong())
                                    .on_hover_text(format!(
                                        "Skill {}, will {}. {}",
                                        p.level,
                                        p.will,
                                        p.quadrant.advice()
                                    ));
                            }
                            None => {
                                ui.label(RichText::new("rate skill and will").weak());
                            }
                        });
                    });
                }
            });
    });
}

fn quadrant_color(visuals: &egui::Visuals, quadrant: Quadrant) -> Color32 {
    let base = match quadrant {
        Quadrant::Direct => theme::bad(visuals),
        Quadrant::Guide => theme::warn(visuals),
        Quadrant::Excite => theme::overlay(visuals, 0),
        Quadrant::Delegate => theme::good(visuals),
    };
    base.gamma_multiply(0.16)
}

/// A skill on the chart with the number its dot shows.
struct Dot {
    number: usize,
    name: String,
    level: u8,
    will: u8,
    quadrant: Quadrant,
}

fn dot_color(visuals: &egui::Visuals, number: usize) -> Color32 {
    theme::overlay(visuals, number.saturating_sub(1))
}

/// Draws the matrix: the four quadrants, the axes and a numbered dot per placed skill.
fn matrix(ui: &mut Ui, placed: &[Dot]) {
    let visuals = ui.visuals().clone();
    let side = ui.available_width().min(360.0);
    let margin = 28.0;
    let (rect, response) = ui.allocate_exact_size(vec2(side, side), Sense::hover());
    let description = placed
        .iter()
        .map(|p| format!("{} {}: {}", p.number, p.name, p.quadrant.name()))
        .collect::<Vec<_>>()
        .join(", ");
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!("Skill-Will matrix. {description}"),
        )
    });
    let painter = ui.painter_at(rect);
    let plot = egui::Rect::from_min_max(rect.min + vec2(margin, 4.0), rect.max - vec2(4.0, margin));
    let geometry = Geometry { plot };
    paint_quadrants(&painter, &visuals, geometry);
    paint_axes(ui, &painter, &visuals, rect, plot);
    paint_dots(&painter, &visuals, geometry, placed);
    if placed.is_empty() {
        painter.text(
            plot.center(),
            Align2::CENTER_CENTER,
            "Rate a skill and its will to place it",
            FontId::proportional(13.0),
            visuals.weak_text_color(),
        );
    }
}

/// How tall the strip at the top of a quadrant that holds its name is; no
/// dot goes there.
const NAME_STRIP: f32 = 26.0;
/// A dot's radius.
const DOT_RADIUS: f32 = 9.0;
/// How far apart dots sharing a cell are, when it has the room.
const DOT_SPACING: f32 = 20.0;

/// The matrix's geometry: four equal quadrants, split in the middle of each
/// axis. Levels below [`analysis::HIGH`] share the low half of an axis and
/// the rest the high half, each level a band of equal size within its half.
#[derive(Clone, Copy, Debug)]
struct Geometry {
    plot: egui::Rect,
}

impl Geometry {
    /// The quadrant in `LAYOUT` position `index` (top-left, top-right,
    /// bottom-left, bottom-right).
    fn quadrant(self, index: usize) -> egui::Rect {
        let center = self.plot.center();
        let (left, right) = if index.is_multiple_of(2) {
            (self.plot.left(), center.x)
        } else {
            (center.x, self.plot.right())
        };
        let (top, bottom) = if index / 2 == 0 {
            (self.plot.top(), center.y)
        } else {
            (center.y, self.plot.bottom())
        };
        egui::Rect::from_min_max(pos2(left, top), pos2(right, bottom))
    }

    /// The stretch of `level` from `start` to `end`, the ends of its half
    /// of an axis: each level an equal share of its half.
    fn share(level: u8, start: f32, end: f32) -> (f32, f32) {
        let (count, first) = if level < analysis::HIGH {
            (analysis::HIGH - 1, 1)
        } else {
            (5 - analysis::HIGH + 1, analysis::HIGH)
        };
        let step = (end - start) / f32::from(count.max(1));
        let from = start + step * f32::from(level.saturating_sub(first));
        (from, from + step)
    }

    /// Where dots of this skill level and will go: their share of their
    /// half of each axis, below the name strip of their quadrant.
    fn cell(self, skill: u8, will: u8) -> egui::Rect {
        let (plot, center) = (self.plot, self.plot.center());
        let (left, right) = if skill < analysis::HIGH {
            (plot.left(), center.x)
        } else {
            (center.x, plot.right())
        };
        let (x0, x1) = Self::share(skill, left, right);
        // Upwards, from the half's bottom to its name strip.
        let (bottom, top) = if will < analysis::HIGH {
            (plot.bottom(), center.y + NAME_STRIP)
        } else {
            (center.y, plot.top() + NAME_STRIP)
        };
        let (y0, y1) = Self::share(will, bottom, top);
        egui::Rect::from_two_pos(pos2(x0, y0), pos2(x1, y1)).shrink(1.0)
    }

    /// Where `count` dots sharing `cell` go: in rows and columns, as far
    /// apart as the cell lets them, at most [`DOT_SPACING`], centred.
    fn spread(cell: egui::Rect, count: usize) -> Vec<egui::Pos2> {
        if count == 0 {
            return Vec::new();
        }
        // The number of columns that leaves the dots the most room; of
        // those that leave as much, the most (dots side by side read as a
        // row, as the table under the matrix lists them).
        let (columns, spacing) = (1..=count)
            .map(|columns| {
                let rows = count.div_ceil(columns);
                let room = (cell.width() / columns as f32).min(cell.height() / rows as f32);
                (columns, room.min(DOT_SPACING))
            })
            .fold((1, 0.0_f32), |best, c| if c.1 >= best.1 { c } else { best });
        let rows = count.div_ceil(columns);
        (0..count)
            .map(|i| {
                let (row, column) = (i / columns, i % columns);
                // The last row, when short, is centred too.
                let in_row = if row + 1 == rows {
                    count - row * columns
                } else {
                    columns
                };
                let x = (column as f32 - (in_row as f32 - 1.0) / 2.0) * spacing;
                let y = (row as f32 - (rows as f32 - 1.0) / 2.0) * spacing;
                cell.center() + vec2(x, y)
            })
            .collect()
    }
}

/// Paints the four shaded, named quadrants over the plot area.
fn paint_quadrants(painter: &egui::Painter, visuals: &egui::Visuals, geometry: Geometry) {
    for (i, quadrant) in LAYOUT.iter().enumerate() {
        let cell = geometry.quadrant(i);
        painter.rect_filled(
            cell.shrink(1.0),
            CornerRadius::same(4),
            quadrant_color(visuals, *quadrant),
        );
        painter.text(
            cell.center_top() + vec2(0.0, 5.0),
            Align2::CENTER_TOP,
            quadrant.name(),
            FontId::proportional(15.0),
            visuals.strong_text_color(),
        );
    }
}

/// Paints the axis names and their low and high ends in the margins of `rect`.
fn paint_axes(ui: &Ui, painter: &egui::Painter, visuals: &egui::Visuals, rect: egui::Rect, plot: egui::Rect) {
    let axis = visuals.weak_text_color();
    painter.text(
        pos2(plot.center().x, rect.bottom() - 4.0),
        Align2::CENTER_BOTTOM,
        "Skill ⏵",
        FontId::proportional(12.0),
        axis,
    );
    painter.text(
        pos2(plot.left(), plot.bottom() + 4.0),
        Align2::LEFT_TOP,
        "low",
        FontId::proportional(11.0),
        axis,
    );
    painter.text(
        pos2(plot.right(), plot.bottom() + 4.0),
        Align2::RIGHT_TOP,
        "high",
        FontId::proportional(11.0),
        axis,
    );
    let will_label = ui
        .painter()
        .layout_no_wrap("Will".to_owned(), FontId::proportional(12.0), axis);
    painter.galley(
        pos2(rect.left(), plot.center().y - will_label.size().y / 2.0),
        will_label,
        axis,
    );
    painter.text(
        pos2(rect.left(), plot.top()),
        Align2::LEFT_TOP,
        "high",
        FontId::proportional(11.0),
        axis,
    );
    painter.text(
        pos2(rect.left(), plot.bottom()),
        Align2::LEFT_BOTTOM,
        "low",
        FontId::proportional(11.0),
        axis,
    );
}

/// Paints a numbered dot per placed skill; dots of one skill level and
/// will share their cell in rows and columns, never on a quadrant's name.
fn paint_dots(painter: &egui::Painter, visuals: &egui::Visuals, geometry: Geometry, placed: &[Dot]) {
    // The table below names the numbers.
    let mut cells: Vec<((u8, u8), Vec<&Dot>)> = Vec::new();
    for p in placed {
        let key = (p.level, p.will);
        match cells.iter_mut().find(|(k, _)| *k == key) {
            Some((_, dots)) => dots.push(p),
            None => cells.push((key, vec![p])),
        }
    }
    for ((skill, will), dots) in cells {
        let spots = Geometry::spread(geometry.cell(skill, will), dots.len());
        for (p, center) in dots.into_iter().zip(spots) {
            let color = dot_color(visuals, p.number);
            painter.circle_filled(center, DOT_RADIUS, color);
            painter.circle_stroke(center, DOT_RADIUS, Stroke::new(1.0, visuals.strong_text_color()));
            painter.text(
                center,
                Align2::CENTER_CENTER,
                p.number.to_string(),
                FontId::proportional(12.0),
                theme::on(color),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geometry() -> Geometry {
        Geometry {
            plot: egui::Rect::from_min_size(pos2(28.0, 4.0), vec2(328.0, 328.0)),
        }
    }

    #[test]
    fn the_four_quadrants_are_the_same_size() {
        let g = geometry();
        let sizes: Vec<egui::Vec2> = (0..4).map(|i| g.quadrant(i).size()).collect();
        assert!(sizes.iter().all(|s| *s == vec2(164.0, 164.0)), "{sizes:?}");
    }

    #[test]
    fn every_cell_lies_in_its_quadrant_below_the_name() {
        let g = geometry();
        for skill in 1..=5 {
            for will in 1..=5 {
                let quadrant = Quadrant::of(
                    crate::model::Level::new(skill).expect("a level"),
                    crate::model::Level::new(will).expect("a level"),
                );
                let index = LAYOUT.iter().position(|q| *q == quadrant).expect("drawn");
                let area = g.quadrant(index);
                let cell = g.cell(skill, will);
                assert!(area.contains_rect(cell), "skill {skill}, will {will}");
                assert!(
                    cell.top() >= area.top() + NAME_STRIP,
                    "skill {skill}, will {will} stays off the name"
                );
            }
        }
    }

    #[test]
    fn dots_sharing_a_cell_stay_in_it_apart() {
        let g = geometry();
        for count in 1..=6 {
            let cell = g.cell(2, 5);
            let spots = Geometry::spread(cell, count);
            assert_eq!(spots.len(), count);
            for (i, a) in spots.iter().enumerate() {
                assert!(cell.expand(1.0).contains(*a), "{count} dots: {a:?} in {cell:?}");
                for b in &spots[i + 1..] {
                    assert!(a.distance(*b) >= 15.0, "{count} dots: {a:?} and {b:?} overlap");
                }
            }
        }
    }
}
