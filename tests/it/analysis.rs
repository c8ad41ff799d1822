//! Analysis against hand-computed expectations, on a small framework written
//! out in this file: three skills, five roles, seven moves (two of them
//! lateral) and twelve actions with level bands. Every expected number below
//! was worked out by hand from the formulas in `src/analysis`, not by calling
//! the code under test.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::{Date, date};
use trailmap::analysis::{
    self, ActionCounts, ItemChange, Rater, RatingChange, SkillGap, counts_for_skill, diff_snapshots, gaps,
    ranking, readiness, readiness_of, role_readiness, route, route_roles, route_steps, seed_items,
    suggestions,
};
use trailmap::model::{
    ActionId, ChecklistItem, Command, CustomSkill, Document, Framework, ItemId, Level, MoveKind, Plan,
    RoleId, SkillId, Snapshot, SnapshotItem, SnapshotSkill, Status,
};
use trailmap::storage;

/// The small framework. Role order is deliberately not the order of the
/// gaps, so that "framework order" and "smallest total gap" give different
/// rankings.
///
/// | role | talk | plan | sway | target |
/// |------|------|------|------|--------|
/// | ic   | 1    | 1    | 1    | no     |
/// | lead | 2    | 2    | 2    | no     |
/// | dir  | 4    | 4    | 5    | yes    |
/// | pm   | 3    | 4    | 3    | yes    |
/// | mgr  | 3    | 2    | 4    | yes    |
///
/// Moves, in file order: 0 ic→lead step, 1 lead→pm step, 2 lead→mgr step,
/// 3 mgr→dir step, 4 pm→dir lateral, 5 mgr→pm lateral, 6 pm→mgr lateral.
const SMALL: &str = r#"
Framework(
    format_version: 1,
    id: "small",
    name: "Small test framework",
    skills: [
        SkillDef(id: "talk", name: "Talking", summary: "Talk.", levels: ["t1", "t2", "t3", "t4", "t5"]),
        SkillDef(id: "plan", name: "Planning", summary: "Plan.", levels: ["p1", "p2", "p3", "p4", "p5"]),
        SkillDef(id: "sway", name: "Swaying", summary: "Sway.", levels: ["s1", "s2", "s3", "s4", "s5"]),
    ],
    roles: [
        RoleDef(id: "ic", name: "Individual", summary: "", target: false,
            requires: {"talk": 1, "plan": 1, "sway": 1}, requires_source: Estimate,
            allocation: (strategy: 10, people: 0, building: 90), allocation_source: Estimate),
        RoleDef(id: "lead", name: "Lead", summary: "", target: false,
            requires: {"talk": 2, "plan": 2, "sway": 2}, requires_source: Estimate,
            allocation: (strategy: 30, people: 10, building: 60), allocation_source: Articles),
        RoleDef(id: "dir", name: "Director", summary: "", target: true,
            requires: {"talk": 4, "plan": 4, "sway": 5}, requires_source: Estimate,
            allocation: (strategy: 50, people: 45, building: 5), allocation_source: Estimate),
        RoleDef(id: "pm", name: "Product", summary: "", target: true,
            requires: {"talk": 3, "plan": 4, "sway": 3}, requires_source: Estimate,
            allocation: (strategy: 80, people: 10, building: 10), allocation_source: Articles),
        RoleDef(id: "mgr", name: "Manager", summary: "", target: true,
            requires: {"talk": 3, "plan": 2, "sway": 4}, requires_source: Estimate,
            allocation: (strategy: 30, people: 50, building: 20), allocation_source: Articles),
    ],
    transitions: [
        Transition(from: "ic", to: "lead", kind: Step),
        Transition(from: "lead", to: "pm", kind: Step),
        Transition(from: "lead", to: "mgr", kind: Step),
        Transition(from: "mgr", to: "dir", kind: Step),
        Transition(from: "pm", to: "dir", kind: Lateral),
        Transition(from: "mgr", to: "pm", kind: Lateral),
        Transition(from: "pm", to: "mgr", kind: Lateral),
    ],
    actions: [
        ActionTemplate(id: "talk-basics", title: "A0", detail: "", skill: "talk", levels: Some((min: 1, max: 2))),
        ActionTemplate(id: "talk-groups", title: "A1", detail: "", skill: "talk", levels: Some((min: 2, max: 3))),
        ActionTemplate(id: "talk-mgr", title: "A2", detail: "", skill: "talk", role: Some("mgr"), levels: Some((min: 2, max: 3))),
        ActionTemplate(id: "talk-pm", title: "A3", detail: "", skill: "talk", role: Some("pm"), levels: Some((min: 3, max: 4))),
        ActionTemplate(id: "talk-exec", title: "A4", detail: "", skill: "talk", levels: Some((min: 4, max: 5))),
        ActionTemplate(id: "talk-any", title: "A5", detail: "d5", skill: "talk"),
        ActionTemplate(id: "plan-why", title: "A6", detail: "", skill: "plan", levels: Some((min: 1, max: 2))),
        ActionTemplate(id: "plan-roadmap", title: "A7", detail: "", skill: "plan", role: Some("pm"), levels: Some((min: 3, max: 4))),
        ActionTemplate(id: "sway-trust", title: "A8", detail: "", skill: "sway", levels: Some((min: 1, max: 2))),
        ActionTemplate(id: "sway-allies", title: "A9", detail: "", skill: "sway", levels: Some((min: 2, max: 4))),
        ActionTemplate(id: "sway-board", title: "A10", detail: "", skill: "sway", levels: Some((min: 5, max: 5))),
        ActionTemplate(id: "sway-mgr", title: "A11", detail: "", skill: "sway", role: Some("mgr")),
    ],
)
"#;

