//! The content of a report, independent of its format: a list of blocks that
//! the Markdown and HTML writers each turn into text. Building the content
//! once keeps the two formats in step.

use jiff::civil::{Date, DateTime};

use super::svg::{RadarChart, RankingChart};
use crate::analysis::{self, ActionCounts, Rater};
use crate::model::{
    ChecklistItem, Framework, Level, MoveKind, Plan, RoleDef, RoleId, Session, SkillId, Source, Status,
};

/// A piece of text within a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Strong text.
    Strong(String),
    /// Text struck through (dropped actions).
    Struck(String),
    /// A short marker such as "overdue" or "estimate".
    Badge(Badge),
}

/// The markers a report uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Badge {
    /// The plan's chosen target role.
    Target,
    /// A figure that is an estimate, not from the articles.
    Estimate,
    /// An action past its due date.
    Overdue,
    /// A milestone whose date has passed without it being reached.
    DatePassed,
    /// A skill the plan adds to the framework.
    OwnSkill,
    /// A session note only the mentor should see.
    MentorOnly,
}

impl Badge {
    /// The text shown.
    pub fn label(self) -> &'static str {
        match self {
            Self::Target => "target",
            Self::Estimate => "estimate",
            Self::Overdue => "overdue",
            Self::DatePassed => "date passed",
            Self::OwnSkill => "own skill",
            Self::MentorOnly => "mentor only",
        }
    }

    /// A class name for styling.
    pub fn class(self) -> &'static str {
        match self {
            Self::Target => "target",
            Self::Estimate => "estimate",
            Self::Overdue | Self::DatePassed => "late",
            Self::OwnSkill => "own",
            Self::MentorOnly => "private",
        }
    }
}

/// A line of inline pieces.
pub type Line = Vec<Inline>;

/// How a table column is aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Text, to the left.
    Left,
    /// Numbers and levels, centred.
    Centre,
}

/// A list entry, with optional detail lines under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    /// `Some(done)` for a checklist entry, `None` for a plain bullet.
    pub check: Option<bool>,
    /// The entry.
    pub line: Line,
    /// Lines shown under it, each a label and a text (`Notes`, `Evidence`).
    pub details: Vec<(String, String)>,
}

/// Which chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// The readiness ranking.
    Ranking,
    /// The skills radar.
    Radar,
}

/// A block of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A heading, level 1 to 3.
    Heading(u8, String),
    /// A paragraph.
    Para(Line),
    /// A quiet paragraph (explanations, footnotes).
    Note(Line),
    /// A notice to stand out, such as the one that says the report is redacted.
    Notice(Line),
    /// The closing line of the report.
    Footer(Line),
    /// Labelled facts, such as "Target date: …".
    Facts(Vec<(String, Line)>),
    /// A table.
    Table {
        /// Column headings.
        head: Vec<String>,
        /// Column alignment.
        align: Vec<Align>,
        /// Rows of cells.
        rows: Vec<Vec<Line>>,
        /// The row to highlight (the chosen target), if any.
        highlight: Option<usize>,
    },
    /// A list or a checklist.
    List(Vec<ListItem>),
    /// A chart.
    Chart(Chart),
    /// Free text the person wrote, kept as written (paragraphs and lines).
    Quote(String),
}

/// A finished report: its blocks and the data behind its charts.
#[derive(Clone, Debug)]
pub struct Report {
    /// The document title.
    pub title: String,
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// The radar chart.
    pub radar: RadarChart,
    /// The ranking chart.
    pub ranking: RankingChart,
}

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

fn strong(s: impl Into<String>) -> Inline {
    Inline::Strong(s.into())
}

pub use crate::dates::human_date;

fn clock_time(at: DateTime) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

fn level(l: Option<Level>) -> String {
    l.map_or_else(|| "–".to_owned(), |l| l.to_string())
}

fn percent(p: Option<u8>) -> String {
    p.map_or_else(|| "–".to_owned(), |p| format!("{p}%"))
}

/// The role's name, or its id if the framework lacks it.
fn role_name<'a>(framework: &'a Framework, id: &'a RoleId) -> &'a str {
    framework.role_name(id)
}

