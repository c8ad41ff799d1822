//! App-level commands. One enum drives the menus, the keyboard shortcuts and
//! the tests, so a shortcut and its menu entry can never disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::ui::Tab;

/// Something the user asks the app (not the plan) to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    /// Start a new plan.
    New,
    /// Open a plan file.
    Open,
    /// Open a plan a mentee shared: it becomes the mentor's copy, kept in
    /// the plans folder.
    OpenCopy,
    /// Write a copy for the mentor, without the mentee's private notes.
    ShareWithMentor,
    /// Write a copy for the mentee, without the mentor's notes.
    ShareWithMentee,
    /// Merge a copy received from the other person into the open plan.
    MergeIn,
    /// Settle the texts both copies changed apart.
    SettleConflicts,
    /// Save the plan.
    Save,
    /// Save the plan under another name.
    SaveAs,
    /// Export the plan (report, calendar, checklist).
    Export,
    /// Choose a framework file.
    ChooseFramework,
    /// Make a framework from a ladder kept in a spreadsheet.
    ImportLadder,
    /// Close the plan and go back to the start page.
    Close,
    /// Quit Trailmap.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Show a tab.
    ShowTab(Tab),
    /// Show or hide the mentor's ratings.
    ToggleMentor,
    /// Show or hide the plan library.
    ToggleLibrary,
    /// Presentation mode: larger text, private notes hidden.
    TogglePresentation,
    /// Make everything larger.
    ZoomIn,
    /// Make everything smaller.
    ZoomOut,
    /// Back to normal size.
    ZoomReset,
    /// About Trailmap.
    About,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl UiCommand {
    /// Every command, each tab once. `ordinal` matches every variant
    /// without a wildcard, so a new variant does not compile until it has
    /// one, and the test below fails until it is listed here: a command, its
    /// menu entry and its shortcut cannot be missed by the keyboard handler.
    pub fn all() -> impl Iterator<Item = Self> {
        [
            Self::New,
            Self::Open,
            Self::OpenCopy,
            Self::ShareWithMentor,
            Self::ShareWithMentee,
            Self::MergeIn,
            Self::SettleConflicts,
            Self::Save,
            Self::SaveAs,
            Self::Export,
            Self::ChooseFramework,
            Self::ImportLadder,
            Self::Close,
            Self::Quit,
            Self::Undo,
            Self::Redo,
        ]
        .into_iter()
        .chain(Tab::ALL.into_iter().map(Self::ShowTab))
        .chain([
            Self::ToggleMentor,
            Self::ToggleLibrary,
            Self::TogglePresentation,
            Self::ZoomIn,
            Self::ZoomOut,
            Self::ZoomReset,
            Self::About,
        ])
    }

    /// A number per variant (tabs share one); see [`Self::all`].
    pub const fn ordinal(self) -> usize {
        match self {
            Self::New => 0,
            Self::Open => 1,
            Self::OpenCopy => 2,
            Self::Save => 3,
            Self::SaveAs => 4,
            Self::Export => 5,
            Self::ChooseFramework => 6,
            Self::Close => 7,
            Self::Quit => 8,
            Self::Undo => 9,
            Self::Redo => 10,
            Self::ShowTab(_) => 11,
            Self::ToggleMentor => 12,
            Self::ToggleLibrary => 13,
            Self::TogglePresentation => 14,
            Self::ZoomIn => 15,
            Self::ZoomOut => 16,
            Self::ZoomReset => 17,
            Self::About => 18,
            Self::ShareWithMentor => 19,
            Self::ShareWithMentee => 20,
            Self::MergeIn => 21,
            Self::SettleConflicts => 22,
            Self::ImportLadder => 23,
        }
    }

    /// How many values [`Self::ordinal`] takes.
    pub const ORDINALS: usize = 24;

    /// Every command with a shortcut, those with more modifiers first (egui
    /// matches Ctrl+S also when Shift is held, so Ctrl+Shift+S must be tried
    /// before it), for the keyboard handler.
    pub fn with_shortcuts() -> Vec<Self> {
        let mut commands: Vec<Self> = Self::all().filter(|c| c.shortcut().is_some()).collect();
        let weight = |c: &Self| {
            c.shortcut().map_or(0, |s| {
                usize::from(s.modifiers.shift)
                    + usize::from(s.modifiers.alt)
                    + usize::from(s.modifiers.command)
            })
        };
        commands.sort_by_key(|c| std::cmp::Reverse(weight(c)));
        commands
    }

    /// The menu label; labels of commands that open a dialog end with "…".
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New plan…",
            Self::Open => "Open…",
            Self::OpenCopy => "Open as mentor…",
            Self::ShareWithMentor => "Share with mentor…",
            Self::ShareWithMentee => "Share with mentee…",
            Self::MergeIn => "Merge in…",
            Self::SettleConflicts => "Settle changes made on both copies…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Export => "Export…",
            Self::ChooseFramework => "Use a framework file…",
            Self::ImportLadder => "Import from spreadsheet…",
            Self::Close => "Close plan",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::ShowTab(tab) => tab.label(),
            Self::ToggleMentor => "Mentor ratings",
            Self::ToggleLibrary => "Plan library",
            Self::TogglePresentation => "Presentation mode",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Actual size",
            Self::About => "About Trailmap",
        }
    }

    /// The main keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let s = |modifiers, key| Some(KeyboardShortcut::new(modifiers, key));
        match self {
            Self::New => s(CTRL, Key::N),
            Self::Open => s(CTRL, Key::O),
            Self::Save => s(CTRL, Key::S),
            Self::SaveAs => s(CTRL_SHIFT, Key::S),
            Self::Export => s(CTRL, Key::E),
            Self::Close => s(CTRL, Key::W),
            Self::Quit => s(CTRL, Key::Q),
            Self::Undo => s(CTRL, Key::Z),
            Self::Redo => s(CTRL_SHIFT, Key::Z),
            Self::ShowTab(Tab::Skills) => s(CTRL, Key::Num1),
            Self::ShowTab(Tab::Path) => s(CTRL, Key::Num2),
            Self::ShowTab(Tab::Checklist) => s(CTRL, Key::Num3),
            Self::ShowTab(Tab::Sessions) => s(CTRL, Key::Num4),
            Self::ShowTab(Tab::Progress) => s(CTRL, Key::Num5),
            Self::ShowTab(Tab::Notes) => s(CTRL, Key::Num6),
            Self::ToggleLibrary => s(CTRL, Key::L),
            Self::TogglePresentation => s(Modifiers::NONE, Key::F5),
            Self::ToggleMentor => s(CTRL, Key::M),
            Self::About => s(Modifiers::NONE, Key::F1),
            Self::ZoomIn => s(CTRL, Key::Plus),
            Self::ZoomOut => s(CTRL, Key::Minus),
            Self::ZoomReset => s(CTRL, Key::Num0),
            Self::OpenCopy
            | Self::ChooseFramework
            | Self::ImportLadder
            | Self::ShareWithMentor
            | Self::ShareWithMentee
            | Self::MergeIn
            | Self::SettleConflicts => None,
        }
    }

    /// Other shortcuts that do the same (Ctrl+Y for redo).
    pub fn alternative_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Self::Redo => Some(KeyboardShortcut::new(CTRL, Key::Y)),
            // The plus key without Shift on most layouts.
            Self::ZoomIn => Some(KeyboardShortcut::new(CTRL, Key::Equals)),
            _ => None,
        }
    }

    /// A tooltip for the menu entry.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::New => "Start a new plan",
            Self::Open => "Open a plan file",
            Self::OpenCopy => {
                "Open a plan your mentee shared with you: it becomes your copy (the mentor's), kept in your plans \
                 folder; their file is only read"
            }
            Self::ShareWithMentor => {
                "Write a copy of this plan for your mentor, without your private notes; send it any way you like"
            }
            Self::ShareWithMentee => {
                "Write a copy of this plan for your mentee, without your notes as mentor; send it any way you like"
            }
            Self::MergeIn => "Bring in the changes from a copy the other person sent you; you see them first",
            Self::SettleConflicts => "Texts both of you changed apart: choose which to keep, or keep both",
            Self::Save => "Save the plan",
            Self::SaveAs => "Save the plan under another name",
            Self::Export => {
                "Export the plan as an HTML page, Markdown, a calendar file or a checklist spreadsheet"
            }
            Self::ChooseFramework => "Use your own framework file (skills, roles, actions)",
            Self::ImportLadder => {
                "Make a framework from a career ladder kept in a spreadsheet (CSV): one row per skill and level, \
                 one column per role"
            }
            Self::Close => "Close the plan and go back to the start page",
            Self::Quit => "Quit Trailmap",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the last undone change",
            Self::ShowTab(_) => "Show this view",
            Self::ToggleMentor => "Show the mentor's ratings beside your own",
            Self::ToggleLibrary => "Show every plan in your plans folder in a side panel",
            Self::TogglePresentation => "Larger text and private notes hidden, for screen sharing",
            Self::ZoomIn => "Make everything larger",
            Self::ZoomOut => "Make everything smaller",
            Self::ZoomReset => "Back to the normal size",
            Self::About => "About Trailmap",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_variant_and_every_tab_once() {
        let all: Vec<UiCommand> = UiCommand::all().collect();
        for ordinal in 0..UiCommand::ORDINALS {
            assert!(
                all.iter().any(|c| c.ordinal() == ordinal),
                "variant {ordinal} is missing from all()"
            );
        }
        for tab in Tab::ALL {
            assert_eq!(all.iter().filter(|c| **c == UiCommand::ShowTab(tab)).count(), 1);
        }
        let mut seen = all.clone();
        seen.dedup();
        assert_eq!(seen.len(), all.len(), "no command twice");
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let shortcuts: Vec<KeyboardShortcut> = UiCommand::all()
            .flat_map(|c| c.shortcut().into_iter().chain(c.alternative_shortcut()))
            .collect();
        for (i, a) in shortcuts.iter().enumerate() {
            assert!(!shortcuts[i + 1..].contains(a), "{a:?} is used twice");
        }
    }
}
