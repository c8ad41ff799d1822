//! The checklist's detail panel: the selected action's text, its fields
//! (skill, role, status, due date), notes and evidence, and its buttons.

use egui::{Align, Layout, RichText, TextEdit, Ui, vec2};

use super::focus::SWITCH_HINT;
use super::{ChecklistView, skill_combo};
use crate::model::{ChecklistItem, Command, ItemId, Status};
use crate::ui::widgets::{self, card};
use crate::ui::{Edits, ViewCtx, theme};

impl ChecklistView {
    /// Draws the detail panel of the selected action: its text, fields, notes and buttons.
    pub(super) fn detail_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        edits: &mut Edits,
        item: &ChecklistItem,
        focus: bool,
    ) {
        card(ui, |ui| {
            self.detail_header_ui(ui);
            item_text_ui(ui, edits, item, focus);
            item_fields_ui(ui, ctx, edits, item);
            ui.add_space(4.0);
            item_writing_ui(ui, edits, item);
            if let Some(source) = item.source.as_ref().and_then(|s| ctx.framework.action(s)) {
                ui.add_space(4.0);
                ui.label(
                    RichText::new(library_note(&source.detail, &item.notes))
                        .small()
                        .weak(),
                );
            }
            ui.add_space(6.0);
            self.detail_buttons_ui(ui, ctx, edits, item.id);
        });
    }

    /// Draws the detail panel's heading with its Close button, and the
    /// hint about F6.
    fn detail_header_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.heading("Action");
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui
                    .button("Close")
                    .on_hover_text("Close the detail panel")
                    .clicked()
                {
                    self.selected = None;
                }
            });
        });
        ui.label(RichText::new(SWITCH_HINT).small().weak());
    }

    /// Draws the Move up, Move down and Delete buttons for the action `id`.
    fn detail_buttons_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, id: ItemId) {
        ui.horizontal(|ui| {
            let index = ctx.plan.item_index(id).unwrap_or(0);
            if ui.add_enabled(index > 0, egui::Button::new("Move up")).clicked() {
                edits.push(Command::MoveItem { id, to: index - 1 });
            }
            let last = ctx.plan.checklist.len().saturating_sub(1);
            if ui
                .add_enabled(index < last, egui::Button::new("Move down"))
                .clicked()
            {
                edits.push(Command::MoveItem { id, to: index + 1 });
            }
            if ui
                .button("Delete")
                .on_hover_text("Delete this action (Ctrl+Z brings it back)")
                .clicked()
            {
                edits.push(Command::RemoveItems(vec![id]));
                self.selected = None;
            }
        });
    }
}

/// What the panel says of the library action an item came from. Its text
/// is given only when the notes do not hold it already: an action added
/// from the library starts with that text as its notes.
fn library_note(detail: &str, notes: &str) -> String {
    let detail = detail.trim();
    if notes.contains(detail) {
        "From the action library (its advice is in the notes).".to_owned()
    } else {
        format!("From the action library: {detail}")
    }
}

/// Draws the editable text of the action in the detail panel; gives it the
/// keyboard focus when `focus` is set.
fn item_text_ui(ui: &mut Ui, edits: &mut Edits, item: &ChecklistItem, focus: bool) {
    let id = item.id;
    let mut text = item.text.clone();
    let response = ui
        .add(
            TextEdit::multiline(&mut text)
                .id_salt(("item-text", id))
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .on_hover_text("What to do");
    if focus {
        response.request_focus();
    }
    if response.changed() {
        edits.typing(
            format!("item-text:{}", id.0),
            Command::UpdateItem(ChecklistItem { text, ..item.clone() }),
        );
    }
}

/// Draws the table of the action's status, skill, role, due date and dates.
fn item_fields_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, item: &ChecklistItem) {
    let label_width = widgets::column_width(
        ui,
        ["Status", "Skill", "Role", "Due", "Added"],
        egui::TextStyle::Body,
        0.0,
    );
    widgets::Table::new(&[label_width, 0.0])
        .spacing(vec2(10.0, 8.0))
        .show(ui, |table| {
            table.labelled("Status", |ui, _| status_field_ui(ui, ctx, edits, item));
            table.labelled("Skill", |ui, _| {
                let mut skill = item.skill.clone();
                skill_combo(ui, ctx, &format!("item-skill-{}", item.id.0), &mut skill);
                if skill != item.skill {
                    edits.push(Command::UpdateItem(ChecklistItem {
                        skill,
                        ..item.clone()
                    }));
                }
            });
            table.labelled("Role", |ui, _| role_field_ui(ui, ctx, edits, item));
            table.labelled("Due", |ui, _| due_field_ui(ui, ctx, edits, item));
            table.labelled("Added", |ui, _| {
                let mut dates = item.created.to_string();
                if let Some(done) = item.completed {
                    dates.push_str(&format!(", closed {done}"));
                }
                ui.label(RichText::new(dates).weak());
            });
        });
}

