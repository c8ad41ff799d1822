//! The status bar: where the plan is kept, whether it is saved, and the last
//! message, laid out so that no text runs over another at any width; and,
//! while presenting, without a folder in sight.

use std::path::{MAIN_SEPARATOR, Path};

use egui::{Align, FontId, Label, Layout, RichText, TextStyle, Ui};

use super::{Page, TrailmapApp};
use crate::ui::theme;

/// `text` cut in the middle (`/home/…/plans/plan.ron`) to fit `width` in
/// `font`: the file's name at the end is kept whole while it fits, and what
/// is left is shared between the start and the folders before the name.
pub(super) fn elide_middle(ui: &Ui, text: &str, font: &FontId, width: f32) -> String {
    let fits = |t: &str| {
        ui.painter()
            .layout_no_wrap(t.to_owned(), font.clone(), egui::Color32::PLACEHOLDER)
            .size()
            .x
            <= width
    };
    if fits(text) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // The file's name (from the last separator on) is kept whole while it fits.
    let name = chars
        .iter()
        .rev()
        .position(|c| matches!(c, '/' | '\\'))
        .map_or(0, |n| n + 1);
    let cut = |keep: usize| -> String {
        let head = if keep > name { (keep - name) / 2 } else { keep / 3 };
        let tail = keep - head;
        let mut out: String = chars.iter().take(head).collect();
        out.push('…');
        out.extend(chars.iter().skip(chars.len() - tail));
        out
    };
    // The most characters that fit (none fit: just the ellipsis).
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(&cut(mid)) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    cut(lo)
}

/// `text` without a folder in it, to show while presenting: each of `known`
/// (longest first) as its file name, what is left of their folders dropped,
/// and any other word with a path separator cut to what follows the last
/// one.
pub(super) fn without_paths(text: &str, known: &[&Path]) -> String {
    let mut known: Vec<&Path> = known.to_vec();
    known.sort_by_key(|p| std::cmp::Reverse(p.as_os_str().len()));
    let mut out = text.to_owned();
    for path in &known {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        out = out.replace(&path.display().to_string(), &name);
    }
    for folder in known.iter().filter_map(|p| p.parent()) {
        let folder = folder.display().to_string();
        if folder.len() > 1 {
            out = out.replace(&format!("{folder}{MAIN_SEPARATOR}"), "");
        }
    }
    let words: Vec<&str> = out
        .split(' ')
        .map(|word| match word.rfind(['/', '\\']) {
            Some(at) if !word.contains("://") => &word[at + 1..],
            _ => word,
        })
        .collect();
    words.join(" ")
}

/// How wide `text` is on one line in `font`.
fn width_of(ui: &Ui, text: &str, font: &FontId) -> f32 {
    ui.painter()
        .layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::PLACEHOLDER)
        .size()
        .x
}

impl TrailmapApp {
    /// The status bar's message as it is shown: while presenting, without
    /// the folders of the files it names.
    fn status_message(&self, presenting: bool) -> Option<(String, bool)> {
        let status = self.shell.status.as_ref()?;
        if !presenting {
            return Some((status.text.clone(), status.is_error));
        }
        let root = self.shell.data.root();
        let mut known: Vec<&Path> = vec![root];
        known.extend(self.shell.prefs.recent.iter().map(std::path::PathBuf::as_path));
        known.extend(self.shell.prefs.framework_file.as_deref());
        match &self.document.page {
            Page::Plan(open) => known.extend(open.path.as_deref()),
            Page::Error(failure) => known.push(&failure.path),
            Page::Welcome | Page::Loading => {}
        }
        Some((without_paths(&status.text, &known), status.is_error))
    }

