//! One row of the checklist: a group header, or an action with its check
//! box, its text, its due date and status right after the text, and the
//! move buttons at the right end of the (width-capped) list column. A band
//! behind the whole row marks the selected row, the row with the keyboard
//! focus and the row under the pointer, so it reads as one line.

use egui::{Color32, CornerRadius, Rect, RichText, Shape, Stroke, StrokeKind, TextStyle, Ui, Visuals, vec2};

use crate::model::{ChecklistItem, Command, ItemId, Status};
use crate::ui::{Edits, ViewCtx, theme, widgets};

/// Draws a group header: its title, a bar and its count beside the bar.
pub(super) fn header_row(ui: &mut Ui, title: &str, counts: crate::analysis::ActionCounts, height: f32) {
    ui.allocate_ui(vec2(ui.available_width(), height), |ui| {
        ui.horizontal_centered(|ui| {
            ui.label(RichText::new(title).strong());
            crate::ui::widgets::progress_bar(ui, counts.fraction_done(), vec2(90.0, 8.0)).on_hover_text(
                format!("{} of {} done in this group", counts.done, counts.counted()),
            );
            ui.label(
                RichText::new(format!("{} of {} done", counts.done, counts.counted()))
                    .small()
                    .weak(),
            );
        });
    });
}

/// What an action row shows after its text: the due date and a status badge.
struct Badges {
    due: Option<(String, Color32)>,
    status: Option<(&'static str, Color32)>,
}

/// The size of a badge's text (as `widgets::pill` draws it).
const BADGE_TEXT: f32 = 12.0;

impl Badges {
    fn of(item: &ChecklistItem, ctx: &ViewCtx<'_>, visuals: &Visuals) -> Self {
        let due = item.due.map(|due| {
            let color = if item.is_overdue(ctx.today) {
                theme::bad(visuals)
            } else {
                visuals.weak_text_color()
            };
            (format!("due {}", crate::dates::human_date(due)), color)
        });
        let status = match item.status {
            Status::InProgress => Some(("in progress", theme::own(visuals))),
            Status::Dropped => Some(("dropped", visuals.widgets.inactive.bg_fill)),
            Status::Open | Status::Done => None,
        };
        Self { due, status }
    }

    /// How wide they are together, with the spacing before each.
    fn width(&self, ui: &Ui) -> f32 {
        let gap = ui.spacing().item_spacing.x;
        let due = self.due.as_ref().map_or(0.0, |(text, _)| {
            gap + widgets::text_width(ui, RichText::new(text).small(), TextStyle::Small)
        });
        let status = self.status.map_or(0.0, |(text, _)| {
            let text = RichText::new(text).font(egui::FontId::proportional(BADGE_TEXT));
            gap + widgets::text_width(ui, text, TextStyle::Body) + 12.0
        });
        due + status
    }

    fn show(self, ui: &mut Ui) {
        if let Some((text, color)) = self.due {
            ui.label(RichText::new(text).small().color(color));
        }
        if let Some((text, color)) = self.status {
            widgets::pill(ui, text, color);
        }
    }
}

/// How wide the Move up and Move down buttons are together.
fn moves_width(ui: &Ui) -> f32 {
    let button =
        |text: &str| widgets::text_width(ui, text, TextStyle::Button) + 2.0 * ui.spacing().button_padding.x;
    button("⬆") + ui.spacing().item_spacing.x + button("⬇")
}

/// How much of a row's right end the list's scroll bar covers: a floating
/// bar is drawn over the content (a solid one takes its own room), and the
/// move buttons stay clear of it.
fn scroll_bar_overlap(ui: &Ui) -> f32 {
    let scroll = &ui.spacing().scroll;
    if scroll.floating {
        scroll.bar_width + scroll.bar_outer_margin - scroll.floating_allocated_width
    } else {
        0.0
    }
}

/// How a row stands out from the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Band {
    /// The row's action is open in the detail panel.
    Selected,
    /// One of the row's widgets has the keyboard focus.
    Focused,
    /// The pointer is over it.
    Hovered,
}

impl Band {
    /// The band for a row in these states, the strongest first.
    fn of(selected: bool, focused: bool, hovered: bool) -> Option<Self> {
        if selected {
            Some(Self::Selected)
        } else if focused {
            Some(Self::Focused)
        } else if hovered {
            Some(Self::Hovered)
        } else {
            None
        }
    }

