//! Mentor sessions as a plan keeps them: when, the agenda (what each point
//! is about, and which were discussed), the notes (some for the mentor
//! only), the summary.

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
/// In a file the agenda is up to three lists, `agenda` (the texts, as
/// before), `agenda_kinds` (left out when no point has a kind) and
/// `agenda_done` (the positions of the points discussed, left out when
/// none was), so a file written here still reads in earlier versions, which
/// skip the lists they do not know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SessionFile", into = "SessionFile")]
pub struct Session {
    /// The plan's number for it.
    pub id: ItemId,
    /// When it started.
    pub started: DateTime,
    /// When it ended; `None` while it is running.
    pub ended: Option<DateTime>,
    /// The agenda: the suggested one it started with, as it was ticked off,
    /// edited, trimmed and added to during the session.
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
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct AgendaPoint {
    /// What it is about.
    pub kind: AgendaKind,
    /// The point, in words.
    pub text: String,
    /// Whether it was discussed (ticked off during the session).
    pub done: bool,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    agenda_done: Vec<usize>,
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
            agenda_done,
            notes,
            summary,
        } = file;
        Self {
            id,
            started,
            ended,
            agenda: agenda_points(agenda, agenda_kinds, &agenda_done),
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
        let agenda_done = agenda_done(&agenda);
        Self {
            id,
            started,
            ended,
            agenda: agenda.into_iter().map(|p| p.text).collect(),
            agenda_kinds,
            agenda_done,
            notes,
            summary,
        }
    }
}

/// The agenda from a file's lists: a text without a kind (a file of an
/// earlier version) is [`AgendaKind::Other`]; kinds past the texts are
/// dropped; the points at the positions in `done` were discussed (positions
/// past the texts mean nothing).
pub fn agenda_points(texts: Vec<String>, kinds: Vec<AgendaKind>, done: &[usize]) -> Vec<AgendaPoint> {
    let mut discussed = vec![false; texts.len()];
    for &index in done {
        if let Some(slot) = discussed.get_mut(index) {
            *slot = true;
        }
    }
    let mut kinds = kinds.into_iter();
    texts
        .into_iter()
        .zip(discussed)
        .map(|(text, done)| AgendaPoint {
            kind: kinds.next().unwrap_or_default(),
            text,
            done,
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

/// The positions a file keeps of the points of `agenda` that were
/// discussed, in order: none when none was.
pub fn agenda_done(agenda: &[AgendaPoint]) -> Vec<usize> {
    agenda
        .iter()
        .enumerate()
        .filter(|(_, p)| p.done)
        .map(|(index, _)| index)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{AgendaKind, AgendaPoint, agenda_done, agenda_points};

    #[test]
    fn the_points_discussed_are_kept_by_position() {
        let texts = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
        let points = agenda_points(texts, vec![AgendaKind::Gap], &[2, 0, 2, 7]);
        let done: Vec<bool> = points.iter().map(|p| p.done).collect();
        assert_eq!(done, [true, false, true], "positions past the texts mean nothing");
        assert_eq!(agenda_done(&points), [0, 2]);
        let none = [AgendaPoint {
            kind: AgendaKind::Other,
            text: "a".to_owned(),
            done: false,
        }];
        assert!(agenda_done(&none).is_empty(), "left out of the file");
    }
}
