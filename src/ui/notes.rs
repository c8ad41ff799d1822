//! The plan page: who, from where to where, by when, milestones and private notes.

use egui::{RichText, TextEdit, Ui, vec2};

use super::widgets::{self, card};
use super::{Edits, ViewCtx, theme};
use crate::model::{Command, ItemId, Milestone};

/// View-local state of the plan page.
#[derive(Debug, Default)]
pub struct NotesView {
    new_milestone: String,
}

impl NotesView {
    /// Draws the view. With `presenting`, private notes are hidden.
    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
        super::widgets::scroll_view(ui, "notes-view", |ui| {
            card(ui, |ui| plan_card_ui(ui, ctx, edits));
            ui.add_space(8.0);
            card(ui, |ui| self.milestones_card_ui(ui, ctx, edits));
            ui.add_space(8.0);
            card(ui, |ui| private_notes_card_ui(ui, ctx, edits));
            super::widgets::follow_focus(ui);
        });
    }

    /// Draws the content of the Milestones card: one row per milestone and a row to add one.
    fn milestones_card_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
        let plan = ctx.plan;
        ui.heading("Milestones");
        if plan.milestones.is_empty() {
            ui.label(RichText::new("Dated steps on the way, e.g. \"Run Q1 planning on my own\".").weak());
        }
        // By date: the rows' ids come from the milestones, not their places,
        // so a row that moves when its date changes keeps the focus.
        for milestone in plan.milestones_by_date() {
            widgets::keyed(ui, milestone.id, |ui| milestone_row_ui(ui, ctx, edits, milestone));
        }
        ui.horizontal(|ui| {
            let response = ui.add(
                TextEdit::singleline(&mut self.new_milestone)
                    .id_salt("new-milestone")
                    .hint_text("New milestone")
                    .desired_width(380.0),
            );
            let enter = widgets::entered(ui, &response);
            let title = self.new_milestone.trim().to_owned();
            if (ui
                .add_enabled(!title.is_empty(), egui::Button::new("Add milestone"))
                .clicked()
                || enter)
                && !title.is_empty()
            {
                let date = ctx
                    .today
                    .checked_add(jiff::Span::new().months(3))
                    .unwrap_or(ctx.today);
                edits.push(Command::InsertMilestone {
                    index: plan.milestones.len(),
                    milestone: Milestone {
                        id: ItemId(plan.next_id),
                        title,
                        date,
                        reached: false,
                    },
                });
                self.new_milestone.clear();
            }
        });
    }
}

/// Draws the content of the Plan card: names, roles, target date and the target's summary.
fn plan_card_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
    let plan = ctx.plan;
    ui.heading("Plan");
    let label_width = widgets::column_width(
        ui,
        ["Name", "Mentor", "Current role", "Target role", "Target date"],
        egui::TextStyle::Body,
        0.0,
    );
    widgets::Table::new(&[label_width, 0.0])
        .spacing(vec2(12.0, 8.0))
        .show(ui, |table| {
            // Name and mentor: the same kind of field, each with its own command.
            let people = [
                (
                    "Name",
                    "person-name",
                    None,
                    &plan.person.name,
                    Command::SetName as fn(String) -> Command,
                ),
                (
                    "Mentor",
                    "mentor-name",
                    Some("Who walks through the plan with you"),
                    &plan.person.mentor,
                    Command::SetMentor,
                ),
            ];
            for (label, key, hint, value, command) in people {
                table.labelled(label, |ui, label| {
                    let mut text = value.clone();
                    let edit = TextEdit::singleline(&mut text).id_salt(key).desired_width(280.0);
                    let edit = match hint {
                        Some(hint) => edit.hint_text(hint),
                        None => edit,
                    };
                    if ui.add(edit).labelled_by(label.id).changed() {
                        edits.typing(key, command(text));
                    }
                });
            }
            table.labelled("Current role", |ui, _| {
                if let Some(role) =
                    super::widgets::role_combo(ui, ctx, "Current role", &plan.current_role, false)
                {
                    edits.push(Command::SetCurrentRole(role));
                }
            });
            table.labelled("Target role", |ui, _| {
                if let Some(role) =
                    super::widgets::role_combo(ui, ctx, "Target role (all roles)", &plan.target_role, false)
                {
                    edits.push(Command::SetTargetRole(role));
                }
            });
            table.labelled("Target date", |ui, _| target_date_ui(ui, ctx, edits));
        });
    if let Some(role) = ctx.framework.role(&plan.target_role) {
        ui.add_space(6.0);
        ui.label(RichText::new(&role.summary).weak());
    }
}

