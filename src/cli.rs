//! The command line: `validate`, `summary`, `new`, `export`, `framework`.
//! Everything here works without a display.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::analysis::{self, Rater};
use crate::clock;
use crate::export;
use crate::model::{Command, Document, Framework, Level, Plan, RoleId};
use crate::storage::{self, DataDir, FrameworkCatalog, StorageError};

/// Plan the move from tech lead into engineering or product leadership.
#[derive(Debug, Parser)]
// Global options may come before or after the command (`trailmap --data-dir D
// validate P` and `trailmap validate --data-dir D P`); a first word that names
// a command is the command, anything else is a plan to open.
#[command(
    name = "trailmap",
    version,
    about,
    subcommand_precedence_over_arg = true,
    override_usage = "trailmap [OPTIONS] [PLAN]\n       trailmap [OPTIONS] <COMMAND>"
)]
pub struct Cli {
    /// A plan file to open in the app.
    pub plan: Option<PathBuf>,
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do without opening the app.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// Options every command takes.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// The data folder (plans, recovery files, settings). Overrides $TRAILMAP_DATA_DIR.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// A framework file to use besides the built-in one.
    #[arg(long, global = true, value_name = "FILE")]
    pub framework: Option<PathBuf>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Check plan files; prints `ok: PATH` or `PATH:LINE:COL: message` for each. Writes nothing.
    Validate {
        /// The plan files.
        #[arg(required = true)]
        plans: Vec<PathBuf>,
    },
    /// Print a plan's ratings, readiness for every target role, route and action counts.
    Summary {
        /// The plan file.
        plan: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write a new plan with a checklist seeded for its gaps.
    New {
        /// The person's name.
        name: String,
        /// The current role id, e.g. tech-lead.
        #[arg(long, value_name = "ROLE")]
        role: String,
        /// The target role id, e.g. engineering-manager.
        #[arg(long, value_name = "ROLE")]
        target: String,
        /// Where to write it (default: DATA/plans/NAME.ron).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Export a plan as Markdown or a self-contained HTML page.
    Export {
        /// The plan file.
        plan: PathBuf,
        /// The format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Leave out private notes and mentor-only notes.
        #[arg(long)]
        redact: bool,
        /// Where to write it (default: standard output).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Print or check framework files.
    Framework {
        /// Print the built-in framework, as a starting point for your own.
        #[arg(long, conflicts_with = "check")]
        print: bool,
        /// Check a framework file.
        #[arg(long, value_name = "FILE")]
        check: Option<PathBuf>,
    },
    /// Load a plan and save it to another path (used by the reliability tests).
    #[command(hide = true)]
    SaveCopy {
        /// The plan to read.
        from: PathBuf,
        /// Where to save it.
        to: PathBuf,
    },
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown, with the charts as SVG files beside it.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

/// An error for the command line: one line, already naming its file.
#[derive(Debug)]
pub struct CliError(pub String);

impl From<StorageError> for CliError {
    fn from(e: StorageError) -> Self {
        Self(e.to_string())
    }
}

/// The framework catalog for these options: built-in, installed, and `--framework`.
pub fn catalog(global: &GlobalArgs) -> Result<FrameworkCatalog, CliError> {
    let data = DataDir::resolve(global.data_dir.as_deref());
    let (mut catalog, _broken) = FrameworkCatalog::load(&data.frameworks());
    if let Some(path) = &global.framework {
        catalog.add(storage::load_framework(path)?);
    }
    Ok(catalog)
}

/// The framework named by `--framework`, else the built-in one.
fn chosen_framework(global: &GlobalArgs) -> Result<std::sync::Arc<Framework>, CliError> {
    match &global.framework {
        Some(path) => Ok(std::sync::Arc::new(storage::load_framework(path)?)),
        None => Ok(storage::builtin()),
    }
}

/// Runs a command and returns the exit code.
pub fn run(command: CliCommand, global: &GlobalArgs) -> ExitCode {
    let result = match command {
        CliCommand::Validate { plans } => return validate(&plans, global),
        CliCommand::Summary { plan, json } => summary(&plan, json, global),
        CliCommand::New {
            name,
            role,
            target,
            output,
            force,
        } => new_plan(&name, &role, &target, output, force, global),
        CliCommand::Export {
            plan,
            format,
            redact,
            output,
        } => export(&plan, format, redact, output.as_deref(), global),
        CliCommand::Framework { print, check } => framework(print, check.as_deref()),
        CliCommand::SaveCopy { from, to } => save_copy(&from, &to, global),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError(message)) => {
            eprintln!("trailmap: {message}");
            ExitCode::FAILURE
        }
    }
}

fn validate(plans: &[PathBuf], global: &GlobalArgs) -> ExitCode {
    let catalog = match catalog(global) {
        Ok(c) => c,
        Err(CliError(message)) => {
            eprintln!("trailmap: {message}");
            return ExitCode::FAILURE;
        }
    };
    let mut all_ok = true;
    let mut out = std::io::stdout().lock();
    for path in plans {
        let line = match storage::load_plan(path, &catalog) {
            Ok(loaded) => match loaded.newer_format {
                Some(v) => format!(
                    "ok: {} (format {v}, from a newer Trailmap: read-only)",
                    path.display()
                ),
                None => format!("ok: {}", path.display()),
            },
            Err(e) => {
                all_ok = false;
                e.to_string()
            }
        };
        let _ = writeln!(out, "{line}");
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn summary(path: &Path, json: bool, global: &GlobalArgs) -> Result<(), CliError> {
    let loaded = storage::load_plan(path, &catalog(global)?)?;
    let summary = analysis::summarize(&loaded.plan, &loaded.framework, clock::today());
    let text = if json {
        serde_json::to_string_pretty(&summary).map_err(|e| CliError(e.to_string()))? + "\n"
    } else {
        summary_text(&loaded.plan, &loaded.framework, &summary)
    };
    print_out(&text)
}

fn print_out(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| CliError(format!("could not write to standard output: {e}")))
}

fn level(level: Option<Level>) -> String {
    level.map_or_else(|| "–".to_owned(), |l| l.to_string())
}

/// The summary as text for people.
pub fn summary_text(plan: &Plan, framework: &Framework, summary: &analysis::Summary) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let name = if summary.person.is_empty() {
        "(no name)"
    } else {
        &summary.person
    };
    let _ = writeln!(
        s,
        "{name}: {} -> {}",
        framework.role_name(&summary.current_role),
        framework.role_name(&summary.target_role)
    );
    if !summary.mentor.is_empty() {
        let _ = writeln!(s, "Mentor: {}", summary.mentor);
    }
    if let Some(date) = summary.target_date {
        let _ = writeln!(s, "Target date: {date}");
    }
    let _ = writeln!(s, "Framework: {}", summary.framework);
    let width = summary
        .skills
        .iter()
        .map(|k| k.name.chars().count())
        .max()
        .unwrap_or(5)
        .max(5)
        + 2;
    let _ = writeln!(s, "\n{:width$}Self  Mentor", "Skill");
    for skill in &summary.skills {
        let _ = writeln!(
            s,
            "{:width$}{:<6}{}",
            skill.name,
            level(skill.self_rating),
            level(skill.mentor_rating)
        );
    }
    let rwidth = summary
        .roles
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(4)
        + 2;
    let _ = writeln!(s, "\n{:rwidth$}Ready  Mentor  Gaps", "Target role");
    for role in &summary.roles {
        let gaps: Vec<String> = role
            .gaps
            .iter()
            .filter(|g| g.gap > 0)
            .map(|g| format!("{} -{}", plan.skill_name(framework, &g.skill), g.gap))
            .collect();
        let mentor = role
            .mentor_readiness
            .map_or_else(|| "–".to_owned(), |r| format!("{r}%"));
        let _ = writeln!(
            s,
            "{:rwidth$}{:<7}{:<8}{}",
            role.name,
            format!("{}%", role.readiness),
            mentor,
            if gaps.is_empty() {
                "none".to_owned()
            } else {
                gaps.join(", ")
            }
        );
    }
    let ranking: Vec<&str> = summary.ranking.iter().map(|r| framework.role_name(r)).collect();
    let _ = writeln!(s, "\nRanking: {}", ranking.join(" > "));
    if summary.route.is_empty() {
        let _ = writeln!(s, "Route: the role graph has no path to the target");
    } else {
        let route: Vec<String> = summary
            .route
            .iter()
            .map(|r| format!("{} ({}%)", r.name, r.readiness))
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

/// A file name made from a person's name: lower-case letters, digits and dashes.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() && c.is_ascii() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { "plan".to_owned() } else { slug }
}

/// A new plan with its checklist seeded, as a document history would build it.
pub fn seeded_plan(name: &str, framework: &Framework, role: RoleId, target: RoleId) -> Plan {
    let mut doc = Document::new(Plan::new(name, framework, role, target));
    let today = clock::today();
    let items = analysis::seed_items(doc.plan(), framework, today, doc.plan().next_id);
    let start = doc.plan().checklist.len();
    let items = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| (start + i, item))
        .collect();
    // Fresh ids on an empty checklist cannot clash.
    let _ = doc.apply(Command::InsertItems(items));
    doc.plan().clone()
}

fn new_plan(
    name: &str,
    role: &str,
    target: &str,
    output: Option<PathBuf>,
    force: bool,
    global: &GlobalArgs,
) -> Result<(), CliError> {
    let framework = chosen_framework(global)?;
    let known = |id: &str, what: &str| -> Result<RoleId, CliError> {
        let id = RoleId::new(id);
        if framework.role(&id).is_some() {
            return Ok(id);
        }
        let ids: Vec<&str> = framework.roles.iter().map(|r| r.id.as_str()).collect();
        Err(CliError(format!(
            "unknown {what} role `{id}`; the roles are: {}",
            ids.join(", ")
        )))
    };
    let (role, target) = (known(role, "current")?, known(target, "target")?);
    let path = match output {
        Some(p) => p,
        None => {
            let dir = DataDir::resolve(global.data_dir.as_deref()).plans();
            storage::ensure_dir(&dir)?;
            dir.join(format!("{}.ron", slug(name)))
        }
    };
    clean_leftovers(&path);
    if path.exists() && !force {
        return Err(CliError(format!(
            "{}: already exists; pass --force to replace it",
            path.display()
        )));
    }
    let plan = seeded_plan(name, &framework, role, target);
    storage::save_plan(&path, &plan, None)?;
    println!(
        "wrote {} ({} actions seeded; readiness for {}: {}%)",
        path.display(),
        plan.checklist.len(),
        framework.role_name(&plan.target_role),
        analysis::readiness(&plan, &framework, &plan.target_role, Rater::Own)
    );
    Ok(())
}

fn export(
    path: &Path,
    format: ExportFormat,
    redact: bool,
    output: Option<&Path>,
    global: &GlobalArgs,
) -> Result<(), CliError> {
    let loaded = storage::load_plan(path, &catalog(global)?)?;
    let (plan, framework) = (&loaded.plan, &loaded.framework);
    let today = clock::today();
    let format = match format {
        ExportFormat::Markdown => export::Format::Markdown,
        ExportFormat::Html => export::Format::Html,
    };
    let Some(out) = output else {
        let options = export::ExportOptions {
            redact,
            image_prefix: None,
        };
        return print_out(&match format {
            export::Format::Html => export::html(plan, framework, today, &options),
            export::Format::Markdown => export::markdown(plan, framework, today, &options).text,
        });
    };
    let written = storage::write_report(plan, framework, today, format, redact, out)?;
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    println!("wrote {}", names.join(", "));
    Ok(())
}

fn framework(print: bool, check: Option<&Path>) -> Result<(), CliError> {
    if let Some(path) = check {
        let fw = storage::load_framework(path)?;
        println!(
            "ok: {} ({}: {} skills, {} roles, {} actions)",
            path.display(),
            fw.id,
            fw.skills.len(),
            fw.roles.len(),
            fw.actions.len()
        );
        return Ok(());
    }
    if print {
        return print_out(storage::BUILTIN_TEXT);
    }
    Err(CliError("say --print or --check FILE".into()))
}

fn save_copy(from: &Path, to: &Path, global: &GlobalArgs) -> Result<(), CliError> {
    clean_leftovers(to);
    let loaded = storage::load_plan(from, &catalog(global)?)?;
    storage::save_plan(to, &loaded.plan, None)?;
    Ok(())
}

/// Removes the temporary files that a save killed part-way left in the folder
/// `path` is (or will be) written to. Commands that write call this first, as
/// the app does at start.
fn clean_leftovers(path: &Path) {
    let target = storage::resolve_links(path);
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let removed = storage::clean_temp_files(&dir);
    if removed > 0 {
        log::info!(
            "removed {removed} leftover temporary file(s) in {}",
            dir.display()
        );
    }
}
