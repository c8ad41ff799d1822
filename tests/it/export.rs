//! Export: golden Markdown and HTML for the example plan, the HTML parses and
//! holds no external URL, the charts parse and show what they should, and
//! user text is escaped in both formats.
//!
//! `UPDATE_GOLDEN=1 cargo test --test export` rewrites the files in
//! `tests/golden/` after a deliberate change; review the diff before committing.

use std::path::{Path, PathBuf};
use std::process::Command;

use jiff::civil::{Date, date};
use trailmap::export::{self, ExportOptions};
use trailmap::model::{Framework, Plan};
use trailmap::storage::{self, FrameworkCatalog};

const MARCUS: &str = "saves/marcus-tech-lead-to-head-of-product.ron";
const TODAY: Date = date(2026, 11, 22);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn marcus() -> (Plan, std::sync::Arc<Framework>) {
    let loaded =
        storage::load_plan(&root().join(MARCUS), &FrameworkCatalog::builtin_only()).expect("example plan");
    (loaded.plan, loaded.framework)
}

/// Compares `actual` with the golden file `name`, or rewrites it when
/// `UPDATE_GOLDEN` is set.
fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("golden folder")).expect("create tests/golden");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1 to create it", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output, first at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             (UPDATE_GOLDEN=1 rewrites it after a deliberate change)",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or(""),
            actual.lines().nth(line).unwrap_or("")
        );
    }
    assert!(
        actual.len() < 60_000,
        "{name} is {} bytes; keep golden files small",
        actual.len()
    );
}

fn options(prefix: Option<&str>) -> ExportOptions {
    ExportOptions {
        redact: false,
        image_prefix: prefix.map(str::to_owned),
    }
}

