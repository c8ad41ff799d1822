//! Trailmap: plan the move from tech lead into engineering or product leadership.
//!
//! The layers, from the bottom:
//! - [`model`]: frameworks, plans and the commands that change plans. No UI, no files.
//! - [`analysis`]: pure functions over plans (gaps, readiness, routes, seeding, history).
//! - [`export`]: reports as Markdown and HTML, and the SVG charts in them. Pure.
//! - [`storage`]: the only layer that touches the file system.
//! - [`stress`]: deterministic large plans for the benchmarks and the launch script.
//!
//! Failures: libraries return typed errors (`thiserror`); each error is handled
//! once, by showing it (UI, CLI) or by returning it, never both.

pub mod analysis;
pub mod export;
pub mod model;
pub mod storage;
pub mod stress;
pub mod ui;

pub mod app;
pub mod cli;
pub mod clock;