/// Draws the plan's target date with Clear, or a button to set one.
fn target_date_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
    ui.horizontal(|ui| match ctx.plan.target_date {
        Some(date) => {
            let mut d = date;
            super::date_picker::date_button(ui, &mut d, ctx.today, "target-date");
            if d != date {
                edits.push(Command::SetTargetDate(Some(d)));
            }
            if ui
                .small_button("Clear")
                .on_hover_text("Remove the target date")
                .clicked()
            {
                edits.push(Command::SetTargetDate(None));
            }
        }
        None => {
            if ui.button("Set a target date").clicked() {
                let next_year = ctx
                    .today
                    .checked_add(jiff::Span::new().years(1))
                    .unwrap_or(ctx.today);
                edits.push(Command::SetTargetDate(Some(next_year)));
            }
        }
    });
}

/// Draws one milestone: reached, date, title, past due and Remove.
fn milestone_row_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, milestone: &Milestone) {
    ui.horizontal(|ui| {
        let mut reached = milestone.reached;
        let tick = ui.checkbox(&mut reached, "").on_hover_text("Reached");
        // Named for assistive technology, which sees no label beside it.
        tick.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::CheckBox,
                true,
                milestone.reached,
                format!("Reached: {}", milestone.title),
            )
        });
        if tick.changed() {
            edits.push(Command::UpdateMilestone(Milestone {
                reached,
                ..milestone.clone()
            }));
        }
        let mut date = milestone.date;
        super::date_picker::date_button(ui, &mut date, ctx.today, &format!("milestone-{}", milestone.id.0));
        if date != milestone.date {
            edits.push(Command::UpdateMilestone(Milestone {
                date,
                ..milestone.clone()
            }));
        }
        let mut title = milestone.title.clone();
        let response = ui.add(
            TextEdit::singleline(&mut title)
                .id_salt(("milestone-title", milestone.id))
                .desired_width(380.0),
        );
        super::widgets::name_field(ui, &response, "Milestone");
        if response.changed() {
            edits.typing(
                format!("milestone:{}", milestone.id.0),
                Command::UpdateMilestone(Milestone {
                    title,
                    ..milestone.clone()
                }),
            );
        }
        if !milestone.reached && milestone.date < ctx.today {
            ui.label(RichText::new("past due").color(theme::bad(ui.visuals())));
        }
        if ui
            .small_button("Remove")
            .on_hover_text("Remove this milestone")
            .clicked()
        {
            edits.push(Command::RemoveMilestone(milestone.id));
        }
    });
}

/// Draws the content of the Private notes card, hidden while presenting:
/// the mentee's private notes, or in the mentor's copy the mentor's own
/// notes on the mentee.
fn private_notes_card_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
    if ctx.plan.side == crate::model::Side::Mentor {
        mentor_notes_ui(ui, ctx, edits);
        return;
    }
    let heading = ui.heading("Private notes");
    if ctx.presenting {
        ui.label(RichText::new("Hidden while presenting.").italics().weak());
    } else {
        ui.label(
            RichText::new("Only for you: never shown when presenting, left out of redacted exports.").weak(),
        );
        let mut notes = ctx.plan.private_notes.clone();
        if ui
            .add(
                TextEdit::multiline(&mut notes)
                    .id_salt("private-notes")
                    .desired_rows(6)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(heading.id)
            .on_hover_text("Private notes")
            .changed()
        {
            edits.typing("private-notes", Command::SetPrivateNotes(notes));
        }
    }
}

/// The mentor's own notes on the mentee, in the mentor's copy.
fn mentor_notes_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
    let heading = ui.heading("Your notes as mentor");
    if ctx.presenting {
        ui.label(RichText::new("Hidden while presenting.").italics().weak());
        return;
    }
    ui.label(
        RichText::new(
            "Only in your copy: never in a copy you share with your mentee, left out of redacted exports.",
        )
        .weak(),
    );
    let mut notes = ctx.plan.mentor_notes.clone();
    if ui
        .add(
            TextEdit::multiline(&mut notes)
                .id_salt("mentor-notes")
                .desired_rows(6)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(heading.id)
        .on_hover_text("Your notes as mentor")
        .changed()
    {
        edits.typing("mentor-notes", Command::SetMentorNotes(notes));
    }
}
