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

/// A thin bar filled to `fraction` (0 to 1): a track, and a fill only when
/// there is something done (egui's own bar draws a dot at 0, which reads
/// as a little done).
pub fn progress_bar(ui: &mut Ui, fraction: f32, size: egui::Vec2) -> Response {
    let fraction = fraction.clamp(0.0, 1.0);
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let percent = format!("{:.0}%", fraction * 100.0);
    response.widget_info(|| WidgetInfo::labeled(egui::Role::ProgressIndicator, true, &percent));
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let radius = CornerRadius::same((size.y / 2.0) as u8);
        // A track that shows on either panel, and a fill that stands out
        // from it in both themes.
        ui.painter()
            .rect_filled(rect, radius, visuals.widgets.inactive.bg_fill);
        if fraction > 0.0 {
            let mut fill = rect;
            fill.set_width((rect.width() * fraction).max(size.y));
            ui.painter().rect_filled(fill, radius, theme::own(visuals));
        }
    }
    response
}

/// Space between a bar's edge and its label.
const BAR_PAD: f32 = 6.0;

/// Whether a label `text_width` wide fits on a bar's fill `fill_width` wide,
/// with room on both sides.
fn label_fits_inside(fill_width: f32, text_width: f32) -> bool {
    text_width + 2.0 * BAR_PAD <= fill_width
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
        let galley = painter.layout_no_wrap(text, egui::FontId::proportional(12.0), visuals.text_color());
        // On the fill when it fits there, else just after it on the track:
        // never across the fill's edge, half in one colour and half in another.
        let (x, text_color) = if label_fits_inside(fill.width(), galley.size().x) {
            (rect.left() + BAR_PAD, theme::on(color))
        } else {
            (fill.right() + BAR_PAD, visuals.strong_text_color())
        };
        painter.galley_with_override_text_color(
            egui::pos2(x, rect.center().y - galley.size().y / 2.0),
            galley,
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

/// A vertical scroll area whose content is as wide whether or not its scroll
/// bar shows: as wide as it is with the bar, which takes its own room (the
/// bars are solid), leaving a gutter when everything fits. egui shows the bar
/// from the frame after the content first overflowed, so without this every
/// wrapped text in the view was laid out at one width on the first frame and
/// again at another on the next, with both copies held on that frame.
///
/// The bar also shows (or goes) at once: egui grows a solid bar in over its
/// animation time, a frame every sixtieth of a second for nothing but the
/// bar itself, since its room is kept anyway. Those were most of a start's
/// frames.
pub fn scroll_view<R>(ui: &mut Ui, id_salt: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    let width = (ui.available_rect_before_wrap().width() - ui.spacing().scroll.allocated_width()).max(0.0);
    let output = egui::ScrollArea::vertical().id_salt(id_salt).show(ui, |ui| {
        ui.set_max_width(width);
        add(ui)
    });
    bar_at_once(ui.ctx(), &output);
    output.inner
}

/// Ends the growing in (or out) of a vertical scroll area's solid bar at
/// once, so it asks for no frames: call it after `show`. Every vertical
/// scroll area in the app goes through this.
pub fn bar_at_once<R>(ctx: &egui::Context, output: &egui::scroll_area::ScrollAreaOutput<R>) {
    // egui animates the bar under the id `<area id>.with("v")`; an animation
    // of no length ends at its target at once.
    let needed = output.content_size.y > output.inner_rect.height();
    ctx.animate_bool_with_time(output.id.with("v"), needed, 0.0);
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

/// A table whose column widths are known before it is drawn.
///
/// `egui::Grid` measures a grid it has not seen before by laying it out
/// invisibly and then asks egui to draw the whole frame once more (a discard
/// pass). On Trailmap's first frame that second pass cost about 8 ms of the
/// start-up time, and the same again the first time each view was shown.
/// Rows drawn through `Table` are shown in the pass that lays them out, so a
/// view costs one pass from its first frame on. Widths come from the caller:
/// fixed sizes, or [`text_width`] of the longest text in the column. A width
/// of 0 lets a cell (usually the last) take what its content needs.
#[derive(Clone, Copy, Debug)]
pub struct Table<'a> {
    widths: &'a [f32],
    spacing: egui::Vec2,
    striped: bool,
}

impl<'a> Table<'a> {
    /// A table with these column widths, spaced like the surrounding `Ui`.
    pub fn new(widths: &'a [f32]) -> Self {
        Self {
            widths,
            spacing: vec2(10.0, 6.0),
            striped: false,
        }
    }

    /// Space between columns (x) and rows (y).
    pub fn spacing(mut self, spacing: egui::Vec2) -> Self {
        self.spacing = spacing;
        self
    }

    /// Shades every second row, as `Grid::striped` does.
    pub fn striped(mut self, striped: bool) -> Self {
        self.striped = striped;
        self
    }

    /// Draws the rows `add` adds.
    pub fn show<R>(self, ui: &mut Ui, add: impl FnOnce(&mut TableRows<'_, 'a>) -> R) -> R {
        ui.scope(|ui| {
            ui.spacing_mut().item_spacing.y = self.spacing.y;
            let mut rows = TableRows {
                ui,
                table: self,
                index: 0,
            };
            add(&mut rows)
        })
        .inner
    }
}

/// The rows of a [`Table`] being drawn.
pub struct TableRows<'u, 'a> {
    ui: &'u mut Ui,
    table: Table<'a>,
    index: usize,
}

impl TableRows<'_, '_> {
    /// Draws one row: `add` adds its cells, left to right.
    pub fn row<R>(&mut self, add: impl FnOnce(&mut Cells<'_>) -> R) -> R {
        let height = self.ui.spacing().interact_size.y;
        self.row_of_height(height, add)
    }

    /// Draws a row of two cells: `label`, and beside it what `add` adds
    /// (`add` gets the label's response, for `labelled_by`).
    pub fn labelled<R>(
        &mut self,
        label: impl Into<egui::WidgetText>,
        add: impl FnOnce(&mut Ui, &Response) -> R,
    ) -> R {
        self.row(|row| {
            let label = row.cell(|ui| ui.label(label));
            row.cell(|ui| add(ui, &label))
        })
    }

    /// Draws one row whose cells are all `height` high, their content
    /// centred in it (for rows taller than a line, such as a header of
    /// wrapped buttons).
    pub fn row_of_height<R>(&mut self, height: f32, add: impl FnOnce(&mut Cells<'_>) -> R) -> R {
        let table = self.table;
        let stripe = table.striped && self.index % 2 == 1;
        self.index += 1;
        let background = self.ui.painter().add(egui::Shape::Noop);
        let inner = self.ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = table.spacing.x;
            let mut cells = Cells {
                ui,
                widths: table.widths,
                height,
                next: 0,
            };
            add(&mut cells)
        });
        if stripe {
            let columns: f32 = table.widths.iter().sum::<f32>()
                + table.spacing.x * table.widths.len().saturating_sub(1) as f32;
            let mut rect = inner.response.rect;
            rect.max.x = rect.max.x.max(rect.min.x + columns);
            let rect = rect.expand2(vec2(3.0, table.spacing.y / 2.0));
            let color = self.ui.visuals().faint_bg_color;
            self.ui.painter().set(
                background,
                egui::Shape::rect_filled(rect, CornerRadius::same(2), color),
            );
        }
        inner.inner
    }
}

/// The cells of one [`Table`] row.
pub struct Cells<'u> {
    ui: &'u mut Ui,
    widths: &'u [f32],
    height: f32,
    next: usize,
}

impl Cells<'_> {
    /// Draws the next cell, as wide as its column (content is left-aligned
    /// and vertically centred; text wraps at the column's edge only where
    /// the content asks for wrapping).
    pub fn cell<R>(&mut self, add: impl FnOnce(&mut Ui) -> R) -> R {
        let width = self.widths.get(self.next).copied().unwrap_or(0.0);
        self.next += 1;
        let height = self.height;
        let size = if width > 0.0 {
            vec2(width, height)
        } else {
            vec2(self.ui.available_width().max(0.0), height)
        };
        let layout = egui::Layout::left_to_right(egui::Align::Center);
        self.ui
            .allocate_ui_with_layout(size, layout, |ui| {
                ui.set_min_height(height);
                if width > 0.0 {
                    ui.set_min_width(width);
                    ui.set_max_width(width);
                }
                add(ui)
            })
            .inner
    }
}

