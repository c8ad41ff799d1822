//! The charts in the PDF: the elements of the same drawing the SVG files are
//! written from ([`Svg`]), drawn as vector paths and real text. Only what
//! the chart code writes is understood: `line`, `polygon`, `rect` (with
//! `rx`), `circle`, and text with its anchor; fill, stroke, their opacity,
//! width, dashes and round caps.

use krilla::geom::{PathBuilder, Transform};
use krilla::paint::{LineCap, StrokeDash};
use krilla::surface::Surface;

use super::fonts::{Face, Fonts};
use super::{draw_path, draw_text, fill, rgb, rounded_rect, stroke};
use crate::export::svg::{Anchor, Element, Svg};

/// The value of attribute `name`.
fn attr<'a>(attrs: &'a [(&'static str, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
}

/// A number attribute, 0 if missing.
fn number(attrs: &[(&'static str, String)], name: &str) -> f32 {
    attr(attrs, name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0)
}

/// The path of a shape, or `None` for a shape that draws nothing.
fn outline(tag: &str, attrs: &[(&'static str, String)]) -> Option<PathBuilder> {
    let n = |name| number(attrs, name);
    let mut path = PathBuilder::new();
    match tag {
        "line" => {
            path.move_to(n("x1"), n("y1"));
            path.line_to(n("x2"), n("y2"));
        }
        "polygon" => {
            let points: Vec<(f32, f32)> = attr(attrs, "points")?
                .split_whitespace()
                .filter_map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect();
            let (first, rest) = points.split_first()?;
            path.move_to(first.0, first.1);
            for p in rest {
                path.line_to(p.0, p.1);
            }
            path.close();
        }
        "rect" => {
            let (w, h) = (n("width"), n("height"));
            if w <= 0.0 || h <= 0.0 {
                return None;
            }
            rounded_rect(&mut path, (n("x"), n("y"), w, h), n("rx"));
        }
        "circle" => {
            let r = n("r");
            if r <= 0.0 {
                return None;
            }
            rounded_rect(&mut path, (n("cx") - r, n("cy") - r, 2.0 * r, 2.0 * r), r);
        }
        _ => return None,
    }
    Some(path)
}

fn shape(surface: &mut Surface<'_>, tag: &str, attrs: &[(&'static str, String)]) {
    let Some(path) = outline(tag, attrs) else {
        return;
    };
    let opacity = |name| attr(attrs, name).and_then(|v| v.parse().ok()).unwrap_or(1.0);
    // As in SVG: shapes other than lines are filled black unless told.
    let inside = match attr(attrs, "fill") {
        Some("none") => None,
        Some(colour) => Some(fill(rgb(colour), opacity("fill-opacity"))),
        None if tag == "line" => None,
        None => Some(fill((0, 0, 0), opacity("fill-opacity"))),
    };
    let edge = attr(attrs, "stroke").filter(|s| *s != "none").map(|colour| {
        let width = attr(attrs, "stroke-width").map_or(1.0, |_| number(attrs, "stroke-width"));
        let mut edge = stroke(rgb(colour), width);
        if let Some(dashes) = attr(attrs, "stroke-dasharray") {
            let array: Vec<f32> = dashes.split([' ', ',']).filter_map(|d| d.parse().ok()).collect();
            if !array.is_empty() {
                edge.dash = Some(StrokeDash { array, offset: 0.0 });
            }
        }
        if attr(attrs, "stroke-linecap") == Some("round") {
            edge.line_cap = LineCap::Round;
        }
        edge
    });
    draw_path(surface, path, inside, edge);
}

/// Draws `drawing` with its top left at `at`, scaled by `scale`.
pub(super) fn draw(surface: &mut Surface<'_>, fonts: &Fonts, drawing: &Svg, at: (f32, f32), scale: f32) {
    surface.push_transform(&Transform::from_row(scale, 0.0, 0.0, scale, at.0, at.1));
    for element in drawing.elements() {
        match element {
            Element::Shape { tag, attrs } => shape(surface, tag, attrs),
            Element::Text {
                at: (x, y),
                lines,
                size,
                colour,
                anchor,
                bold,
            } => {
                let face = if *bold { Face::Bold } else { Face::Regular };
                for (i, line) in lines.iter().enumerate() {
                    let width = fonts.width(line, face, *size);
                    let left = match anchor {
                        Anchor::Start => *x,
                        Anchor::Middle => x - width / 2.0,
                        Anchor::End => x - width,
                    };
                    let baseline = y + size * 1.2 * i as f32;
                    draw_text(surface, fonts, (left, baseline), line, (face, *size, rgb(colour)));
                }
            }
        }
    }
    surface.pop();
}
