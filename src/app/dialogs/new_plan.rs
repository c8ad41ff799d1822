//! The new-plan form: the person's name, the framework, the current and
//! target roles, and whether to seed the checklist.

use std::sync::Arc;

use egui::{TextEdit, Ui, vec2};

use super::{Outcome, buttons_row, primary_button};
use crate::model::{Framework, RoleId};

/// The new-plan form.
#[derive(Clone, Debug, PartialEq)]
pub struct NewPlanForm {
    /// The frameworks a new plan may use: the built-in one and those
    /// installed; the choice is shown only when there is more than one.
    pub frameworks: Vec<Arc<Framework>>,
    /// The framework chosen, an index into `frameworks`.
    pub framework: usize,
    /// The person's name.
    pub name: String,
    /// Their current role.
    pub current: RoleId,
    /// Their target role.
    pub target: RoleId,
    /// Whether to seed the checklist from the library.
    pub seed: bool,
}

impl NewPlanForm {
    /// The form for `frameworks`, with `preferred` (an installed framework's
    /// id) chosen when it is one of them, else the built-in framework.
    pub fn new(mut frameworks: Vec<Arc<Framework>>, preferred: Option<&str>) -> Self {
        if frameworks.is_empty() {
            frameworks.push(crate::storage::builtin());
        }
        frameworks.sort_by(|a, b| a.name.cmp(&b.name));
        let wanted = preferred.unwrap_or(crate::model::BUILTIN_FRAMEWORK_ID);
        let framework = frameworks.iter().position(|f| f.id == wanted).unwrap_or(0);
        let mut form = Self {
            frameworks,
            framework,
            name: String::new(),
            current: RoleId::new(""),
            target: RoleId::new(""),
            seed: true,
        };
        form.reset_roles();
        form
    }

    /// The framework chosen.
    pub fn chosen(&self) -> &Arc<Framework> {
        &self.frameworks[self.framework.min(self.frameworks.len() - 1)]
    }

    /// Picks roles the chosen framework has: a tech lead moving to
    /// engineering manager where it knows them, else its first role and its
    /// first target role.
    fn reset_roles(&mut self) {
        let framework = Arc::clone(self.chosen());
        let has = |id: &str| framework.role(&RoleId::new(id)).is_some();
        self.current = if has("tech-lead") {
            RoleId::new("tech-lead")
        } else {
            framework
                .roles
                .first()
                .map_or_else(|| RoleId::new(""), |r| r.id.clone())
        };
        self.target = if framework
            .role(&RoleId::new("engineering-manager"))
            .is_some_and(|r| r.target)
        {
            RoleId::new("engineering-manager")
        } else {
            framework
                .roles
                .iter()
                .find(|r| r.target)
                .map_or_else(|| RoleId::new(""), |r| r.id.clone())
        };
    }
}

/// Draws the form; Enter in the name field creates the plan.
pub(super) fn ui(ui: &mut Ui, form: &mut NewPlanForm) -> Outcome {
    ui.heading("New plan");
    ui.add_space(6.0);
    let framework = Arc::clone(form.chosen());
    let mut submit = false;
    let label_width = crate::ui::widgets::column_width(
        ui,
        ["Your name", "Framework", "Current role", "Target role"],
        egui::TextStyle::Body,
        0.0,
    );
    crate::ui::widgets::Table::new(&[label_width, 0.0])
        .spacing(vec2(12.0, 8.0))
        .show(ui, |table| {
            table.labelled("Your name", |ui, label| {
                let response = ui
                    .add(
                        TextEdit::singleline(&mut form.name)
                            .id_salt("new-plan-name")
                            .hint_text("e.g. Sam Lee"),
                    )
                    .labelled_by(label.id);
                if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    submit = true;
                }
                if !response.has_focus() && form.name.is_empty() && !ui.memory(|m| m.focused().is_some()) {
                    response.request_focus();
                }
            });
            if form.frameworks.len() > 1 {
                table.labelled("Framework", |ui, _| {
                    let before = form.framework;
                    let name = &framework.name;
                    crate::ui::widgets::combo(
                        ui,
                        "new-plan-framework",
                        "Framework",
                        name,
                        Some(220.0),
                        |ui| {
                            for (i, f) in form.frameworks.iter().enumerate() {
                                ui.selectable_value(&mut form.framework, i, &f.name);
                            }
                        },
                    );
                    if form.framework != before {
                        form.reset_roles();
                    }
                });
            }
            for (label, role, targets_only) in [
                ("Current role", &mut form.current, false),
                ("Target role", &mut form.target, true),
            ] {
                table.labelled(label, |ui, _| {
                    let name = framework.role_name(role).to_owned();
                    crate::ui::widgets::combo(ui, label, label, &name, Some(220.0), |ui| {
                        for r in framework.roles.iter().filter(|r| !targets_only || r.target) {
                            ui.selectable_value(role, r.id.clone(), &r.name);
                        }
                    });
                });
            }
        });
    ui.checkbox(&mut form.seed, "Suggest actions for my gaps from the library")
        .on_hover_text("Fills the checklist with actions that fit your target role and route");
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        if primary_button(ui, true, "Create plan", None) || submit {
            let form = form.clone();
            outcome = Outcome::Then(Box::new(move |app| {
                let framework = Arc::clone(form.chosen());
                app.create_plan(form.name.trim(), &framework, form.current, form.target, form.seed);
            }));
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}
