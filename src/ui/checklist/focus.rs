//! F6: the keyboard focus between the list (the selected row) and the
//! detail panel (its first field), both ways, without tabbing through
//! every row; and Ctrl+Shift+A to the "New action" field.

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use super::{ChecklistView, Row, ViewCtx};

/// The key that moves the focus between the list and the detail panel.
pub(super) const SWITCH_KEY: Key = Key::F6;

/// The hint the detail panel shows about [`SWITCH_KEY`].
pub(super) const SWITCH_HINT: &str = "F6 moves between the list and this panel";

/// The shortcut to the "New action" field from anywhere in the view. Not
/// Ctrl+Shift+N: egui matches Ctrl+N (New plan) with Shift held too, and
/// the app's shortcuts are read before the view.
pub(super) const NEW_ACTION_KEY: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::A);

/// Whether [`NEW_ACTION_KEY`] was pressed (and taken) in this frame, with
/// no dialog above the view.
pub(super) fn new_action_key_pressed(ui: &Ui) -> bool {
    let layer = ui.layer_id();
    ui.ctx().memory(|m| m.allows_interaction(layer)) && ui.input_mut(|i| i.consume_shortcut(&NEW_ACTION_KEY))
}

/// Where the keyboard focus goes on the next frame that draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FocusTo {
    /// The selected row's text.
    Row,
    /// The detail panel's first field.
    Detail,
}

/// What the last frame saw of the keyboard focus in the view.
#[derive(Debug, Default)]
pub(super) struct FocusState {
    /// Where the focus goes next, if F6 was pressed.
    pub to: Option<FocusTo>,
    /// Whether a widget of the detail panel has the focus.
    pub in_detail: bool,
    /// The action whose row has the focus, if one has.
    pub row: Option<crate::model::ItemId>,
    /// The rows drawn (the ones in view).
    pub drawn: std::ops::Range<usize>,
    /// Whether the "New action" field takes the focus when next drawn.
    pub new_action: bool,
}

impl ChecklistView {
    /// On F6, sends the focus from the detail panel to the selected row, or
    /// from anywhere else to the detail panel. With nothing selected, it
    /// first selects the row that has the focus (or the first one shown).
    pub(super) fn switch_focus_on_key(&mut self, ui: &Ui, ctx: &ViewCtx<'_>) {
        let layer = ui.layer_id();
        if !ui.ctx().memory(|m| m.allows_interaction(layer)) {
            return;
        }
        if !ui.input_mut(|i| i.consume_key(Modifiers::NONE, SWITCH_KEY)) {
            return;
        }
        if self.focus.in_detail && self.selected.is_some() {
            self.focus.to = Some(FocusTo::Row);
            return;
        }
        if self.selected.is_none() {
            self.selected = self.focus.row.or_else(|| {
                self.rows.iter().find_map(|row| match row {
                    Row::Item(index) => ctx.plan.checklist.get(*index).map(|item| item.id),
                    Row::Header { .. } => None,
                })
            });
        }
        if self.selected.is_some() {
            self.focus.to = Some(FocusTo::Detail);
        }
    }

    /// The position in the rows of the selected action's row, when F6 is
    /// sending the focus there.
    pub(super) fn focus_row_position(&self, ctx: &ViewCtx<'_>) -> Option<usize> {
        if self.focus.to != Some(FocusTo::Row) {
            return None;
        }
        let id = self.selected?;
        self.rows.iter().position(|row| {
            matches!(row, Row::Item(index) if ctx.plan.checklist.get(*index).is_some_and(|i| i.id == id))
        })
    }
}

/// Whether the widget with the keyboard focus lies in what `ui` has drawn.
pub(super) fn focus_within(ui: &Ui) -> bool {
    let ctx = ui.ctx();
    ctx.memory(|m| m.focused())
        .and_then(|id| ctx.read_response(id))
        .is_some_and(|r| ui.min_rect().contains_rect(r.rect))
}
