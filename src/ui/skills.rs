//! The skill-gap editor: one card per skill with the self (and mentor) rating,
//! the level the target needs, the gap, the level descriptions and evidence;
//! beside it, a table of every target role's needs and the gaps to each.

use egui::{Align, Layout, RichText, TextEdit, Ui, vec2};

use super::widgets::{self, PickerChange, card, gap_bar, gap_text, level_picker};
use super::{Edits, ViewCtx, theme};
use crate::analysis::gap;
use crate::model::{Command, CustomSkill, Level, SkillEntry, SkillId, SkillRef};

/// View-local state of the skills view.
#[derive(Debug, Default)]
pub struct SkillsView {
    new_skill: String,
    renaming: Option<(SkillId, String)>,
    confirm_remove: Option<SkillId>,
    /// Each card's height and the width it was drawn at, from the last frame
    /// it was drawn: cards far outside the view are skipped (see `cards_ui`).
    card_heights: std::collections::HashMap<SkillId, (f32, f32)>,
    /// The "Next for your largest gap" card's content.
    next: super::next_steps::NextMemo,
}

/// Whether to show mentor ratings beside the person's own.
#[derive(Clone, Copy, Debug)]
pub struct SkillsOptions {
    /// Show the mentor's rating row.
    pub mentor: bool,
    /// Hide private notes (mentor notes) for screen sharing.
    pub presenting: bool,
}