fn framework() -> Framework {
    storage::parse_framework(Path::new("small.ron"), SMALL).expect("the small framework is valid")
}

fn lvl(n: u8) -> Level {
    Level::new(n).expect("a level from 1 to 5")
}

fn role(id: &str) -> RoleId {
    RoleId::new(id)
}

fn skill(id: &str) -> SkillId {
    SkillId::new(id)
}

fn roles(ids: &[&str]) -> Vec<RoleId> {
    ids.iter().map(|id| role(id)).collect()
}

/// A plan on the small framework with self ratings `(skill, level)`.
fn plan(current: &str, target: &str, ratings: &[(&str, u8)]) -> Plan {
    let mut plan = Plan::new("Test", &framework(), role(current), role(target));
    for &(id, level) in ratings {
        plan.skills.entry(skill(id)).or_default().self_rating = Some(lvl(level));
    }
    plan
}

/// `talk` 2, `plan` unrated, `sway` 5 (above every need but the director's).
fn standard(current: &str, target: &str) -> Plan {
    plan(current, target, &[("talk", 2), ("sway", 5)])
}

fn g(id: &str, rating: Option<u8>, required: Option<u8>, gap: u8) -> SkillGap {
    SkillGap {
        skill: skill(id),
        rating: rating.map(lvl),
        required: required.map(lvl),
        gap,
    }
}

#[test]
fn the_small_framework_is_valid() {
    assert_eq!(framework().validate(), Vec::new());
}

#[test]
fn gap_per_skill() {
    let fw = framework();
    let p = standard("lead", "mgr");
    // mgr needs talk 3, plan 2, sway 4.
    assert_eq!(
        gaps(&p, &fw, &role("mgr"), Rater::Own),
        vec![
            g("talk", Some(2), Some(3), 1),
            g("plan", None, Some(2), 2),
            g("sway", Some(5), Some(4), 0)
        ]
    );
    // dir needs talk 4, plan 4, sway 5: the 5 exactly meets the need.
    assert_eq!(
        gaps(&p, &fw, &role("dir"), Rater::Own),
        vec![
            g("talk", Some(2), Some(4), 2),
            g("plan", None, Some(4), 4),
            g("sway", Some(5), Some(5), 0)
        ]
    );
    // The plain gap function.
    assert_eq!(analysis::gap(None, Some(lvl(3))), 3);
    assert_eq!(analysis::gap(Some(lvl(4)), Some(lvl(3))), 0);
    assert_eq!(analysis::gap(Some(lvl(1)), Some(lvl(5))), 4);
    assert_eq!(analysis::gap(Some(lvl(1)), None), 0);
    // A role the framework does not know requires nothing.
    assert_eq!(
        gaps(&p, &fw, &role("nobody"), Rater::Own),
        vec![
            g("talk", Some(2), None, 0),
            g("plan", None, None, 0),
            g("sway", Some(5), None, 0)
        ]
    );
}

#[test]
fn gaps_use_the_chosen_rater() {
    let fw = framework();
    let mut p = standard("lead", "mgr");
    p.skills.entry(skill("talk")).or_default().mentor_rating = Some(lvl(1));
    p.skills.entry(skill("plan")).or_default().mentor_rating = Some(lvl(2));
    // Mentor: talk 1, plan 2, sway unrated.
    assert_eq!(
        gaps(&p, &fw, &role("mgr"), Rater::Mentor),
        vec![
            g("talk", Some(1), Some(3), 2),
            g("plan", Some(2), Some(2), 0),
            g("sway", None, Some(4), 4)
        ]
    );
    // (1 + 2 + 0) / 9 = 33.3 -> 33
    assert_eq!(readiness(&p, &fw, &role("mgr"), Rater::Mentor), 33);
}

#[test]
fn readiness_per_role() {
    let fw = framework();
    let p = standard("lead", "mgr");
    // mgr: (min(2,3) + 0 + min(5,4)) / (3+2+4) = 6/9 = 66.7 -> 67
    assert_eq!(readiness(&p, &fw, &role("mgr"), Rater::Own), 67);
    // pm: (2 + 0 + 3) / (3+4+3) = 5/10 -> 50
    assert_eq!(readiness(&p, &fw, &role("pm"), Rater::Own), 50);
    // dir: (2 + 0 + 5) / (4+4+5) = 7/13 = 53.8 -> 54
    assert_eq!(readiness(&p, &fw, &role("dir"), Rater::Own), 54);
    // lead: (2 + 0 + 2) / 6 = 66.7 -> 67
    assert_eq!(readiness(&p, &fw, &role("lead"), Rater::Own), 67);
    // ic: (1 + 0 + 1) / 3 = 66.7 -> 67
    assert_eq!(readiness(&p, &fw, &role("ic"), Rater::Own), 67);

    // Unrated everywhere: 0. Everything at 5: 100 (excess earns nothing).
    let none = plan("lead", "mgr", &[]);
    let all = plan("lead", "mgr", &[("talk", 5), ("plan", 5), ("sway", 5)]);
    for r in ["ic", "lead", "dir", "pm", "mgr"] {
        assert_eq!(readiness(&none, &fw, &role(r), Rater::Own), 0, "{r}");
        assert_eq!(readiness(&all, &fw, &role(r), Rater::Own), 100, "{r}");
    }
    // Strength in one skill cannot hide a gap in another: sway 5 for pm
    // (needs 3) with talk and plan unrated is (0 + 0 + 3) / 10 = 30.
    let lopsided = plan("lead", "pm", &[("sway", 5)]);
    assert_eq!(readiness(&lopsided, &fw, &role("pm"), Rater::Own), 30);
}

