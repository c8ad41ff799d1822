//! Mentor sessions: start one with an agenda, take timestamped notes, agree
//! actions that go straight onto the checklist, end it with a snapshot; the
//! log of past sessions; the Skill-Will matrix beside it.

use egui::{Align, Layout, RichText, TextEdit, Ui};
use jiff::civil::DateTime;

use super::widgets::card;
use super::{Edits, ViewCtx, theme};
use crate::analysis::{self, AgendaEdit, AgendaKind, AgendaPoint};
use crate::model::{ChecklistItem, Session, SessionNote, SkillId, Status};
use trailmap_core::dates::human_date;

/// View-local state of the sessions view.
#[derive(Debug, Default)]
pub struct SessionsView {
    agenda: super::Memo<(Option<u64>, jiff::civil::Date), Vec<AgendaPoint>>,
    log_shown: usize,
    note: String,
    mentor_only: bool,
    agenda_point: String,
    action: String,
    action_skill: Option<SkillId>,
    action_due: Option<jiff::civil::Date>,
    summary: String,
    /// The widget to take the keyboard focus once the click that asked for
    /// it is over (egui takes the focus from a field when the pointer is
    /// pressed elsewhere in the same frame).
    focus: Option<Focus>,
}

/// Where the keyboard focus goes after a session step, so the next Tab
/// continues from there instead of from the menu bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Focus {
    /// The summary field, for "End session…" from another view.
    Summary,
    /// The note field, once a session has started.
    Note,
    /// "Start session", once a session has ended (scrolled into view).
    Start,
}