impl SkillsView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
        let options = SkillsOptions {
            mentor: ctx.show_mentor,
            presenting: ctx.presenting,
        };
        let wide = ui.available_width() > 1000.0;
        if wide {
            let table_width = 540.0;
            ui.horizontal_top(|ui| {
                let cards_width = ui.available_width() - table_width - 16.0;
                ui.allocate_ui_with_layout(
                    vec2(cards_width, ui.available_height()),
                    Layout::top_down(Align::Min),
                    |ui| {
                        super::widgets::scroll_view(ui, "skill-cards", |ui| {
                            self.cards_ui(ui, ctx, edits, options);
                            super::widgets::follow_focus(ui);
                        });
                    },
                );
                ui.separator();
                ui.allocate_ui_with_layout(
                    vec2(table_width, ui.available_height()),
                    Layout::top_down(Align::Min),
                    |ui| {
                        super::widgets::scroll_view(ui, "compare", |ui| {
                            super::role_table::role_table_ui(ui, ctx, edits);
                            ui.add_space(12.0);
                            super::next_steps::next_steps_ui(ui, ctx, edits, &mut self.next);
                            super::widgets::follow_focus(ui);
                        });
                    },
                );
            });
        } else {
            super::widgets::scroll_view(ui, "skills-narrow", |ui| {
                self.cards_ui(ui, ctx, edits, options);
                ui.add_space(12.0);
                super::role_table::role_table_ui(ui, ctx, edits);
                ui.add_space(12.0);
                super::next_steps::next_steps_ui(ui, ctx, edits, &mut self.next);
                super::widgets::follow_focus(ui);
            });
        }
    }

    fn cards_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, options: SkillsOptions) {
        let target = ctx.framework.role_name(&ctx.plan.target_role).to_owned();
        ui.horizontal(|ui| {
            ui.heading("Skills");
            ui.label(RichText::new(format!("rated against {target}")).weak());
        });
        ui.label(
            RichText::new(
                "Rate yourself from 1 (your own work) to 5 (the whole company). The outlined level is \
                 what the target role needs; hover a level to read what it looks like.",
            )
            .weak(),
        );
        ui.add_space(6.0);
        let skills: Vec<SkillRef<'_>> = ctx.plan.all_skills(ctx.framework).collect();
        // A card more than a screen above or below the view is not drawn, only
        // its space kept (its height as last drawn): with many skills a frame
        // draws a few cards, not all. The screen of margin keeps the cards next
        // to the view drawn, so Tab and Shift+Tab always find the next control
        // and scroll it into view.
        let view = ui.clip_rect();
        let near = view.expand2(vec2(0.0, view.height().max(200.0)));
        let width = ui.available_width();
        self.card_heights
            .retain(|id, _| skills.iter().any(|s| s.id() == id));
        for skill in skills {
            let top = ui.cursor().top();
            let known = self
                .card_heights
                .get(skill.id())
                .filter(|(w, _)| (*w - width).abs() < 0.5)
                .map(|(_, h)| *h);
            match known {
                Some(height) if top > near.bottom() || top + height < near.top() => ui.add_space(height),
                _ => {
                    let id = skill.id().clone();
                    // A scope per card keeps its widgets' ids the same whether
                    // or not the cards above are drawn.
                    widgets::keyed(ui, &id, |ui| self.card_ui(ui, ctx, edits, skill, options));
                    self.card_heights.insert(id, (width, ui.cursor().top() - top));
                }
            }
            ui.add_space(8.0);
        }
        self.add_custom_ui(ui, ctx, edits);
    }

    /// Draws one skill's card: title, ratings, needed level, level texts, notes and management.
    fn card_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        edits: &mut Edits,
        skill: SkillRef<'_>,
        options: SkillsOptions,
    ) {
        let shown = CardSkill::new(ctx, skill);
        card(ui, |ui| {
            self.title_ui(ui, edits, &shown);
            if let SkillRef::Core(def) = skill {
                ui.label(RichText::new(&def.summary).weak());
            } else if let SkillRef::Custom(c) = skill
                && !c.description.is_empty()
            {
                ui.label(RichText::new(&c.description).weak());
            }
            ui.add_space(4.0);
            ratings_ui(ui, edits, &shown, options.mentor);
            if let SkillRef::Custom(custom) = skill {
                ui.push_id("needs", |ui| needs_ui(ui, ctx, edits, &shown, custom));
            }
            if let SkillRef::Core(def) = skill {
                level_texts_ui(ui, def, shown.entry.self_rating);
            }
            ui.add_space(4.0);
            notes_ui(ui, edits, &shown, options);
            if let SkillRef::Custom(custom) = skill {
                ui.push_id("manage", |ui| self.manage_ui(ui, edits, &shown, custom));
            }
        });
    }

    /// Draws the card's title row: the name (or the rename field) and the gap to the target.
    fn title_ui(&mut self, ui: &mut Ui, edits: &mut Edits, shown: &CardSkill<'_>) {
        let id = &shown.id;
        ui.horizontal(|ui| {
            if let Some((renaming_id, text)) = &mut self.renaming
                && renaming_id == id
            {
                let label = ui.label("New name");
                let response = ui
                    .add(
                        TextEdit::singleline(text)
                            .desired_width(220.0)
                            .id_salt(("rename", id)),
                    )
                    .labelled_by(label.id);
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Rename").clicked() || enter {
                    if let SkillRef::Custom(custom) = shown.skill
                        && !text.trim().is_empty()
                    {
                        edits.push(Command::UpdateCustomSkill(CustomSkill {
                            name: text.trim().to_owned(),
                            ..custom.clone()
                        }));
                    }
                    self.renaming = None;
                } else if ui.button("Cancel").clicked() {
                    self.renaming = None;
                }
            } else {
                ui.label(RichText::new(&shown.name).heading().strong());
                if shown.skill.is_custom() {
                    widgets::pill(ui, "custom", ui.visuals().widgets.inactive.bg_fill);
                }
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let the_gap = gap(shown.entry.self_rating, shown.required);
                ui.label(
                    RichText::new(gap_text(the_gap, shown.required)).color(theme::gap(ui.visuals(), the_gap)),
                );
                gap_bar(ui, &shown.name, the_gap, shown.required);
                match shown.required {
                    Some(level) => ui.label(format!("Needs {level}")),
                    None => ui.label(RichText::new("No need set").weak()),
                };
            });
        });
    }

    /// Draws a custom skill's Rename and Remove buttons, or the question confirming removal.
    fn manage_ui(&mut self, ui: &mut Ui, edits: &mut Edits, shown: &CardSkill<'_>, custom: &CustomSkill) {
        let id = &shown.id;
        ui.horizontal(|ui| {
            if self.confirm_remove.as_ref() == Some(id) {
                ui.label(format!("Remove {} and its ratings?", shown.name));
                if ui.button("Remove").clicked() {
                    edits.push(Command::RemoveCustomSkill(id.clone()));
                    self.confirm_remove = None;
                }
                if ui.button("Cancel").clicked() {
                    self.confirm_remove = None;
                }
            } else {
                if ui
                    .button("Rename…")
                    .on_hover_text("Rename this custom skill")
                    .clicked()
                {
                    self.renaming = Some((id.clone(), custom.name.clone()));
                }
                if ui
                    .button("Remove…")
                    .on_hover_text("Remove this custom skill")
                    .clicked()
                {
                    self.confirm_remove = Some(id.clone());
                }
            }
        });
    }

    fn add_custom_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
        ui.horizontal(|ui| {
            let response = ui.add(
                TextEdit::singleline(&mut self.new_skill)
                    .id_salt("new-custom-skill")
                    .hint_text("Name of a skill to add, e.g. Public speaking")
                    .desired_width(280.0),
            );
            let enter = widgets::entered(ui, &response);
            let name = self.new_skill.trim().to_owned();
            let full = ctx.plan.custom_skills.len() >= crate::model::limits::MAX_CUSTOM_SKILLS;
            let add = ui
                .add_enabled(!name.is_empty() && !full, egui::Button::new("Add custom skill"))
                .on_hover_text("Add a skill of your own to rate and track")
                .on_disabled_hover_text(if full {
                    format!(
                        "A plan can have at most {} skills of its own",
                        crate::model::limits::MAX_CUSTOM_SKILLS
                    )
                } else {
                    "Type a name first".to_owned()
                });
            if (add.clicked() || enter) && !name.is_empty() && !full {
                let id = ctx.plan.unique_skill_id(ctx.framework, &name);
                edits.push(Command::InsertCustomSkill {
                    index: ctx.plan.custom_skills.len(),
                    skill: CustomSkill {
                        id,
                        name,
                        description: String::new(),
                        needs: Default::default(),
                    },
                    entry: None,
                });
                self.new_skill.clear();
            }
        });
    }
}