    /// The band drawn behind the row at `rect`.
    fn shape(self, visuals: &Visuals, rect: Rect) -> Shape {
        let radius = CornerRadius::same(4);
        let (fill, stroke) = match self {
            Self::Selected => (
                visuals.selection.bg_fill.gamma_multiply(0.45),
                Stroke::new(1.0, visuals.selection.bg_fill),
            ),
            Self::Focused => (
                visuals.widgets.hovered.weak_bg_fill,
                Stroke::new(1.0, visuals.widgets.hovered.bg_stroke.color),
            ),
            Self::Hovered => (
                visuals.widgets.inactive.weak_bg_fill.gamma_multiply(0.6),
                Stroke::NONE,
            ),
        };
        Shape::Rect(egui::epaint::RectShape::new(
            rect,
            radius,
            fill,
            stroke,
            StrokeKind::Inside,
        ))
    }
}

/// Draws the row of `item`; focuses its text when `focus` is set. Returns
/// whether one of the row's widgets has the keyboard focus.
pub(super) fn item_row(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    edits: &mut Edits,
    item: &ChecklistItem,
    selected: &mut Option<ItemId>,
    (height, focus): (f32, bool),
) -> bool {
    let visuals = ui.visuals().clone();
    let is_selected = *selected == Some(item.id);
    let width = ui.available_width() - scroll_bar_overlap(ui);
    let row = Rect::from_min_size(ui.cursor().min, vec2(width, height));
    // Painted once the row knows whether it has the focus, behind it.
    let band = ui.painter().add(Shape::Noop);
    let has_focus = ui
        .allocate_ui(vec2(width, height), |ui| {
            ui.horizontal_centered(|ui| {
                ui.add_space(12.0);
                let check = check_ui(ui, ctx, edits, item);
                // The text takes what it needs, up to what the due date, the
                // badge and the move buttons leave; they follow it, so a row
                // reads as one line however wide the column is.
                let badges = Badges::of(item, ctx, &visuals);
                let reserved = badges.width(ui) + 2.0 * ui.spacing().item_spacing.x + moves_width(ui);
                let title_width = (ui.available_width() - reserved).max(120.0);
                let title = title_ui(ui, item, is_selected, (title_width, height - 6.0));
                if focus {
                    title.request_focus();
                }
                if title.clicked() {
                    *selected = if is_selected { None } else { Some(item.id) };
                }
                badges.show(ui);
                // The move buttons at the right end, in the order they read.
                ui.add_space((ui.available_width() - moves_width(ui)).max(0.0));
                let (up, down) = moves_ui(ui, ctx, edits, item);
                [&check, &title, &up, &down].iter().any(|r| r.has_focus())
            })
            .inner
        })
        .inner;
    if let Some(kind) = Band::of(is_selected, has_focus, ui.rect_contains_pointer(row)) {
        ui.painter()
            .set(band, kind.shape(&visuals, row.shrink2(vec2(0.0, 1.0))));
    }
    has_focus
}

/// The row's check box, named after the action; ticking it marks it done.
fn check_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, item: &ChecklistItem) -> egui::Response {
    let mut done = item.status == Status::Done;
    let check =
        ui.checkbox(&mut done, "")
            .on_hover_text(if done { "Mark as not done" } else { "Mark as done" });
    check.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::CheckBox, true, done, format!("Done: {}", item.text))
    });
    if check.changed() {
        let status = if done { Status::Done } else { Status::Open };
        edits.push(Command::UpdateItem(item.with_status(status, ctx.today)));
    }
    check
}

/// The Move up and Move down buttons of the row.
fn moves_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    edits: &mut Edits,
    item: &ChecklistItem,
) -> (egui::Response, egui::Response) {
    let up = ui.small_button("⬆").on_hover_text("Move up");
    let down = ui.small_button("⬇").on_hover_text("Move down");
    let index = ctx.plan.item_index(item.id);
    if up.clicked()
        && let Some(index) = index
        && index > 0
    {
        edits.push(Command::MoveItem {
            id: item.id,
            to: index - 1,
        });
    }
    if down.clicked()
        && let Some(index) = index
        && index + 1 < ctx.plan.checklist.len()
    {
        edits.push(Command::MoveItem {
            id: item.id,
            to: index + 1,
        });
    }
    (up, down)
}

/// The action's text as a selectable button at most `max_width` wide (cut
/// short with "…" beyond), named by the text alone. The row's band shows
/// the selection; the button tells it to assistive technology.
fn title_ui(
    ui: &mut Ui,
    item: &ChecklistItem,
    is_selected: bool,
    (max_width, height): (f32, f32),
) -> egui::Response {
    let mut text = RichText::new(&item.text);
    if matches!(item.status, Status::Done | Status::Dropped) {
        text = text.strikethrough().weak();
    }
    let response = ui
        .scope(|ui| {
            ui.set_max_width(max_width);
            ui.add(
                egui::Button::selectable(false, text)
                    .truncate()
                    .min_size(vec2(0.0, height)),
            )
        })
        .inner;
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, is_selected, &item.text));
    response
}
