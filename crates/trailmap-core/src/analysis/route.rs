//! The route from one role to another through the framework's role graph.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::gaps::{Rater, RoleReadiness, role_readiness};
use crate::model::{Framework, MoveKind, Plan, RoleId};

/// The shortest chain of moves from `from` to `to`, both ends included, or
/// `None` when the graph has no way there. Among routes of equal length, the
/// one with fewer lateral moves wins, then framework order decides (the route
/// whose first differing move comes earlier in the file).
pub fn route(framework: &Framework, from: &RoleId, to: &RoleId) -> Option<Vec<RoleId>> {
    if from == to {
        return Some(vec![from.clone()]);
    }
    // Dijkstra's algorithm over the cost (moves, lateral moves, indexes of the
    // moves in the file), compared in that order. Extending two routes to the
    // same role by the same move keeps their order, so the first route settled
    // for a role is the best one to it. Role graphs are small; a linear scan
    // for the next role to settle is plenty.
    type Cost = (usize, usize, Vec<usize>);
    let mut best: BTreeMap<&RoleId, Cost> = BTreeMap::from([(from, (0, 0, Vec::new()))]);
    let mut settled: BTreeSet<&RoleId> = BTreeSet::new();
    loop {
        let (role, cost) = best
            .iter()
            .filter(|(role, _)| !settled.contains(*role))
            .min_by(|a, b| a.1.cmp(b.1))
            .map(|(role, cost)| (*role, cost.clone()))?;
        if role == to {
            let path = std::iter::once(from.clone())
                .chain(cost.2.iter().map(|&i| framework.transitions[i].to.clone()))
                .collect();
            return Some(path);
        }
        settled.insert(role);
        for (i, t) in framework
            .transitions
            .iter()
            .enumerate()
            .filter(|(_, t)| &t.from == role)
        {
            if settled.contains(&t.to) {
                continue;
            }
            let mut next = cost.clone();
            next.0 += 1;
            next.1 += usize::from(t.kind == MoveKind::Lateral);
            next.2.push(i);
            if best.get(&t.to).is_none_or(|old| next < *old) {
                best.insert(&t.to, next);
            }
        }
    }
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
