//! Small widgets shared by the views.

use egui::{Color32, CornerRadius, Response, Sense, Stroke, StrokeKind, Ui, WidgetInfo, vec2};

use super::theme;
use crate::model::Level;

/// What the level picker reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerChange {
    /// Nothing changed.
    None,
    /// A new rating (`None`: cleared).
    Set(Option<Level>),
}

/// Five level chips in a row: filled up to `current`, the `required` level
/// outlined. Click a chip (or focus it and press Space/Enter) to rate;
/// click the current level again to clear it. Each chip has an AccessKit
/// label such as "Communication self rating 3" and a tooltip with the level's
/// description.
pub fn level_picker(
    ui: &mut Ui,
    label: &str,
    descriptions: &[String],
    current: Option<Level>,
    required: Option<Level>,
    color: Color32,
) -> PickerChange {
    let mut change = PickerChange::None;
    let visuals = ui.visuals().clone();
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for level in Level::all() {
            let size = vec2(34.0, 26.0);
            let (rect, response) = ui.allocate_exact_size(size, Sense::click());
            let filled = current.is_some_and(|c| level <= c);
            let is_required = required == Some(level);
            let chip_label = format!("{label} {}", level.get());
            response.widget_info(|| {
                WidgetInfo::selected(egui::Role::RadioButton, true, current == Some(level), &chip_label)
            });
            if ui.is_rect_visible(rect) {
                let painter = ui.painter();
                let fill = if filled {
                    color
                } else if response.hovered() {
                    visuals.widgets.hovered.weak_bg_fill
                } else {
                    visuals.widgets.inactive.weak_bg_fill
                };
                painter.rect_filled(rect, CornerRadius::same(5), fill);
                if is_required {
                    painter.rect_stroke(
                        rect.shrink(1.0),
                        CornerRadius::same(5),
                        Stroke::new(2.0, theme::requirement(&visuals)),
                        StrokeKind::Inside,
                    );
                }
                if response.has_focus() {
                    painter.rect_stroke(
                        rect.expand(2.0),
                        CornerRadius::same(7),
                        visuals.selection.stroke,
                        StrokeKind::Outside,
                    );
                }
                let text_color = if filled {
                    theme::on(color)
                } else {
                    visuals.text_color()
                };
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    level.get().to_string(),
                    egui::FontId::proportional(14.0),
                    text_color,
                );
            }
            let description = descriptions.get(level.index()).map_or("", String::as_str);
            let mut tip = format!("Level {}: {description}", level.get());
            if is_required {
                tip.push_str("\n(the level the target role needs)");
            }
            if current == Some(level) {
                tip.push_str("\nClick again to clear the rating.");
            }
            let response = response.on_hover_text(tip);
            if response.clicked() {
                change = PickerChange::Set(if current == Some(level) { None } else { Some(level) });
            }
        }
    });
    change
}

/// A bar that shows a gap at a glance: full and green when met, shorter and
/// amber or red by how many levels are missing.
/// Its accessible name is "`name`: " and the gap in words.
pub fn gap_bar(ui: &mut Ui, name: &str, gap: u8, required: Option<Level>) -> Response {
    let visuals = ui.visuals().clone();
    let (rect, response) = ui.allocate_exact_size(vec2(120.0, 10.0), Sense::hover());
    let text = gap_text(gap, required);
    response
        .widget_info(|| WidgetInfo::labeled(egui::Role::ProgressIndicator, true, format!("{name}: {text}")));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        painter.rect_filled(rect, CornerRadius::same(5), visuals.widgets.inactive.weak_bg_fill);
        if let Some(need) = required {
            let met = f32::from(need.get().saturating_sub(gap)) / f32::from(need.get());
            let mut fill = rect;
            fill.set_width((rect.width() * met).max(6.0));
            painter.rect_filled(fill, CornerRadius::same(5), theme::gap(&visuals, gap));
        }
    }
    response.on_hover_text(text)
}

/// Words for a gap.
pub fn gap_text(gap: u8, required: Option<Level>) -> String {
    match (gap, required) {
        (_, None) => "No level set for this role".to_owned(),
        (0, Some(_)) => "On target".to_owned(),
        (1, Some(_)) => "1 level short".to_owned(),
        (n, Some(_)) => format!("{n} levels short"),
    }
}