/// Builds the report for `plan`. The plan must already be redacted if the
/// report is to be; `redacted` only adds the notice that says so.
pub fn build(plan: &Plan, framework: &Framework, today: Date, redacted: bool) -> Report {
    let summary = analysis::summarize(plan, framework, today);
    let current = role_name(framework, &plan.current_role);
    let target = role_name(framework, &plan.target_role);
    let person = if plan.person.name.trim().is_empty() {
        "Unnamed plan"
    } else {
        plan.person.name.trim()
    };
    let title = format!("{person}: {current} → {target}");
    let mut blocks = vec![Block::Heading(1, title.clone())];

    // The facts at the top.
    let mut facts = vec![
        ("Current role".to_owned(), vec![text(current)]),
        ("Target role".to_owned(), vec![text(target)]),
    ];
    if let Some(date) = plan.target_date {
        facts.push(("Target date".to_owned(), vec![text(human_date(date))]));
    }
    if !plan.person.mentor.trim().is_empty() {
        facts.push(("Mentor".to_owned(), vec![text(plan.person.mentor.trim())]));
    }
    facts.push(("Framework".to_owned(), vec![text(framework.name.clone())]));
    facts.push(("Report date".to_owned(), vec![text(human_date(today))]));
    blocks.push(Block::Facts(facts));
    if redacted {
        blocks.push(Block::Notice(vec![text(
            "This is a redacted copy: private notes, the mentor's notes on skills and mentor-only session \
             notes are left out.",
        )]));
    }

    ranking_section(&mut blocks, plan, &summary);
    skills_section(&mut blocks, plan, framework, redacted);
    route_section(&mut blocks, plan, framework);
    allocation_section(&mut blocks, plan, framework);
    checklist_section(&mut blocks, plan, framework, today);
    milestones_section(&mut blocks, plan, today);
    sessions_section(&mut blocks, plan, today);
    if !redacted && !plan.private_notes.trim().is_empty() {
        blocks.push(Block::Heading(2, "Private notes".to_owned()));
        blocks.push(Block::Quote(plan.private_notes.trim().to_owned()));
    }
    blocks.push(Block::Footer(vec![text(format!(
        "Exported from Trailmap on {}{}.",
        human_date(today),
        if redacted { ", redacted" } else { "" }
    ))]));

    Report {
        title,
        blocks,
        radar: RadarChart::of(plan, framework),
        ranking: RankingChart::of(plan, framework),
    }
}

fn ranking_section(blocks: &mut Vec<Block>, plan: &Plan, summary: &analysis::Summary) {
    blocks.push(Block::Heading(2, "Readiness for each target role".to_owned()));
    blocks.push(Block::Note(vec![text(
        "Readiness is the share of a role's required skill levels that the ratings reach; a rating above \
         what the role needs earns nothing extra. Levels to go is the sum of the gaps over all skills.",
    )]));
    let mut rows = Vec::new();
    let mut highlight = None;
    for (rank, id) in summary.ranking.iter().enumerate() {
        let Some(role) = summary.roles.iter().find(|r| &r.id == id) else {
            continue;
        };
        let mut name = vec![text(role.name.clone())];
        if id == &plan.target_role {
            name = vec![strong(role.name.clone())];
            name.push(Inline::Badge(Badge::Target));
            highlight = Some(rows.len());
        }
        let to_go: u32 = role.gaps.iter().map(|g| u32::from(g.gap)).sum();
        rows.push(vec![
            vec![text((rank + 1).to_string())],
            name,
            vec![strong(format!("{}%", role.readiness))],
            vec![text(percent(role.mentor_readiness))],
            vec![text(to_go.to_string())],
        ]);
    }
    let mut head: Vec<String> = ["Rank", "Role", "Own view", "Mentor's view", "Levels to go"]
        .map(String::from)
        .to_vec();
    let mut align = vec![
        Align::Centre,
        Align::Left,
        Align::Centre,
        Align::Centre,
        Align::Centre,
    ];
    let mentor = rated_by_mentor(plan);
    if !mentor {
        // No mentor ratings at all: a column of dashes says nothing.
        head.remove(3);
        align.remove(3);
        rows.iter_mut().for_each(|row| drop(row.remove(3)));
    }
    blocks.push(Block::Table {
        head,
        align,
        rows,
        highlight,
    });
    if mentor && summary.roles.iter().any(|r| r.mentor_readiness.is_none()) {
        blocks.push(Block::Note(vec![text(
            "The mentor's view is shown only where the mentor rated every skill the role needs.",
        )]));
    }
    blocks.push(Block::Chart(Chart::Ranking));
}

/// Whether the mentor rated any skill.
fn rated_by_mentor(plan: &Plan) -> bool {
    plan.skills.values().any(|e| e.mentor_rating.is_some())
}

