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
    /// Open a plan received from someone else as a copy in the plans folder.
    OpenCopy,
    /// Save the plan.
    Save,
    /// Save the plan under another name.
    SaveAs,
    /// Export the plan as Markdown or HTML.
    Export,
    /// Choose a framework file.
    ChooseFramework,
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
    /// Every command that has a shortcut, for the keyboard handler.
    pub const WITH_SHORTCUTS: [Self; 19] = [
        Self::New,
        Self::Open,
        Self::SaveAs,
        Self::Save,
        Self::Export,
        Self::Close,
        Self::Quit,
        Self::Redo,
        Self::Undo,
        Self::ShowTab(Tab::Skills),
        Self::ShowTab(Tab::Path),
        Self::ShowTab(Tab::Checklist),
        Self::ShowTab(Tab::Sessions),
        Self::ShowTab(Tab::Progress),
        Self::ShowTab(Tab::Notes),
        Self::ToggleLibrary,
        Self::TogglePresentation,
        Self::ToggleMentor,
        Self::About,
    ];

    /// The menu label; labels of commands that open a dialog end with "…".
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New plan…",
            Self::Open => "Open…",
            Self::OpenCopy => "Open a copy…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Export => "Export…",
            Self::ChooseFramework => "Framework…",
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
            Self::OpenCopy | Self::ChooseFramework => None,
        }
    }

    /// Other shortcuts that do the same (Ctrl+Y for redo).
    pub fn alternative_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Self::Redo => Some(KeyboardShortcut::new(CTRL, Key::Y)),
            _ => None,
        }
    }

    /// A tooltip for the menu entry.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::New => "Start a new plan",
            Self::Open => "Open a plan file",
            Self::OpenCopy => {
                "Open a plan someone sent you as a copy in your plans folder; their file is never written"
            }
            Self::Save => "Save the plan",
            Self::SaveAs => "Save the plan under another name",
            Self::Export => "Export the plan as Markdown or a self-contained HTML page",
            Self::ChooseFramework => "Use your own framework file (skills, roles, actions)",
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