/// How wide `text` is on one line in `style` (what a label needs).
pub fn text_width(ui: &Ui, text: impl Into<egui::WidgetText>, style: egui::TextStyle) -> f32 {
    text.into()
        .into_galley(ui, Some(egui::TextWrapMode::Extend), f32::INFINITY, style)
        .size()
        .x
}

/// The widest of `texts` on one line in `style`, at least `min`.
pub fn column_width<T: Into<egui::WidgetText>>(
    ui: &Ui,
    texts: impl IntoIterator<Item = T>,
    style: egui::TextStyle,
    min: f32,
) -> f32 {
    texts
        .into_iter()
        .map(|t| text_width(ui, t, style.clone()))
        .fold(min, f32::max)
        .ceil()
}

/// A combo box with `name` as its accessible name, showing `selected`, its
/// list drawn by `options` (usually `selectable_value`s); `key` makes its id.
///
/// Every combo box of the app is drawn through this, for the keyboard: egui
/// closes the list on Escape but leaves nothing focused, and lets Enter
/// choose an option without closing the list. Here Escape closes the list
/// and Enter chooses and closes it, and either way the focus goes back to
/// the combo box, where Tab carries on.
pub fn combo(
    ui: &mut Ui,
    key: impl egui::AsIdSalt,
    name: &str,
    selected: &str,
    width: Option<f32>,
    options: impl FnOnce(&mut Ui),
) -> Response {
    let salt = egui::IdSalt::new(key);
    // The id `ComboBox` gives its button (`from_id_salt`, then the `Ui`'s id).
    let id = ui.make_persistent_id(egui::IdSalt::new(salt));
    let was_open = egui::ComboBox::is_open(ui.ctx(), id);
    let (escape, enter) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::Escape),
            i.modifiers.is_none() && i.key_pressed(egui::Key::Enter),
        )
    });
    let mut combo = egui::ComboBox::from_id_salt(salt).selected_text(selected);
    if let Some(width) = width {
        combo = combo.width(width);
    }
    let response = combo
        .show_ui(ui, |ui| {
            options(ui);
            // Enter chose the focused option (as a click): close the list.
            if was_open && enter {
                ui.close();
            }
        })
        .response;
    debug_assert_eq!(response.id, id, "the combo box's id is known before it is drawn");
    name_widget(&response, egui::Role::ComboBox, name);
    if was_open && (escape || enter) && !egui::ComboBox::is_open(ui.ctx(), id) {
        response.request_focus();
    }
    response
}