/// The target roles, with the chosen target included even if it is not one.
fn shown_roles<'a>(plan: &Plan, framework: &'a Framework) -> Vec<&'a RoleDef> {
    let mut roles: Vec<&RoleDef> = framework.targets().collect();
    if let Some(role) = framework.role(&plan.target_role)
        && !role.target
    {
        roles.push(role);
    }
    roles
}

fn skills_section(blocks: &mut Vec<Block>, plan: &Plan, framework: &Framework, redacted: bool) {
    let target = role_name(framework, &plan.target_role);
    blocks.push(Block::Heading(2, "Skills and gaps".to_owned()));
    let roles = shown_roles(plan, framework);
    let mut head = vec!["Skill".to_owned(), "Own".to_owned(), "Mentor".to_owned()];
    head.extend(roles.iter().map(|r| r.name.clone()));
    head.push(format!("Gap to {target}"));
    let mut align = vec![Align::Left];
    align.extend(std::iter::repeat_n(Align::Centre, head.len() - 1));
    let mentor = rated_by_mentor(plan);
    if !mentor {
        head.remove(2);
        align.remove(2);
    }
    let mut rows = Vec::new();
    for skill in plan.all_skills(framework) {
        let id = skill.id();
        let mut name = vec![text(skill.name())];
        if skill.is_custom() {
            name.push(Inline::Badge(Badge::OwnSkill));
        }
        let mut row = vec![name, vec![text(level(plan.self_rating(id)))]];
        if mentor {
            row.push(vec![text(level(plan.mentor_rating(id)))]);
        }
        for role in &roles {
            row.push(vec![text(level(plan.required(framework, &role.id, id)))]);
        }
        let required = plan.required(framework, &plan.target_role, id);
        let gap = analysis::gap(plan.self_rating(id), required);
        row.push(match (required, gap) {
            (None, _) => vec![text("–")],
            (Some(_), 0) => vec![text("none")],
            (Some(_), g) => vec![strong(g.to_string())],
        });
        rows.push(row);
    }
    blocks.push(Block::Table {
        head,
        align,
        rows,
        highlight: None,
    });

    let estimated: Vec<&str> = roles
        .iter()
        .filter(|r| r.requires_source == Source::Estimate)
        .map(|r| r.name.as_str())
        .collect();
    let mut note =
        "Levels run from 1 (own work) to 5 (the whole company); – means not rated or not needed.".to_owned();
    if !estimated.is_empty() {
        note.push_str(if estimated.len() == roles.len() {
            " The framework marks the levels each role needs as estimates."
        } else {
            " Some of the levels the roles need are estimates."
        });
    }
    if plan.custom_skills.iter().any(|c| !c.needs.is_empty()) {
        note.push_str(" For the plan's own skills, the levels needed are the person's own judgement.");
    }
    blocks.push(Block::Note(vec![text(note)]));
    blocks.push(Block::Chart(Chart::Radar));

    let mut items = Vec::new();
    for skill in plan.all_skills(framework) {
        let entry = plan.entry(skill.id());
        let mut details = Vec::new();
        if !entry.evidence.trim().is_empty() {
            details.push(("Evidence".to_owned(), entry.evidence.trim().to_owned()));
        }
        if !redacted && !entry.mentor_note.trim().is_empty() {
            details.push(("Mentor's note".to_owned(), entry.mentor_note.trim().to_owned()));
        }
        if !details.is_empty() {
            items.push(ListItem {
                check: None,
                line: vec![strong(skill.name())],
                details,
            });
        }
    }
    if !items.is_empty() {
        blocks.push(Block::Heading(3, "Evidence and notes".to_owned()));
        blocks.push(Block::List(items));
    }
}

