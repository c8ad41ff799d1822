//! The command line: `validate`, `summary`, `new`, `export`, `framework`,
//! `share`, `merge`.
//! Everything here works without a display.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::analysis::{self, Rater};
use crate::clock;
use crate::export;
use crate::export::terminal::{escape_json_controls, one_line, show_controls, summary_text};
use crate::model::{Framework, RoleId, Side, sync};
use crate::storage::{self, DataDir, ErrorKind, FrameworkCatalog, StorageError};

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
        /// Where to write it (default: DATA/plans/NAME.ron); `-` prints it.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Export a plan as Markdown, a self-contained HTML page, a PDF, or an iCalendar file.
    Export {
        /// The plan file.
        plan: PathBuf,
        /// The format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Leave out private notes and mentor-only notes.
        #[arg(long)]
        redact: bool,
        /// Where to write it; `-` or no path means standard output (a PDF
        /// only to a pipe or file, never to a terminal).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Print, check, import or export framework files. A framework can be
    /// kept in a spreadsheet: a ladder sheet with one row per skill and
    /// level and one column per role (x marks the level a role needs),
    /// and optional sheets beside it, STEM-roles.csv, STEM-actions.csv,
    /// STEM-moves.csv and STEM-about.csv (see the README).
    #[command(group = clap::ArgGroup::new("what").args(["print", "check", "import", "export_csv"]))]
    Framework {
        /// Print the built-in framework, as a starting point for your own.
        #[arg(long)]
        print: bool,
        /// Check a framework file.
        #[arg(long, value_name = "FILE")]
        check: Option<PathBuf>,
        /// Read a ladder kept in a spreadsheet (CSV) and the sheets beside
        /// it, and write it as a framework file (-o).
        #[arg(long, value_name = "LADDER.csv", requires = "output")]
        import: Option<PathBuf>,
        /// Write a framework as spreadsheet sheets (-o LADDER.csv): FILE, or
        /// the built-in framework when no FILE is given.
        #[arg(long, value_name = "FILE", num_args = 0..=1, requires = "output")]
        export_csv: Option<Option<PathBuf>>,
        /// Where --import and --export-csv write.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Write a copy of a plan for your mentor or mentee, without your private notes.
    Share {
        /// The plan file.
        plan: PathBuf,
        /// Who the copy is for.
        #[arg(long = "for", value_enum, value_name = "WHO")]
        to: Person,
        /// Where to write it.
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
    },
    /// Merge two copies of one plan. Writes only OUT; exits 0 when clean, 1
    /// when texts both sides changed are kept side by side for you to settle
    /// (listed on standard error), 2 on an error. As a git merge driver:
    /// `trailmap merge --base %O %A %B -o %A`.
    Merge {
        /// Your copy.
        ours: PathBuf,
        /// The other copy.
        theirs: PathBuf,
        /// The copy both started from (git's `%O`). Optional: the copies
        /// record who changed what and when, which is all the merge needs;
        /// it is checked to be the same plan.
        #[arg(long, value_name = "BASE")]
        base: Option<PathBuf>,
        /// Where to write the merged plan (may be OURS).
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
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

/// Who a shared copy is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Person {
    /// The mentor (leaves out the mentee's private notes).
    Mentor,
    /// The mentee (leaves out the mentor's notes).
    Mentee,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown, with the charts as SVG files beside it.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// An iCalendar file (.ics) for a calendar app.
    Ics,
    /// The checklist as a spreadsheet (CSV), with status and dates.
    Csv,
    /// A PDF of the report (A4 pages, vector charts).
    Pdf,
}

/// An error for the command line: one line, already naming its file.
#[derive(Debug)]
pub struct CliError(pub String);

impl From<StorageError> for CliError {
    fn from(e: StorageError) -> Self {
        Self(error_line(&e))
    }
}

/// A path as one line shows it: its control characters (a line feed among
/// them) as escapes, so a file name cannot split a line or fake an `ok:`.
fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// A storage error as one line: `PATH[:LINE:COL]: message`, the path shown
/// by [`shown`].
fn error_line(e: &StorageError) -> String {
    let place = e.position.map(|p| format!(":{p}")).unwrap_or_default();
    // The message may quote the file (an unknown role's id): one line too.
    format!("{}{place}: {}", shown(&e.path), one_line(&e.kind.to_string()))
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
    let done = |result: Result<(), CliError>| result.map(|()| ExitCode::SUCCESS);
    let result = match command {
        CliCommand::Validate { plans } => validate(&plans, global),
        CliCommand::Summary { plan, json } => done(summary(&plan, json, global)),
        CliCommand::New {
            name,
            role,
            target,
            output,
            force,
        } => done(new_plan(&name, &role, &target, output, force, global)),
        CliCommand::Export {
            plan,
            format,
            redact,
            output,
        } => done(export(&plan, format, redact, output.as_deref(), global)),
        CliCommand::Framework {
            print: print_builtin,
            check,
            import,
            export_csv,
            output,
        } => done(match (import, export_csv, output) {
            (Some(ladder), _, Some(out)) => import_ladder(&ladder, &out),
            (None, Some(from), Some(out)) => export_ladder(from.as_deref(), &out),
            _ => framework(print_builtin, check.as_deref()),
        }),
        CliCommand::SaveCopy { from, to } => done(save_copy(&from, &to, global)),
        CliCommand::Share { plan, to, output } => done(share(&plan, to, &output, global)),
        CliCommand::Merge {
            ours,
            theirs,
            base,
            output,
        } => merge(&ours, &theirs, base.as_deref(), &output, global),
    };
    match result {
        Ok(code) => code,
        // A closed pipe: nothing more to say; 141 is what a shell reports
        // for a command ended by SIGPIPE.
        Err(CliError(message)) if message.is_empty() => ExitCode::from(141),
        Err(CliError(message)) => {
            // If standard error fails too, nothing is left to tell.
            let _ = print(Stream::Err, Printed::Lines(&format!("trailmap: {message}\n")));
            ExitCode::FAILURE
        }
    }
}

/// Where the command line prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stream {
    /// Standard output: what the command was asked for.
    Out,
    /// Standard error: what went wrong.
    Err,
}

/// What the command line prints.
#[derive(Clone, Copy, Debug)]
enum Printed<'a> {
    /// Whole lines for people: results, summaries, errors. They quote plan
    /// content and paths, so their control characters are shown as escapes
    /// ([`show_controls`]).
    Lines(&'a str),
    /// A document asked for (a report, the built-in framework), printed as
    /// it is: its format decides how it shows such characters, and reports
    /// hold none (see `export`).
    Document(&'a str),
    /// A document that is not text (a PDF): written as it is to a pipe or
    /// a file, refused on a terminal. Standard output only.
    Binary(&'a [u8]),
}

/// Prints to standard output or standard error. Everything the commands
/// print goes through here: lines for people with their control characters
/// escaped, documents as they are. A failed write (a full disk, a closed
/// pipe) is an error, so the command exits non-zero instead of reporting
/// success for output that was lost.
fn print(stream: Stream, printed: Printed<'_>) -> Result<(), CliError> {
    let text = match printed {
        Printed::Lines(text) => show_controls(text),
        Printed::Document(text) => Cow::Borrowed(text),
        Printed::Binary(bytes) => return print_binary(bytes),
    };
    let (written, name) = match stream {
        Stream::Out => {
            let mut out = std::io::stdout().lock();
            (
                out.write_all(text.as_bytes()).and_then(|()| out.flush()),
                "output",
            )
        }
        Stream::Err => {
            let mut err = std::io::stderr().lock();
            (err.write_all(text.as_bytes()).and_then(|()| err.flush()), "error")
        }
    };
    written.map_err(|e| write_error(&e, name))
}

/// The error for output that could not be written.
fn write_error(e: &std::io::Error, name: &str) -> CliError {
    match e.kind() {
        // The reader went away (`trailmap validate … | head -1`): stop
        // quietly, as other command-line tools do.
        std::io::ErrorKind::BrokenPipe => CliError(String::new()),
        _ => CliError(format!("could not write to standard {name}: {e}")),
    }
}

/// Writes a binary document to standard output, unless that is a terminal:
/// bytes that are not text would garble it.
fn print_binary(bytes: &[u8]) -> Result<(), CliError> {
    use std::io::IsTerminal as _;
    let mut out = std::io::stdout().lock();
    if out.is_terminal() {
        return Err(CliError(
            "a PDF is not text and is not printed to a terminal; write it to a file with -o FILE.pdf \
             (or pipe it: -o - | …)"
                .to_owned(),
        ));
    }
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| write_error(&e, "output"))
}

/// Prints a usage error (from the argument parser) with its control
/// characters escaped: it repeats the arguments as they were typed.
pub fn print_usage_error(text: &str) {
    let _ = print(Stream::Err, Printed::Lines(text));
}

/// Prints `ok: PATH` or the error for each plan; the exit code says whether
/// all of them loaded.
fn validate(plans: &[PathBuf], global: &GlobalArgs) -> Result<ExitCode, CliError> {
    let catalog = catalog(global)?;
    let mut all_ok = true;
    for path in plans {
        let line = match storage::load_plan(path, &catalog) {
            Ok(loaded) => match loaded.newer_format {
                Some(v) => format!(
                    "ok: {} (format {v}, from a newer Trailmap: read-only)",
                    shown(path)
                ),
                None => format!("ok: {}", shown(path)),
            },
            Err(e) => {
                all_ok = false;
                error_line(&e)
            }
        };
        print(Stream::Out, Printed::Lines(&format!("{line}\n")))?;
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn summary(path: &Path, json: bool, global: &GlobalArgs) -> Result<(), CliError> {
    let loaded = storage::load_plan(path, &catalog(global)?)?;
    let summary = analysis::summarize(&loaded.plan, &loaded.framework, clock::today());
    if json {
        let json = serde_json::to_string_pretty(&summary).map_err(|e| CliError(e.to_string()))?;
        // Escaped as JSON (`\u202e`); terminal-style escapes would break it.
        return print(
            Stream::Out,
            Printed::Document(&(escape_json_controls(&json) + "\n")),
        );
    }
    print(
        Stream::Out,
        Printed::Lines(&summary_text(&loaded.plan, &loaded.framework, &summary)),
    )
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
    // `-o -` prints the plan, as `export -o -` prints the report.
    if output.as_deref().is_some_and(|o| o.as_os_str() == "-") {
        let mut plan = analysis::seeded_plan(name, &framework, role, target, clock::today());
        plan.id = storage::new_plan_id();
        return print(Stream::Out, Printed::Document(&storage::plan_to_string(&plan)));
    }
    let path = match output {
        Some(p) => p,
        None => {
            let dir = DataDir::resolve(global.data_dir.as_deref()).plans();
            storage::ensure_dir(&dir)?;
            dir.join(format!("{}.ron", crate::model::slug(name)))
        }
    };
    clean_leftovers(&path);
    if path.exists() && !force {
        return Err(CliError(format!(
            "{}: already exists; pass --force to replace it",
            shown(&path)
        )));
    }
    let mut plan = analysis::seeded_plan(name, &framework, role, target, clock::today());
    plan.id = storage::new_plan_id();
    let _lock = plan_lock(&path, global)?;
    storage::save_plan(&path, &plan, None)?;
    let line = format!(
        "wrote {} ({} actions seeded; readiness for {}: {}%)\n",
        shown(&path),
        plan.checklist.len(),
        framework.role_name(&plan.target_role),
        analysis::readiness(&plan, &framework, &plan.target_role, Rater::Own)
    );
    print(Stream::Out, Printed::Lines(&line))
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
        ExportFormat::Ics => export::Format::Calendar,
        ExportFormat::Csv => export::Format::Checklist,
        ExportFormat::Pdf => export::Format::Pdf,
    };
    // `-o -` is standard output, as for most tools; a file named `-` is `./-`.
    let Some(out) = output.filter(|out| out.as_os_str() != "-") else {
        let options = export::ExportOptions {
            redact,
            image_prefix: None,
        };
        let report = match format {
            export::Format::Html => export::html(plan, framework, today, &options),
            export::Format::Markdown => export::markdown(plan, framework, today, &options).text,
            export::Format::Calendar => export::ics(plan, framework, today, &options),
            export::Format::Checklist => export::checklist_csv(plan, framework, today, &options),
            export::Format::Pdf => {
                let pdf =
                    export::pdf(plan, framework, today, &options).map_err(|e| CliError(e.to_string()))?;
                return print(Stream::Out, Printed::Binary(&pdf));
            }
        };
        return print(Stream::Out, Printed::Document(&report));
    };
    clean_leftovers(out);
    let written = storage::write_report(plan, framework, today, format, redact, out).map_err(export_error)?;
    let names: Vec<String> = written.iter().map(|p| shown(p)).collect();
    print(
        Stream::Out,
        Printed::Lines(&format!("wrote {}\n", names.join(", "))),
    )
}

/// The error for an export that was not written; for a pipe, socket or
/// device (`-o /dev/stdout`, a named pipe) it says how to write to standard
/// output instead.
fn export_error(e: StorageError) -> CliError {
    if matches!(e.kind, ErrorKind::SpecialTarget) {
        CliError(format!("{e}; to write to standard output, use -o -"))
    } else {
        e.into()
    }
}

fn framework(print_builtin: bool, check: Option<&Path>) -> Result<(), CliError> {
    if let Some(path) = check {
        let fw = storage::load_framework(path)?;
        // The app would refuse to install it: say why, or (for the built-in
        // id, as in a fresh copy of `--print`) what to change first.
        let fw = match storage::check_installable(path, fw.clone()) {
            Ok(fw) => fw,
            Err(_) if fw.id == crate::model::BUILTIN_FRAMEWORK_ID => {
                print(
                    Stream::Err,
                    Printed::Lines(&format!(
                        "trailmap: note: `{}` is the built-in framework's id; give yours another before installing it\n",
                        fw.id
                    )),
                )?;
                fw
            }
            Err(e) => return Err(e.into()),
        };
        let line = format!(
            "ok: {} ({}: {} skills, {} roles, {} actions)\n",
            shown(path),
            fw.id,
            fw.skills.len(),
            fw.roles.len(),
            fw.actions.len()
        );
        return print(Stream::Out, Printed::Lines(&line));
    }
    if print_builtin {
        return print(Stream::Out, Printed::Document(storage::BUILTIN_TEXT));
    }
    Err(CliError(
        "say --print, --check FILE, --import LADDER.csv -o OUT.ron or --export-csv [FILE] -o LADDER.csv"
            .into(),
    ))
}

/// `framework --import LADDER -o OUT`: the sheets become a framework file.
fn import_ladder(ladder: &Path, out: &Path) -> Result<(), CliError> {
    let (imported, read) = storage::import_ladder(ladder)?;
    let framework = &imported.framework;
    let mut notes: Vec<String> = imported
        .notes
        .iter()
        .map(|n| format!("trailmap: note: {n}\n"))
        .collect();
    if framework.id == crate::model::BUILTIN_FRAMEWORK_ID {
        notes.push(format!(
            "trailmap: note: `{}` is the built-in framework's id; give yours another (in the about sheet) before installing it\n",
            framework.id
        ));
    }
    let sheets: Vec<String> = read.iter().map(|p| shown(p)).collect();
    // The notes after the framework is out, and only if it is; the summary
    // only when it went to a file.
    let summary = if out.as_os_str() == "-" {
        print(
            Stream::Out,
            Printed::Document(&storage::framework_text(framework, &sheets[0])?),
        )?;
        None
    } else {
        storage::write_framework(framework, ladder, out)?;
        Some(format!(
            "read {}\nwrote {} ({}: {} skills, {} roles, {} actions, {} moves)\n",
            sheets.join(", "),
            shown(out),
            framework.id,
            framework.skills.len(),
            framework.roles.len(),
            framework.actions.len(),
            framework.transitions.len()
        ))
    };
    if !notes.is_empty() {
        print(Stream::Err, Printed::Lines(&notes.concat()))?;
    }
    match summary {
        Some(line) => print(Stream::Out, Printed::Lines(&line)),
        None => Ok(()),
    }
}

/// `framework --export-csv [FILE] -o LADDER.csv`: a framework as sheets.
fn export_ladder(from: Option<&Path>, out: &Path) -> Result<(), CliError> {
    if out.as_os_str() == "-" {
        return Err(CliError(
            "the sheets are five files, named after the ladder's: give it a file name, e.g. -o ladder.csv"
                .into(),
        ));
    }
    let framework = match from {
        Some(path) => std::sync::Arc::new(storage::load_framework(path)?),
        None => storage::builtin(),
    };
    let written = storage::export_ladder(&framework, out)?;
    let names: Vec<String> = written.iter().map(|p| shown(p)).collect();
    print(
        Stream::Out,
        Printed::Lines(&format!("wrote {}\n", names.join(", "))),
    )
}

fn share(path: &Path, to: Person, output: &Path, global: &GlobalArgs) -> Result<(), CliError> {
    let loaded = storage::load_plan(path, &catalog(global)?)?;
    let side = match to {
        Person::Mentor => Side::Mentor,
        Person::Mentee => Side::Mentee,
    };
    let copy = sync::layers::share_for(&loaded.plan, side);
    // Links followed: the save writes through a link, so `-o` naming a link
    // to the plan would replace the plan.
    if storage::canonical(&storage::resolve_links(output))
        == storage::canonical(&storage::resolve_links(path))
    {
        return Err(CliError(format!(
            "{}: the shared copy would replace the plan itself; choose another file",
            shown(output)
        )));
    }
    clean_leftovers(output);
    let _lock = plan_lock(output, global)?;
    storage::save_plan(output, &copy, None)?;
    let line = format!(
        "wrote {} for the {}, without the {}'s private notes\n",
        shown(output),
        side.label(),
        side.other().label()
    );
    print(Stream::Out, Printed::Lines(&line))
}

/// `trailmap merge`: 0 merged cleanly, 1 merged with text conflicts kept, 2
/// nothing written.
fn merge(
    ours: &Path,
    theirs: &Path,
    base: Option<&Path>,
    output: &Path,
    global: &GlobalArgs,
) -> Result<ExitCode, CliError> {
    let fail = |e: CliError| -> Result<ExitCode, CliError> {
        let _ = print(Stream::Err, Printed::Lines(&format!("trailmap: {}\n", e.0)));
        Ok(ExitCode::from(2))
    };
    let result = (|| -> Result<(trailmap_core::model::Plan, std::sync::Arc<Framework>), CliError> {
        let catalog = catalog(global)?;
        let a = storage::load_plan(ours, &catalog)?;
        let b = storage::load_plan(theirs, &catalog)?;
        for (path, loaded) in [(ours, &a), (theirs, &b)] {
            if let Some(v) = loaded.newer_format {
                return Err(CliError(format!(
                    "{}: written by a newer Trailmap (format {v}); merge it there",
                    shown(path)
                )));
            }
        }
        if let Some(base) = base {
            let o = storage::load_plan(base, &catalog)?;
            if o.plan.id != a.plan.id {
                return Err(CliError(format!(
                    "{}: the base is another plan (id `{}`, not `{}`)",
                    shown(base),
                    o.plan.id,
                    a.plan.id
                )));
            }
        }
        let merged = sync::merge::merge(&a.plan, &b.plan)
            .map_err(|e| CliError(format!("{} and {}: {e}", shown(ours), shown(theirs))))?;
        Ok((merged, a.framework))
    })();
    let (merged, framework) = match result {
        Ok(done) => done,
        Err(e) => return fail(e),
    };
    let issues = merged.check(&framework);
    if let Some(issue) = issues.first() {
        return fail(CliError(format!(
            "{}: the merged plan would not load ({}: {}); nothing written",
            shown(output),
            issue.place,
            issue.message
        )));
    }
    clean_leftovers(output);
    let written = plan_lock(output, global)
        .and_then(|_lock| storage::save_merged(output, &merged).map_err(CliError::from));
    if let Err(e) = written {
        return fail(e);
    }
    let conflicts = sync::merge::text_conflicts(&merged);
    if conflicts.is_empty() {
        print(
            Stream::Out,
            Printed::Lines(&format!("merged into {}\n", shown(output))),
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = format!(
        "merged into {}; {} text(s) were changed on both sides and are kept side by side; settle them in the app:\n",
        shown(output),
        conflicts.len()
    );
    for c in &conflicts {
        text.push_str(&format!("  {}: {}\n", c.field, one_line(&c.shown)));
        for other in &c.others {
            text.push_str(&format!("    and: {}\n", one_line(other)));
        }
    }
    print(Stream::Err, Printed::Lines(&text))?;
    Ok(ExitCode::from(1))
}

fn save_copy(from: &Path, to: &Path, global: &GlobalArgs) -> Result<(), CliError> {
    clean_leftovers(to);
    let loaded = storage::load_plan(from, &catalog(global)?)?;
    let _lock = plan_lock(to, global)?;
    storage::save_plan(to, &loaded.plan, None)?;
    Ok(())
}

/// The plan's lock for the time a command writes it: a plan open in an app
/// window is that window's to write.
fn plan_lock(path: &Path, global: &GlobalArgs) -> Result<Option<storage::PlanLock>, CliError> {
    let data = DataDir::resolve(global.data_dir.as_deref());
    storage::PlanLock::acquire(&data, path).map_err(|e| {
        CliError(format!(
            "{}: the plan is open in a Trailmap window; close it there first",
            shown(&e.path)
        ))
    })
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
        log::info!("removed {removed} leftover temporary file(s) in {}", shown(&dir));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_as_escapes() {
        assert_eq!(show_controls("plain\tline\n"), "plain\tline\n");
        assert!(matches!(show_controls("é ✓\n"), Cow::Borrowed(_)));
        assert_eq!(
            show_controls("\u{1b}]0;x\u{7}\u{0}\r\u{7f}\u{80}\u{9b}\u{9f}\u{a0}é"),
            "\\u{1b}]0;x\\u{7}\\u{0}\\u{d}\\u{7f}\\u{80}\\u{9b}\\u{9f}\u{a0}é"
        );
    }

    #[test]
    fn json_gets_escapes_for_del_and_c1() {
        let json = serde_json::to_string_pretty(&["a\u{1b}\u{7f}\u{9b}\u{85}b"]).unwrap_or_default();
        let escaped = escape_json_controls(&json);
        assert_eq!(escaped, "[\n  \"a\\u001b\\u007f\\u009b\\u0085b\"\n]");
        let back: Vec<String> = serde_json::from_str(&escaped).unwrap_or_default();
        assert_eq!(back, ["a\u{1b}\u{7f}\u{9b}\u{85}b"]);
    }
}
