//! The built-in framework (`assets/framework.ron`) and the example plans in
//! `saves/`: the shipped content is valid, keeps its stable ids, gives the
//! articles' time allocations exactly and marks every other figure as an
//! estimate.

use std::collections::BTreeSet;
use std::path::Path;

use trailmap::analysis::{self, Rater};
use trailmap::model::{Allocation, BUILTIN_FRAMEWORK_ID, Level, MoveKind, RoleId, SkillId, Source};
use trailmap::storage::{self, FrameworkCatalog};

const SKILLS: [&str; 4] = [
    "communication",
    "strategic-thinking",
    "influence",
    "decision-making",
];
const TARGETS: [&str; 4] = [
    "engineering-manager",
    "director-of-engineering",
    "product-manager",
    "head-of-product",
];

fn alloc(strategy: u8, people: u8, building: u8) -> Allocation {
    Allocation {
        strategy,
        people,
        building,
    }
}

#[test]
fn the_catalog_lists_frameworks_by_id_with_the_built_in_one_in_its_place() {
    let named = |id: &str, name: &str| {
        let mut fw = (*storage::builtin()).clone();
        fw.id = id.to_owned();
        fw.name = name.to_owned();
        fw
    };
    let ids = |catalog: &FrameworkCatalog| catalog.all().map(|f| f.id.clone()).collect::<Vec<_>>();
    let mut catalog = FrameworkCatalog::builtin_only();
    assert_eq!(ids(&catalog), [BUILTIN_FRAMEWORK_ID]);
    assert_eq!(
        catalog.get(BUILTIN_FRAMEWORK_ID).map(|f| f.name.clone()),
        Some(storage::builtin().name.clone())
    );
    assert!(catalog.get("zz-ours").is_none());

    catalog.add(named("zz-ours", "Ours, last"));
    catalog.add(named("aa-ours", "Ours, first"));
    assert_eq!(ids(&catalog), ["aa-ours", BUILTIN_FRAMEWORK_ID, "zz-ours"]);
    assert_eq!(
        catalog.get("zz-ours").map(|f| f.name.clone()).as_deref(),
        Some("Ours, last")
    );

    // A framework given with the built-in id stands in for the built-in one.
    catalog.add(named(BUILTIN_FRAMEWORK_ID, "A stand-in"));
    assert_eq!(ids(&catalog), ["aa-ours", BUILTIN_FRAMEWORK_ID, "zz-ours"]);
    assert_eq!(
        catalog
            .get(BUILTIN_FRAMEWORK_ID)
            .map(|f| f.name.clone())
            .as_deref(),
        Some("A stand-in")
    );
    assert_eq!(catalog.all().filter(|f| f.name == "A stand-in").count(), 1);
}

#[test]
fn builtin_framework_validates() {
    let fw = storage::builtin();
    assert_eq!(fw.validate(), Vec::new());
    assert_eq!(fw.id, BUILTIN_FRAMEWORK_ID);
    assert_eq!(fw.id, "trailmap-leadership");
    // The text printed by `framework --print` is the same framework.
    let reparsed =
        storage::parse_framework(Path::new("builtin.ron"), storage::BUILTIN_TEXT).expect("the text parses");
    assert_eq!(&reparsed, fw.as_ref());
}

#[test]
fn stable_skill_ids_with_five_levels_each() {
    let fw = storage::builtin();
    let ids: Vec<&str> = fw.skills.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, SKILLS);
    for skill in &fw.skills {
        assert_eq!(skill.levels.len(), 5, "{}", skill.id);
        for (i, text) in skill.levels.iter().enumerate() {
            assert!(
                text.trim().len() > 20,
                "{} level {} is too short: {text:?}",
                skill.id,
                i + 1
            );
        }
        // The five descriptions differ.
        assert_eq!(
            skill.levels.iter().collect::<BTreeSet<_>>().len(),
            5,
            "{}",
            skill.id
        );
        assert!(!skill.name.trim().is_empty() && !skill.summary.trim().is_empty());
    }
}

#[test]
fn stable_role_ids_and_targets() {
    let fw = storage::builtin();
    for id in ["tech-lead"].iter().chain(TARGETS.iter()) {
        assert!(fw.role(&RoleId::new(*id)).is_some(), "role {id} is missing");
    }
    let targets: Vec<&str> = fw.targets().map(|r| r.id.as_str()).collect();
    assert_eq!(targets, TARGETS);
    let tech_lead = fw.role(&RoleId::new("tech-lead")).expect("tech-lead");
    assert!(!tech_lead.target, "tech lead is where people start, not a target");
    // Every role gives a level for each of the four skills.
    for role in &fw.roles {
        let skills: Vec<&str> = role.requires.keys().map(SkillId::as_str).collect();
        let mut expected = SKILLS.to_vec();
        expected.sort_unstable();
        assert_eq!(skills, expected, "{}", role.id);
    }
}

