//! The smallest eframe app worth measuring: one window of the same size as
//! Trailmap's, one label. With `TRAILMAP_FRAME_LOG=PATH` it appends the time of
//! every frame to `PATH`, exactly as Trailmap does, for scripts/bench-launch.sh;
//! with `TRAILMAP_EXIT_AFTER_FIRST_FRAME` set it exits at the end of its first
//! frame, as Trailmap does, for scripts/count-first-frame.sh.

use eframe::egui;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

struct Minimal {
    log: Option<File>,
    exit_after_first_frame: bool,
}

impl eframe::App for Minimal {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("Hello from a minimal eframe app.");
        });
        if let Some(log) = &mut self.log {
            let nanos = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let _ = log.write_all(format!("{nanos}\n").as_bytes());
        }
        // As Trailmap does, for scripts/count-first-frame.sh.
        if self.exit_after_first_frame {
            std::process::exit(0);
        }
    }
}

fn main() -> eframe::Result {
    let log = std::env::var_os("TRAILMAP_FRAME_LOG")
        .filter(|p| !p.is_empty())
        .and_then(|p| OpenOptions::new().create(true).append(true).open(p).ok());
    let exit_after_first_frame =
        std::env::var_os("TRAILMAP_EXIT_AFTER_FIRST_FRAME").is_some_and(|v| !v.is_empty());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Minimal eframe")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "minimal-eframe",
        options,
        Box::new(|_cc| {
            Ok(Box::new(Minimal {
                log,
                exit_after_first_frame,
            }))
        }),
    )
}
