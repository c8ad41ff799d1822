//! The PDF report, read back with a PDF parser (lopdf): it holds the plan's
//! name and every action of each example plan as text, names in any script
//! come through, a long plan runs over several pages with every line of text
//! inside its page, and the command line and the app's Export dialog write
//! it. Redaction is checked with the other formats in `redaction.rs`.

use std::path::Path;

use jiff::civil::Date;
use lopdf::{Document, Object};
use trailmap::export::{self, ExportOptions};
use trailmap::model::{Framework, Plan};
use trailmap::storage::{self, FrameworkCatalog};

use crate::support::{MARCUS, PRIYA, TODAY};

fn load(path: &str) -> (Plan, std::sync::Arc<Framework>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let loaded = storage::load_plan(&path, &FrameworkCatalog::builtin_only()).expect("example plan");
    (loaded.plan, loaded.framework)
}

fn pdf(plan: &Plan, framework: &Framework, today: Date, redact: bool) -> Vec<u8> {
    let options = ExportOptions {
        redact,
        image_prefix: None,
    };
    export::pdf(plan, framework, today, &options).expect("a PDF")
}

/// The text of every page, with runs of white space as one space (a line
/// may break anywhere a space was).
pub fn text_of(bytes: &[u8]) -> String {
    let doc = Document::load_mem(bytes).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("its text extracts");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` with its white space as [`text_of`] leaves it.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_pdf_holds_the_name_and_every_action_of_each_example() {
    for example in [MARCUS, PRIYA] {
        let (plan, framework) = load(example);
        let bytes = pdf(&plan, &framework, TODAY, false);
        assert!(bytes.starts_with(b"%PDF-"), "{example}");
        let text = text_of(&bytes);
        assert!(
            text.contains(plan.person.name.trim()),
            "{example}: the name is missing from {text}"
        );
        assert!(!plan.checklist.is_empty());
        for item in &plan.checklist {
            assert!(
                text.contains(&words(&item.text)),
                "{example}: the action {:?} is missing",
                item.text
            );
        }
        // The same sections as the HTML page, and the charts' own text.
        for heading in [
            "Readiness for each target role",
            "Skills and gaps",
            "Route",
            "Time allocation",
            "Checklist",
            "Readiness for each role, from own ratings",
            "Skills: own rating compared with what",
            "Exported from Trailmap",
            "Page 1 of",
        ] {
            assert!(text.contains(heading), "{example}: {heading:?} is missing");
        }
    }
}

#[test]
fn names_in_any_script_come_through_and_a_character_without_a_glyph_does_not_panic() {
    let (mut plan, framework) = load(MARCUS);
    plan.person.name = "Zoë Łukasiewicz".to_owned();
    plan.checklist[0].text = "Ask Søren and Ağca about the Überblick".to_owned();
    // The embedded faces have no CJK or emoji: they are drawn as empty boxes.
    plan.checklist[1].text = "学习 the roadmap 🚀 with 김".to_owned();
    plan.checklist[2].text = format!("control \u{7} and \u{fffe} characters{}", "x".repeat(300));
    let text = text_of(&pdf(&plan, &framework, TODAY, false));
    assert!(text.contains("Zoë Łukasiewicz"), "{text}");
    assert!(text.contains("Ask Søren and Ağca about the Überblick"));
    assert!(text.contains("the roadmap"));
    // The word longer than a line is cut, not lost.
    assert!(text.matches('x').count() >= 300);
}

/// A character the faces lack is drawn as a white square, and a PDF reader
/// (poppler's `pdftotext`, as in most viewers) copies it as the character:
/// the first one too (drawn as the face's glyph 0, it was left out).
#[test]
fn a_character_without_a_glyph_is_still_copied_and_found() {
    let (mut plan, framework) = load(MARCUS);
    plan.person.name = "Ann 王小明".to_owned();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cjk.pdf");
    std::fs::write(&path, pdf(&plan, &framework, TODAY, false)).expect("write");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils; .ci/run installs it)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Ann 王小明"), "{text}");
}

/// A 2×3 matrix `[a b c d e f]`, as PDF writes them.
type Matrix = [f32; 6];

fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn numbers(operands: &[Object]) -> Vec<f32> {
    operands.iter().filter_map(|o| o.as_float().ok()).collect()
}

fn matrix(operands: &[Object]) -> Option<Matrix> {
    let n = numbers(operands);
    (n.len() == 6).then(|| [n[0], n[1], n[2], n[3], n[4], n[5]])
}

/// Where each run of text starts on each page, in points from the page's
/// bottom left: the content streams' graphics and text matrices followed
/// through `q`/`Q`, `cm`, `Tm`, `Td`/`TD` and `T*` to every `Tj` and `TJ`.
fn text_origins(bytes: &[u8]) -> Vec<Vec<(f32, f32)>> {
    let doc = Document::load_mem(bytes).expect("the PDF parses");
    let identity: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut pages = Vec::new();
    for page in doc.get_pages().values() {
        let content = doc.get_and_decode_page_content(*page).expect("content");
        let (mut ctm, mut stack) = (identity, Vec::new());
        let (mut tm, mut line, mut leading) = (identity, identity, 0.0f32);
        let mut origins = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(identity),
                "cm" => ctm = matrix(&op.operands).map_or(ctm, |m| multiply(&m, &ctm)),
                "BT" => (tm, line) = (identity, identity),
                "Tm" => {
                    tm = matrix(&op.operands).unwrap_or(identity);
                    line = tm;
                }
                "TL" => leading = numbers(&op.operands).first().copied().unwrap_or(0.0),
                "Td" | "TD" | "T*" => {
                    let n = numbers(&op.operands);
                    let (tx, ty) = if op.operator == "T*" {
                        (0.0, -leading)
                    } else {
                        (n[0], n[1])
                    };
                    if op.operator == "TD" {
                        leading = -ty;
                    }
                    line = multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], &line);
                    tm = line;
                }
                "Tj" | "TJ" | "'" | "\"" => {
                    let at = multiply(&tm, &ctm);
                    origins.push((at[4], at[5]));
                }
                _ => {}
            }
        }
        pages.push(origins);
    }
    pages
}

#[test]
fn a_long_plan_runs_over_pages_with_every_line_inside_its_page() {
    let (short_plan, framework) = load(PRIYA);
    let short = text_origins(&pdf(&short_plan, &framework, TODAY, false));
    let long_plan = crate::support::big_plan(60_000, "long");
    assert!(long_plan.checklist.len() > 100, "{}", long_plan.checklist.len());
    let bytes = pdf(&long_plan, &framework, TODAY, false);
    let long = text_origins(&bytes);
    assert!(
        long.len() >= short.len() + 10,
        "{} pages for {} actions, {} for {}",
        long.len(),
        long_plan.checklist.len(),
        short.len(),
        short_plan.checklist.len()
    );
    // A4 is 595 × 842 points; text keeps clear of the edges (the footer
    // sits 36 points above the bottom, the body 56 below the top).
    for (n, page) in short.iter().chain(&long).enumerate() {
        assert!(!page.is_empty(), "page {n} has no text");
        for &(x, y) in page {
            assert!(
                (40.0..=555.0).contains(&x) && (30.0..=800.0).contains(&y),
                "page {n}: text at ({x}, {y}) is outside the page's margins"
            );
        }
    }
    let text = text_of(&bytes);
    for item in long_plan.checklist.iter().step_by(17) {
        assert!(text.contains(&words(&item.text)), "{:?}", item.text);
    }
    assert!(text.contains(&format!("Page {} of {}", long.len(), long.len())));
}

#[test]
fn the_command_line_writes_the_pdf_to_a_file_or_a_pipe() {
    let dir = crate::support::temp_dir();
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join(MARCUS);
    let plan = plan.to_str().expect("utf-8 path");
    let out = crate::support::run_in(dir.path(), &["export", plan, "--format", "pdf", "-o", "out.pdf"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read(dir.path().join("out.pdf")).expect("out.pdf");
    let (p, f) = load(MARCUS);
    assert_eq!(
        written,
        pdf(&p, &f, TODAY, false),
        "the binary writes what the library makes"
    );
    assert!(text_of(&written).contains("Marcus Okafor"));

    // `-o -` to a pipe: the same bytes, and nothing is written.
    let out = crate::support::run_in(
        dir.path(),
        &["export", plan, "--format", "pdf", "--redact", "-o", "-"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, pdf(&p, &f, TODAY, true));
    assert!(text_of(&out.stdout).contains("redacted copy"));

    // The writer's guards hold for bytes as for text: a PDF never replaces
    // a plan, and the refused export leaves the plan as it was.
    let copy = dir.path().join("copy.ron");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(MARCUS), &copy).expect("copy the plan");
    let before = std::fs::read(&copy).expect("read");
    let out = crate::support::run_in(dir.path(), &["export", plan, "--format", "pdf", "-o", "copy.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("an export never replaces it"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&copy).expect("read"), before);
}

#[test]
fn the_default_export_file_of_a_pdf_ends_in_pdf() {
    assert_eq!(export::Format::Pdf.extension(), "pdf");
    assert!(!export::Format::Pdf.is_text());
    assert!(export::Format::Html.is_text());
}