#[test]
fn markdown_matches_golden_and_says_what_matters() {
    let (plan, framework) = marcus();
    let md = export::markdown(&plan, &framework, TODAY, &options(Some("marcus")));
    golden("marcus.md", &md.text);
    golden("marcus-radar.svg", &md.radar_svg);
    golden("marcus-ranking.svg", &md.ranking_svg);

    let text = &md.text;
    assert!(
        text.starts_with("# Marcus Okafor: Tech lead → Head of product\n"),
        "{text}"
    );
    for line in [
        "- **Target date:** 31 Mar 2028",
        "- **Mentor:** Dana Whitfield",
        // Readiness by hand: EM 11/12, PM 13/17, director 11/16, head of product 13/21.
        "| 1 | Engineering manager | **92%** | 92% | 1 |",
        "| 2 | Product manager | **76%** | 76% | 4 |",
        "| 3 | Director of engineering | **69%** | 69% | 5 |",
        "| 4 | **Head of product** _(target)_ | **62%** | 62% | 8 |",
        "![Readiness for each target role](marcus-ranking.svg)",
        "![Skills compared with the target role](marcus-radar.svg)",
        "| Strategic thinking | 3 | 2 | 3 | 4 | 4 | 5 | **2** |",
        "| Product discovery _(own skill)_ | 2 | 2 | – | – | 3 | 4 | **2** |",
        "**Tech lead → Product manager → Head of product**",
        "| 2 | Product manager | step up | **76%** | 4 |",
        "| Strategy & Alignment | 30% | 75% _(estimate)_ | +45 points |",
        "| Building Software | 60% | 5% _(estimate)_ | −55 points |",
        "3 done, 3 in progress, 4 open, 1 dropped; 1 overdue on 22 Nov 2026.",
        "- [x] Present a technical initiative in business terms — done on 14 Oct 2026",
        "- [ ] Tailor one message for engineers, partner teams and executives — open, due 10 Nov 2026 _(overdue)_",
        "- [ ] ~~Negotiate an agreement with another team or a vendor~~ — dropped on 27 Oct 2026",
        "- [ ] **1 Dec 2026** — First discovery interview on my own",
        "### Session on 18 Aug 2026, 16:00 to 17:05",
        "- **16:40** Gap is mostly strategy: has opinions, rarely writes them down as a recommendation. _(mentor only)_",
        "  - Mentor's note: Underrates himself here.",
        "## Private notes",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing line {line:?} in:\n{text}"
        );
    }
    // Checklist items are grouped by skill, in the framework's order, custom skills last.
    let order: Vec<usize> = [
        "### Communication",
        "### Strategic thinking",
        "### Influence",
        "### Decision-making",
        "### Product discovery",
    ]
    .iter()
    .map(|h| text.find(&format!("\n{h}\n")).unwrap_or_else(|| panic!("no {h}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn markdown_for_standard_output_links_no_images() {
    let (plan, framework) = marcus();
    let md = export::markdown(&plan, &framework, TODAY, &options(None));
    assert!(!md.text.contains("!["), "{}", md.text);
    assert!(!md.text.contains(".svg"));
    assert_eq!(md.text.matches("The charts are left out").count(), 1);
}

/// Every place a URL could hide in an HTML page: `src=`, `href=`, `url(`,
/// `@import`, `//host` and any scheme.
fn assert_no_external_reference(html: &str) {
    let lower = html.to_lowercase();
    for needle in [
        "src=", "href=", "url(", "@import", "http:", "https:", "//", "<script", "<link", "<img", "<iframe",
    ] {
        assert!(!lower.contains(needle), "the page holds {needle:?}");
    }
}

#[test]
fn html_matches_golden_parses_and_is_self_contained() {
    let (plan, framework) = marcus();
    let html = export::html(&plan, &framework, TODAY, &options(None));
    golden("marcus.html", &html);
    assert_no_external_reference(&html);

    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("the page is well-formed");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "html");
    assert_eq!(root.attribute("lang"), Some("en"));
    let find = |tag: &'static str| doc.descendants().filter(move |n| n.has_tag_name(tag));
    assert_eq!(
        find("title").next().and_then(|t| t.text()),
        Some("Marcus Okafor: Tech lead → Head of product")
    );
    let style = find("style")
        .next()
        .and_then(|s| s.text())
        .expect("inline style sheet");
    assert!(style.contains("@media print"), "print styles");
    assert!(style.contains("system-ui"), "system fonts");
    assert_eq!(find("svg").count(), 2, "two inline charts");
    assert_eq!(
        find("h2").map(|h| h.text().unwrap_or("")).collect::<Vec<_>>(),
        [
            "Readiness for each target role",
            "Skills and gaps",
            "Route",
            "Time allocation",
            "Checklist",
            "Milestones",
            "Mentor sessions",
            "Private notes",
        ]
    );
    // The chosen target's row is highlighted, and it is the only one.
    let highlighted: Vec<_> = find("tr")
        .filter(|r| r.attribute("class") == Some("highlight"))
        .collect();
    assert_eq!(highlighted.len(), 1);
    let cells: String = highlighted[0]
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    assert!(
        cells.contains("Head of product") && cells.contains("62%"),
        "{cells}"
    );
    // Three done items are ticked; eight others are not.
    let boxes = |class: &str| {
        find("span")
            .filter(|s| s.attribute("class") == Some(class))
            .count()
    };
    assert_eq!(boxes("box on"), 3);
    assert_eq!(boxes("box"), 8 + 3, "eight unticked actions and three milestones");
    assert_eq!(
        find("span")
            .filter(|s| s.attribute("class") == Some("badge late"))
            .count(),
        1
    );
}

fn parse_svg(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).expect("the chart is well-formed XML")
}

fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|t| {
            t.descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn radar_has_one_axis_per_skill_with_labels_and_legend() {
    let (plan, framework) = marcus();
    let svg = export::radar_svg(&plan, &framework);
    let doc = parse_svg(&svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    let axes = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("axis"))
        .count();
    assert_eq!(axes, 5, "four framework skills and one of the plan's own");
    let texts = texts(&doc);
    for label in [
        "Communication",
        "Strategic thinking",
        "Influence",
        "Decision-making",
        "Product discovery *",
    ] {
        assert!(
            texts.iter().any(|t| t == label),
            "no axis label {label:?} in {texts:?}"
        );
    }
    for ring in ["1", "2", "3", "4", "5"] {
        assert!(texts.iter().any(|t| t == ring), "no ring label {ring}");
    }
    for legend in ["Own rating", "Mentor's rating", "Needed for Head of product"] {
        assert!(texts.iter().any(|t| t == legend), "no legend entry {legend:?}");
    }
    // Self, mentor and requirement outlines are closed polygons (every skill is rated).
    let polygons = doc.descendants().filter(|n| n.has_tag_name("polygon")).count();
    assert_eq!(polygons, 5 + 3, "five rings and three outlines");

    // The data behind it.
    let chart = export::RadarChart::of(&plan, &framework);
    let own: Vec<u8> = chart.axes.iter().map(|a| a.own.map_or(0, |l| l.get())).collect();
    let needed: Vec<u8> = chart
        .axes
        .iter()
        .map(|a| a.required.map_or(0, |l| l.get()))
        .collect();
    assert_eq!(own, [3, 3, 3, 2, 2]);
    assert_eq!(needed, [4, 5, 4, 4, 4]);
}

#[test]
fn ranking_has_one_bar_per_target_role_and_marks_the_target() {
    let (plan, framework) = marcus();
    let chart = export::RankingChart::of(&plan, &framework);
    let bars: Vec<(&str, u8, bool)> = chart
        .bars
        .iter()
        .map(|b| (b.name.as_str(), b.readiness, b.chosen))
        .collect();
    assert_eq!(
        bars,
        [
            ("Engineering manager", 92, false),
            ("Product manager", 76, false),
            ("Director of engineering", 69, false),
            ("Head of product", 62, true),
        ]
    );
    let svg = export::ranking_svg(&plan, &framework);
    let doc = parse_svg(&svg);
    let rects: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("bar"))
        .collect();
    assert_eq!(rects.len(), 4);
    let fills: Vec<&str> = rects.iter().filter_map(|r| r.attribute("fill")).collect();
    assert_eq!(
        fills.iter().filter(|f| **f == export::svg::colour::SELF).count(),
        1,
        "{fills:?}"
    );
    // Bar lengths follow readiness: 420 px is 100 %.
    let widths: Vec<f32> = rects
        .iter()
        .filter_map(|r| r.attribute("width")?.parse().ok())
        .collect();
    assert_eq!(widths, [386.4, 319.2, 289.8, 260.4]);
    let texts = texts(&doc);
    for label in ["Head of product (target)", "62%", "92%", "0%", "100%"] {
        assert!(
            texts.iter().any(|t| t == label),
            "no label {label:?} in {texts:?}"
        );
    }
}

fn awkward_plan() -> (Plan, std::sync::Arc<Framework>) {
    let (mut plan, framework) = marcus();
    plan.person.name = "Zoë <script>alert('x')</script> & \"Co\"".into();
    plan.person.mentor = "A | B * C _D_ [link](x)".into();
    plan.checklist[0].text = "Ship <b>bold</b> & 5 > 3 | pipes".into();
    plan.checklist[0].notes = "# not a heading\n- not a list\nline & more".into();
    plan.private_notes = "Two paragraphs.\n\n<img onerror=alert(1)>".into();
    (plan, framework)
}

#[test]
fn html_escapes_user_text() {
    let (plan, framework) = awkward_plan();
    let html = export::html(&plan, &framework, TODAY, &options(None));
    roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("still well-formed");
    assert!(!html.contains("<script"), "a name must not become markup");
    assert!(!html.contains("<img"), "a note must not become markup");
    assert!(!html.contains("<b>bold"));
    assert!(html.contains("Zoë &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"));
    assert!(html.contains("Ship &lt;b&gt;bold&lt;/b&gt; &amp; 5 &gt; 3 | pipes"));
    assert!(html.contains("# not a heading<br/>- not a list<br/>line &amp; more"));
    assert_no_external_reference(&html);
}

#[test]
fn markdown_escapes_user_text() {
    let (plan, framework) = awkward_plan();
    let text = export::markdown(&plan, &framework, TODAY, &options(Some("x"))).text;
    assert!(
        text.starts_with("# Zoë \\<script\\>alert('x')\\</script\\> & \"Co\": Tech lead"),
        "{text}"
    );
    assert!(
        text.contains("- **Mentor:** A \\| B \\* C \\_D\\_ \\[link\\](x)"),
        "{text}"
    );
    assert!(
        text.contains("Ship \\<b\\>bold\\</b\\> & 5 \\> 3 \\| pipes — in progress"),
        "{text}"
    );
    assert!(
        text.contains("  - Notes: \\# not a heading  \n    \\- not a list  \n    line & more"),
        "{text}"
    );
    assert!(
        text.contains("> Two paragraphs.\n>\n> \\<img onerror=alert(1)\\>\n"),
        "{text}"
    );
}

