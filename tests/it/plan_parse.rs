//! The fast plan reader (`storage::parse_plan_fast`) against `ron`, the
//! reader it stands in for: whenever the fast reader answers, `ron` must give
//! the same plan, on written plans, examples, the bad-input corpus and
//! thousands of damaged files.

use std::path::Path;

use proptest::prelude::*;

use trailmap::model::Plan;
use trailmap::storage::parse_plan_fast;
use trailmap::storage::{builtin, plan_to_string};
use trailmap_testkit::stress;

/// What `ron` makes of `text`, as `storage::parse` calls it.
fn ron_plan(text: &str) -> Option<Plan> {
    ron::Options::default()
        .with_recursion_limit(128)
        .from_str(text)
        .ok()
}

/// The safety property: whenever the fast reader answers, `ron` agrees.
fn agrees(text: &str) -> Result<(), TestCaseError> {
    if let Some(fast) = parse_plan_fast(text) {
        let slow = ron_plan(text);
        prop_assert_eq!(
            Some(&fast),
            slow.as_ref(),
            "the fast reader accepted what ron reads otherwise:\n{}",
            text
        );
    }
    Ok(())
}

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Texts to damage: written plans, an example as people write them, and
/// the small plan the bad-input corpus is made from.
fn seeds() -> &'static [String] {
    static SEEDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(make_seeds)
}

fn make_seeds() -> Vec<String> {
    let framework = builtin();
    let mut texts: Vec<String> = (0..6)
        .map(|n| plan_to_string(&stress::library_plan(n, &framework)))
        .collect();
    texts.push(example("saves/marcus-tech-lead-to-head-of-product.ron"));
    texts.push(example("tests/data/mini-plan.ron"));
    let (plan, _) = trailmap::storage::parse_plan(Path::new("m"), &texts[6]).expect("example");
    texts.push(plan_to_string(&plan));
    texts
}

const SNIPPETS: &[&str] = &[
    ",",
    ")",
    "(",
    "[",
    "]",
    "{",
    "}",
    ":",
    " ",
    "\n",
    "\t",
    "\"",
    "\\",
    "\\u{41}",
    "\\x41",
    "//c\n",
    "/*c*/",
    "1",
    "0",
    "007",
    "-1",
    "+1",
    "1_0",
    "0x1",
    "1.5",
    "99999999999999999999",
    "4294967296",
    "6",
    "true",
    "()",
    "[]",
    "{}",
    "Some(",
    "Some (",
    "None",
    "Some(1)",
    "Some(\"x\")",
    "x: 1,",
    "label: \"\",",
    "Plan",
    "#",
    "r#\"a\"#",
    "é",
    "\u{a0}",
    "\u{feff}",
    "status: Done,",
    "status: Open(),",
    "reached: true,",
    "id: 1,",
    "text: \"t\",",
    "since_previous: (),",
    "removed: [1],",
    "2026-13-01",
    "\"2026-02-30\"",
    "T25:00:00",
    "mentor_only: 1,",
    "format_version: 0,",
    "format_version: 9,",
    "#![enable(implicit_some)]",
];

#[derive(Clone, Debug)]
enum Damage {
    Delete(usize, usize),
    Insert(usize, usize),
    DuplicateLine(usize),
    DropLine(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), 1usize..6).prop_map(|(at, len)| Damage::Delete(at, len)),
        (any::<usize>(), 0..SNIPPETS.len()).prop_map(|(at, s)| Damage::Insert(at, s)),
        any::<usize>().prop_map(Damage::DuplicateLine),
        any::<usize>().prop_map(Damage::DropLine),
    ]
}

/// The nearest char boundary at or before `at`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply_damage(text: &str, damage: &Damage) -> String {
    match *damage {
        Damage::Delete(at, len) => {
            let start = boundary(text, at);
            let end = boundary(text, (start + len).min(text.len()));
            format!("{}{}", &text[..start], &text[end.max(start)..])
        }
        Damage::Insert(at, snippet) => {
            let at = boundary(text, at);
            format!("{}{}{}", &text[..at], SNIPPETS[snippet], &text[at..])
        }
        Damage::DuplicateLine(n) | Damage::DropLine(n) => {
            let lines: Vec<&str> = text.lines().collect();
            let n = n % lines.len().max(1);
            let mut out: Vec<&str> = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                if i != n || matches!(damage, Damage::DuplicateLine(_)) {
                    out.push(line);
                }
                if i == n && matches!(damage, Damage::DuplicateLine(_)) {
                    out.push(line);
                }
            }
            out.join("\n")
        }
    }
}

