//! "Next for your largest gap", under the role table on the Skills view:
//! the skill furthest from what the target needs, the actions already open
//! for it, and library actions to add with one click.

use egui::{RichText, Ui};

use super::widgets::card;
use super::{Edits, ViewCtx, theme};
use crate::analysis;
use crate::model::{Command, ItemId};

/// How many open actions and suggestions the card lists.
const SHOWN: usize = 3;

/// The card's content, kept until the plan or the day changes (finding it
/// walks the whole checklist: not something for every frame).
pub type NextMemo = super::Memo<(Option<u64>, jiff::civil::Date), Option<analysis::NextForGap>>;

/// Draws the card; nothing when every skill meets the target.
pub fn next_steps_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, memo: &mut NextMemo) {
    let next = memo.get((ctx.derived.revision, ctx.today), || {
        analysis::next_for_largest_gap(ctx.plan, ctx.framework, ctx.today, SHOWN)
    });
    let Some(next) = next else {
        return;
    };
    let visuals = ui.visuals().clone();
    let name = ctx.plan.skill_name(ctx.framework, &next.skill);
    card(ui, |ui| {
        ui.heading("Next for your largest gap");
        let levels = if next.gap == 1 { "level" } else { "levels" };
        ui.label(
            RichText::new(format!(
                "{name}: {} {levels} short of what {} needs.",
                next.gap,
                ctx.framework.role_name(&ctx.plan.target_role)
            ))
            .color(theme::gap(&visuals, next.gap)),
        );
        ui.add_space(4.0);
        if next.open.is_empty() {
            ui.label(RichText::new("No open action for it yet.").weak());
        } else {
            ui.label(RichText::new("On your checklist").strong());
            for id in &next.open {
                open_action_ui(ui, ctx, *id);
            }
        }
        if !next.suggested.is_empty() {
            ui.add_space(4.0);
            ui.label(RichText::new("From the action library").strong());
            for id in &next.suggested {
                suggestion_ui(ui, ctx, edits, id);
            }
        }
    });
}

/// One open action: its text, and its due date (red when overdue).
fn open_action_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, id: ItemId) {
    let Some(item) = ctx.plan.item(id) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("•");
        ui.label(&item.text);
        if let Some(due) = item.due {
            let text = RichText::new(format!("due {}", crate::dates::human_date(due))).small();
            let text = if item.is_overdue(ctx.today) {
                text.color(theme::bad(ui.visuals()))
            } else {
                text.weak()
            };
            ui.label(text);
        }
    });
}

/// One library action with a button that puts it on the checklist.
fn suggestion_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, id: &crate::model::ActionId) {
    let Some(action) = ctx.framework.action(id) else {
        return;
    };
    ui.horizontal(|ui| {
        let add = ui
            .small_button("Add")
            .on_hover_text(format!("Add \"{}\" to your checklist", action.title));
        ui.add(egui::Label::new(&action.title).wrap());
        if add.clicked() {
            let item = analysis::item_from_action(action, ItemId(ctx.plan.next_id), ctx.today);
            edits.push(Command::InsertItems(vec![(ctx.plan.checklist.len(), item)]));
        }
    });
}