/// Whether Enter was pressed in `response`, the single-line field of a row
/// that adds something (an action, a milestone, a note). egui lets go of
/// the focus on Enter; this takes it back, so the next one can be typed
/// straight away.
pub fn entered(ui: &Ui, response: &Response) -> bool {
    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if enter {
        response.request_focus();
    }
    enter
}

/// Whether a focus asked for by a click may be given in this frame: not
/// while the pointer is pressed or released, for egui takes the focus from
/// a widget when the pointer is pressed elsewhere in that frame. When not,
/// asks for another frame, so the focus is given without waiting for input.
pub fn pointer_settled(ui: &Ui) -> bool {
    let busy = ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released());
    if busy {
        ui.ctx().request_repaint();
    }
    !busy
}

/// A combo box of the framework's roles, with `label` as its accessible
/// name; returns the new choice if changed.
pub fn role_combo(
    ui: &mut Ui,
    ctx: &super::ViewCtx<'_>,
    label: &str,
    current: &crate::model::RoleId,
    targets_only: bool,
) -> Option<crate::model::RoleId> {
    let mut chosen = current.clone();
    combo(
        ui,
        label,
        label,
        ctx.framework.role_name(current),
        Some(200.0),
        |ui| {
            for role in ctx.framework.roles.iter().filter(|r| !targets_only || r.target) {
                ui.selectable_value(&mut chosen, role.id.clone(), &role.name);
            }
        },
    );
    (chosen != *current).then_some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_label_goes_on_the_fill_only_when_it_fits() {
        // "13%" is about 22 points wide at 12 pt; 13 % of a 92-point bar is 12.
        assert!(!label_fits_inside(12.0, 22.0));
        assert!(!label_fits_inside(33.0, 22.0));
        assert!(label_fits_inside(34.0, 22.0));
        assert!(label_fits_inside(85.0, 22.0));
    }
}