/// Draws the combo box of the action's status.
fn status_field_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, item: &ChecklistItem) {
    let mut status = item.status;
    widgets::combo(
        ui,
        ("item-status", item.id),
        "Status",
        status.label(),
        None,
        |ui| {
            for s in Status::ALL {
                ui.selectable_value(&mut status, s, s.label());
            }
        },
    );
    if status != item.status {
        edits.push(Command::UpdateItem(item.with_status(status, ctx.today)));
    }
}

/// Draws the combo box of the role the action prepares for.
fn role_field_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, item: &ChecklistItem) {
    let mut role = item.role.clone();
    let role_text = role
        .as_ref()
        .map_or("Any role", |r| ctx.framework.role_name(r))
        .to_owned();
    widgets::combo(ui, ("item-role", item.id), "Role", &role_text, None, |ui| {
        ui.selectable_value(&mut role, None, "Any role");
        for r in &ctx.framework.roles {
            ui.selectable_value(&mut role, Some(r.id.clone()), &r.name);
        }
    });
    if role != item.role {
        edits.push(Command::UpdateItem(ChecklistItem { role, ..item.clone() }));
    }
}

/// Draws the action's due date with Clear, or a button to set one.
fn due_field_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, item: &ChecklistItem) {
    ui.horizontal(|ui| match item.due {
        Some(due) => {
            let mut date = due;
            crate::ui::date_picker::date_button(ui, &mut date, ctx.today, &format!("due-{}", item.id.0));
            if date != due {
                edits.push(Command::UpdateItem(ChecklistItem {
                    due: Some(date),
                    ..item.clone()
                }));
            }
            if ui
                .small_button("Clear")
                .on_hover_text("Remove the due date")
                .clicked()
            {
                edits.push(Command::UpdateItem(ChecklistItem {
                    due: None,
                    ..item.clone()
                }));
            }
            if item.is_overdue(ctx.today) {
                ui.label(RichText::new("overdue").color(theme::bad(ui.visuals())));
            }
        }
        None => {
            if ui
                .button("Set due date")
                .on_hover_text("Give this action a due date")
                .clicked()
            {
                let in_two_weeks = ctx
                    .today
                    .checked_add(jiff::Span::new().days(14))
                    .unwrap_or(ctx.today);
                edits.push(Command::UpdateItem(ChecklistItem {
                    due: Some(in_two_weeks),
                    ..item.clone()
                }));
            }
        }
    });
}

/// Draws the action's Notes and Evidence text fields.
fn item_writing_ui(ui: &mut Ui, edits: &mut Edits, item: &ChecklistItem) {
    let id = item.id;
    if let Some(notes) = writing_field(
        ui,
        "Notes",
        "How you will go about it",
        ("item-notes", id),
        &item.notes,
    ) {
        let update = ChecklistItem {
            notes,
            ..item.clone()
        };
        edits.typing(format!("item-notes:{}", id.0), Command::UpdateItem(update));
    }
    let hint = "What came of it: outcomes, feedback, links";
    if let Some(evidence) = writing_field(ui, "Evidence", hint, ("item-evidence", id), &item.evidence) {
        let update = ChecklistItem {
            evidence,
            ..item.clone()
        };
        edits.typing(format!("item-evidence:{}", id.0), Command::UpdateItem(update));
    }
}

/// A labelled three-row text field holding `text`; the new text if it was
/// changed this frame.
fn writing_field(ui: &mut Ui, label: &str, hint: &str, salt: (&str, ItemId), text: &str) -> Option<String> {
    ui.label(label);
    let mut text = text.to_owned();
    let field = TextEdit::multiline(&mut text)
        .id_salt(salt)
        .hint_text(hint)
        .desired_rows(3)
        .desired_width(f32::INFINITY);
    ui.add(field).changed().then_some(text)
}