fn route_section(blocks: &mut Vec<Block>, plan: &Plan, framework: &Framework) {
    blocks.push(Block::Heading(2, "Route".to_owned()));
    let steps = analysis::route_steps(plan, framework, Rater::Own);
    if steps.is_empty() {
        blocks.push(Block::Para(vec![text(format!(
            "The framework's role graph has no route from {} to {}.",
            role_name(framework, &plan.current_role),
            role_name(framework, &plan.target_role)
        ))]));
        return;
    }
    let names: Vec<&str> = steps
        .iter()
        .map(|s| role_name(framework, &s.readiness.role))
        .collect();
    blocks.push(Block::Para(vec![strong(names.join(" → "))]));
    let rows = steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let how = match step.via {
                None => "where you are now",
                Some(MoveKind::Step) => "step up",
                Some(MoveKind::Lateral) => "move sideways",
            };
            vec![
                vec![text((i + 1).to_string())],
                vec![text(role_name(framework, &step.readiness.role))],
                vec![text(how)],
                vec![strong(format!("{}%", step.readiness.readiness))],
                vec![text(step.readiness.total_gap.to_string())],
            ]
        })
        .collect();
    blocks.push(Block::Table {
        head: ["Step", "Role", "Move", "Readiness", "Levels to go"]
            .map(String::from)
            .to_vec(),
        align: vec![
            Align::Centre,
            Align::Left,
            Align::Left,
            Align::Centre,
            Align::Centre,
        ],
        rows,
        highlight: None,
    });
}

fn allocation_section(blocks: &mut Vec<Block>, plan: &Plan, framework: &Framework) {
    let (Some(now), Some(then)) = (
        framework.role(&plan.current_role),
        framework.role(&plan.target_role),
    ) else {
        return;
    };
    blocks.push(Block::Heading(2, "Time allocation".to_owned()));
    blocks.push(Block::Note(vec![text(format!(
        "How the week is spent now, as {}, and in the target role, as {}.",
        now.name, then.name
    ))]));
    let cell = |role: &RoleDef, share: u8| {
        let mut line = vec![text(format!("{share}%"))];
        if role.allocation_source == Source::Estimate {
            line.push(Inline::Badge(Badge::Estimate));
        }
        line
    };
    let rows = crate::model::Allocation::BUCKETS
        .iter()
        .zip(now.allocation.shares().into_iter().zip(then.allocation.shares()))
        .map(|(bucket, (a, b))| {
            let change = i16::from(b) - i16::from(a);
            let change = match change {
                0 => "no change".to_owned(),
                c if c > 0 => format!("+{c} points"),
                c => format!("−{} points", c.unsigned_abs()),
            };
            vec![
                vec![text(*bucket)],
                cell(now, a),
                cell(then, b),
                vec![text(change)],
            ]
        })
        .collect();
    blocks.push(Block::Table {
        head: vec![
            "Bucket".to_owned(),
            format!("{} (now)", now.name),
            format!("{} (target)", then.name),
            "Change".to_owned(),
        ],
        align: vec![Align::Left, Align::Centre, Align::Centre, Align::Centre],
        rows,
        highlight: None,
    });
}

fn checklist_entry(item: &ChecklistItem, today: Date) -> ListItem {
    let mut line = vec![if item.status == Status::Dropped {
        Inline::Struck(item.text.clone())
    } else {
        text(item.text.clone())
    }];
    let mut state = format!(" — {}", item.status.label().to_lowercase());
    match (item.status, item.completed, item.due) {
        (Status::Done | Status::Dropped, Some(on), _) => state.push_str(&format!(" on {}", human_date(on))),
        (Status::Open | Status::InProgress, _, Some(due)) => {
            state.push_str(&format!(", due {}", human_date(due)))
        }
        _ => {}
    }
    line.push(text(state));
    if item.is_overdue(today) {
        line.push(Inline::Badge(Badge::Overdue));
    }
    let mut details = Vec::new();
    if !item.notes.trim().is_empty() {
        details.push(("Notes".to_owned(), item.notes.trim().to_owned()));
    }
    if !item.evidence.trim().is_empty() {
        details.push(("Evidence".to_owned(), item.evidence.trim().to_owned()));
    }
    ListItem {
        check: Some(item.status == Status::Done),
        line,
        details,
    }
}