#[test]
fn an_empty_plan_exports_without_gaps_in_the_page() {
    let framework = storage::builtin();
    let plan = Plan::new(
        "",
        &framework,
        "tech-lead".into(),
        "director-of-engineering".into(),
    );
    let md = export::markdown(&plan, &framework, TODAY, &options(Some("empty")));
    assert!(
        md.text
            .starts_with("# Unnamed plan: Tech lead → Director of engineering\n")
    );
    assert!(md.text.contains("The checklist is empty."));
    // No mentor ratings: no columns of dashes for them.
    assert!(
        md.text.contains("\n| Rank | Role | Own view | Levels to go |\n"),
        "{}",
        md.text
    );
    assert!(
        md.text.contains(
            "\n| Skill | Own | Engineering manager | Director of engineering | Product manager | Head of product \
             | Gap to Director of engineering |\n"
        ),
        "{}",
        md.text
    );
    assert!(
        md.text
            .contains("\n| Communication | – | 3 | 4 | 3 | 4 | **4** |\n"),
        "{}",
        md.text
    );
    assert!(!md.text.contains("## Milestones"));
    assert!(!md.text.contains("## Mentor sessions"));
    let html = export::html(&plan, &framework, TODAY, &options(None));
    roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("well-formed");
    // No ratings at all: the radar shows no own outline, only the requirement.
    let svg = export::radar_svg(&plan, &framework);
    let doc = parse_svg(&svg);
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("polygon")).count(),
        5 + 1
    );
}

fn run(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_trailmap"))
        .args(args)
        .current_dir(dir)
        .env("TRAILMAP_TODAY", "2026-11-22")
        .env("TRAILMAP_DATA_DIR", dir.join("data"))
        .output()
        .expect("run trailmap")
}

#[test]
fn cli_writes_markdown_with_charts_beside_it_and_html_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = root().join(MARCUS);
    let plan = plan.to_str().expect("utf-8 path");
    let out = run(
        &["export", plan, "--format", "markdown", "-o", "report.md"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = std::fs::read_to_string(dir.path().join("report.md")).expect("report.md");
    assert!(md.contains("![Readiness for each target role](report-ranking.svg)"));
    assert!(md.contains("![Skills compared with the target role](report-radar.svg)"));
    let (p, f) = marcus();
    let expected = export::markdown(&p, &f, TODAY, &options(Some("report")));
    assert_eq!(md, expected.text, "the binary writes what the library makes");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report-radar.svg")).expect("radar"),
        expected.radar_svg
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report-ranking.svg")).expect("ranking"),
        expected.ranking_svg
    );

    let out = run(
        &["export", plan, "--format", "html", "-o", "page.html"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(dir.path().join("page.html")).expect("page.html");
    assert_eq!(html, export::html(&p, &f, TODAY, &options(None)));
    assert!(
        !dir.path().join("page-radar.svg").exists(),
        "HTML needs no image files"
    );

    // Standard output: the same page, nothing written.
    let out = run(&["export", plan, "--format", "html"], dir.path());
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).expect("utf-8"), html);
    let out = run(&["export", plan, "--format", "markdown"], dir.path());
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        stdout.starts_with("# Marcus Okafor") && !stdout.contains("!["),
        "{stdout}"
    );
}

#[test]
fn cli_export_errors_are_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(&["export", "missing.ron", "--format", "html"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("trailmap: missing.ron: could not read the file"),
        "{err}"
    );

    // A folder that cannot exist: its parent is a file.
    std::fs::write(dir.path().join("file"), "x").expect("write");
    let plan = root().join(MARCUS);
    let out = run(
        &[
            "export",
            plan.to_str().expect("utf-8"),
            "--format",
            "html",
            "-o",
            "file/out.html",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("trailmap: file/out.html: could not"), "{err}");
}

/// Characters XML forbids or that a terminal acts on: escape sequences, NUL,
/// vertical tab, form feed, DEL, C1 controls, and noncharacters (U+FFFE,
/// U+FFFF, U+FDD0, U+1FFFE, U+10FFFF).
const UNPRINTABLE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J \u{0}\u{b}\u{c}\u{7f}\u{85}\u{9b} \u{fffe}\u{ffff}\u{fdd0}\u{1fffe}\u{10ffff}";

/// The Marcus example with [`UNPRINTABLE`] in the person's name, the first
/// action's title and notes, a custom skill's name (so the radar chart holds
/// it) and the private notes; the title also holds HTML entities.
fn unprintable_plan() -> (Plan, std::sync::Arc<Framework>) {
    let (mut plan, framework) = marcus();
    plan.person.name = format!("Zoë{UNPRINTABLE}end");
    plan.checklist[0].text = format!("Ship &lt;b&gt; &amp; &#60;{UNPRINTABLE}");
    plan.checklist[0].notes = format!("first{UNPRINTABLE}\nsecond &copy;");
    plan.custom_skills[0].name = format!("Discovery{UNPRINTABLE}");
    plan.private_notes = format!("private{UNPRINTABLE}");
    (plan, framework)
}

/// The characters of [`UNPRINTABLE`] that must not reach a report.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{fdd0}'..='\u{fdef}') || (c as u32 & 0xfffe) == 0xfffe
}

