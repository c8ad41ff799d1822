//! Private layers: what a copy leaves out when it is shared with the other
//! person, and which layer each field belongs to.

use super::{Field, Layer, NoteField, PlanField, RatingField, Side};
use crate::model::plan::Plan;

/// The layer `field` belongs to. A session note's layer depends on the note
/// (mentor-only or not), so notes answer [`Layer::Shared`] here and
/// [`without`] looks at each note.
pub fn layer_of(field: &Field) -> Layer {
    match field {
        Field::Plan(PlanField::PrivateNotes) => Layer::Mentee,
        Field::Plan(PlanField::MentorNotes) | Field::Rating(_, RatingField::MentorNote) => Layer::Mentor,
        _ => Layer::Shared,
    }
}

/// The copy of `plan` to give `to`: everything shared, and `to`'s own
/// layer if this copy holds it, but never the private layer of the person
/// sharing. It opens on the other machine as `to`'s copy.
pub fn share_for(plan: &Plan, to: Side) -> Plan {
    let mut copy = without(plan, to.other().layer());
    copy.side = to;
    copy
}

/// `plan` without `layer`: its fields emptied, their records dropped, and the
/// copy marked as not holding it, so that merging it back leaves the layer
/// as the other copy has it.
pub fn without(plan: &Plan, layer: Layer) -> Plan {
    let mut copy = plan.clone();
    match layer {
        Layer::Shared => return copy,
        Layer::Mentee => {
            copy.private_notes.clear();
            copy.sync.mentee_layer = false;
        }
        Layer::Mentor => {
            copy.mentor_notes.clear();
            for entry in copy.skills.values_mut() {
                entry.mentor_note.clear();
            }
            copy.skills.retain(|_, e| !e.is_empty());
            let mut gone = Vec::new();
            for session in &mut copy.sessions {
                session.notes.retain(|n| {
                    if n.mentor_only {
                        gone.push(n.id);
                    }
                    !n.mentor_only
                });
            }
            copy.sync.graveyard.notes.retain(|n| {
                if n.note.mentor_only {
                    gone.push(n.note.id);
                }
                !n.note.mentor_only
            });
            copy.sync
                .stamps
                .retain(|f, _| !matches!(f, Field::Note(id, _) if gone.contains(id)));
            copy.sync
                .removed
                .retain(|e, _| !matches!(e, super::Entity::Note(id) if gone.contains(id)));
            copy.sync
                .conflicts
                .retain(|f, _| !matches!(f, Field::Note(id, NoteField::Text) if gone.contains(id)));
            copy.sync.mentor_layer = false;
        }
    }
    copy.sync.stamps.retain(|f, _| layer_of(f) != layer);
    copy.sync.conflicts.retain(|f, _| layer_of(f) != layer);
    copy
}