#[test]
fn readiness_halves_round_up() {
    // 1/8 = 12.5 -> 13; 3/8 = 37.5 -> 38; 5/8 = 62.5 -> 63; 1/6 = 16.7 -> 17;
    // 1/3 = 33.3 -> 33; 199/200 = 99.5 -> 100.
    let two = |a: Option<u8>, b: Option<u8>| vec![g("talk", a, Some(4), 0), g("plan", b, Some(4), 0)];
    assert_eq!(readiness_of(&two(Some(1), None)), 13);
    assert_eq!(readiness_of(&two(Some(2), Some(1))), 38);
    assert_eq!(readiness_of(&two(Some(3), Some(2))), 63);
    assert_eq!(
        readiness_of(&[g("talk", Some(1), Some(3), 0), g("plan", None, Some(3), 0)]),
        17
    );
    assert_eq!(readiness_of(&[g("talk", Some(1), Some(3), 0)]), 33);
    let mut many: Vec<SkillGap> = (0..40).map(|_| g("talk", Some(5), Some(5), 0)).collect();
    many.push(g("plan", Some(4), Some(5), 0));
    // 204 / 205 = 99.51 -> 100.
    assert_eq!(readiness_of(&many), 100);
    many.push(g("sway", Some(4), Some(5), 0));
    // 208 / 210 = 99.05 -> 99
    assert_eq!(readiness_of(&many), 99);
    // Gaps without a need do not count; nothing needed at all is 100.
    assert_eq!(readiness_of(&[g("talk", None, None, 0)]), 100);
    assert_eq!(readiness_of(&[]), 100);
}

#[test]
fn a_role_requiring_nothing_is_fully_ready() {
    let mut fw = framework();
    let mgr = fw.roles.iter_mut().find(|r| r.id == role("mgr")).expect("mgr");
    mgr.requires = BTreeMap::new();
    let p = plan("lead", "mgr", &[]);
    assert_eq!(readiness(&p, &fw, &role("mgr"), Rater::Own), 100);
    assert_eq!(role_readiness(&p, &fw, &role("mgr"), Rater::Own).total_gap, 0);
}

fn custom(id: &str, needs: &[(&str, u8)]) -> CustomSkill {
    CustomSkill {
        id: skill(id),
        name: format!("Custom {id}"),
        description: String::new(),
        needs: needs.iter().map(|&(r, l)| (role(r), lvl(l))).collect(),
    }
}

#[test]
fn custom_skills_count_where_the_plan_gives_a_need() {
    let fw = framework();
    let mut p = standard("lead", "mgr");
    p.custom_skills.push(custom("hire", &[("mgr", 3), ("lead", 2)]));
    p.skills.entry(skill("hire")).or_default().self_rating = Some(lvl(1));
    // Custom skills come after the framework's.
    assert_eq!(
        gaps(&p, &fw, &role("mgr"), Rater::Own),
        vec![
            g("talk", Some(2), Some(3), 1),
            g("plan", None, Some(2), 2),
            g("sway", Some(5), Some(4), 0),
            g("hire", Some(1), Some(3), 2),
        ]
    );
    // mgr: (6 + 1) / (9 + 3) = 7/12 = 58.3 -> 58
    assert_eq!(readiness(&p, &fw, &role("mgr"), Rater::Own), 58);
    // lead: (4 + 1) / (6 + 2) = 5/8 = 62.5 -> 63 (a half, rounded up)
    assert_eq!(readiness(&p, &fw, &role("lead"), Rater::Own), 63);
    // pm: no need given for the custom skill, so it does not count: 5/10 = 50.
    assert_eq!(readiness(&p, &fw, &role("pm"), Rater::Own), 50);
    let pm = gaps(&p, &fw, &role("pm"), Rater::Own);
    assert_eq!(pm.last(), Some(&g("hire", Some(1), None, 0)));
    // Total gap for mgr: 1 + 2 + 0 + 2 = 5.
    assert_eq!(role_readiness(&p, &fw, &role("mgr"), Rater::Own).total_gap, 5);
}

fn ranked(p: &Plan, fw: &Framework) -> Vec<(String, u8, u32)> {
    ranking(p, fw, Rater::Own)
        .into_iter()
        .map(|r| (r.role.to_string(), r.readiness, r.total_gap))
        .collect()
}