#[test]
fn markdown_shows_entities_as_written() {
    let (plan, framework) = unprintable_plan();
    let text = export::markdown(&plan, &framework, TODAY, &options(Some("x"))).text;
    assert!(
        text.contains("Ship &amp;lt;b&amp;gt; &amp;amp; &amp;#60;"),
        "an entity must not turn into the character it names: {text}"
    );
    assert!(text.contains("second &amp;copy;"), "{text}");
    // A lone ampersand cannot start an entity and stays as it is.
    let (mut plan, framework) = marcus();
    plan.checklist[0].text = "Strategy & Alignment &".into();
    let text = export::markdown(&plan, &framework, TODAY, &options(Some("x"))).text;
    assert!(text.contains("Strategy & Alignment &amp; — "), "{text}");
}

#[test]
fn unprintable_characters_become_replacement_characters() {
    let (plan, framework) = unprintable_plan();
    for redact in [false, true] {
        let options = ExportOptions {
            redact,
            image_prefix: Some("x".into()),
        };
        let html = export::html(&plan, &framework, TODAY, &options);
        roxmltree::Document::parse_with_options(
            &html,
            roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("the page is well-formed XML: {e}"));
        assert!(!html.chars().any(forbidden), "a raw character in the page");
        assert!(html.contains("Zoë\u{fffd}]0;pwned\u{fffd}\u{fffd}[2J"), "{html}");

        let md = export::markdown(&plan, &framework, TODAY, &options);
        for (what, svg) in [("radar", &md.radar_svg), ("ranking", &md.ranking_svg)] {
            roxmltree::Document::parse(svg)
                .unwrap_or_else(|e| panic!("the {what} chart is well-formed XML: {e}"));
            assert!(!svg.chars().any(forbidden), "a raw character in the {what} chart");
        }
        assert!(md.radar_svg.contains("Discovery\u{fffd}"), "{}", md.radar_svg);
        let svg = export::radar_svg(&plan, &framework);
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("the radar is well-formed: {e}"));

        let text = &md.text;
        assert!(
            !text.chars().any(forbidden),
            "a raw character in the Markdown: {text:?}"
        );
        assert!(
            text.starts_with("# Zoë\u{fffd}\\]0;pwned\u{fffd}\u{fffd}\\[2J \u{fffd}"),
            "{text}"
        );
    }
}

#[test]
fn cli_export_to_standard_output_is_the_document_unchanged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (plan, framework) = unprintable_plan();
    storage::save_plan(&dir.path().join("odd.ron"), &plan, None).expect("save");
    let options = options(None);
    for (format, expected) in [
        ("html", export::html(&plan, &framework, TODAY, &options)),
        (
            "markdown",
            export::markdown(&plan, &framework, TODAY, &options).text,
        ),
    ] {
        let out = run(&["export", "odd.ron", "--format", format], dir.path());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8(out.stdout).expect("utf-8");
        // Not escaped for the terminal: the report as the library makes it.
        assert_eq!(stdout, expected, "{format}");
        assert!(!stdout.chars().any(forbidden), "{format}");
        assert!(!stdout.contains("\\u{"), "{format}");
    }
}

/// A session run in the app (its agenda written by the app, an action agreed
/// with a due date) reads in the report in one date form, lists what was
/// agreed, and the page names a colour emoji font.
#[test]
fn a_session_run_in_the_app_reads_in_one_date_form_with_its_agreed_actions() {
    use trailmap::analysis;
    use trailmap::model::Document;
    let (plan, framework) = marcus();
    let mut doc = Document::new(plan);
    let start = jiff::civil::datetime(2026, 11, 22, 16, 0, 0, 0);
    doc.apply(analysis::start_session(doc.plan(), &framework, start))
        .expect("start");
    let agree = analysis::agree_action(doc.plan(), "Book the roadmap review", None, TODAY).expect("agree");
    doc.apply(agree).expect("agreed");
    let agreed = doc.plan().checklist.last().expect("agreed item").clone();
    let mut with_due = agreed.clone();
    with_due.due = Some(date(2026, 12, 15));
    doc.apply(trailmap::model::Command::UpdateItem(with_due))
        .expect("due");
    let end = analysis::end_session(
        doc.plan(),
        "Roadmap first.",
        start.checked_add(jiff::Span::new().hours(1)).expect("end"),
    )
    .expect("end");
    doc.apply(end).expect("ended");
    let agenda = &doc.plan().sessions.last().expect("session").agenda;
    assert!(agenda.iter().any(|p| p.text.contains("Nov 2026")), "{agenda:?}");

    let html = export::html(doc.plan(), &framework, TODAY, &options(None));
    let session = &html[html
        .find("Session on 22 Nov 2026")
        .expect("the session's heading")..];
    let agreed_at = session
        .find("Agreed actions")
        .expect("the session lists its agreed actions");
    assert!(session[agreed_at..].contains("Book the roadmap review — open, due 15 Dec 2026"));
    let iso = (0..html.len().saturating_sub(10)).find(|&i| {
        let b = html.as_bytes();
        b[i..i + 4].iter().all(u8::is_ascii_digit) && b[i + 4] == b'-' && b[i + 7] == b'-'
    });
    assert_eq!(
        iso.map(|i| &html[i..i + 10]),
        None,
        "every date reads as '1 Dec 2026'"
    );
    assert!(html.contains("'Noto Color Emoji'") && html.contains("'Segoe UI Emoji'"));
}

