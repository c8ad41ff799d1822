//! Merging copies of one plan (`model::sync::merge`), as pure functions:
//!
//! - replicas that start from one plan, make random edits apart (the edit
//!   generator of `properties`) and exchange copies in random orders and
//!   groupings all end with the same plan;
//! - merge is commutative, associative and idempotent;
//! - every text either side wrote is in the result or its conflict list,
//!   unless the other side saw it and wrote over it, or deleted its thing;
//! - a shared copy (a private layer left out) merged back changes no
//!   private field;
//! - items both replicas add apart never share a number, and both survive.

use proptest::prelude::*;
use trailmap::model::sync::merge::{merge, text_conflicts, text_of};
use trailmap::model::sync::{Clock, Entity, Field, Layer, PlanField, Side, layers};
use trailmap::model::{ChecklistItem, Command, CustomSkill, Document, ItemId, Plan, Replica, SkillId};

use crate::properties::{Op, command, config, op, plan, text};

/// A replica editing its copy: a document on its own replica and clock.
struct Copy {
    doc: Document,
    now: u64,
}

impl Copy {
    fn new(plan: &Plan, replica: u32, now: u64) -> Self {
        let mut doc = Document::new(plan.clone());
        doc.set_replica(Replica(replica));
        Self { doc, now }
    }

    /// Applies `ops` as the app would, a second apart. The app only makes
    /// plans that validate, so an edit that would not (the generator can
    /// rate a skill the plan does not have) is left out.
    fn edit(&mut self, ops: &[Op]) {
        let framework = trailmap::storage::builtin();
        for op in ops {
            self.now += 1000;
            self.doc.set_now(self.now);
            let mut next = self.doc.plan().next_id;
            let before = self.doc.plan().clone();
            let command = command(op, &before, &mut next);
            let mut trial = before.clone();
            if command.clone().apply(&mut trial).is_ok() && trial.check(&framework).is_empty() {
                self.doc.apply(command).expect("applies as it did on the copy");
            }
        }
    }

    /// Merges `theirs` in, as File → Merge in… does (one undoable step).
    fn merge_in(&mut self, theirs: &Plan) {
        let merged = merge(self.doc.plan(), theirs).expect("one plan");
        self.doc
            .apply(Command::ReplacePlan(Box::new(merged)))
            .expect("replaces");
        let replica = self.doc.replica();
        self.doc.set_replica(replica);
    }
}

/// Where two plans first differ, for a failure message.
fn first_difference(a: &Plan, b: &Plan) -> String {
    let (a, b) = (format!("{a:?}"), format!("{b:?}"));
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(150);
    let part = |s: &str| s.chars().skip(from).take(400).collect::<String>();
    format!("\nleft:  …{}\nright: …{}", part(&a), part(&b))
}

/// Every text field a plan holds, with its text.
fn texts(plan: &Plan) -> Vec<(Field, String)> {
    use trailmap::model::sync::{
        ItemField, MilestoneField, NoteField, RatingField, SessionField, SkillField,
    };
    let mut out = vec![
        (Field::Plan(PlanField::Name), plan.person.name.clone()),
        (Field::Plan(PlanField::Mentor), plan.person.mentor.clone()),
        (Field::Plan(PlanField::PrivateNotes), plan.private_notes.clone()),
        (Field::Plan(PlanField::MentorNotes), plan.mentor_notes.clone()),
    ];
    for (id, e) in &plan.skills {
        out.push((
            Field::Rating(id.clone(), RatingField::Evidence),
            e.evidence.clone(),
        ));
        out.push((
            Field::Rating(id.clone(), RatingField::MentorNote),
            e.mentor_note.clone(),
        ));
    }
    for s in &plan.custom_skills {
        out.push((Field::Skill(s.id.clone(), SkillField::Name), s.name.clone()));
        out.push((
            Field::Skill(s.id.clone(), SkillField::Description),
            s.description.clone(),
        ));
    }
    for i in &plan.checklist {
        out.push((Field::Item(i.id, ItemField::Text), i.text.clone()));
        out.push((Field::Item(i.id, ItemField::Notes), i.notes.clone()));
        out.push((Field::Item(i.id, ItemField::Evidence), i.evidence.clone()));
    }
    for m in &plan.milestones {
        out.push((Field::Milestone(m.id, MilestoneField::Title), m.title.clone()));
    }
    for s in &plan.sessions {
        out.push((Field::Session(s.id, SessionField::Summary), s.summary.clone()));
        for n in &s.notes {
            out.push((Field::Note(n.id, NoteField::Text), n.text.clone()));
        }
    }
    out
}

