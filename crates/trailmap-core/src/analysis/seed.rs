//! Seeding a checklist from the framework's action library.

use jiff::civil::Date;

use super::route::route;
use crate::model::{ActionTemplate, ChecklistItem, Framework, ItemId, Level, Plan, RoleId, Status};

/// At most this many seeded actions per skill are active at once.
pub const MAX_SEEDED_PER_SKILL: usize = 4;

/// The roles a plan is working toward: every role on the route after the
/// current one (the target last), or only the target when there is no route.
pub fn route_roles(plan: &Plan, framework: &Framework) -> Vec<RoleId> {
    match route(framework, &plan.current_role, &plan.target_role) {
        Some(path) if path.len() > 1 => path.into_iter().skip(1).collect(),
        _ => vec![plan.target_role.clone()],
    }
}

/// The library actions to add for the plan's gaps, in the order to add them.
///
/// For each framework skill, the need is the highest level any role on the
/// route requires and the gap is that need minus the self rating (unrated
/// counts as 0). A skill with a gap gets up to `min(gap + 1, 4)` active seeded
/// actions: those already on the checklist from the library (open or in
/// progress) count toward that, and an action already on the checklist in any
/// status is never suggested again. Candidates are the skill's actions that
/// are for no particular role or for a role on the route, and whose level band
/// (if any) overlaps the levels still to climb; the ones whose band holds the
/// current rating come first, then library order. The result is deterministic,
/// and seeding twice in a row adds nothing the second time.
pub fn suggestions<'a>(plan: &Plan, framework: &'a Framework) -> Vec<&'a ActionTemplate> {
    let roles = route_roles(plan, framework);
    let mut picked = Vec::new();
    for skill in &framework.skills {
        let need = roles
            .iter()
            .filter_map(|r| plan.required(framework, r, &skill.id))
            .max();
        let Some(need) = need else { continue };
        let have = plan.self_rating(&skill.id);
        let gap = need.get().saturating_sub(have.map_or(0, Level::get));
        if gap == 0 {
            continue;
        }
        let active = plan
            .checklist
            .iter()
            .filter(|i| i.source.is_some() && i.skill.as_ref() == Some(&skill.id) && i.status.is_active())
            .count();
        let quota = (usize::from(gap) + 1)
            .min(MAX_SEEDED_PER_SKILL)
            .saturating_sub(active);
        if quota == 0 {
            continue;
        }
        let start = have.unwrap_or(Level::MIN);
        let top = need.down().unwrap_or(Level::MIN).max(start);
        let mut candidates: Vec<(bool, usize, &ActionTemplate)> = framework
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| a.skill == skill.id)
            .filter(|(_, a)| a.role.as_ref().is_none_or(|r| roles.contains(r)))
            .filter(|(_, a)| a.levels.is_none_or(|band| band.overlaps(start, top)))
            .filter(|(_, a)| !plan.checklist.iter().any(|i| i.source.as_ref() == Some(&a.id)))
            .map(|(index, a)| (!a.levels.is_none_or(|band| band.contains(start)), index, a))
            .collect();
        candidates.sort_by_key(|(later, index, _)| (*later, *index));
        picked.extend(candidates.into_iter().take(quota).map(|(_, _, a)| a));
    }
    picked
}

/// Checklist items for [`suggestions`], numbered from `first_id`, dated `today`.
pub fn seed_items(plan: &Plan, framework: &Framework, today: Date, first_id: u64) -> Vec<ChecklistItem> {
    suggestions(plan, framework)
        .into_iter()
        .zip(first_id..)
        .map(|(action, id)| item_from_action(action, ItemId(id), today))
        .collect()
}

/// A new open checklist item for a library action.
pub fn item_from_action(action: &ActionTemplate, id: ItemId, today: Date) -> ChecklistItem {
    ChecklistItem {
        skill: Some(action.skill.clone()),
        role: action.role.clone(),
        status: Status::Open,
        notes: action.detail.clone(),
        source: Some(action.id.clone()),
        ..ChecklistItem::new(id, action.title.clone(), today)
    }
}

/// A new plan for `name` with its checklist seeded for its gaps, as a
/// document history would build it (one insert of fresh items), dated
/// `today`.
pub fn seeded_plan(name: &str, framework: &Framework, role: RoleId, target: RoleId, today: Date) -> Plan {
    let mut doc = crate::model::Document::new(Plan::new(name, framework, role, target));
    let items = seed_items(doc.plan(), framework, today, doc.plan().next_id);
    let start = doc.plan().checklist.len();
    let items = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| (start + i, item))
        .collect();
    // Fresh numbers on an empty checklist cannot clash.
    let _ = doc.apply(crate::model::Command::InsertItems(items));
    doc.plan().clone()
}

/// What to do next about the largest gap toward the target: the skill, how
/// far short it is, the actions already open for it (overdue first, then by
/// due date, then checklist order), and library actions for it that are not
/// on the checklist yet (those that fit the current level first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextForGap {
    /// The skill with the largest gap (ties: the first in the plan's order).
    pub skill: crate::model::SkillId,
    /// How many levels short.
    pub gap: u8,
    /// Open or in-progress actions for the skill, at most `limit`.
    pub open: Vec<ItemId>,
    /// Library actions for the skill not on the checklist, at most `limit`.
    pub suggested: Vec<crate::model::ActionId>,
}

/// [`NextForGap`] for the plan's target, or `None` when no skill falls short.
pub fn next_for_largest_gap(
    plan: &Plan,
    framework: &Framework,
    today: Date,
    limit: usize,
) -> Option<NextForGap> {
    let gaps = super::gaps(plan, framework, &plan.target_role, super::Rater::Own);
    let largest = gaps
        .iter()
        .filter(|g| g.gap > 0)
        .fold(None, |best: Option<&super::SkillGap>, g| {
            if best.is_some_and(|b| b.gap >= g.gap) {
                best
            } else {
                Some(g)
            }
        })?;
    let mut open: Vec<&ChecklistItem> = plan
        .checklist
        .iter()
        .filter(|i| i.status.is_active() && i.skill.as_ref() == Some(&largest.skill))
        .collect();
    // A stable sort: overdue first, then the nearest due date, then no date.
    open.sort_by_key(|i| (!i.is_overdue(today), i.due.is_none(), i.due));
    let on_list: Vec<&crate::model::ActionId> =
        plan.checklist.iter().filter_map(|i| i.source.as_ref()).collect();
    let rating = largest.rating;
    let mut suggested: Vec<&ActionTemplate> = framework
        .actions
        .iter()
        .filter(|a| a.skill == largest.skill && !on_list.contains(&&a.id))
        .collect();
    suggested.sort_by_key(|a| {
        !a.levels
            .is_some_and(|band| rating.is_some_and(|r| band.min <= r && r <= band.max))
    });
    Some(NextForGap {
        skill: largest.skill.clone(),
        gap: largest.gap,
        open: open.into_iter().take(limit).map(|i| i.id).collect(),
        suggested: suggested.into_iter().take(limit).map(|a| a.id.clone()).collect(),
    })
}
