//! The views. Each view keeps only view-local state and receives the plan
//! read-only through [`ViewCtx`]; it asks for changes by pushing [`Edit`]s,
//! which the app applies in one place.

pub mod chart_image;
pub mod checklist;
pub mod date_picker;
pub mod derived;
pub mod error_page;
pub mod library;
pub mod next_steps;
pub mod notes;
pub mod path;
pub mod progress;
pub mod role_table;
pub mod sessions;
pub mod skill_will;
pub mod skills;
pub mod theme;
pub mod welcome;
pub mod widgets;

use jiff::civil::Date;

pub use derived::Derived;

use crate::model::{Command, Framework, Plan};

/// What a view needs to draw a plan.
pub struct ViewCtx<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Its framework.
    pub framework: &'a Framework,
    /// Data derived from the plan, recomputed only when it changes.
    pub derived: &'a Derived,
    /// Today's date.
    pub today: Date,
    /// The date and time stamped on what is written now (session notes).
    pub now: jiff::civil::DateTime,
    /// The document's revision: views key their caches on it.
    pub revision: u64,
    /// Whether the mentor's ratings are shown.
    pub show_mentor: bool,
    /// Whether the app is presenting: private and mentor-only notes hidden.
    pub presenting: bool,
}

/// What every tab of an open plan is: it draws from one context and asks
/// for changes and app actions through `edits`, never through its fields.
pub trait View {
    /// Draws the view.
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, edits: &mut Edits);
}

/// A value computed from a key and kept until the key changes: views use it
/// to compute from the plan once per revision instead of every frame.
#[derive(Debug)]
pub struct Memo<K, V> {
    key: Option<K>,
    value: Option<V>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Self {
            key: None,
            value: None,
        }
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The value for `key`, computing it only if the key changed.
    pub fn get(&mut self, key: K, compute: impl FnOnce() -> V) -> &V {
        if self.key.as_ref() != Some(&key) {
            self.value = None;
            self.key = Some(key);
        }
        self.value.get_or_insert_with(compute)
    }
}

/// A change a view asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    /// The change.
    pub command: Command,
    /// For typing into a text field: the field's key, so that keystrokes
    /// merge into one undo step.
    pub typing: Option<String>,
}

/// Something a view asks the app to do that is not a change to the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    /// Save the radar chart, as it is shown, as an image.
    SaveChartImage,
}

/// The changes a view asks for during one frame, applied after drawing,
/// and the requests it makes of the app: views never set the app's flags.
#[derive(Debug, Default)]
pub struct Edits {
    list: Vec<Edit>,
    requests: Vec<Request>,
}

impl Edits {
    /// Asks for `command` as its own undo step.
    pub fn push(&mut self, command: Command) {
        self.list.push(Edit {
            command,
            typing: None,
        });
    }

    /// Asks for `command` as typing into the text field `key`.
    pub fn typing(&mut self, key: impl Into<String>, command: Command) {
        self.list.push(Edit {
            command,
            typing: Some(key.into()),
        });
    }

    /// Asks the app for `request`, carried out after drawing.
    pub fn request(&mut self, request: Request) {
        self.requests.push(request);
    }

    /// Takes the requests out, oldest first.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    /// Takes the edits out, oldest first.
    pub fn take(&mut self) -> Vec<Edit> {
        std::mem::take(&mut self.list)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// The main views of an open plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Tab {
    /// Ratings, gaps and evidence per skill.
    #[default]
    Skills,
    /// The radar, the route, the ranking and the time allocation.
    Path,
    /// The action checklist.
    Checklist,
    /// Mentor sessions and the Skill-Will matrix.
    Sessions,
    /// Change over time.
    Progress,
    /// Person, target date, milestones and private notes.
    Notes,
}

impl Tab {
    /// All tabs in order.
    pub const ALL: [Self; 6] = [
        Self::Skills,
        Self::Path,
        Self::Checklist,
        Self::Sessions,
        Self::Progress,
        Self::Notes,
    ];

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Skills => "Skills",
            Self::Path => "Path",
            Self::Checklist => "Checklist",
            Self::Sessions => "Sessions",
            Self::Progress => "Progress",
            Self::Notes => "Plan & notes",
        }
    }
}

/// Each tab is a [`View`]; the app picks one by [`Tab`] and draws it.
macro_rules! views {
    ($($view:ty),* $(,)?) => {$(
        impl View for $view {
            fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
                <$view>::ui(self, ui, ctx, edits);
            }
        }
    )*};
}

views!(
    skills::SkillsView,
    path::PathView,
    checklist::ChecklistView,
    sessions::SessionsView,
    progress::ProgressView,
    notes::NotesView,
);
