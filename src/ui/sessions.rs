//! Mentor sessions: start one with an agenda, take timestamped notes, agree
//! actions that go straight onto the checklist, end it with a snapshot; the
//! log of past sessions; the Skill-Will matrix beside it.

use egui::{Align, Layout, RichText, ScrollArea, TextEdit, Ui};
use jiff::civil::DateTime;

use super::widgets::card;
use super::{Edits, ViewCtx, theme};
use crate::analysis::{self, AgendaKind, AgendaPoint};
use crate::model::{ChecklistItem, Session, SessionNote, SkillId, Status};

/// View-local state of the sessions view.
#[derive(Debug, Default)]
pub struct SessionsView {
    agenda: super::Memo<(Option<u64>, jiff::civil::Date), Vec<AgendaPoint>>,
    log_shown: usize,
    note: String,
    mentor_only: bool,
    action: String,
    action_skill: Option<SkillId>,
    summary: String,
}

fn time(at: DateTime) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

fn agenda_color(visuals: &egui::Visuals, kind: AgendaKind) -> egui::Color32 {
    match kind {
        AgendaKind::Overdue => theme::bad(visuals),
        AgendaKind::Open => theme::own(visuals),
        AgendaKind::Gap => theme::warn(visuals),
        AgendaKind::Change => theme::good(visuals),
        AgendaKind::Other => visuals.weak_text_color(),
    }
}

fn agenda_list(ui: &mut Ui, points: &[AgendaPoint]) {
    if points.is_empty() {
        ui.label(RichText::new("Nothing pressing: no overdue actions, open actions or gaps.").weak());
    }
    let visuals = ui.visuals().clone();
    for point in points {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new("•")
                    .color(agenda_color(&visuals, point.kind))
                    .strong(),
            );
            ui.label(&point.text);
        });
    }
}

impl SessionsView {
    /// Draws the view. `now` stamps new notes; with `presenting`, mentor-only
    /// notes are hidden.
    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
        let (now, presenting): (DateTime, bool) = (ctx.now, ctx.presenting);
        let wide = ui.available_width() > 1000.0;
        if wide {
            ui.columns(2, |columns| {
                ScrollArea::vertical()
                    .id_salt("sessions-left")
                    .show(&mut columns[0], |ui| {
                        self.session_ui(ui, ctx, edits, now, presenting);
                        ui.add_space(8.0);
                        self.log_ui(ui, ctx, presenting);
                        super::widgets::follow_focus(ui);
                    });
                ScrollArea::vertical()
                    .id_salt("sessions-right")
                    .show(&mut columns[1], |ui| {
                        super::skill_will::skill_will_ui(ui, ctx, edits);
                        super::widgets::follow_focus(ui);
                    });
            });
        } else {
            ScrollArea::vertical().id_salt("sessions-narrow").show(ui, |ui| {
                self.session_ui(ui, ctx, edits, now, presenting);
                ui.add_space(8.0);
                super::skill_will::skill_will_ui(ui, ctx, edits);
                ui.add_space(8.0);
                self.log_ui(ui, ctx, presenting);
                super::widgets::follow_focus(ui);
            });
        }
    }

    fn session_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        edits: &mut Edits,
        now: DateTime,
        presenting: bool,
    ) {
        let plan = ctx.plan;
        card(ui, |ui| match plan.open_session() {
            None => {
                ui.horizontal(|ui| {
                    ui.heading("Next session");
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        if ui
                            .button(RichText::new("Start session").strong())
                            .on_hover_text("Start a mentor session with this agenda; notes are timestamped")
                            .clicked()
                        {
                            edits.push(analysis::start_session(plan, ctx.framework, now));
                            self.summary.clear();
                        }
                    });
                });
                let mentor = if plan.person.mentor.is_empty() {
                    "your mentor"
                } else {
                    plan.person.mentor.as_str()
                };
                ui.label(
                    RichText::new(format!("Suggested agenda for the next session with {mentor}:")).weak(),
                );
                ui.add_space(4.0);
                let points = self.agenda.get((ctx.derived.revision, ctx.today), || {
                    analysis::agenda(plan, ctx.framework, ctx.today)
                });
                agenda_list(ui, points);
            }
            Some(session) => self.running_ui(ui, ctx, edits, session, now, presenting),
        });
    }

    fn running_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        edits: &mut Edits,
        session: &Session,
        now: DateTime,
        presenting: bool,
    ) {
        let plan = ctx.plan;
        ui.horizontal(|ui| {
            ui.heading("Session in progress");
            ui.label(
                RichText::new(format!(
                    "since {} {}",
                    session.started.date(),
                    time(session.started)
                ))
                .weak(),
            );
        });
        ui.add_space(4.0);
        ui.label(RichText::new("Agenda").strong());
        agenda_list(ui, &session.agenda);
        ui.add_space(6.0);
        ui.label(RichText::new("Notes").strong());
        notes_list(ui, &session.notes, presenting);
        ui.horizontal(|ui| {
            let response = ui.add(
                TextEdit::singleline(&mut self.note)
                    .id_salt("session-note")
                    .hint_text("Add a note")
                    .desired_width(ui.available_width() - 220.0),
            );
            let enter = super::widgets::entered(ui, &response);
            ui.checkbox(&mut self.mentor_only, "Mentor only").on_hover_text(
                "Only the mentor sees this note: hidden when presenting and left out of redacted exports",
            );
            let text = self.note.trim().to_owned();
            if (ui
                .add_enabled(!text.is_empty(), egui::Button::new("Add note"))
                .clicked()
                || enter)
                && !text.is_empty()
                && let Some(command) = analysis::add_note(plan, &text, self.mentor_only, now)
            {
                edits.push(command);
                self.note.clear();
            }
        });
        ui.add_space(6.0);
        ui.label(RichText::new("Actions agreed").strong());
        for item in analysis::agreed_in(plan, session.id) {
            ui.horizontal(|ui| {
                ui.label("•");
                ui.label(&item.text);
                if let Some(skill) = &item.skill {
                    ui.label(
                        RichText::new(plan.skill_name(ctx.framework, skill))
                            .small()
                            .weak(),
                    );
                }
            });
        }
        ui.horizontal(|ui| {
            let response = ui.add(
                TextEdit::singleline(&mut self.action)
                    .id_salt("session-action")
                    .hint_text("An action you agreed on")
                    .desired_width(ui.available_width() - 320.0),
            );
            let enter = super::widgets::entered(ui, &response);
            let text_label = plan
                .all_skills(ctx.framework)
                .find(|s| Some(s.id()) == self.action_skill.as_ref());
            let selected = text_label.map_or("No skill".to_owned(), |s| s.name().to_owned());
            let name = "Skill of the agreed action";
            super::widgets::combo(ui, "session-action-skill", name, &selected, Some(160.0), |ui| {
                ui.selectable_value(&mut self.action_skill, None, "No skill");
                for s in plan.all_skills(ctx.framework) {
                    ui.selectable_value(&mut self.action_skill, Some(s.id().clone()), s.name());
                }
            });
            let text = self.action.trim().to_owned();
            if (ui
                .add_enabled(!text.is_empty(), egui::Button::new("Agree action"))
                .on_hover_text("Add it to the checklist, linked to this session")
                .clicked()
                || enter)
                && !text.is_empty()
                && let Some(command) =
                    analysis::agree_action(plan, &text, self.action_skill.clone(), ctx.today)
            {
                edits.push(command);
                self.action.clear();
            }
        });
        ui.add_space(8.0);
        ui.separator();
        ui.label(RichText::new("Wrap up").strong());
        ui.add(
            TextEdit::multiline(&mut self.summary)
                .id_salt("session-summary")
                .hint_text("What you agreed, in a sentence or two")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        );
        if ui
            .button(RichText::new("End session").strong())
            .on_hover_text("Store the session and a dated snapshot of both ratings")
            .clicked()
            && let Some(command) = analysis::end_session(plan, self.summary.trim(), now)
        {
            edits.push(command);
            self.summary.clear();
        }
    }
}

