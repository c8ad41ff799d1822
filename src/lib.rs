//! Trailmap: plan the move from tech lead into engineering or product leadership.
//!
//! The layers, from the bottom:
//! - [`model`], [`analysis`], [`export`]: the `trailmap-core` crate (plans,
//!   commands, pure analysis and reports), re-exported here. It cannot use
//!   egui, files or the clock; see its crate documentation.
//! - [`storage`]: the only layer that touches the file system.
//!
//! Failures: libraries return typed errors (`thiserror`); each error is handled
//! once, by showing it (UI, CLI) or by returning it, never both.

pub use trailmap_core::{analysis, dates, export, format, model};
pub mod storage;
pub mod ui;

pub mod app;
pub mod cli;
pub mod clock;
