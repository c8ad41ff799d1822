//! What the window shows about itself: its title, the zoom, presentation
//! mode and closing.

use super::{Page, TrailmapApp};

/// A change of zoom asked for by a command.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum ZoomRequest {
    /// To this factor.
    Set(f32),
    /// By this factor, kept within 0.5 and 3.
    Step(f32),
}

/// The window's own state: title, zoom, presentation mode, closing.
#[derive(Debug, Default)]
pub(super) struct Window {
    /// While presenting: the zoom to go back to afterwards.
    pub(super) presenting: Option<f32>,
    /// A zoom asked for by a command, carried out at the end of the frame.
    pub(super) pending_zoom: Option<ZoomRequest>,
    /// The window title last sent, so it is sent only when it changes.
    pub(super) title: String,
    /// Whether fonts and styles were set up (on the first frame).
    pub(super) style_applied: bool,
    /// Whether the window may close now (unsaved changes were dealt with).
    pub(super) allow_close: bool,
    /// Whether Quit was asked for.
    pub(super) quit_requested: bool,
    /// Whether the window had the focus last frame (`None` before the first).
    pub(super) focused: Option<bool>,
    /// Whether the system's fonts, which draw names in scripts the embedded
    /// fonts lack, are still to be added (once the first frame is on screen,
    /// see `TrailmapApp::after_first_frame`). Never set in tests: their
    /// pixels must not depend on the machine's fonts.
    pub(super) system_fonts_pending: bool,
}

impl Window {
    /// Whether presentation mode is on.
    pub(super) fn is_presenting(&self) -> bool {
        self.presenting.is_some()
    }

    /// Starts or ends presentation mode; `zoom` is the zoom now.
    pub(super) fn toggle_presentation(&mut self, zoom: f32) {
        self.pending_zoom = Some(match self.presenting.take() {
            Some(zoom_before) => ZoomRequest::Set(zoom_before),
            None => {
                // Presenting from this very frame on (private notes
                // hidden at once), remembering the zoom to go back to.
                self.presenting = Some(zoom);
                ZoomRequest::Set(zoom * 1.3)
            }
        });
    }

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

    /// Sends the title for `page` if it changed.
    pub(super) fn update_title(&mut self, ctx: &egui::Context, page: &Page) {
        // The window system refuses a title with a NUL (winit panics) and
        // may act on other control characters: show them as U+FFFD, and keep
        // a very long name from making a very long title.
        let title = window_title_text(&title_of(page));
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

/// The window title for `page`, before it is made safe to show.
fn title_of(page: &Page) -> String {
    match page {
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
        Page::Welcome | Page::Loading => "Trailmap".to_owned(),
        Page::Error(failure) => format!(
            "{} (could not open) — Trailmap",
            failure
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ),
    }
}

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
    /// Carries out what the window was asked to do this frame: the zoom,
    /// the title, closing.
    pub(super) fn update_window(&mut self, ctx: &egui::Context) {
        self.window.update_title(ctx, &self.document.page);
        self.window.apply_zoom(ctx);
        self.window.close_if_asked(ctx);
    }
}