/// Session notes with their times; mentor-only ones are marked, and left out
/// when `presenting`. Returns how many were left out.
fn notes_list(ui: &mut Ui, notes: &[SessionNote], presenting: bool) -> usize {
    let mut hidden = 0;
    for note in notes {
        if note.mentor_only && presenting {
            hidden += 1;
            continue;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(time(note.at)).monospace().weak());
            if note.mentor_only {
                super::widgets::pill(ui, "mentor only", theme::mentor(ui.visuals()));
            }
            ui.label(&note.text);
        });
    }
    hidden
}

fn item_line(ui: &mut Ui, item: &ChecklistItem) {
    let status = match item.status {
        Status::Done => "done",
        Status::Dropped => "dropped",
        Status::InProgress => "in progress",
        Status::Open => "open",
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("•");
        ui.label(&item.text);
        ui.label(RichText::new(format!("({status})")).small().weak());
    });
}

/// How many finished sessions the log shows before "Show more".
const LOG_PAGE: usize = 10;

impl SessionsView {
    fn log_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, presenting: bool) {
        let plan = ctx.plan;
        let shown = self.log_shown.max(LOG_PAGE);
        card(ui, |ui| {
            ui.heading("Session log");
            let finished: Vec<(usize, &Session)> = plan
                .sessions
                .iter()
                .enumerate()
                .filter(|(_, s)| s.ended.is_some())
                .collect();
            if finished.is_empty() {
                ui.label(RichText::new("Finished sessions appear here, newest first.").weak());
            }
            let total = finished.len();
            for (index, session) in finished.into_iter().rev().take(shown) {
                let ended = session.ended.map(time).unwrap_or_default();
                let title = format!(
                    "Session {} · {} {}–{ended}",
                    index + 1,
                    session.started.date(),
                    time(session.started)
                );
                egui::CollapsingHeader::new(RichText::new(title).strong())
                    .id_salt(("session", session.id))
                    .default_open(index + 1 == plan.sessions.len())
                    .show(ui, |ui| {
                        if !session.summary.is_empty() {
                            ui.label(&session.summary);
                            ui.add_space(4.0);
                        }
                        ui.label(RichText::new("Agenda").small().strong());
                        agenda_list(ui, &session.agenda);
                        ui.label(RichText::new("Notes").small().strong());
                        let hidden = notes_list(ui, &session.notes, presenting);
                        if hidden > 0 {
                            ui.label(
                                RichText::new(format!(
                                    "{hidden} mentor-only note(s) hidden while presenting"
                                ))
                                .weak(),
                            );
                        }
                        let agreed: Vec<&ChecklistItem> = analysis::agreed_in(plan, session.id).collect();
                        if !agreed.is_empty() {
                            ui.label(RichText::new("Actions agreed").small().strong());
                            for item in agreed {
                                item_line(ui, item);
                            }
                        }
                    });
                ui.add_space(2.0);
            }
            if total > shown {
                let more = (total - shown).min(LOG_PAGE);
                if ui
                    .button(format!(
                        "Show {more} older session{}",
                        if more == 1 { "" } else { "s" }
                    ))
                    .on_hover_text(format!("{} older sessions are not shown", total - shown))
                    .clicked()
                {
                    self.log_shown = shown + LOG_PAGE;
                }
            }
        });
    }
}