fn checklist_section(blocks: &mut Vec<Block>, plan: &Plan, framework: &Framework, today: Date) {
    blocks.push(Block::Heading(2, "Checklist".to_owned()));
    if plan.checklist.is_empty() {
        blocks.push(Block::Para(vec![text("The checklist is empty.")]));
        return;
    }
    let c = ActionCounts::of(&plan.checklist, today);
    let mut counts = format!(
        "{} done, {} in progress, {} open, {} dropped",
        c.done, c.in_progress, c.open, c.dropped
    );
    if c.overdue > 0 {
        counts.push_str(&format!("; {} overdue on {}", c.overdue, human_date(today)));
    }
    blocks.push(Block::Para(vec![text(format!("{counts}."))]));

    let skills: Vec<(&SkillId, &str)> = plan.all_skills(framework).map(|s| (s.id(), s.name())).collect();
    let known = |skill: &Option<SkillId>| {
        skill
            .as_ref()
            .is_some_and(|s| skills.iter().any(|(id, _)| *id == s))
    };
    for (id, name) in &skills {
        let items: Vec<ListItem> = plan
            .checklist
            .iter()
            .filter(|i| i.skill.as_ref() == Some(*id))
            .map(|i| checklist_entry(i, today))
            .collect();
        if !items.is_empty() {
            blocks.push(Block::Heading(3, (*name).to_owned()));
            blocks.push(Block::List(items));
        }
    }
    let other: Vec<ListItem> = plan
        .checklist
        .iter()
        .filter(|i| !known(&i.skill))
        .map(|i| checklist_entry(i, today))
        .collect();
    if !other.is_empty() {
        blocks.push(Block::Heading(3, "Other actions".to_owned()));
        blocks.push(Block::List(other));
    }
}

fn milestones_section(blocks: &mut Vec<Block>, plan: &Plan, today: Date) {
    if plan.milestones.is_empty() {
        return;
    }
    blocks.push(Block::Heading(2, "Milestones".to_owned()));
    let items = plan
        .milestones_by_date()
        .into_iter()
        .map(|m| {
            let mut line = vec![strong(human_date(m.date)), text(format!(" — {}", m.title))];
            if m.reached {
                line.push(text(" (reached)"));
            } else if m.date < today {
                line.push(Inline::Badge(Badge::DatePassed));
            }
            ListItem {
                check: Some(m.reached),
                line,
                details: Vec::new(),
            }
        })
        .collect();
    blocks.push(Block::List(items));
}

fn session_blocks(blocks: &mut Vec<Block>, plan: &Plan, session: &Session, today: Date) {
    let date = human_date(session.started.date());
    let time = match session.ended {
        Some(end) if end.date() == session.started.date() => {
            format!("{} to {}", clock_time(session.started), clock_time(end))
        }
        Some(end) => format!(
            "{} to {}, {}",
            clock_time(session.started),
            human_date(end.date()),
            clock_time(end)
        ),
        None => format!("from {}, still running", clock_time(session.started)),
    };
    blocks.push(Block::Heading(3, format!("Session on {date}, {time}")));
    if !session.agenda.is_empty() {
        blocks.push(Block::Para(vec![strong("Agenda")]));
        blocks.push(Block::List(
            session
                .agenda
                .iter()
                .map(|a| ListItem {
                    check: None,
                    line: vec![text(a.text.clone())],
                    details: Vec::new(),
                })
                .collect(),
        ));
    }
    if !session.notes.is_empty() {
        blocks.push(Block::Para(vec![strong("Notes")]));
        blocks.push(Block::List(
            session
                .notes
                .iter()
                .map(|n| {
                    let mut line = vec![strong(clock_time(n.at)), text(format!(" {}", n.text.trim()))];
                    if n.mentor_only {
                        line.push(Inline::Badge(Badge::MentorOnly));
                    }
                    ListItem {
                        check: None,
                        line,
                        details: Vec::new(),
                    }
                })
                .collect(),
        ));
    }
    // Each in the checklist's words, without its box, badges and notes:
    // those belong to the checklist above.
    let agreed: Vec<ListItem> = crate::analysis::agreed_in(plan, session.id)
        .map(|item| {
            let mut line = checklist_entry(item, today).line;
            line.retain(|part| !matches!(part, Inline::Badge(_)));
            ListItem {
                check: None,
                line,
                details: Vec::new(),
            }
        })
        .collect();
    if !agreed.is_empty() {
        blocks.push(Block::Para(vec![strong("Agreed actions")]));
        blocks.push(Block::List(agreed));
    }
    if !session.summary.trim().is_empty() {
        blocks.push(Block::Para(vec![
            strong("Summary: "),
            text(session.summary.trim()),
        ]));
    }
}

fn sessions_section(blocks: &mut Vec<Block>, plan: &Plan, today: Date) {
    if plan.sessions.is_empty() {
        return;
    }
    blocks.push(Block::Heading(2, "Mentor sessions".to_owned()));
    for session in &plan.sessions {
        session_blocks(blocks, plan, session, today);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_like_people_write_them() {
        assert_eq!(human_date(jiff::civil::date(2026, 12, 1)), "1 Dec 2026");
        assert_eq!(human_date(jiff::civil::date(2028, 3, 31)), "31 Mar 2028");
    }
}
