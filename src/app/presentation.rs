//! What the window shows about itself: its title, the zoom and closing.

use super::{Page, TrailmapApp, ZoomRequest};

/// `title` as the window system may show it: control characters (NUL among
/// them) replaced by U+FFFD, and at most 200 characters.
pub fn window_title_text(title: &str) -> String {
    const LIMIT: usize = 200;
    let mut out: String = title
        .chars()
        .take(LIMIT)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if title.chars().nth(LIMIT).is_some() {
        out.push('…');
    }
    out
}

impl TrailmapApp {
    /// Carries out a zoom asked for this frame (zoom needs the context,
    /// which commands do not have).
    pub(super) fn apply_zoom(&mut self, ctx: &egui::Context) {
        match self.pending_zoom.take() {
            Some(ZoomRequest::Set(zoom)) => ctx.set_zoom_factor(zoom),
            Some(ZoomRequest::Step(step)) => ctx.set_zoom_factor((ctx.zoom_factor() * step).clamp(0.5, 3.0)),
            None => {}
        }
    }

    /// Closes the window once a quit was asked for and allowed.
    pub(super) fn close_if_asked(&self, ctx: &egui::Context) {
        if self.quit_requested && self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.page {
            Page::Plan(open) => {
                let marker = if open.doc.is_dirty() { "● " } else { "" };
                let read_only = if open.held_elsewhere || open.newer_format.is_some() {
                    " [read-only]"
                } else {
                    ""
                };
                let person = &open.doc.plan().person.name;
                if person.is_empty() {
                    format!("{marker}{}{read_only} — Trailmap", open.display_name())
                } else {
                    format!("{marker}{}{read_only} ({person}) — Trailmap", open.display_name())
                }
            }
            Page::Welcome => "Trailmap".to_owned(),
            Page::Error(failure) => format!(
                "{} (could not open) — Trailmap",
                failure
                    .path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            ),
        };
        // The window system refuses a title with a NUL (winit panics) and
        // may act on other control characters: show them as U+FFFD, and keep
        // a very long name from making a very long title.
        let title = window_title_text(&title);
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}
