//! Mentor sessions as a plan keeps them: when, the agenda and what each
//! point is about, the notes (some for the mentor only), the summary.

use jiff::civil::DateTime;
use serde::{Deserialize, Serialize};

use super::ids::ItemId;

/// A note taken during a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionNote {
    /// The plan's number for it.
    pub id: ItemId,
    /// When it was written.
    pub at: DateTime,
    /// The note.
    pub text: String,
    /// Whether only the mentor should see it; never exported when redacting.
    #[serde(default)]
    pub mentor_only: bool,
}

/// One mentor session.
///
/// In a file the agenda is two lists, `agenda` (the texts, as before) and
/// `agenda_kinds` (left out when no point has a kind), so a file written
/// here still reads in earlier versions, which skip the kinds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SessionFile", into = "SessionFile")]
pub struct Session {
    /// The plan's number for it.
    pub id: ItemId,
    /// When it started.
    pub started: DateTime,
    /// When it ended; `None` while it is running.
    pub ended: Option<DateTime>,
    /// The agenda it started with.
    pub agenda: Vec<AgendaPoint>,
    /// Notes, in the order taken.
    pub notes: Vec<SessionNote>,
    /// A summary written at the end.
    pub summary: String,
}

/// What an agenda point is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AgendaKind {
    /// An action past its due date.
    Overdue,
    /// An open or in-progress action.
    Open,
    /// One of the largest gaps toward the target.
    Gap,
    /// Something that changed since the last session.
    Change,
    /// Anything else: a point from a file of an earlier version, which
    /// kept no kinds.
    #[default]
    Other,
}

/// One point on a session's agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgendaPoint {
    /// What it is about.
    pub kind: AgendaKind,
    /// The point, in words.
    pub text: String,
}

/// A session as its file holds it (see [`Session`]).
#[derive(Serialize, Deserialize)]
struct SessionFile {
    id: ItemId,
    started: DateTime,
    #[serde(default)]
    ended: Option<DateTime>,
    #[serde(default)]
    agenda: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    agenda_kinds: Vec<AgendaKind>,
    #[serde(default)]
    notes: Vec<SessionNote>,
    #[serde(default)]
    summary: String,
}

impl From<SessionFile> for Session {
    fn from(file: SessionFile) -> Self {
        let SessionFile {
            id,
            started,
            ended,
            agenda,
            agenda_kinds,
            notes,
            summary,
        } = file;
        Self {
            id,
            started,
            ended,
            agenda: agenda_points(agenda, agenda_kinds),
            notes,
            summary,
        }
    }
}

impl From<Session> for SessionFile {
    fn from(session: Session) -> Self {
        let Session {
            id,
            started,
            ended,
            agenda,
            notes,
            summary,
        } = session;
        let agenda_kinds = agenda_kinds(&agenda);
        Self {
            id,
            started,
            ended,
            agenda: agenda.into_iter().map(|p| p.text).collect(),
            agenda_kinds,
            notes,
            summary,
        }
    }
}

/// The agenda from a file's two lists: a text without a kind (a file of an
/// earlier version) is [`AgendaKind::Other`]; kinds past the texts are
/// dropped.
pub fn agenda_points(texts: Vec<String>, kinds: Vec<AgendaKind>) -> Vec<AgendaPoint> {
    let mut kinds = kinds.into_iter();
    texts
        .into_iter()
        .map(|text| AgendaPoint {
            kind: kinds.next().unwrap_or_default(),
            text,
        })
        .collect()
}

/// The kinds a file keeps for `agenda`: none when no point has one.
pub fn agenda_kinds(agenda: &[AgendaPoint]) -> Vec<AgendaKind> {
    if agenda.iter().all(|p| p.kind == AgendaKind::Other) {
        return Vec::new();
    }
    agenda.iter().map(|p| p.kind).collect()
}