#[test]
fn reads_what_the_writer_writes() {
    for text in seeds() {
        let fast = parse_plan_fast(text);
        assert!(
            fast.is_some() || !text.starts_with("(\n  format_version"),
            "{text}"
        );
        if let Some(plan) = fast {
            assert_eq!(Some(plan), ron_plan(text));
        }
    }
    let (plan, _) = stress::stress_plan(3);
    assert_eq!(parse_plan_fast(&plan_to_string(&plan)), Some(plan));
}

/// Reading a plan keeps each later snapshot's checklist as its change from
/// the one before (built when first looked at), with either reader; the plan
/// read is still the plan written.
#[test]
fn reading_builds_only_the_first_snapshot_checklist() {
    let (plan, _) = stress::stress_plan(4);
    assert!(plan.snapshots.len() > 100);
    let text = plan_to_string(&plan);
    for (reader, read) in [("fast", parse_plan_fast(&text)), ("ron", ron_plan(&text))] {
        let read = read.unwrap_or_else(|| panic!("{reader} reads the stress plan"));
        let built: Vec<bool> = read.snapshots.iter().map(|s| s.items.is_built()).collect();
        assert!(built[0], "{reader}");
        assert!(!built[1..].contains(&true), "{reader}: {built:?}");
        // Looking at the newest builds it (and those before), and it is
        // what was written.
        let newest = read.snapshots.last().map(|s| s.items.len());
        assert_eq!(newest, plan.snapshots.last().map(|s| s.items.len()), "{reader}");
        assert!(read.snapshots.iter().all(|s| s.items.is_built()), "{reader}");
        assert_eq!(read, plan, "{reader}");
    }
}

#[test]
fn agrees_with_ron_on_the_bad_input_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("corpus").flatten() {
        let bytes = std::fs::read(entry.path()).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        agrees(&text).unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
        checked += 1;
    }
    assert!(checked > 40);
}

#[test]
fn empty_parentheses_and_odd_spacing() {
    for text in [
        "(format_version: 2, person: (), framework: (id: \"trailmap-leadership\"))",
        "(format_version: 2,)",
        "( format_version : 2 , next_id : 5 , )",
        "(format_version: 2, skills: {\"x\": ()})",
        "(format_version: 2, target_date: Some( \"2026-01-01\" ))",
        "(format_version: 2, snapshots: [(id: 1, date: \"2026-01-01\", target_role: \"x\", since_previous: ())])",
    ] {
        agrees(text).unwrap_or_else(|e| panic!("{e}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn never_disagrees_with_ron_on_damaged_files(
        seed in 0usize..9,
        damages in prop::collection::vec(damage(), 1..4),
    ) {
        let texts = seeds();
        let mut text = texts[seed % texts.len()].clone();
        for d in &damages {
            text = apply_damage(&text, d);
        }
        agrees(&text)?;
    }
}

#[test]
fn reads_the_records_for_merging_as_ron_does() {
    use trailmap::model::sync::merge::merge;
    use trailmap::model::{Command, Document, Replica};
    let (plan, _) = stress::stress_plan(5);
    let copy = |replica: u32| {
        let mut doc = Document::new(plan.clone());
        doc.set_replica(Replica(replica));
        doc.set_now(1_800_000_000_000);
        doc
    };
    let (mut a, mut b) = (copy(1), copy(2));
    // Texts changed apart (a conflict), deletions (the graveyard), an order.
    a.apply(Command::SetMentor("Dana \"D\" W.\n".into()))
        .expect("applies");
    b.apply(Command::SetMentor("Dana Whitfield-Ray".into()))
        .expect("applies");
    let gone = plan.checklist[3].id;
    a.apply(Command::RemoveItems(vec![gone])).expect("applies");
    let session = plan.sessions[0].id;
    b.apply(Command::RemoveSession(session)).expect("applies");
    let first = plan.checklist[0].id;
    a.apply(Command::MoveItem { id: first, to: 5 }).expect("applies");
    let merged = merge(a.plan(), b.plan()).expect("one plan");
    assert!(!merged.sync.conflicts.is_empty(), "a conflict");
    assert!(!merged.sync.graveyard.is_empty(), "deleted things");
    let text = plan_to_string(&merged);
    assert_eq!(parse_plan_fast(&text).as_ref(), Some(&merged));
    assert_eq!(ron_plan(&text).as_ref(), Some(&merged));
}