/// What a skill's card shows, worked out once per card.
struct CardSkill<'s> {
    /// The skill.
    skill: SkillRef<'s>,
    /// Its id.
    id: SkillId,
    /// The plan's ratings and notes for it.
    entry: SkillEntry,
    /// The level the target role needs.
    required: Option<Level>,
    /// What each level looks like, levels 1 to 5.
    levels: Vec<String>,
    /// Its name.
    name: String,
}

impl<'s> CardSkill<'s> {
    /// The card's data for `skill` in the plan of `ctx`.
    fn new(ctx: &ViewCtx<'_>, skill: SkillRef<'s>) -> Self {
        let id = skill.id().clone();
        let entry = ctx.plan.entry(&id);
        let required = ctx.plan.required(ctx.framework, &ctx.plan.target_role, &id);
        let levels: Vec<String> = match skill {
            SkillRef::Core(def) => def.levels.clone(),
            SkillRef::Custom(c) => (1..=5).map(|n| format!("{} at level {n}", c.name)).collect(),
        };
        let name = skill.name().to_owned();
        Self {
            skill,
            id,
            entry,
            required,
            levels,
            name,
        }
    }
}

/// Draws the table of the self rating and, for the mentor, the mentor's rating.
fn ratings_ui(ui: &mut Ui, edits: &mut Edits, shown: &CardSkill<'_>, mentor: bool) {
    let CardSkill {
        id,
        entry,
        required,
        levels,
        name,
        ..
    } = shown;
    let required = *required;
    let label_width = widgets::column_width(ui, ["Self rating", "Mentor rating"], egui::TextStyle::Body, 0.0);
    widgets::Table::new(&[label_width, 0.0])
        .spacing(vec2(10.0, 6.0))
        .show(ui, |table| {
            table.labelled("Self rating", |ui, _| {
                let change = level_picker(
                    ui,
                    &format!("{name} self rating"),
                    levels,
                    entry.self_rating,
                    required,
                    theme::own(ui.visuals()),
                );
                if let PickerChange::Set(rating) = change {
                    set_entry(
                        edits,
                        id,
                        SkillEntry {
                            self_rating: rating,
                            ..entry.clone()
                        },
                    );
                }
            });
            if mentor {
                table.labelled("Mentor rating", |ui, _| {
                    let change = level_picker(
                        ui,
                        &format!("{name} mentor rating"),
                        levels,
                        entry.mentor_rating,
                        required,
                        theme::mentor(ui.visuals()),
                    );
                    if let PickerChange::Set(rating) = change {
                        set_entry(
                            edits,
                            id,
                            SkillEntry {
                                mentor_rating: rating,
                                ..entry.clone()
                            },
                        );
                    }
                    disagreement_ui(ui, entry.self_rating, entry.mentor_rating);
                });
            }
        });
}

/// Draws the picker of the level the target role needs in a custom skill.
fn needs_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, shown: &CardSkill<'_>, custom: &CustomSkill) {
    ui.horizontal(|ui| {
        ui.label(format!(
            "Level {} needs",
            ctx.framework.role_name(&ctx.plan.target_role)
        ));
        let change = level_picker(
            ui,
            &format!("{} needed level", shown.name),
            &shown.levels,
            custom.needs.get(&ctx.plan.target_role).copied(),
            None,
            theme::requirement(ui.visuals()),
        );
        if let PickerChange::Set(level) = change {
            let mut updated = custom.clone();
            match level {
                Some(level) => updated.needs.insert(ctx.plan.target_role.clone(), level),
                None => updated.needs.remove(&ctx.plan.target_role),
            };
            edits.push(Command::UpdateCustomSkill(updated));
        }
    });
}

