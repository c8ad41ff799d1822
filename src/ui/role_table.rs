//! The Skills view's role table: what every target role needs in every
//! skill, the gap to it, and readiness; a click on a role makes it the
//! target.

use egui::{RichText, Ui, vec2};

use super::widgets::{self, gap_text};
use super::{Edits, ViewCtx, theme};
use crate::model::{Command, RoleId};

/// The compare table: every target role's need in every skill and the gap.
pub fn role_table_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
    ui.heading("All target roles");
    ui.label(RichText::new("Needed level and your gap to it. Click a role to make it your target.").weak());
    ui.add_space(6.0);
    let visuals = ui.visuals().clone();
    let targets: Vec<&RoleId> = ctx.derived.targets.iter().map(|r| &r.role).collect();
    let skills: Vec<_> = ctx.plan.all_skills(ctx.framework).collect();
    let first = widgets::column_width(
        ui,
        skills.iter().map(|s| s.name()).chain(["Skill", "Readiness"]),
        egui::TextStyle::Body,
        60.0,
    );
    let mut widths = vec![first];
    widths.extend(std::iter::repeat_n(96.0, targets.len()));
    widgets::Table::new(&widths)
        .striped(true)
        .spacing(vec2(6.0, 8.0))
        .show(ui, |table| {
            table.row_of_height(40.0, |row| {
                row.cell(|ui| ui.label(RichText::new("Skill").strong()));
                for role in &targets {
                    let selected = **role == ctx.plan.target_role;
                    let name = ctx.framework.role_name(role);
                    row.cell(|ui| {
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                        let text = RichText::new(name).size(13.0);
                        let text = if selected { text.strong() } else { text };
                        let response = ui
                            .add(egui::Button::selectable(selected, text).min_size(vec2(96.0, 36.0)))
                            .on_hover_text(if selected {
                                format!("{name} is your target role")
                            } else {
                                format!("Make {name} your target role")
                            });
                        if response.clicked() && !selected {
                            edits.push(Command::SetTargetRole((*role).clone()));
                        }
                    });
                }
            });
            for skill in &skills {
                table.row(|row| {
                    row.cell(|ui| ui.label(skill.name()));
                    for readiness in &ctx.derived.targets {
                        row.cell(|ui| {
                            let Some(g) = readiness.gaps.iter().find(|g| &g.skill == skill.id()) else {
                                return;
                            };
                            match g.required {
                                Some(need) => {
                                    let text = if g.gap == 0 {
                                        format!("{need}  ✔")
                                    } else {
                                        format!("{need}  −{}", g.gap)
                                    };
                                    ui.label(RichText::new(text).color(theme::gap(&visuals, g.gap)))
                                        .on_hover_text(format!(
                                            "{} needs {need} in {}; {}",
                                            ctx.framework.role_name(&readiness.role),
                                            skill.name(),
                                            gap_text(g.gap, g.required).to_lowercase()
                                        ));
                                }
                                None => {
                                    ui.label(RichText::new("–").weak());
                                }
                            }
                        });
                    }
                });
            }
            table.row(|row| {
                row.cell(|ui| ui.label(RichText::new("Readiness").strong()));
                for readiness in &ctx.derived.targets {
                    let highlight = readiness.role == ctx.plan.target_role;
                    row.cell(|ui| widgets::readiness_bar(ui, readiness.readiness, 92.0, highlight));
                }
            });
        });
    ui.add_space(8.0);
    let source = ctx
        .framework
        .role(&ctx.plan.target_role)
        .map(|r| r.requires_source);
    if source == Some(crate::model::Source::Estimate) {
        ui.label(
            RichText::new(
                "Needed levels are our estimates: the articles describe the roles but give no levels.",
            )
            .small()
            .weak(),
        );
    }
}