#[test]
fn allocations_from_the_articles_are_exact_and_marked() {
    let fw = storage::builtin();
    let role = |id: &str| fw.role(&RoleId::new(id)).expect("role exists");
    assert_eq!(role("engineering-manager").allocation, alloc(30, 50, 20));
    assert_eq!(role("product-manager").allocation, alloc(80, 10, 10));
    assert_eq!(role("tech-lead").allocation, alloc(30, 10, 60));
    for id in ["engineering-manager", "product-manager", "tech-lead"] {
        assert_eq!(role(id).allocation_source, Source::Articles, "{id}");
    }
    let from_articles: BTreeSet<&str> = ["engineering-manager", "product-manager", "tech-lead"].into();
    for r in &fw.roles {
        assert_eq!(r.allocation.total(), 100, "{}", r.id);
        if !from_articles.contains(r.id.as_str()) {
            assert_eq!(r.allocation_source, Source::Estimate, "{} allocation", r.id);
        }
        // The articles give no required levels: all of them are estimates.
        assert_eq!(r.requires_source, Source::Estimate, "{} requires", r.id);
    }
    assert_eq!(Source::Estimate.label(), "estimate");
}

#[test]
fn role_graph() {
    let fw = storage::builtin();
    let step = |from: &str, to: &str| {
        fw.transitions
            .iter()
            .any(|t| t.from.as_str() == from && t.to.as_str() == to && t.kind == MoveKind::Step)
    };
    assert!(step("tech-lead", "engineering-manager"));
    assert!(step("engineering-manager", "director-of-engineering"));
    assert!(step("tech-lead", "product-manager"));
    assert!(step("product-manager", "head-of-product"));
    assert!(
        fw.transitions.iter().any(|t| t.kind == MoveKind::Lateral),
        "lateral moves exist as data"
    );
    let r = |to: &str| {
        analysis::route(&fw, &RoleId::new("tech-lead"), &RoleId::new(to))
            .map(|path| path.iter().map(ToString::to_string).collect::<Vec<_>>())
    };
    assert_eq!(
        r("director-of-engineering"),
        Some(vec![
            "tech-lead".to_owned(),
            "engineering-manager".to_owned(),
            "director-of-engineering".to_owned()
        ])
    );
    assert_eq!(
        r("head-of-product"),
        Some(vec![
            "tech-lead".to_owned(),
            "product-manager".to_owned(),
            "head-of-product".to_owned()
        ])
    );
    // Every target can be reached from the tech lead.
    for target in TARGETS {
        assert!(r(target).is_some(), "{target}");
    }
}

#[test]
fn action_library() {
    let fw = storage::builtin();
    assert!(fw.actions.len() >= 40, "only {} actions", fw.actions.len());
    // Every core skill has actions, and at several levels.
    for skill in SKILLS {
        let actions: Vec<_> = fw.actions.iter().filter(|a| a.skill.as_str() == skill).collect();
        assert!(actions.len() >= 8, "{skill} has {} actions", actions.len());
        for level in [1, 3, 5] {
            let level = Level::new(level).expect("level");
            assert!(
                actions.iter().any(|a| a.levels.is_none_or(|b| b.contains(level))),
                "{skill} has no action for level {level}"
            );
        }
    }
    // Some actions that the articles name, by id.
    for id in [
        "infl-skill-will",
        "infl-lead-without-authority",
        "comm-align-in-team-meetings",
        "infl-champion-team",
    ] {
        assert!(fw.action(&trailmap::model::ActionId::new(id)).is_some(), "{id}");
    }
    let titles: BTreeSet<&str> = fw.actions.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles.len(), fw.actions.len(), "action titles are unique");
}

#[test]
fn example_plans_load_and_validate() {
    let catalog = FrameworkCatalog::builtin_only();
    let mut names = Vec::new();
    for entry in std::fs::read_dir("saves").expect("saves/ exists") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "ron") {
            let loaded = storage::load_plan(&path, &catalog).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(loaded.newer_format, None);
            assert_eq!(loaded.plan.check(&loaded.framework), Vec::new());
            names.push(path.file_name().expect("name").to_string_lossy().into_owned());
        }
    }
    names.sort();
    assert_eq!(
        names,
        [
            "marcus-tech-lead-to-head-of-product.ron",
            "priya-tech-lead-to-em.ron"
        ]
    );

    // The head-of-product example has mentor ratings, sessions and snapshots.
    let marcus = storage::load_plan(
        Path::new("saves/marcus-tech-lead-to-head-of-product.ron"),
        &catalog,
    )
    .expect("loads")
    .plan;
    assert_eq!(marcus.target_role, RoleId::new("head-of-product"));
    assert!(marcus.skills.values().any(|e| e.mentor_rating.is_some()));
    assert!(marcus.sessions.len() >= 2);
    assert!(marcus.snapshots.len() >= 2);
    let priya = storage::load_plan(Path::new("saves/priya-tech-lead-to-em.ron"), &catalog)
        .expect("loads")
        .plan;
    assert_eq!(priya.current_role, RoleId::new("tech-lead"));
    assert_eq!(priya.target_role, RoleId::new("engineering-manager"));
    // Priya: communication 3, strategic thinking 2, influence 3, decision-making 2;
    // EM needs 3/3/3/3: (3+2+3+2)/12 = 83.3 -> 83.
    let fw = storage::builtin();
    assert_eq!(
        analysis::readiness(&priya, &fw, &RoleId::new("engineering-manager"), Rater::Own),
        83
    );
}
