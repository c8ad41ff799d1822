//! Colours and style, chosen to read well in both the dark and the light theme.

use egui::{Color32, Visuals};

/// Whether `visuals` is the dark theme.
fn dark(visuals: &Visuals) -> bool {
    visuals.dark_mode
}

/// Picks the dark- or light-theme variant.
fn pick(visuals: &Visuals, dark_color: Color32, light_color: Color32) -> Color32 {
    if dark(visuals) { dark_color } else { light_color }
}

/// The colour of the person's own ratings.
pub fn own(visuals: &Visuals) -> Color32 {
    pick(
        visuals,
        Color32::from_rgb(96, 165, 250),
        Color32::from_rgb(37, 99, 235),
    )
}

/// The colour of the mentor's ratings.
pub fn mentor(visuals: &Visuals) -> Color32 {
    pick(
        visuals,
        Color32::from_rgb(251, 146, 60),
        Color32::from_rgb(194, 65, 12),
    )
}

/// The colour of a role's requirements.
pub fn requirement(visuals: &Visuals) -> Color32 {
    pick(
        visuals,
        Color32::from_rgb(203, 213, 225),
        Color32::from_rgb(71, 85, 105),
    )
}

/// Met: no gap.
pub fn good(visuals: &Visuals) -> Color32 {
    pick(
        visuals,
        Color32::from_rgb(74, 222, 128),
        Color32::from_rgb(21, 128, 61),
    )
}

/// One level short.
pub fn warn(visuals: &Visuals) -> Color32 {
    pick(
        visuals,
        Color32::from_rgb(250, 204, 21),
        Color32::from_rgb(180, 83, 9),
    )
}

/// Two or more levels short, or overdue.
pub fn bad(visuals: &Visuals) -> Color32 {
    pick(
        visuals,
        Color32::from_rgb(248, 113, 113),
        Color32::from_rgb(185, 28, 28),
    )
}

/// The colour for a gap of `gap` levels.
pub fn gap(visuals: &Visuals, gap: u8) -> Color32 {
    match gap {
        0 => good(visuals),
        1 => warn(visuals),
        _ => bad(visuals),
    }
}

/// Distinct colours for role overlays, in order.
pub fn overlay(visuals: &Visuals, index: usize) -> Color32 {
    let dark_set = [
        Color32::from_rgb(167, 139, 250),
        Color32::from_rgb(45, 212, 191),
        Color32::from_rgb(244, 114, 182),
        Color32::from_rgb(163, 230, 53),
        Color32::from_rgb(56, 189, 248),
    ];
    let light_set = [
        Color32::from_rgb(109, 40, 217),
        Color32::from_rgb(15, 118, 110),
        Color32::from_rgb(190, 24, 93),
        Color32::from_rgb(77, 124, 15),
        Color32::from_rgb(3, 105, 161),
    ];
    let set = if dark(visuals) { dark_set } else { light_set };
    set[index % set.len()]
}

/// A subtle fill for cards.
pub fn card_fill(visuals: &Visuals) -> Color32 {
    pick(visuals, Color32::from_gray(32), Color32::from_gray(250))
}

/// The three time-allocation buckets' colours.
pub fn bucket(visuals: &Visuals, index: usize) -> Color32 {
    let colors = if dark(visuals) {
        [
            Color32::from_rgb(96, 165, 250),
            Color32::from_rgb(251, 146, 60),
            Color32::from_rgb(74, 222, 128),
        ]
    } else {
        [
            Color32::from_rgb(37, 99, 235),
            Color32::from_rgb(234, 88, 12),
            Color32::from_rgb(22, 163, 74),
        ]
    };
    colors[index % colors.len()]
}

/// Text that sits on a filled `background`: near-black or white, whichever
/// has the higher contrast ratio with it (WCAG's relative luminance).
pub fn on(background: Color32) -> Color32 {
    let dark = Color32::from_gray(20);
    if contrast(dark, background) >= contrast(Color32::WHITE, background) {
        dark
    } else {
        Color32::WHITE
    }
}

/// The WCAG contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let luminance = |c: Color32| {
        let [r, g, b, _] = c.to_array();
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Applies Trailmap's spacing and text sizes to both themes.
pub fn apply_style(ctx: &egui::Context) {
    // Zoom shortcuts are the app's commands (clamped, and aware of
    // presentation mode), not egui's built-in handler.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles = [
            (TextStyle::Heading, FontId::new(20.0, FontFamily::Proportional)),
            (TextStyle::Body, FontId::new(14.0, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(13.0, FontFamily::Monospace)),
            (TextStyle::Button, FontId::new(14.0, FontFamily::Proportional)),
            (TextStyle::Small, FontId::new(11.5, FontFamily::Proportional)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        style.spacing.interact_size.y = 24.0;
        // Keyboard focus (egui draws a focused widget with its "active"
        // look) is a coloured ring of its own: the plain outline it had
        // looked like the outline that marks the level a role needs.
        // (Text fields keep egui's own focus outline: its colour is also the
        // text colour of selected items, which must stay readable.)
        let ring = focus(&style.visuals);
        style.visuals.widgets.active.bg_stroke = egui::Stroke::new(2.0, ring);
        // Scroll bars that are simply there when needed, not floating ones
        // that fade in on hover: the fades cost a dozen frames whenever the
        // pointer crosses a list, the first second after start included.
        style.spacing.scroll = egui::style::ScrollStyle::solid();
    });
    // Secondary text at 4.5:1 or more against the panel (WCAG AA for body
    // text): egui's default is the text colour at 60 %, about 2.6:1 on the
    // dark panel and 2.9:1 on the light one.
    ctx.style_mut_of(egui::Theme::Dark, |style| {
        style.visuals.weak_text_color = Some(Color32::from_gray(150));
    });
    // On the light panel, text fields and buttons show their edges.
    ctx.style_mut_of(egui::Theme::Light, |style| {
        style.visuals.weak_text_color = Some(Color32::from_gray(100));
        style.visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(185));
        style.visuals.extreme_bg_color = Color32::WHITE;
    });
}

/// The colour of the keyboard focus ring: a fuchsia that no rating, level,
/// will or gap colour uses.
pub fn focus(visuals: &Visuals) -> Color32 {
    pick(
        visuals,
        Color32::from_rgb(232, 121, 249),
        Color32::from_rgb(192, 38, 211),
    )
}

/// The colour of a readiness figure on the gap scale: 90% and up green,
/// 70% and up amber, else red.
pub fn readiness(visuals: &egui::Visuals, readiness: u8) -> Color32 {
    let band = match readiness {
        90..=100 => 0,
        70..=89 => 1,
        _ => 2,
    };
    gap(visuals, band)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Secondary text and the labels on coloured fills read at 4.5:1 or
    /// more (before: 2.6:1 and 2.5:1 in the dark theme).
    #[test]
    fn secondary_text_and_labels_on_fills_are_readable() {
        let ctx = egui::Context::default();
        apply_style(&ctx);
        for theme in [egui::Theme::Dark, egui::Theme::Light] {
            let visuals = ctx.style_of(theme).visuals.clone();
            let weak = contrast(visuals.weak_text_color(), visuals.panel_fill);
            assert!(weak >= 4.5, "{theme:?}: secondary text {weak:.1}:1");
            for fill in [
                requirement(&visuals).gamma_multiply(0.7),
                own(&visuals),
                bad(&visuals),
                warn(&visuals),
            ] {
                let ratio = contrast(on(fill), fill);
                assert!(ratio >= 4.5, "{theme:?}: label on {fill:?} {ratio:.1}:1");
            }
        }
    }
}