/// The thing a field belongs to, if it can be deleted (the ratings of a
/// skill of the plan's own go with it).
fn owner(field: &Field) -> Option<Entity> {
    match field {
        Field::Plan(_) => None,
        Field::Rating(id, _) => Some(Entity::Skill(id.clone())),
        Field::Skill(id, _) => Some(Entity::Skill(id.clone())),
        Field::Item(id, _) => Some(Entity::Item(*id)),
        Field::Milestone(id, _) => Some(Entity::Milestone(*id)),
        Field::Session(id, _) => Some(Entity::Session(*id)),
        Field::Note(id, _) => Some(Entity::Note(*id)),
        Field::Snapshot(id) => Some(Entity::Snapshot(*id)),
    }
}

/// Whether `text`, which `ours` holds at `field`, is kept by `merged`, or
/// was knowingly replaced or deleted by `theirs`.
fn kept_or_overwritten(field: &Field, text: &str, ours: &Plan, theirs: &Plan, merged: &Plan) -> bool {
    let in_result = text_of(merged, field) == Some(text)
        || merged
            .sync
            .conflicts
            .get(field)
            .is_some_and(|v| v.iter().any(|v| v.text == text));
    let ours_clock = ours.sync.stamp(field);
    let overwritten = theirs.sync.stamp(field) != ours_clock && ours_clock.le(&theirs.sync.stamp(field));
    let deleted = owner(field)
        .and_then(|e| merged.sync.removed.get(&e).cloned())
        .is_some_and(|r: Clock| ours_clock.le(&r) && text_of(merged, field).is_none());
    // A session's notes go with it.
    let session_gone = matches!(field, Field::Note(..)) && text_of(merged, field).is_none() && {
        let session = ours
            .sessions
            .iter()
            .find(|s| s.notes.iter().any(|n| Some(Entity::Note(n.id)) == owner(field)));
        session.is_some_and(|s| merged.sync.removed.contains_key(&Entity::Session(s.id)))
    };
    in_result || overwritten || deleted || session_gone
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn replicas_that_exchange_copies_in_any_order_end_equal(
        start in plan(),
        rounds in proptest::collection::vec(
            (proptest::collection::vec(proptest::collection::vec(op(), 0..6), 3), 0usize..3, 0usize..3),
            1..6,
        ),
    ) {
        let mut copies: Vec<Copy> = (0..3).map(|r| Copy::new(&start, r + 1, 1_000_000)).collect();
        for (edits, from, to) in &rounds {
            for (copy, ops) in copies.iter_mut().zip(edits) {
                copy.edit(ops);
            }
            if from != to {
                let theirs = copies[*from].doc.plan().clone();
                copies[*to].merge_in(&theirs);
            }
        }
        // Everyone sends to the first, then the first to everyone.
        for i in 1..3 {
            let theirs = copies[i].doc.plan().clone();
            copies[0].merge_in(&theirs);
        }
        let all = copies[0].doc.plan().clone();
        for copy in &mut copies[1..] {
            copy.merge_in(&all);
        }
        let framework = trailmap::storage::builtin();
        // Which person's copy, and the next number it hands out, belong to
        // the copy; everything else is the plan.
        let local = |p: &Plan| Plan { next_id: 0, ..p.clone() };
        for copy in &copies[1..] {
            let (x, y) = (local(copy.doc.plan()), local(copies[0].doc.plan()));
            prop_assert!(x == y, "{}", first_difference(&x, &y));
        }
        prop_assert_eq!(copies[0].doc.plan().check(&framework), Vec::new());
    }

    #[test]
    fn merge_is_commutative_associative_and_idempotent(
        start in plan(),
        edits in proptest::collection::vec(proptest::collection::vec(op(), 0..8), 3),
        exchange in any::<bool>(),
    ) {
        let mut copies: Vec<Copy> = (0..3).map(|r| Copy::new(&start, r + 1, 5_000)).collect();
        for (copy, ops) in copies.iter_mut().zip(&edits) {
            copy.edit(ops);
        }
        if exchange {
            // Some history in common beyond the start.
            let b = copies[1].doc.plan().clone();
            copies[0].merge_in(&b);
            copies[0].edit(&edits[2]);
        }
        let [a, b, c] = [0, 1, 2].map(|i| copies[i].doc.plan().clone());
        let ab = merge(&a, &b).expect("merges");
        let ba = merge(&b, &a).expect("merges");
        prop_assert!(ab == ba, "commutative: {}", first_difference(&ab, &ba));
        let left = merge(&ab, &c).expect("merges");
        let right = merge(&a, &merge(&b, &c).expect("merges")).expect("merges");
        prop_assert!(left == right, "associative: {}", first_difference(&left, &right));
        let aa = merge(&a, &a).expect("merges");
        prop_assert!(aa == a, "idempotent: {}", first_difference(&aa, &a));
        let abb = merge(&ab, &b).expect("merges");
        prop_assert!(abb == ab, "merging again changes nothing: {}", first_difference(&abb, &ab));
    }

    #[test]
    fn no_text_either_side_wrote_is_lost(
        start in plan(),
        edits in proptest::collection::vec(proptest::collection::vec(op(), 0..10), 2),
        extra in text(),
    ) {
        let mut a = Copy::new(&start, 7, 1_000);
        let mut b = Copy::new(&start, 9, 1_000);
        a.edit(&edits[0]);
        b.edit(&edits[1]);
        // Both write the same field apart: always a conflict to keep.
        a.doc.apply(Command::SetMentor(format!("{extra}-a"))).expect("applies");
        b.doc.apply(Command::SetMentor(format!("{extra}-b"))).expect("applies");
        let (pa, pb) = (a.doc.plan().clone(), b.doc.plan().clone());
        let merged = merge(&pa, &pb).expect("merges");
        for (ours, theirs) in [(&pa, &pb), (&pb, &pa)] {
            for (field, text) in texts(ours).into_iter().filter(|(_, t)| !t.is_empty()) {
                prop_assert!(
                    kept_or_overwritten(&field, &text, ours, theirs, &merged),
                    "{field}: {text:?} was lost"
                );
            }
        }
        let conflicts = text_conflicts(&merged);
        prop_assert!(conflicts.iter().any(|c| c.field == Field::Plan(PlanField::Mentor)), "{conflicts:?}");
    }

    #[test]
    fn a_shared_copy_merged_back_changes_no_private_field(
        start in plan(),
        mentee_ops in proptest::collection::vec(op(), 0..8),
        mentor_ops in proptest::collection::vec(op(), 0..8),
        private in text(),
        mentor_private in text(),
    ) {
        let mut mentee = Copy::new(&start, 3, 10_000);
        mentee.edit(&mentee_ops);
        mentee.doc.apply(Command::SetPrivateNotes(private.clone())).expect("applies");
        let shared = layers::share_for(mentee.doc.plan(), Side::Mentor);
        prop_assert_eq!(&shared.private_notes, "");
        let mut mentor = Copy::new(&shared, 4, 10_000);
        mentor.edit(&mentor_ops);
        mentor.doc.apply(Command::SetMentorNotes(mentor_private.clone())).expect("applies");
        // The mentor's reply leaves out the mentor's layer.
        let reply = layers::share_for(mentor.doc.plan(), Side::Mentee);
        prop_assert_eq!(&reply.mentor_notes, "");
        prop_assert!(reply.sessions.iter().flat_map(|s| &s.notes).all(|n| !n.mentor_only));
        prop_assert!(reply.skills.values().all(|e| e.mentor_note.is_empty()));
        let before = mentee.doc.plan().clone();
        let merged = merge(&before, &reply).expect("merges");
        let field = Field::Plan(PlanField::PrivateNotes);
        prop_assert_eq!(&merged.private_notes, &before.private_notes);
        prop_assert_eq!(merged.sync.stamps.get(&field), before.sync.stamps.get(&field));
        prop_assert_eq!(merged.sync.conflicts.get(&field), before.sync.conflicts.get(&field));
        prop_assert_eq!(&merged.mentor_notes, &before.mentor_notes);
        // (unless the mentor deleted a skill of the plan's own, notes and all)
        for (id, entry) in &before.skills {
            if merged.skills.contains_key(id) || !merged.sync.removed.contains_key(&Entity::Skill(id.clone())) {
                prop_assert_eq!(&merged.entry(id).mentor_note, &entry.mentor_note);
            }
        }
        // And the mentee's copy merged into the mentor's keeps the mentor's
        // layer and never takes in the mentee's private notes.
        let to_mentor = layers::share_for(&merged, Side::Mentor);
        let mentor_side = merge(mentor.doc.plan(), &to_mentor).expect("merges");
        prop_assert_eq!(&mentor_side.mentor_notes, &mentor_private);
        prop_assert_eq!(&mentor_side.private_notes, "");
        prop_assert!(!mentor_side.sync.holds(Layer::Mentee));
    }
}

