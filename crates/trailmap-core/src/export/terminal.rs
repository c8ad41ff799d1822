//! Text for a terminal: a plan's summary, and the escapes that keep a
//! plan's or a file's text from acting on the terminal it is printed to.
//!
//! A plan is untrusted input. Printed as it is, a name with an escape
//! sequence could move the cursor, retitle the window or clear the screen,
//! and a bidirectional control could make a line read differently from what
//! it says; a line feed could fake a line of output. Everything from a plan
//! or a framework goes through [`one_line`] or [`show_controls`] first.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::analysis;
use crate::model::{Framework, Level, Plan};

/// `text` with every control character other than line feed and tab (C0,
/// DEL and C1, U+0080 to U+009F) written as an escape such as `\u{1b}`, so
/// printing a plan's text or a file's name cannot move the cursor, retitle
/// the window or clear the screen.
pub fn show_controls(text: &str) -> Cow<'_, str> {
    escape_unless(text, |c| c == '\n' || c == '\t')
}

/// `text` with every control and bidirectional character for which `keep`
/// is false written as an escape such as `\u{1b}`.
fn escape_unless(text: &str, keep: fn(char) -> bool) -> Cow<'_, str> {
    let shown = |c: char| (!c.is_control() && !is_bidi_control(c)) || keep(c);
    if text.chars().all(shown) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if shown(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
    }
    Cow::Owned(out)
}

/// Bidirectional controls (U+202A–U+202E, U+2066–U+2069): not control
/// characters to Unicode, but they reorder what a terminal shows.
fn is_bidi_control(c: char) -> bool {
    // U+2028 and U+2029 end lines in some terminals and editors.
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// `text` as part of one line: every control character, the line feed
/// among them, and every bidirectional control shown as an escape. For
/// text from a plan or framework placed in a line the command prints.
pub fn one_line(text: &str) -> String {
    escape_unless(text, |_| false).into_owned()
}

/// JSON text with DEL and the C1 control characters written as `\u` escapes
/// (`\u009b`): serde_json escapes only C0, and a terminal acts on C1 too.
/// Such characters can only stand inside JSON strings, where the escape
/// means the same character; the line feeds between values are kept.
pub fn escape_json_controls(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if (c.is_control() && c != '\n') || is_bidi_control(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

fn level(level: Option<Level>) -> String {
    level.map_or_else(|| "–".to_owned(), |l| l.to_string())
}

/// The summary as text for people.
pub fn summary_text(plan: &Plan, framework: &Framework, summary: &analysis::Summary) -> String {
    let mut s = String::new();
    // Every text from the plan or the framework is put on its line with
    // its line feeds and other controls shown as escapes (see `one_line`).
    let name = if summary.person.is_empty() {
        "(no name)".to_owned()
    } else {
        one_line(&summary.person)
    };
    let _ = writeln!(
        s,
        "{name}: {} -> {}",
        one_line(framework.role_name(&summary.current_role)),
        one_line(framework.role_name(&summary.target_role))
    );
    if !summary.mentor.is_empty() {
        let _ = writeln!(s, "Mentor: {}", one_line(&summary.mentor));
    }
    if let Some(date) = summary.target_date {
        let _ = writeln!(s, "Target date: {date}");
    }
    let _ = writeln!(s, "Framework: {}", one_line(&summary.framework));
    let width = summary
        .skills
        .iter()
        .map(|k| one_line(&k.name).chars().count())
        .max()
        .unwrap_or(5)
        .max(5)
        + 2;
    let _ = writeln!(s, "\n{:width$}Self  Mentor", "Skill");
    for skill in &summary.skills {
        let _ = writeln!(
            s,
            "{:width$}{:<6}{}",
            one_line(&skill.name),
            level(skill.self_rating),
            level(skill.mentor_rating)
        );
    }
    let rwidth = summary
        .roles
        .iter()
        .map(|r| one_line(&r.name).chars().count())
        .max()
        .unwrap_or(4)
        + 2;
    let _ = writeln!(s, "\n{:rwidth$}Ready  Mentor  Gaps", "Target role");
    for role in &summary.roles {
        let gaps: Vec<String> = role
            .gaps
            .iter()
            .filter(|g| g.gap > 0)
            .map(|g| format!("{} -{}", one_line(plan.skill_name(framework, &g.skill)), g.gap))
            .collect();
        let mentor = role
            .mentor_readiness
            .map_or_else(|| "–".to_owned(), |r| format!("{r}%"));
        let _ = writeln!(
            s,
            "{:rwidth$}{:<7}{:<8}{}",
            one_line(&role.name),
            format!("{}%", role.readiness),
            mentor,
            if gaps.is_empty() {
                "none".to_owned()
            } else {
                gaps.join(", ")
            }
        );
    }
    let ranking: Vec<String> = summary
        .ranking
        .iter()
        .map(|r| one_line(framework.role_name(r)))
        .collect();
    let _ = writeln!(s, "\nRanking: {}", ranking.join(" > "));
    if summary.route.is_empty() {
        let _ = writeln!(s, "Route: the role graph has no path to the target");
    } else {
        let route: Vec<String> = summary
            .route
            .iter()
            .map(|r| format!("{} ({}%)", one_line(&r.name), r.readiness))
            .collect();
        let _ = writeln!(s, "Route: {}", route.join(" -> "));
    }
    let a = summary.actions;
    let _ = writeln!(
        s,
        "Actions: {} open, {} in progress, {} done, {} dropped, {} overdue",
        a.open, a.in_progress, a.done, a.dropped, a.overdue
    );
    s
}
