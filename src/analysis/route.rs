//! The route from one role to another through the framework's role graph.

use std::collections::{BTreeMap, VecDeque};

use serde::Serialize;

use super::gaps::{Rater, RoleReadiness, role_readiness};
use crate::model::{Framework, MoveKind, Plan, RoleId};

/// The shortest chain of moves from `from` to `to`, both ends included, or
/// `None` when the graph has no way there. Among routes of equal length, steps
/// up are preferred to lateral moves, then framework order decides.
pub fn route(framework: &Framework, from: &RoleId, to: &RoleId) -> Option<Vec<RoleId>> {
    if from == to {
        return Some(vec![from.clone()]);
    }
    // Breadth-first search; moves are tried steps first, each kind in file order.
    let mut moves: Vec<_> = framework.transitions.iter().collect();
    moves.sort_by_key(|t| match t.kind {
        MoveKind::Step => 0,
        MoveKind::Lateral => 1,
    });
    let mut came_from: BTreeMap<&RoleId, &RoleId> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    while let Some(role) = queue.pop_front() {
        for t in moves.iter().filter(|t| &t.from == role) {
            if &t.to == from || came_from.contains_key(&t.to) {
                continue;
            }
            came_from.insert(&t.to, role);
            if &t.to == to {
                let mut path = vec![to.clone()];
                let mut at = to;
                while let Some(prev) = came_from.get(at) {
                    path.push((*prev).clone());
                    at = prev;
                }
                path.reverse();
                return Some(path);
            }
            queue.push_back(&t.to);
        }
    }
    None
}

/// One role on the route, with how ready the plan is for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RouteStep {
    /// The move that leads here (`None` for the starting role).
    pub via: Option<MoveKind>,
    /// Readiness and gaps for the role.
    #[serde(flatten)]
    pub readiness: RoleReadiness,
}

/// The route from the plan's current role to its target, with readiness and
/// gaps at each role. Empty when the graph has no way there.
pub fn route_steps(plan: &Plan, framework: &Framework, rater: Rater) -> Vec<RouteStep> {
    let Some(path) = route(framework, &plan.current_role, &plan.target_role) else {
        return Vec::new();
    };
    let mut previous: Option<&RoleId> = None;
    path.iter()
        .map(|role| {
            let via = previous.map(|from| {
                framework
                    .transitions
                    .iter()
                    .filter(|t| &t.from == from && &t.to == role)
                    .map(|t| t.kind)
                    .next()
                    .unwrap_or(MoveKind::Step)
            });
            previous = Some(role);
            RouteStep {
                via,
                readiness: role_readiness(plan, framework, role, rater),
            }
        })
        .collect()
}