#[test]
fn items_both_replicas_add_apart_get_different_numbers_and_both_survive() {
    let start = crate::support::example(crate::support::PRIYA);
    let mut mentee = Copy::new(&start, 11, 1_000);
    let mut mentor = Copy::new(&start, 12, 1_000);
    let add = |copy: &mut Copy, text: &str| -> ItemId {
        let plan = copy.doc.plan();
        let id = ItemId(plan.next_id);
        let item = ChecklistItem::new(id, text, crate::support::TODAY);
        let at = plan.checklist.len();
        copy.doc
            .apply(Command::InsertItems(vec![(at, item)]))
            .expect("adds");
        id
    };
    let a = add(&mut mentee, "Ask for feedback after the all-hands");
    let b = add(&mut mentor, "Shadow a hiring loop");
    assert_ne!(a, b, "two replicas never hand out one number");
    assert_eq!((a.replica(), b.replica()), (Replica(11), Replica(12)));
    let merged = merge(mentee.doc.plan(), mentor.doc.plan()).expect("merges");
    let texts: Vec<&str> = merged.checklist.iter().map(|i| i.text.as_str()).collect();
    assert!(
        texts.contains(&"Ask for feedback after the all-hands"),
        "{texts:?}"
    );
    assert!(texts.contains(&"Shadow a hiring loop"), "{texts:?}");
    assert_eq!(merged.checklist.len(), start.checklist.len() + 2);
    assert!(merged.check(&trailmap::storage::builtin()).is_empty());
    // A deletion on one side and an edit of another item on the other: both hold.
    let gone = start.checklist[0].id;
    mentee
        .doc
        .apply(Command::RemoveItems(vec![gone]))
        .expect("removes");
    let merged = merge(mentee.doc.plan(), mentor.doc.plan()).expect("merges");
    assert!(
        merged.item(gone).is_none(),
        "the mentor's copy lacking nothing does not bring it back"
    );
    let merged = merge(mentor.doc.plan(), mentee.doc.plan()).expect("merges");
    assert!(merged.item(gone).is_none());
}