/// Draws the evidence field and, for the mentor when not presenting, the mentor's private note.
fn notes_ui(ui: &mut Ui, edits: &mut Edits, shown: &CardSkill<'_>, options: SkillsOptions) {
    let CardSkill { id, entry, name, .. } = shown;
    ui.label(RichText::new("Evidence").small().strong());
    let mut evidence = entry.evidence.clone();
    let response = ui.add(
        TextEdit::multiline(&mut evidence)
            .id_salt(("evidence", id))
            .hint_text("What have you done that shows this skill?")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    );
    let response = response.on_hover_text(format!("Evidence for {name}"));
    if response.changed() {
        edits.typing(
            format!("evidence:{id}"),
            Command::SetSkillEntry {
                skill: id.clone(),
                entry: SkillEntry {
                    evidence,
                    ..entry.clone()
                },
            },
        );
    }
    if options.mentor && !options.presenting {
        ui.label(RichText::new("Mentor's private note").small().strong());
        let mut note = entry.mentor_note.clone();
        let response = ui.add(
            TextEdit::multiline(&mut note)
                .id_salt(("mentor-note", id))
                .hint_text("Only for the mentor: hidden when presenting, left out of redacted exports")
                .desired_rows(1)
                .desired_width(f32::INFINITY),
        );
        if response.changed() {
            edits.typing(
                format!("mentor-note:{id}"),
                Command::SetSkillEntry {
                    skill: id.clone(),
                    entry: SkillEntry {
                        mentor_note: note,
                        ..entry.clone()
                    },
                },
            );
        }
    }
}

/// Pushes a change to one skill's entry.
fn set_entry(edits: &mut Edits, skill: &SkillId, entry: SkillEntry) {
    edits.push(Command::SetSkillEntry {
        skill: skill.clone(),
        entry,
    });
}

/// Marks where the mentor and the person disagree by a level or more.
fn disagreement_ui(ui: &mut Ui, own: Option<Level>, mentor: Option<Level>) {
    let (Some(own), Some(mentor)) = (own, mentor) else {
        ui.label("");
        return;
    };
    let diff = i16::from(mentor.get()) - i16::from(own.get());
    if diff == 0 {
        ui.label(RichText::new("Agreed").color(theme::good(ui.visuals())));
    } else {
        let text = if diff > 0 {
            format!("Mentor rates {} higher", diff)
        } else {
            format!("Mentor rates {} lower", -diff)
        };
        widgets::pill(ui, &text, theme::warn(ui.visuals()))
            .on_hover_text("The two ratings differ by a level or more: worth talking through.");
    }
}

/// The description of the current level and of the next one up. Each takes
/// the height of the tallest it can be for this skill, so rating the skill
/// (the first time, or again) never moves what is below it: the next click
/// lands where the user aimed.
fn level_texts_ui(ui: &mut Ui, def: &crate::model::SkillDef, rating: Option<Level>) {
    let next = match rating {
        Some(l) => l.up(),
        None => Some(Level::MIN),
    };
    let style = ui.style().clone();
    let now_line = |level: Option<Level>| match level {
        Some(level) => line(
            &style,
            RichText::new(format!("Now, level {level}:")).strong(),
            RichText::new(def.level_text(level)),
        ),
        None => line(
            &style,
            RichText::new("Not rated yet.").italics(),
            RichText::new(""),
        ),
    };
    let next_line = |level: Level| {
        line(
            &style,
            RichText::new(format!("Next, level {level}:")).strong().weak(),
            RichText::new(def.level_text(level)).weak(),
        )
    };
    let width = ui.available_width();
    let height = |job: &egui::text::LayoutJob| {
        let mut job = job.clone();
        job.wrap.max_width = width;
        ui.painter().layout_job(job).size().y
    };
    let now_room = Level::all()
        .map(|l| height(&now_line(Some(l))))
        .fold(0.0, f32::max);
    let next_room = Level::all().map(|l| height(&next_line(l))).fold(0.0, f32::max);
    let now = now_line(rating);
    reserved(ui, now_room, |ui| {
        ui.label(now);
    });
    reserved(ui, next_room, |ui| {
        if let Some(next) = next {
            ui.label(next_line(next));
        }
    });
}

/// A bold lead and the text after it, as one wrapping line.
fn line(style: &egui::Style, lead: RichText, text: RichText) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    lead.append_to(&mut job, style, egui::FontSelection::Default, egui::Align::Min);
    RichText::new("  ").append_to(&mut job, style, egui::FontSelection::Default, egui::Align::Min);
    text.append_to(&mut job, style, egui::FontSelection::Default, egui::Align::Min);
    job
}

/// Draws `add` in a block at least `height` tall and as wide as there is.
fn reserved(ui: &mut Ui, height: f32, add: impl FnOnce(&mut Ui)) {
    let width = ui.available_width();
    ui.allocate_ui_with_layout(vec2(width, height), Layout::top_down(Align::Min), |ui| {
        ui.set_min_size(vec2(width, height));
        add(ui);
    });
}
