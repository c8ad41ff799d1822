//! The report's two faces, Liberation Sans Regular and Bold (SIL Open Font
//! License, `assets/fonts/OFL.txt`), embedded in the binary; the PDF holds
//! subsets of them with ToUnicode maps, so its text can be selected and
//! searched.
//!
//! Text is shaped here (rustybuzz, the shaper krilla itself uses), so the
//! width the layout measures is the width that is drawn.

use std::cell::RefCell;

use krilla::text::{Font, GlyphId, KrillaGlyph};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");

/// Which face.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Face {
    /// Body text.
    Regular,
    /// Headings, labels, strong text.
    Bold,
}

/// One face, for shaping and for drawing.
struct Loaded {
    shaper: rustybuzz::Face<'static>,
    /// A shaping plan for each script met so far: making one is most of the
    /// cost of shaping a word, and a report has few scripts.
    plans: RefCell<Vec<(rustybuzz::Script, rustybuzz::ShapePlan)>>,
    font: Font,
    units_per_em: f32,
    /// The glyph drawn for a character the face lacks, and its advance: a
    /// white square, not the face's glyph 0 (`.notdef`), which PDF readers
    /// leave out of copied and searched text whatever the text map says.
    missing: (u16, i32),
}

impl Loaded {
    fn new(data: &'static [u8]) -> Option<Self> {
        let shaper = rustybuzz::Face::from_slice(data, 0)?;
        let units_per_em = shaper.units_per_em().max(1) as f32;
        let missing = ['\u{25a1}', '?']
            .into_iter()
            .find_map(|c| shaper.glyph_index(c))
            .map_or((0, 0), |g| {
                (g.0, i32::from(shaper.glyph_hor_advance(g).unwrap_or(0)))
            });
        Some(Self {
            missing,
            shaper,
            plans: RefCell::new(Vec::new()),
            font: Font::new(data.into(), 0)?,
            units_per_em,
        })
    }
}

/// Text shaped in one face: its glyphs (advances in em) and its width in em.
pub(super) struct Shaped {
    /// The glyphs, each pointing at the part of the text it shows.
    pub glyphs: Vec<KrillaGlyph>,
    /// The advance of the whole run, in em.
    pub width: f32,
}

/// The two faces.
pub(super) struct Fonts {
    regular: Loaded,
    bold: Loaded,
}

impl Fonts {
    /// The embedded faces; `None` only if a font file is broken, which the
    /// tests would show.
    pub fn new() -> Option<Self> {
        Some(Self {
            regular: Loaded::new(REGULAR)?,
            bold: Loaded::new(BOLD)?,
        })
    }

    fn loaded(&self, face: Face) -> &Loaded {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// The face as krilla draws it.
    pub fn font(&self, face: Face) -> Font {
        self.loaded(face).font.clone()
    }

    /// Shapes `text` left to right in one face. A character the face lacks
    /// (CJK, emoji) becomes its empty box, and its text is still there for
    /// copying and searching.
    pub fn shape(&self, text: &str, face: Face) -> Shaped {
        let loaded = self.loaded(face);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.guess_segment_properties();
        let script = buffer.script();
        let mut plans = loaded.plans.borrow_mut();
        let index = match plans.iter().position(|(s, _)| *s == script) {
            Some(i) => i,
            None => {
                let plan = rustybuzz::ShapePlan::new(
                    &loaded.shaper,
                    rustybuzz::Direction::LeftToRight,
                    Some(script),
                    None,
                    &[],
                );
                plans.push((script, plan));
                plans.len() - 1
            }
        };
        let output = rustybuzz::shape_with_plan(&loaded.shaper, &plans[index].1, buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let em = loaded.units_per_em;
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut width = 0.0;
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            // The cluster ends where the next different cluster starts.
            let end = infos[i + 1..]
                .iter()
                .map(|next| next.cluster as usize)
                .find(|&c| c != start)
                .unwrap_or(text.len());
            let (glyph, x_advance) = if info.glyph_id == 0 {
                (u32::from(loaded.missing.0), loaded.missing.1)
            } else {
                (info.glyph_id, pos.x_advance)
            };
            let advance = x_advance as f32 / em;
            width += advance;
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(glyph),
                advance,
                pos.x_offset as f32 / em,
                pos.y_offset as f32 / em,
                pos.y_advance as f32 / em,
                start..end.max(start),
                None,
            ));
        }
        Shaped { glyphs, width }
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        self.shape(text, face).width * size
    }
}