/// A small coloured label, like a tag.
pub fn pill(ui: &mut Ui, text: &str, color: Color32) -> Response {
    let galley = ui.painter().layout_no_wrap(
        text.to_owned(),
        egui::FontId::proportional(12.0),
        theme::on(color),
    );
    let size = galley.size() + vec2(12.0, 4.0);
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, text));
    if ui.is_rect_visible(rect) {
        ui.painter().rect_filled(rect, CornerRadius::same(8), color);
        ui.painter()
            .galley(rect.min + vec2(6.0, 2.0), galley, theme::on(color));
    }
    response
}

/// A horizontal readiness meter with the percentage written on it.
pub fn readiness_bar(ui: &mut Ui, readiness: u8, width: f32, highlight: bool) -> Response {
    let visuals = ui.visuals().clone();
    let (rect, response) = ui.allocate_exact_size(vec2(width, 18.0), Sense::hover());
    let text = format!("{readiness}%");
    response.widget_info(|| WidgetInfo::labeled(egui::Role::ProgressIndicator, true, &text));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        painter.rect_filled(rect, CornerRadius::same(4), visuals.widgets.inactive.weak_bg_fill);
        let mut fill = rect;
        fill.set_width(rect.width() * f32::from(readiness) / 100.0);
        let color = if highlight {
            theme::own(&visuals)
        } else {
            theme::requirement(&visuals).gamma_multiply(0.7)
        };
        painter.rect_filled(fill, CornerRadius::same(4), color);
        let text_color = if readiness > 20 {
            theme::on(color)
        } else {
            visuals.text_color()
        };
        painter.text(
            rect.left_center() + vec2(6.0, 0.0),
            egui::Align2::LEFT_CENTER,
            text,
            egui::FontId::proportional(12.0),
            text_color,
        );
    }
    response
}

/// A card: a framed group with a subtle fill.
pub fn card<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::Frame::group(ui.style())
        .fill(theme::card_fill(ui.visuals()))
        .corner_radius(CornerRadius::same(8))
        .inner_margin(egui::Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        })
        .inner
}

/// A "(estimate)" marker with an explanation on hover.
pub fn estimate_marker(ui: &mut Ui) -> Response {
    ui.label(egui::RichText::new("estimate").small().italics().weak())
        .on_hover_text("The articles Trailmap draws on do not give this figure; it is our estimate.")
}

/// Gives a widget drawn without a label of its own (a combo box beside a
/// label, say) an accessible name.
pub fn name_widget(response: &Response, role: egui::Role, name: &str) {
    response.widget_info(|| WidgetInfo::labeled(role, true, name));
}

/// Gives a text field without a visible label of its own an accessible name,
/// keeping its role and value.
pub fn name_field(ui: &Ui, response: &Response, name: &str) {
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(name.to_owned()));
}

/// Scrolls the scroll area whose content `ui` is to the widget that just took
/// the keyboard focus, when that widget lies in it but out of view. egui moves
/// the focus with Tab without scrolling; call this at the end of a scroll
/// area's content, where the widgets' places in this frame are known.
pub fn follow_focus(ui: &Ui) {
    let ctx = ui.ctx();
    let seen = ui.scope_id().with("follow-focus");
    let focus = ctx.memory(|m| m.focused());
    if ctx.data(|d| d.get_temp::<Option<egui::Id>>(seen)) == Some(focus) {
        return;
    }
    let Some(rect) = focus.and_then(|id| ctx.read_response(id)).map(|r| r.rect) else {
        ctx.data_mut(|d| d.insert_temp(seen, focus));
        return;
    };
    // Only a widget inside this content; another scroll area handles its own.
    if !ui.min_rect().contains_rect(rect) {
        return;
    }
    ctx.data_mut(|d| d.insert_temp(seen, focus));
    if !ui.clip_rect().contains_rect(rect) {
        ui.scroll_to_rect(rect.expand(8.0), None);
    }
}

/// Draws `add` in a scope whose id comes from `key` alone. egui numbers the
/// widgets it is not given a name for in the order they are drawn, and its
/// own scopes (`push_id`) take that number too; in a list that skips the
/// rows out of view, the numbers shift as it scrolls and a focused widget
/// would lose the focus. Rows and cards drawn through this keep their ids.
pub fn keyed<R>(
    ui: &mut Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    add: impl FnOnce(&mut Ui) -> R,
) -> R {
    let id = ui.scope_id().with(("keyed", key));
    ui.scope_builder(egui::UiBuilder::new().scope_id(id), add).inner
}
