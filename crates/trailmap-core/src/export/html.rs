//! The report as one self-contained HTML page: inline CSS, inline SVG charts,
//! no scripts, no fonts or images from anywhere else.
//!
//! The page is also well-formed XML (every element closed, only the five XML
//! entities used), so tests can parse it with an XML parser.

use std::fmt::Write as _;

use super::report::{Align, Block, Chart, Inline, Line, ListItem, Report};
use super::svg::escape;

/// The page's style sheet. No `url(`, no web fonts: the system's own fonts.
const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0; padding: 2.5rem 1.5rem 4rem;
  font-family: FONT_STACK;
  font-size: 16px; line-height: 1.5; color: #1f2937; background: #f3f4f6;
}
main {
  max-width: 60rem; margin: 0 auto; padding: 2.5rem 3rem 2rem;
  background: #ffffff; border: 1px solid #e5e7eb; border-radius: 10px;
}
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 1rem; }
h2 {
  font-size: 1.35rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.3rem;
  border-bottom: 2px solid #e5e7eb;
}
h3 { font-size: 1.08rem; margin: 1.6rem 0 0.5rem; }
p { margin: 0.5rem 0 0.9rem; }
p.note { color: #4b5563; font-size: 0.93rem; }
p.note.notice {
  color: #7c2d12; background: #fff7ed; border: 1px solid #fed7aa;
  border-radius: 6px; padding: 0.5rem 0.75rem;
}
dl.facts {
  display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1.25rem;
  margin: 0 0 1.25rem; padding: 0.9rem 1.1rem; background: #f9fafb;
  border: 1px solid #e5e7eb; border-radius: 8px;
}
dl.facts dt { font-weight: 600; color: #4b5563; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
th, td { border: 1px solid #d1d5db; padding: 0.4rem 0.6rem; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; text-align: left; }
th.c, td.c { text-align: center; }
tr.highlight td { background: #eff6ff; }
figure.chart { margin: 1rem 0 1.5rem; text-align: center; }
figure.chart svg { max-width: 100%; height: auto; }
ul { margin: 0.25rem 0 1rem; padding-left: 1.4rem; }
li { margin: 0.3rem 0; }
ul.checklist { list-style: none; padding-left: 0.2rem; }
ul.checklist > li { padding-left: 1.9rem; text-indent: -1.9rem; }
ul.checklist > li > * { text-indent: 0; }
ul.details { list-style: none; padding-left: 0; margin: 0.15rem 0 0.4rem; color: #4b5563; font-size: 0.93rem; }
ul.details li { margin: 0.1rem 0; }
.label { font-weight: 600; }
.box {
  display: inline-block; width: 1.1rem; height: 1.1rem; margin-right: 0.6rem;
  border: 2px solid #6b7280; border-radius: 3px; vertical-align: -0.18rem;
  text-align: center; line-height: 0.85rem; font-size: 0.85rem; font-weight: 700; text-indent: 0;
}
.box.on { background: #2563eb; border-color: #2563eb; color: #ffffff; }
s { color: #6b7280; }
.badge {
  display: inline-block; margin-left: 0.4rem; padding: 0 0.45rem; border-radius: 999px;
  font-size: 0.78rem; font-weight: 600; line-height: 1.45rem; vertical-align: 0.05rem;
  text-indent: 0; white-space: nowrap;
}
.badge.target { background: #dbeafe; color: #1e40af; }
.badge.estimate { background: #f3f4f6; color: #4b5563; border: 1px solid #d1d5db; }
.badge.late { background: #fee2e2; color: #991b1b; }
.badge.own { background: #ede9fe; color: #5b21b6; }
.badge.private { background: #ffedd5; color: #9a3412; }
blockquote {
  margin: 0.5rem 0 1rem; padding: 0.6rem 1rem; border-left: 4px solid #f59e0b;
  background: #fffbeb;
}
blockquote p { margin: 0.3rem 0; }
footer { margin-top: 2.5rem; }
@media print {
  body { background: #ffffff; padding: 0; font-size: 11pt; }
  main { max-width: none; border: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  table, figure, tr, li, blockquote, dl { break-inside: avoid; page-break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@page { margin: 16mm 14mm; }
"#;

/// Text for the page: escaped, with line breaks kept as `<br/>`.
fn text_with_breaks(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape)
        .collect();
    lines.join("<br/>")
}

fn inline(line: &Line) -> String {
    let mut out = String::new();
    for piece in line {
        match piece {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Strong(t) => {
                let _ = write!(out, "<strong>{}</strong>", escape(t));
            }
            Inline::Struck(t) => {
                let _ = write!(out, "<s>{}</s>", escape(t));
            }
            Inline::Badge(b) => {
                let _ = write!(out, "<span class=\"badge {}\">{}</span>", b.class(), b.label());
            }
        }
    }
    out
}

fn list(out: &mut String, items: &[ListItem]) {
    let checklist = items.iter().any(|i| i.check.is_some());
    out.push_str(if checklist {
        "<ul class=\"checklist\">\n"
    } else {
        "<ul>\n"
    });
    for item in items {
        out.push_str("<li>");
        match item.check {
            Some(true) => out.push_str("<span class=\"box on\" role=\"img\" aria-label=\"done\">✓</span>"),
            Some(false) => out.push_str("<span class=\"box\" role=\"img\" aria-label=\"not done\"></span>"),
            None => {}
        }
        out.push_str(&inline(&item.line));
        if !item.details.is_empty() {
            out.push_str("\n<ul class=\"details\">\n");
            for (label, text) in &item.details {
                let _ = writeln!(
                    out,
                    "<li><span class=\"label\">{}:</span> {}</li>",
                    escape(label),
                    text_with_breaks(text)
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn table(out: &mut String, head: &[String], align: &[Align], rows: &[Vec<Line>], highlight: Option<usize>) {
    let class = |i: usize| match align.get(i) {
        Some(Align::Centre) => " class=\"c\"",
        _ => "",
    };
    out.push_str("<table>\n<thead><tr>");
    for (i, h) in head.iter().enumerate() {
        let _ = write!(out, "<th scope=\"col\"{}>{}</th>", class(i), escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (r, row) in rows.iter().enumerate() {
        out.push_str(if highlight == Some(r) {
            "<tr class=\"highlight\">"
        } else {
            "<tr>"
        });
        for (i, cell) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>{}</td>", class(i), inline(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Writes `report` as a whole HTML page.
pub fn write(report: &Report) -> String {
    let mut out = String::new();
    // One font stack for the page and its charts.
    let style = STYLE.replace("FONT_STACK", super::svg::FONT_STACK);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <meta name=\"generator\" content=\"Trailmap\"/>\n<title>{}</title>\n<style>{style}</style>\n</head>\n<body>\n<main>\n",
        escape(&report.title)
    );
    for block in &report.blocks {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(text));
            }
            Block::Para(line) => {
                let _ = writeln!(out, "<p>{}</p>", inline(line));
            }
            Block::Note(line) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", inline(line));
            }
            Block::Notice(line) => {
                let _ = writeln!(out, "<p class=\"note notice\">{}</p>", inline(line));
            }
            Block::Footer(line) => {
                let _ = writeln!(out, "<footer><p class=\"note\">{}</p></footer>", inline(line));
            }
            Block::Facts(facts) => {
                out.push_str("<dl class=\"facts\">\n");
                for (label, value) in facts {
                    let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), inline(value));
                }
                out.push_str("</dl>\n");
            }
            Block::Table {
                head,
                align,
                rows,
                highlight,
            } => table(&mut out, head, align, rows, *highlight),
            Block::List(items) => list(&mut out, items),
            Block::Chart(chart) => {
                let svg = match chart {
                    Chart::Ranking => report.ranking.to_svg(false),
                    Chart::Radar => report.radar.to_svg(false),
                };
                let _ = write!(out, "<figure class=\"chart\">\n{svg}</figure>\n");
            }
            Block::Quote(text) => {
                out.push_str("<blockquote>\n");
                for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
                    let _ = writeln!(out, "<p>{}</p>", text_with_breaks(paragraph));
                }
                out.push_str("</blockquote>\n");
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}