impl SessionsView {
    /// Whether `target` is to take the focus now; clears the request.
    fn take_focus(&mut self, ui: &Ui, target: Focus) -> bool {
        if self.focus != Some(target) {
            return false;
        }
        if !super::widgets::pointer_settled(ui) {
            return false;
        }
        self.focus = None;
        true
    }
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
            // A point ticked off in its session has a check mark.
            let mark = ui.label(
                RichText::new(if point.done { "✔" } else { "•" })
                    .color(agenda_color(&visuals, point.kind))
                    .strong(),
            );
            if point.done {
                mark.on_hover_text("Discussed");
            }
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
                super::widgets::scroll_view(&mut columns[0], "sessions-left", |ui| {
                    self.session_ui(ui, ctx, edits, now, presenting);
                    ui.add_space(8.0);
                    self.log_ui(ui, ctx, presenting);
                    super::widgets::follow_focus(ui);
                });
                super::widgets::scroll_view(&mut columns[1], "sessions-right", |ui| {
                    super::skill_will::skill_will_ui(ui, ctx, edits);
                    super::widgets::follow_focus(ui);
                });
            });
        } else {
            super::widgets::scroll_view(ui, "sessions-narrow", |ui| {
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
                        let start = ui
                            .button(RichText::new("Start session").strong())
                            .on_hover_text("Start a mentor session with this agenda; notes are timestamped");
                        if self.take_focus(ui, Focus::Start) {
                            start.request_focus();
                            start.scroll_to_me(Some(Align::Min));
                        }
                        if start.clicked() {
                            edits.push(analysis::start_session(plan, ctx.framework, now));
                            self.summary.clear();
                            self.focus = Some(Focus::Note);
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
        ui.horizontal(|ui| {
            ui.heading("Session in progress");
            ui.label(
                RichText::new(format!(
                    "since {} {}",
                    human_date(session.started.date()),
                    time(session.started)
                ))
                .weak(),
            );
        });
        ui.add_space(4.0);
        ui.label(RichText::new("Agenda").strong());
        self.agenda_editor(ui, ctx, edits, session);
        ui.add_space(6.0);
        ui.label(RichText::new("Notes").strong());
        notes_list(ui, &session.notes, presenting);
        self.note_row(ui, ctx, edits, now, presenting);
        ui.add_space(6.0);
        ui.label(RichText::new("Actions agreed").strong());
        self.actions_ui(ui, ctx, edits, session);
        ui.add_space(8.0);
        ui.separator();
        ui.label(RichText::new("Wrap up").strong());
        let summary = ui.add(
            TextEdit::multiline(&mut self.summary)
                .id_salt("session-summary")
                .hint_text("What you agreed, in a sentence or two")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        );
        if self.take_focus(ui, Focus::Summary) {
            summary.request_focus();
            summary.scroll_to_me(Some(Align::Center));
        }
        if ui
            .button(RichText::new("End session").strong())
            .on_hover_text("Store the session and a dated snapshot of both ratings")
            .clicked()
            && let Some(command) = analysis::end_session(ctx.plan, self.summary.trim(), now)
        {
            edits.push(command);
            self.summary.clear();
            self.focus = Some(Focus::Start);
        }
    }

    /// The running session's agenda: each point ticked off when discussed,
    /// edited in place or removed; a row to add one.
    fn agenda_editor(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, session: &Session) {
        let plan = ctx.plan;
        let visuals = ui.visuals().clone();
        if session.agenda.is_empty() {
            ui.label(RichText::new("No points: add one below.").weak());
        }
        for (index, point) in session.agenda.iter().enumerate() {
            let number = index + 1;
            ui.horizontal(|ui| {
                let mut done = point.done;
                let tick = ui.checkbox(&mut done, "").on_hover_text("Discussed");
                tick.widget_info(|| {
                    egui::WidgetInfo::selected(
                        egui::Role::CheckBox,
                        true,
                        point.done,
                        format!("Discussed: {}", point.text),
                    )
                });
                if tick.changed()
                    && let Some(command) = analysis::edit_agenda(plan, AgendaEdit::Discussed(index, done))
                {
                    edits.push(command);
                }
                ui.label(
                    RichText::new("•")
                        .color(agenda_color(&visuals, point.kind))
                        .strong(),
                );
                let mut text = point.text.clone();
                // Multiline so a long point wraps and reads whole; Enter
                // adds no line break (a point is one line).
                let mut field = TextEdit::multiline(&mut text)
                    .desired_rows(1)
                    .return_key(None)
                    .id_salt(("agenda-point", session.id, index))
                    .desired_width((ui.available_width() - 80.0).max(120.0));
                if point.done {
                    field = field.text_color(visuals.weak_text_color());
                }
                let response = ui.add(field);
                super::widgets::name_field(ui, &response, &format!("Agenda point {number}"));
                if response.changed()
                    && let Some(command) = analysis::edit_agenda(plan, AgendaEdit::Text(index, text))
                {
                    edits.typing(format!("agenda:{}:{index}", session.id.0), command);
                }
                let remove = ui
                    .small_button("Remove")
                    .on_hover_text("Take this point off the agenda");
                super::widgets::name_widget(
                    &remove,
                    egui::Role::Button,
                    &format!("Remove agenda point {number}"),
                );
                if remove.clicked()
                    && let Some(command) = analysis::edit_agenda(plan, AgendaEdit::Remove(index))
                {
                    edits.push(command);
                }
            });
        }
        ui.horizontal(|ui| {
            let response = ui.add(
                TextEdit::singleline(&mut self.agenda_point)
                    .id_salt("session-agenda-point")
                    .hint_text("Add a point to the agenda")
                    .desired_width((ui.available_width() - 100.0).max(120.0)),
            );
            let enter = super::widgets::entered(ui, &response);
            let text = self.agenda_point.trim().to_owned();
            if (ui
                .add_enabled(!text.is_empty(), egui::Button::new("Add point"))
                .clicked()
                || enter)
                && let Some(command) = analysis::edit_agenda(plan, AgendaEdit::Add(text))
            {
                edits.push(command);
                self.agenda_point.clear();
            }
        });
    }

    /// The row that adds a note; while presenting, a note cannot be made
    /// mentor-only (the screen is shared).
    fn note_row(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        edits: &mut Edits,
        now: DateTime,
        presenting: bool,
    ) {
        ui.horizontal(|ui| {
            let response = ui.add(
                TextEdit::singleline(&mut self.note)
                    .id_salt("session-note")
                    .hint_text("Add a note")
                    .desired_width(ui.available_width() - 220.0),
            );
            if self.take_focus(ui, Focus::Note) {
                response.request_focus();
            }
            let enter = super::widgets::entered(ui, &response);
            if !presenting {
                ui.checkbox(&mut self.mentor_only, "Mentor only").on_hover_text(
                    "Only the mentor sees this note: hidden when presenting and left out of redacted exports",
                );
            }
            let mentor_only = self.mentor_only && !presenting;
            let text = self.note.trim().to_owned();
            if (ui
                .add_enabled(!text.is_empty(), egui::Button::new("Add note"))
                .clicked()
                || enter)
                && !text.is_empty()
                && let Some(command) = analysis::add_note(ctx.plan, &text, mentor_only, now)
            {
                edits.push(command);
                self.note.clear();
            }
        });
    }

    /// The actions agreed in the running session, and the rows that agree
    /// one: its text, then its skill and an optional due date.
    fn actions_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, session: &Session) {
        let plan = ctx.plan;
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
                if let Some(due) = item.due {
                    ui.label(RichText::new(format!("due {}", human_date(due))).small().weak());
                }
            });
        }
        let mut agree = false;
        ui.horizontal(|ui| {
            let response = ui.add(
                TextEdit::singleline(&mut self.action)
                    .id_salt("session-action")
                    .hint_text("An action you agreed on")
                    .desired_width((ui.available_width() - 120.0).max(120.0)),
            );
            agree = super::widgets::entered(ui, &response);
            agree |= ui
                .add_enabled(!self.action.trim().is_empty(), egui::Button::new("Agree action"))
                .on_hover_text("Add it to the checklist, linked to this session")
                .clicked();
        });
        ui.horizontal(|ui| {
            let selected = plan
                .all_skills(ctx.framework)
                .find(|s| Some(s.id()) == self.action_skill.as_ref())
                .map_or("No skill".to_owned(), |s| s.name().to_owned());
            let name = "Skill of the agreed action";
            super::widgets::combo(ui, "session-action-skill", name, &selected, Some(160.0), |ui| {
                ui.selectable_value(&mut self.action_skill, None, "No skill");
                for s in plan.all_skills(ctx.framework) {
                    ui.selectable_value(&mut self.action_skill, Some(s.id().clone()), s.name());
                }
            });
            self.action_due_ui(ui, ctx.today);
        });
        let text = self.action.trim().to_owned();
        if agree
            && !text.is_empty()
            && let Some(command) =
                analysis::agree_action_due(plan, &text, self.action_skill.clone(), self.action_due, ctx.today)
        {
            edits.push(command);
            self.action.clear();
            self.action_due = None;
        }
    }

    /// The due date of the action being agreed: a button to give it one
    /// (two weeks from today, then picked), or the date with Clear.
    fn action_due_ui(&mut self, ui: &mut Ui, today: jiff::civil::Date) {
        match self.action_due {
            Some(due) => {
                let mut date = due;
                ui.label("Due");
                super::date_picker::date_button(ui, &mut date, today, "session-action-due");
                self.action_due = Some(date);
                if ui
                    .small_button("Clear")
                    .on_hover_text("Agree the action without a due date")
                    .clicked()
                {
                    self.action_due = None;
                }
            }
            None => {
                if ui
                    .button("Set due date")
                    .on_hover_text("Give the agreed action a due date")
                    .clicked()
                {
                    self.action_due = Some(today.checked_add(jiff::Span::new().days(14)).unwrap_or(today));
                }
            }
        }
    }

    /// Asks for the wrap-up: the summary field takes the focus (and comes
    /// into view) the next time the running session is drawn.
    pub fn wrap_up(&mut self) {
        self.focus = Some(Focus::Summary);
    }
}

/// Session notes with their times; mentor-only ones are marked, and left out
/// when `presenting` (without a word: the screen is shared).
fn notes_list(ui: &mut Ui, notes: &[SessionNote], presenting: bool) {
    for note in notes.iter().filter(|n| !(n.mentor_only && presenting)) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(time(note.at)).monospace().weak());
            if note.mentor_only {
                super::widgets::pill(ui, "mentor only", theme::mentor(ui.visuals()));
            }
            ui.label(&note.text);
        });
    }
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
                    human_date(session.started.date()),
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
                        let discussed = session.agenda.iter().filter(|p| p.done).count();
                        let heading = if discussed == 0 {
                            "Agenda".to_owned()
                        } else {
                            format!("Agenda: {discussed} of {} discussed", session.agenda.len())
                        };
                        ui.label(RichText::new(heading).small().strong());
                        agenda_list(ui, &session.agenda);
                        ui.label(RichText::new("Notes").small().strong());
                        notes_list(ui, &session.notes, presenting);
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
