//! The integration tests, as one crate: the app is linked once, not once
//! per file. Each module is one area; `support` holds the helpers they share
//! and the pinned dates. The kill test (`tests/kill.rs`) stays its own crate:
//! it spawns and kills the binary hundreds of times.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "tests make real files and threads"
)]
#![allow(
    clippy::too_many_lines,
    reason = "a table of cases reads best as one list; the limit is for the code under test"
)]

mod support;

mod analysis;
mod architecture;
mod bad_inputs;
mod cli;
mod commands;
mod content;
mod custom_framework;
mod export;
mod merge;
mod pdf;
mod plan_parse;
mod plan_text;
mod properties;
mod redaction;
mod sessions_analysis;
mod snapshots;
mod spreadsheets;
mod storage;
mod sync_cli;
mod ui;
mod ui_checklist;
mod ui_files;
mod ui_keyboard;
mod ui_present;
mod ui_reliability;
mod ui_sessions;
mod ui_skills;
mod ui_start;
mod ui_sync;
