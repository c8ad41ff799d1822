//! The Skill-Will matrix: each skill placed by ability and motivation, with
//! the coaching approach for its quadrant; the will is rated right here.

use egui::{Align2, Color32, CornerRadius, FontId, RichText, Sense, Stroke, Ui, pos2, vec2};

use super::widgets::{PickerChange, card, level_picker};
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
        let placed = analysis::skill_will(ctx.plan, ctx.framework);
        matrix(ui, &placed);
        ui.add_space(6.0);
        egui::Grid::new("will-ratings")
            .num_columns(3)
            .spacing(vec2(10.0, 6.0))
            .show(ui, |ui| {
                for skill in ctx.plan.all_skills(ctx.framework) {
                    let id = skill.id();
                    let entry = ctx.plan.entry(id);
                    ui.label(skill.name());
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
                    match placed.iter().find(|p| p.skill == *id) {
                        Some(p) => {
                            ui.label(RichText::new(p.quadrant.name()).strong())
                                .on_hover_text(p.quadrant.advice());
                        }
                        None => {
                            ui.label(RichText::new("rate skill and will").weak());
                        }
                    }
                    ui.end_row();
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

fn matrix(ui: &mut Ui, placed: &[analysis::SkillWill]) {
    let visuals = ui.visuals().clone();
    let side = ui.available_width().min(360.0);
    let margin = 28.0;
    let (rect, response) = ui.allocate_exact_size(vec2(side, side), Sense::hover());
    let description = placed
        .iter()
        .map(|p| format!("{}: {}", p.name, p.quadrant.name()))
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
    let half = plot.size() / 2.0;
    for (i, quadrant) in LAYOUT.iter().enumerate() {
        let min = plot.min + vec2(half.x * (i % 2) as f32, half.y * (i / 2) as f32);
        let cell = egui::Rect::from_min_size(min, half);
        painter.rect_filled(
            cell.shrink(1.0),
            CornerRadius::same(4),
            quadrant_color(&visuals, *quadrant),
        );
        painter.text(
            cell.center_top() + vec2(0.0, 6.0),
            Align2::CENTER_TOP,
            quadrant.name(),
            FontId::proportional(15.0),
            visuals.strong_text_color(),
        );
    }
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
    // Levels 1..5 map to 0.1..0.9 of each axis; the middle line sits at 2.5.
    let to_screen = |skill: u8, will: u8| {
        let fx = (f32::from(skill) - 0.5) / 5.0;
        let fy = (f32::from(will) - 0.5) / 5.0;
        pos2(
            plot.left() + plot.width() * fx,
            plot.bottom() - plot.height() * fy,
        )
    };
    let mut used: Vec<(u8, u8)> = Vec::new();
    for (i, p) in placed.iter().enumerate() {
        let key = (p.level.get(), p.will.get());
        let same = used.iter().filter(|k| **k == key).count() as f32;
        used.push(key);
        let center = to_screen(key.0, key.1) + vec2(0.0, same * 16.0);
        let color = theme::overlay(&visuals, i);
        painter.circle_filled(center, 6.0, color);
        painter.circle_stroke(center, 6.0, Stroke::new(1.0, visuals.strong_text_color()));
        painter.text(
            center + vec2(9.0, 0.0),
            Align2::LEFT_CENTER,
            &p.name,
            FontId::proportional(12.0),
            visuals.strong_text_color(),
        );
    }
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