#[test]
fn copies_of_two_different_plans_do_not_merge() {
    let a = crate::support::example(crate::support::PRIYA);
    let b = crate::support::example(crate::support::MARCUS);
    let error = merge(&a, &b).expect_err("two plans");
    assert!(error.to_string().contains("two different plans"), "{error}");
}

/// A copy of `plan` on `replica`, its clock at `now`.
fn copy_at(plan: &Plan, replica: u32, now: u64) -> Document {
    let mut doc = Document::new(plan.clone());
    doc.set_replica(Replica(replica));
    doc.set_now(now);
    doc
}

/// Found by helper-11 (a proptest seed, shrunk by hand).
#[test]
fn the_same_skill_added_on_two_replicas_and_deleted_on_a_third_merges_the_same_in_any_grouping() {
    let start = crate::support::example(crate::support::PRIYA);
    let skill = |name: &str| CustomSkill {
        id: SkillId::new("x2"),
        name: name.into(),
        description: String::new(),
        needs: Default::default(),
    };
    let mut a = copy_at(&start, 1, 1_000_001);
    a.apply(Command::InsertCustomSkill {
        index: 0,
        skill: skill(""),
        entry: None,
    })
    .expect("applies");
    let mut b = copy_at(&start, 2, 1_000_002);
    b.apply(Command::InsertCustomSkill {
        index: 0,
        skill: skill("a"),
        entry: None,
    })
    .expect("applies");
    let mut c = copy_at(b.plan(), 3, 2_000_000);
    c.apply(Command::RemoveCustomSkill(SkillId::new("x2")))
        .expect("applies");
    let (pa, pb, pc) = (a.plan(), b.plan(), c.plan());
    let m = |x: &Plan, y: &Plan| merge(x, y).expect("one plan");
    // Before deleted things were kept, (a b) c named it "a" with "" waiting, and a (b c) named it "".
    assert_eq!(m(&m(pa, pb), pc), m(pa, &m(pb, pc)));
}