#[test]
fn ranking_orders_by_readiness_then_total_gap_then_framework_order() {
    let fw = framework();
    // mgr 67, dir 54, pm 50. Total gaps: mgr 1+2+0, dir 2+4+0, pm 1+4+0.
    assert_eq!(
        ranked(&standard("lead", "mgr"), &fw),
        vec![("mgr".into(), 67, 3), ("dir".into(), 54, 6), ("pm".into(), 50, 5)]
    );
    // Nothing rated: every readiness is 0, so the total gap decides:
    // mgr 9, pm 10, dir 13 (framework order would be dir, pm, mgr).
    assert_eq!(
        ranked(&plan("lead", "mgr", &[]), &fw),
        vec![("mgr".into(), 0, 9), ("pm".into(), 0, 10), ("dir".into(), 0, 13)]
    );
    // Everything at 5: all 100 with no gap, so framework order decides.
    assert_eq!(
        ranked(
            &plan("lead", "mgr", &[("talk", 5), ("plan", 5), ("sway", 5)]),
            &fw
        ),
        vec![
            ("dir".into(), 100, 0),
            ("pm".into(), 100, 0),
            ("mgr".into(), 100, 0)
        ]
    );
    // Only target roles are ranked (ic and lead are not targets).
    assert_eq!(ranking(&standard("lead", "mgr"), &fw, Rater::Own).len(), 3);
}

#[test]
fn route_is_shortest_and_prefers_steps() {
    let fw = framework();
    let r = |from: &str, to: &str| route(&fw, &role(from), &role(to));
    assert_eq!(r("lead", "mgr"), Some(roles(&["lead", "mgr"])));
    assert_eq!(r("ic", "pm"), Some(roles(&["ic", "lead", "pm"])));
    // Two routes of length 2 lead from lead to dir: lead→pm→dir ends with a
    // lateral move, lead→mgr→dir is all steps. Steps win, even though the
    // move to pm comes first in the file.
    assert_eq!(r("lead", "dir"), Some(roles(&["lead", "mgr", "dir"])));
    assert_eq!(r("ic", "dir"), Some(roles(&["ic", "lead", "mgr", "dir"])));
    // A lateral move when it is the only (shortest) way.
    assert_eq!(r("mgr", "pm"), Some(roles(&["mgr", "pm"])));
    // pm→dir: the direct lateral (1 move) beats pm→mgr→dir (2 moves).
    assert_eq!(r("pm", "dir"), Some(roles(&["pm", "dir"])));
    // The same role: a route of one role.
    assert_eq!(r("pm", "pm"), Some(roles(&["pm"])));
    // No way back down, and no way out of dir.
    assert_eq!(r("dir", "ic"), None);
    assert_eq!(r("mgr", "lead"), None);
    assert_eq!(r("lead", "unknown"), None);
}

#[test]
fn route_among_equal_routes_follows_file_order() {
    // Two all-step routes of equal length: a→b→d and a→c→d. The first move
    // in the file wins; swapping the two moves from `a` swaps the answer.
    let text = SMALL.replace(
        r#"Transition(from: "pm", to: "dir", kind: Lateral)"#,
        r#"Transition(from: "pm", to: "dir", kind: Step)"#,
    );
    let fw = storage::parse_framework(Path::new("small.ron"), &text).expect("valid");
    // lead→pm comes before lead→mgr in the file.
    assert_eq!(
        route(&fw, &role("lead"), &role("dir")),
        Some(roles(&["lead", "pm", "dir"]))
    );
    let swapped = text.replace(
        "Transition(from: \"lead\", to: \"pm\", kind: Step),\n        Transition(from: \"lead\", to: \"mgr\", kind: Step),",
        "Transition(from: \"lead\", to: \"mgr\", kind: Step),\n        Transition(from: \"lead\", to: \"pm\", kind: Step),",
    );
    assert_ne!(swapped, text);
    let fw = storage::parse_framework(Path::new("small.ron"), &swapped).expect("valid");
    assert_eq!(
        route(&fw, &role("lead"), &role("dir")),
        Some(roles(&["lead", "mgr", "dir"]))
    );
}