    /// The status bar: the left side (where the plan is kept, read-only,
    /// saved) and the last message on the right. The message takes what it
    /// needs up to half the row and is cut at its end (the whole of it on
    /// hover); the left side has the rest, the path cut in its middle.
    pub(super) fn status_bar_ui(&mut self, ui: &mut Ui) {
        let presenting = self.window.is_presenting();
        let message = self.status_message(presenting);
        let font = TextStyle::Small.resolve(ui.style());
        ui.horizontal(|ui| {
            let gap = ui.spacing().item_spacing.x;
            let total = ui.available_width();
            let message_width = message
                .as_ref()
                .map_or(0.0, |(text, _)| width_of(ui, text, &font).min(total / 2.0).ceil());
            let left_width = (total - message_width - 2.0 * gap).max(0.0);
            let height = ui.available_height();
            ui.allocate_ui_with_layout(
                egui::vec2(left_width, height),
                Layout::left_to_right(Align::Center),
                |ui| {
                    ui.set_max_width(left_width);
                    self.status_left_ui(ui, &font, presenting);
                },
            );
            if let Some((text, is_error)) = message {
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    let color = if is_error {
                        theme::bad(ui.visuals())
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.add(Label::new(RichText::new(text).small().color(color)).truncate());
                });
            }
        });
    }

    /// The status bar's left side, within the width `ui` allows.
    fn status_left_ui(&self, ui: &mut Ui, font: &FontId, presenting: bool) {
        match &self.document.page {
            Page::Plan(open) => {
                let read_only = if open.held_elsewhere {
                    Some(
                        "Open in another Trailmap window: this window does not save it (Save as… keeps a copy)",
                    )
                } else if open.newer_format.is_some() {
                    Some("From a newer Trailmap: this version never writes over it (Save as… keeps a copy)")
                } else {
                    None
                };
                let (state, color) = if open.doc.is_dirty() {
                    ("• Unsaved changes", theme::warn(ui.visuals()))
                } else {
                    ("All changes saved", ui.visuals().weak_text_color())
                };
                // What the separators and the texts after the path take.
                let gap = ui.spacing().item_spacing.x;
                let separator = ui.spacing().item_spacing.x + 6.0;
                let after = width_of(ui, state, font)
                    + gap
                    + separator
                    + read_only.map_or(0.0, |_| width_of(ui, "Read-only", font) + gap + separator)
                    + 2.0;
                let place_width = (ui.available_width() - after).max(0.0);
                let place = match &open.path {
                    None => "Not saved yet".to_owned(),
                    Some(_) if presenting => open.display_name(),
                    Some(path) => path.display().to_string(),
                };
                let shown = elide_middle(ui, &place, font, place_width);
                let response = ui.add(Label::new(RichText::new(&shown).small().weak()).truncate());
                if shown != place {
                    response.on_hover_text(place);
                }
                ui.separator();
                if let Some(why) = read_only {
                    ui.label(
                        RichText::new("Read-only")
                            .small()
                            .color(theme::warn(ui.visuals())),
                    )
                    .on_hover_text(why);
                    ui.separator();
                }
                ui.label(RichText::new(state).small().color(color));
            }
            Page::Loading => {
                ui.label(RichText::new("Opening…").small().weak());
            }
            Page::Welcome if presenting => {
                ui.label(RichText::new("Presenting: F5 ends it").small().weak());
            }
            Page::Welcome => {
                let folder = format!("Data folder: {}", self.shell.data.root().display());
                let shown = elide_middle(ui, &folder, font, ui.available_width());
                let response = ui.add(Label::new(RichText::new(&shown).small().weak()).truncate());
                if shown != folder {
                    response.on_hover_text(folder);
                }
            }
            Page::Error(_) => {
                ui.label(RichText::new("The file was not changed").small().weak());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::without_paths;
    use std::path::Path;

    #[test]
    fn paths_are_left_out_of_a_message() {
        let plan = Path::new("/home/ana/.local/share/trailmap/plans/priya.ron");
        let root = Path::new("/home/ana/.local/share/trailmap");
        assert_eq!(
            without_paths(&format!("Saved {} at 10:02", plan.display()), &[root, plan]),
            "Saved priya.ron at 10:02"
        );
        assert_eq!(
            without_paths(
                "Not saved: /home/ana/.local/share/trailmap/plans/priya.ron.bak is read-only",
                &[root, plan]
            ),
            "Not saved: priya.ron.bak is read-only"
        );
        // A path not known (with a space in it): no separator is left.
        let shown = without_paths("Exported to /media/usb/my reports/priya.html", &[root]);
        assert_eq!(shown, "Exported to my priya.html");
    }
}