/// The calendar (ICS) export: a golden file of the example; it parses back
/// with an iCalendar parser into the entries the plan holds; each entry's UID
/// is the same in the next export (also after an edit), so a calendar that
/// imports it again updates instead of adding twice; and nothing private is
/// in it (session summaries only when not redacting).
#[test]
fn the_calendar_export_parses_back_keeps_its_uids_and_holds_nothing_private() {
    use icalendar::{Calendar, CalendarComponent, Component};
    let (mut plan, framework) = marcus();
    plan.private_notes = "PRIVATE-MARKER-4411".into();
    plan.mentor_notes = "MENTOR-MARKER-4412".into();
    let options = ExportOptions::default();
    let text = export::ics(&plan, &framework, TODAY, &options);
    golden("marcus.ics", &text);
    let calendar: Calendar = text.parse().expect("an iCalendar file");
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let due = plan
        .checklist
        .iter()
        .filter(|i| i.status.is_active() && i.due.is_some())
        .count();
    assert_eq!(
        events.len(),
        due + plan.milestones.len() + usize::from(plan.target_date.is_some()) + plan.sessions.len()
    );
    for item in plan
        .checklist
        .iter()
        .filter(|i| i.status.is_active() && i.due.is_some())
    {
        let event = events
            .iter()
            .find(|e| e.get_summary() == Some(item.text.as_str()))
            .unwrap_or_else(|| panic!("{} is in the calendar", item.text));
        assert!(text.contains(&format!(
            "DTSTART;VALUE=DATE:{}",
            item.due.expect("due").strftime("%Y%m%d")
        )));
        assert!(
            event
                .get_uid()
                .is_some_and(|u| u.contains(&format!("action-{}@", item.id.0)))
        );
    }
    assert_eq!(
        text.matches("BEGIN:VALARM").count(),
        due,
        "a reminder for each due action"
    );
    let uids = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        uids(&text),
        uids(&export::ics(&plan, &framework, TODAY, &options)),
        "the same UIDs every time"
    );
    let mut edited = plan.clone();
    edited.checklist[0].text.push_str(" (edited)");
    assert_eq!(
        uids(&text),
        uids(&export::ics(&edited, &framework, TODAY, &options)),
        "an edit keeps them"
    );
    for marker in ["PRIVATE-MARKER-4411", "MENTOR-MARKER-4412"] {
        assert!(!text.contains(marker), "{marker}");
    }
    let summary = plan
        .sessions
        .iter()
        .map(|s| s.summary.as_str())
        .find(|s| !s.is_empty())
        .expect("a summary");
    let first_words: String = summary.chars().take(20).collect();
    assert!(text.contains(&first_words));
    let redacted = export::ics(
        &plan,
        &framework,
        TODAY,
        &ExportOptions {
            redact: true,
            ..Default::default()
        },
    );
    assert!(!redacted.contains(&first_words), "redacted: no session summaries");
}

#[test]
fn cli_export_writes_a_calendar_file() {
    let dir = crate::support::temp_dir();
    let out = dir.path().join("plan.ics");
    let result = crate::support::run_in(
        dir.path(),
        &[
            "export",
            &root().join(MARCUS).display().to_string(),
            "--format",
            "ics",
            "-o",
            &out.display().to_string(),
        ],
    );
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.starts_with("BEGIN:VCALENDAR"));
    text.parse::<icalendar::Calendar>().expect("parses");
}