#[test]
fn route_steps_carry_readiness_and_gaps() {
    let fw = framework();
    let p = standard("ic", "dir");
    let steps = route_steps(&p, &fw, Rater::Own);
    let summary: Vec<(String, Option<MoveKind>, u8, u32)> = steps
        .iter()
        .map(|s| {
            (
                s.readiness.role.to_string(),
                s.via,
                s.readiness.readiness,
                s.readiness.total_gap,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            // ic: (1+0+1)/3 = 67, gap plan 1
            ("ic".into(), None, 67, 1),
            // lead: (2+0+2)/6 = 67, gap plan 2
            ("lead".into(), Some(MoveKind::Step), 67, 2),
            // mgr: 6/9 = 67, gaps talk 1 + plan 2
            ("mgr".into(), Some(MoveKind::Step), 67, 3),
            // dir: 7/13 = 54, gaps talk 2 + plan 4
            ("dir".into(), Some(MoveKind::Step), 54, 6),
        ]
    );
    assert_eq!(
        steps[1].readiness.gaps,
        vec![
            g("talk", Some(2), Some(2), 0),
            g("plan", None, Some(2), 2),
            g("sway", Some(5), Some(2), 0)
        ]
    );
    // A lateral move is reported as such.
    let lateral = route_steps(&standard("mgr", "pm"), &fw, Rater::Own);
    assert_eq!(
        lateral.iter().map(|s| s.via).collect::<Vec<_>>(),
        vec![None, Some(MoveKind::Lateral)]
    );
    // No route: nothing.
    assert_eq!(route_steps(&standard("dir", "ic"), &fw, Rater::Own), Vec::new());
    // Same role: one step.
    let same = route_steps(&standard("pm", "pm"), &fw, Rater::Own);
    assert_eq!(same.len(), 1);
    assert_eq!(same[0].readiness.readiness, 50);
}

fn snap_skill(own: Option<u8>, mentor: Option<u8>, evidence: &str) -> SnapshotSkill {
    SnapshotSkill {
        self_rating: own.map(lvl),
        mentor_rating: mentor.map(lvl),
        evidence: evidence.into(),
    }
}

fn snapshot(target: &str, skills: &[(&str, SnapshotSkill)], items: &[(u64, &str, Status)]) -> Snapshot {
    Snapshot {
        id: ItemId(100),
        date: date(2026, 10, 1),
        label: String::new(),
        target_role: role(target),
        skills: skills.iter().map(|(id, s)| (skill(id), s.clone())).collect(),
        items: items
            .iter()
            .map(|&(id, text, status)| {
                (
                    ItemId(id),
                    SnapshotItem {
                        text: text.into(),
                        status,
                    },
                )
            })
            .collect(),
        session: None,
    }
}

fn change(id: u64, text: &str, before: Option<Status>, after: Option<Status>) -> ItemChange {
    ItemChange {
        id: ItemId(id),
        text: text.into(),
        before,
        after,
    }
}

fn rating(id: &str, rater: Rater, before: Option<u8>, after: Option<u8>) -> RatingChange {
    RatingChange {
        skill: skill(id),
        rater,
        before: before.map(lvl),
        after: after.map(lvl),
    }
}

#[test]
fn snapshot_diff() {
    use Status::{Done, Dropped, InProgress, Open};
    let before = snapshot(
        "mgr",
        &[
            ("talk", snap_skill(Some(2), None, "a")),
            ("plan", snap_skill(Some(1), Some(2), "")),
            ("sway", snap_skill(Some(3), Some(3), "x")),
        ],
        &[
            (1, "A", Open),
            (2, "B", InProgress),
            (3, "C", Open),
            (4, "D", Open),
            (5, "E", Done),
            (6, "F", Open),
        ],
    );
    let after = snapshot(
        "pm",
        &[
            ("talk", snap_skill(Some(3), Some(2), "a")),
            ("plan", snap_skill(Some(1), Some(1), "new")),
        ],
        &[
            (1, "A", Done),
            (2, "B2", Dropped),
            (3, "C", InProgress),
            (4, "D", Open),
            (5, "E", Open),
            (7, "G", Open),
            (8, "H", Done),
            (9, "I", Dropped),
        ],
    );
    let d = diff_snapshots(&before, &after);
    assert_eq!(d.target, Some((role("mgr"), role("pm"))));
    // Self ratings first, then the mentor's; skills in id order (plan, sway, talk).
    assert_eq!(
        d.ratings,
        vec![
            rating("sway", Rater::Own, Some(3), None),
            rating("talk", Rater::Own, Some(2), Some(3)),
            rating("plan", Rater::Mentor, Some(2), Some(1)),
            rating("sway", Rater::Mentor, Some(3), None),
            rating("talk", Rater::Mentor, None, Some(2)),
        ]
    );
    assert_eq!(
        d.ratings.iter().map(RatingChange::delta).collect::<Vec<_>>(),
        vec![-3, 1, -1, -3, 2]
    );
    assert_eq!(d.evidence, vec![skill("plan"), skill("sway")]);
    assert_eq!(
        d.added,
        vec![
            change(7, "G", None, Some(Open)),
            change(8, "H", None, Some(Done)),
            change(9, "I", None, Some(Dropped))
        ]
    );
    // Added and finished between the two snapshots counts as added AND as done/dropped.
    assert_eq!(
        d.completed,
        vec![
            change(1, "A", Some(Open), Some(Done)),
            change(8, "H", None, Some(Done))
        ]
    );
    // The text reported is the later one.
    assert_eq!(
        d.dropped,
        vec![
            change(2, "B2", Some(InProgress), Some(Dropped)),
            change(9, "I", None, Some(Dropped))
        ]
    );
    assert_eq!(
        d.other,
        vec![
            change(3, "C", Some(Open), Some(InProgress)),
            change(5, "E", Some(Done), Some(Open))
        ]
    );
    assert_eq!(d.removed, vec![change(6, "F", Some(Open), None)]);
    assert!(!d.is_empty());

    // Nothing changed.
    assert!(diff_snapshots(&before, &before).is_empty());
    // The reverse direction: what was added is removed, and so on.
    let back = diff_snapshots(&after, &before);
    assert_eq!(
        back.removed.iter().map(|c| c.id.0).collect::<Vec<_>>(),
        vec![7, 8, 9]
    );
    assert_eq!(back.added.iter().map(|c| c.id.0).collect::<Vec<_>>(), vec![6]);
    assert_eq!(back.completed.iter().map(|c| c.id.0).collect::<Vec<_>>(), vec![5]);
    // 1 done → open, 2 dropped → in progress, 3 in progress → open.
    assert_eq!(
        back.other.iter().map(|c| c.id.0).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert_eq!(back.dropped, Vec::new());
}

#[test]
fn snapshot_diff_of_a_plan_over_time() {
    // take_snapshot, edit, take_snapshot again: the diff sees the edits.
    let fw = framework();
    let mut p = standard("lead", "mgr");
    p.checklist
        .push(ChecklistItem::new(ItemId(1), "One", date(2026, 1, 1)));
    p.next_id = 2;
    let first = p.take_snapshot(ItemId(10), date(2026, 1, 1), "Start", None);
    p.skills.entry(skill("plan")).or_default().self_rating = Some(lvl(2));
    p.checklist[0].status = Status::Done;
    let second = p.take_snapshot(ItemId(11), date(2026, 2, 1), "Later", None);
    let d = diff_snapshots(&first, &second);
    assert_eq!(d.ratings, vec![rating("plan", Rater::Own, None, Some(2))]);
    assert_eq!(
        d.completed,
        vec![change(1, "One", Some(Status::Open), Some(Status::Done))]
    );
    assert_eq!(readiness(&p, &fw, &role("mgr"), Rater::Own), 89); // (2+2+4)/9 = 88.9
}

#[test]
fn a_snapshot_built_on_the_one_before_holds_exactly_the_checklist_now() {
    let mut p = standard("lead", "mgr");
    for (id, text) in [(1, "Keep"), (2, "Rename"), (3, "Remove"), (4, "Finish")] {
        p.checklist
            .push(ChecklistItem::new(ItemId(id), text, date(2026, 1, 1)));
    }
    p.next_id = 5;
    let first = p.take_snapshot(ItemId(10), date(2026, 1, 1), "Start", None);
    p.snapshots.push(first);
    p.checklist[1].text = "Renamed".into();
    p.checklist.retain(|i| i.id != ItemId(3));
    p.checklist[2].status = Status::Done;
    p.checklist
        .push(ChecklistItem::new(ItemId(5), "New", date(2026, 2, 1)));
    let second = p.take_snapshot(ItemId(11), date(2026, 2, 1), "Later", None);
    let held: Vec<(u64, String, Status)> = second
        .items
        .iter()
        .map(|(id, item)| (id.0, item.text.to_string(), item.status))
        .collect();
    assert_eq!(
        held,
        vec![
            (1, "Keep".to_owned(), Status::Open),
            (2, "Renamed".to_owned(), Status::Open),
            (4, "Finish".to_owned(), Status::Done),
            (5, "New".to_owned(), Status::Open),
        ]
    );
    // The unchanged item's text is the same allocation as the snapshot before.
    let before = &p.snapshots[0].items[&ItemId(1)].text;
    assert!(second.items[&ItemId(1)].text.ptr_eq(before));
    // The snapshot before is untouched.
    assert_eq!(p.snapshots[0].items.len(), 4);
    assert_eq!(p.snapshots[0].items[&ItemId(3)].text.as_str(), "Remove");
}

fn ids(actions: &[&trailmap::model::ActionTemplate]) -> Vec<String> {
    actions.iter().map(|a| a.id.to_string()).collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

#[test]
fn seeding_picks_by_gap_band_and_role() {
    let fw = framework();
    // lead → mgr; talk 2, plan unrated, sway 1. Route roles: [mgr].
    let p = plan("lead", "mgr", &[("talk", 2), ("sway", 1)]);
    assert_eq!(route_roles(&p, &fw), roles(&["mgr"]));
    // talk: need 3, gap 1, quota 2, levels to climb 2..=2. Candidates in
    //   band order: talk-basics (1-2), talk-groups (2-3), talk-mgr (mgr, 2-3),
    //   talk-any (no band). talk-pm is for pm, talk-exec (4-5) is out of band.
    // plan: need 2, gap 2, quota 3, levels 1..=1: only plan-why (plan-roadmap is for pm).
    // sway: need 4, gap 3, quota 4, levels 1..=3: sway-trust (1-2, holds 1),
    //   sway-mgr (no band, holds 1), then sway-allies (2-4, does not hold 1);
    //   sway-board (5-5) is out of band.
    let picked = suggestions(&p, &fw);
    assert_eq!(
        ids(&picked),
        strings(&[
            "talk-basics",
            "talk-groups",
            "plan-why",
            "sway-trust",
            "sway-mgr",
            "sway-allies"
        ])
    );
    // Deterministic.
    assert_eq!(ids(&suggestions(&p, &fw)), ids(&picked));

    // The same ratings toward pm: talk need 3 (levels 2..=2: talk-pm's band
    // 3-4 is out), plan need 4 (gap 4, quota 4, levels 1..=3: plan-why holds
    // 1, plan-roadmap 3-4 overlaps), sway need 3 (gap 2, quota 3, levels
    // 1..=2: sway-trust, then sway-allies; sway-mgr is for mgr only).
    let to_pm = plan("lead", "pm", &[("talk", 2), ("sway", 1)]);
    assert_eq!(
        ids(&suggestions(&to_pm, &fw)),
        strings(&[
            "talk-basics",
            "talk-groups",
            "plan-why",
            "plan-roadmap",
            "sway-trust",
            "sway-allies"
        ])
    );

    // No gap, nothing to seed.
    let done = plan("lead", "mgr", &[("talk", 5), ("plan", 5), ("sway", 5)]);
    assert_eq!(suggestions(&done, &fw).len(), 0);
}

#[test]
fn seeding_uses_every_role_on_the_route() {
    let fw = framework();
    // ic → dir goes through lead and mgr, so mgr's actions are in and the
    // need is the highest on the route (dir's).
    let p = plan("ic", "dir", &[("talk", 3), ("plan", 3), ("sway", 4)]);
    assert_eq!(route_roles(&p, &fw), roles(&["lead", "mgr", "dir"]));
    // talk: need 4, gap 1, quota 2, levels 3..=3: talk-groups (2-3, holds 3),
    //   talk-mgr (2-3, holds 3), talk-any; talk-pm is for pm.
    // plan: need 4, gap 1, quota 2, levels 3..=3: nothing (plan-why 1-2, plan-roadmap is pm's).
    // sway: need 5, gap 1, quota 2, levels 4..=4: sway-allies (2-4 holds 4),
    //   sway-mgr (no band); sway-board's 5-5 is above the levels to climb.
    assert_eq!(
        ids(&suggestions(&p, &fw)),
        strings(&["talk-groups", "talk-mgr", "sway-allies", "sway-mgr"])
    );
    // No route (dir has no moves out): only the target's needs and actions.
    let stuck = plan("dir", "mgr", &[("talk", 3), ("plan", 2), ("sway", 3)]);
    assert_eq!(route_roles(&stuck, &fw), roles(&["mgr"]));
    // sway: need 4, gap 1, quota 2, levels 3..=3: sway-allies, sway-mgr.
    assert_eq!(
        ids(&suggestions(&stuck, &fw)),
        strings(&["sway-allies", "sway-mgr"])
    );
}

fn seeded(id: u64, source: &str, skill_id: &str, status: Status) -> ChecklistItem {
    ChecklistItem {
        skill: Some(skill(skill_id)),
        source: Some(ActionId::new(source)),
        status,
        ..ChecklistItem::new(ItemId(id), source, date(2026, 1, 1))
    }
}

#[test]
fn seeding_counts_active_items_and_never_repeats_one() {
    let fw = framework();
    let mut p = plan("lead", "mgr", &[("talk", 2), ("sway", 1)]);
    p.checklist = vec![
        // Done: not active, but never suggested again.
        seeded(1, "talk-basics", "talk", Status::Done),
        // Open: counts toward talk's quota of 2.
        seeded(2, "talk-groups", "talk", Status::Open),
        // Dropped: never suggested again, does not count.
        seeded(3, "sway-trust", "sway", Status::Dropped),
        // A hand-written item: not from the library, does not count.
        ChecklistItem {
            skill: Some(skill("sway")),
            ..ChecklistItem::new(ItemId(4), "My own", date(2026, 1, 1))
        },
    ];
    p.next_id = 5;
    // talk: quota 2 - 1 active = 1: talk-mgr. plan: plan-why. sway: quota 4:
    // sway-mgr, sway-allies (sway-trust is on the list already).
    assert_eq!(
        ids(&suggestions(&p, &fw)),
        strings(&["talk-mgr", "plan-why", "sway-mgr", "sway-allies"])
    );

    // Seed them through a document, as the app and `trailmap new` do.
    let today = date(2026, 11, 2);
    let items = seed_items(&p, &fw, today, p.next_id);
    assert_eq!(items.iter().map(|i| i.id.0).collect::<Vec<_>>(), vec![5, 6, 7, 8]);
    assert_eq!(items[0].text, "A2");
    assert_eq!(items[0].skill, Some(skill("talk")));
    assert_eq!(items[0].role, Some(role("mgr")));
    assert_eq!(items[0].source, Some(ActionId::new("talk-mgr")));
    assert_eq!(items[0].status, Status::Open);
    assert_eq!(items[0].created, today);
    assert_eq!(items[1].role, None);
    let mut doc = Document::new(p);
    let start = doc.plan().checklist.len();
    doc.apply(Command::InsertItems(
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| (start + i, item))
            .collect(),
    ))
    .expect("fresh ids");
    assert_eq!(doc.plan().next_id, 9);
    // A second run adds nothing.
    assert_eq!(suggestions(doc.plan(), &fw).len(), 0);
    assert_eq!(seed_items(doc.plan(), &fw, today, doc.plan().next_id), Vec::new());

    // Finishing an action frees a place in the quota, but never brings the
    // same action back: done talk-groups makes room for talk-any.
    let mut p = doc.plan().clone();
    let i = p.item_index(ItemId(2)).expect("item 2");
    p.checklist[i].status = Status::Done;
    assert_eq!(ids(&suggestions(&p, &fw)), strings(&["talk-any"]));
}

#[test]
fn seeding_quota_is_capped_at_four() {
    // One more talk action without a band, so talk has five candidates.
    let text = SMALL.replace(
        r#"ActionTemplate(id: "sway-mgr""#,
        r#"ActionTemplate(id: "talk-extra", title: "A12", detail: "", skill: "talk"),
        ActionTemplate(id: "sway-mgr""#,
    );
    let fw = storage::parse_framework(Path::new("small.ron"), &text).expect("valid");
    // Everything unrated toward dir from lead: sway need 5, gap 5, quota
    // min(6, 4) = 4, levels 1..=4: sway-trust, sway-mgr (mgr is on the
    // route lead→mgr→dir), sway-allies; that is all the band allows.
    let p = plan("lead", "dir", &[]);
    let sway: Vec<String> = suggestions(&p, &fw)
        .iter()
        .filter(|a| a.skill == skill("sway"))
        .map(|a| a.id.to_string())
        .collect();
    assert_eq!(sway, strings(&["sway-trust", "sway-mgr", "sway-allies"]));
    // talk: need 4, gap 4, quota min(5, 4) = 4, levels 1..=3. Five
    // candidates: basics (1-2, holds 1), any and extra (no band), then
    // groups and mgr (2-3, above 1). The fifth, talk-mgr, is cut.
    let talk: Vec<String> = suggestions(&p, &fw)
        .iter()
        .filter(|a| a.skill == skill("talk"))
        .map(|a| a.id.to_string())
        .collect();
    assert_eq!(
        talk,
        strings(&["talk-basics", "talk-any", "talk-extra", "talk-groups"])
    );
    assert_eq!(analysis::MAX_SEEDED_PER_SKILL, 4);
}

fn item(id: u64, status: Status, due: Option<Date>, skill_id: Option<&str>) -> ChecklistItem {
    ChecklistItem {
        status,
        due,
        skill: skill_id.map(skill),
        ..ChecklistItem::new(ItemId(id), format!("item {id}"), date(2026, 1, 1))
    }
}

#[test]
fn action_counts_and_overdue() {
    let today = date(2026, 11, 10);
    let mut p = plan("lead", "mgr", &[]);
    p.checklist = vec![
        item(1, Status::Open, Some(date(2026, 11, 9)), Some("talk")), // overdue
        item(2, Status::InProgress, Some(date(2026, 11, 1)), Some("talk")), // overdue
        item(3, Status::Open, Some(today), Some("plan")),             // due today: not overdue
        item(4, Status::Done, Some(date(2026, 1, 1)), Some("talk")),  // done: never overdue
        item(5, Status::Dropped, Some(date(2026, 1, 1)), None),       // dropped: never overdue
        item(6, Status::Open, None, None),                            // no date
    ];
    let counts = ActionCounts::of(&p.checklist, today);
    assert_eq!(
        counts,
        ActionCounts {
            open: 3,
            in_progress: 1,
            done: 1,
            dropped: 1,
            overdue: 2,
        }
    );
    assert_eq!(counts.counted(), 5);
    assert!((counts.fraction_done() - 0.2).abs() < 1e-6);
    assert!((ActionCounts::default().fraction_done() - 1.0).abs() < 1e-6);
    // A day later, item 3 is overdue too.
    assert_eq!(ActionCounts::of(&p.checklist, date(2026, 11, 11)).overdue, 3);
    // Per skill: talk has 1, 2 and 4; no skill has 5 and 6.
    let talk = counts_for_skill(&p, Some(&skill("talk")), today);
    assert_eq!(
        (talk.open, talk.in_progress, talk.done, talk.overdue),
        (1, 1, 1, 2)
    );
    let unskilled = counts_for_skill(&p, None, today);
    assert_eq!((unskilled.open, unskilled.dropped, unskilled.overdue), (1, 1, 0));
    assert!(!p.checklist[2].is_overdue(today));
    assert!(p.checklist[0].is_overdue(today));
}

#[test]
fn summary_of_a_small_plan() {
    let fw = framework();
    let mut p = standard("lead", "dir");
    p.skills.entry(skill("talk")).or_default().mentor_rating = Some(lvl(3));
    let s = analysis::summarize(&p, &fw, date(2026, 11, 10));
    // mgr 67, dir 54, pm 50.
    assert_eq!(s.ranking, roles(&["mgr", "dir", "pm"]));
    // Roles in framework order: dir 54, pm 50, mgr 67.
    assert_eq!(
        s.roles
            .iter()
            .map(|r| (r.id.to_string(), r.readiness))
            .collect::<Vec<_>>(),
        vec![("dir".into(), 54), ("pm".into(), 50), ("mgr".into(), 67)]
    );
    // The mentor rated only talk, so no mentor readiness for any role.
    assert!(s.roles.iter().all(|r| r.mentor_readiness.is_none()));
    // Route lead → mgr → dir with readiness 67, 67, 54.
    assert_eq!(
        s.route
            .iter()
            .map(|r| (r.id.to_string(), r.readiness))
            .collect::<Vec<_>>(),
        vec![("lead".into(), 67), ("mgr".into(), 67), ("dir".into(), 54)]
    );
    // With every skill rated by the mentor (talk 3, plan 1, sway 4):
    // mgr (3+1+4)/9 = 88.9 -> 89.
    p.skills.entry(skill("plan")).or_default().mentor_rating = Some(lvl(1));
    p.skills.entry(skill("sway")).or_default().mentor_rating = Some(lvl(4));
    let s = analysis::summarize(&p, &fw, date(2026, 11, 10));
    let mgr = s.roles.iter().find(|r| r.id == role("mgr")).expect("mgr");
    assert_eq!(mgr.mentor_readiness, Some(89));
}
