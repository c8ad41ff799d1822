//! Tables: columns as wide as their content asks, shared out like an HTML
//! table of full width; one row a [`Row`], the header row repeated on the
//! next page if a table continues there.

use super::{Atom, Layout, Look, atoms, split};
use crate::export::pdf::fonts::Face;
use crate::export::pdf::{Chunk, Op, Rgb, Row, rgb};
use crate::export::report::{Align, Line};
use crate::export::svg::colour;

const PAD_X: f32 = 5.0;
const PAD_Y: f32 = 3.5;
const LEADING: f32 = 12.5;

/// One row's cells, as atoms, before the columns are sized.
type Cells = Vec<Vec<Atom>>;

impl Layout<'_> {
    /// The narrowest a cell can be (its longest word or badge) and the width
    /// it takes on one line, padding included.
    fn cell_widths(&self, cell: &[Atom]) -> (f32, f32) {
        let longest = cell
            .iter()
            .map(|atom| match atom {
                Atom::Word(word, look) => self.measure(word, *look),
                Atom::Badge(badge) => self.badge_width(*badge),
                Atom::Space(_) | Atom::Break => 0.0,
            })
            .fold(0.0, f32::max);
        let line = self
            .wrap(cell, f32::INFINITY)
            .iter()
            .map(|l| l.width)
            .fold(0.0, f32::max);
        (longest + 2.0 * PAD_X, line + 2.0 * PAD_X)
    }

    /// Column widths that fill the column of text. A column gets room for
    /// its cells on one line before a header gets room for its own: a header
    /// wraps more readily than the rows under it.
    fn column_widths(&self, head: &Cells, body: &[Cells]) -> Vec<f32> {
        let columns = head.len().max(body.iter().map(Vec::len).max().unwrap_or(0));
        // The longest word, the widest row cell on one line, and that or the
        // header on one line, whichever is wider.
        let mut min = vec![0.0f32; columns];
        let mut rows = vec![0.0f32; columns];
        for row in body {
            for (i, cell) in row.iter().enumerate() {
                let (narrow, wide) = self.cell_widths(cell);
                min[i] = min[i].max(narrow);
                rows[i] = rows[i].max(wide);
            }
        }
        let mut max = rows.clone();
        for (i, cell) in head.iter().enumerate() {
            let (narrow, wide) = self.cell_widths(cell);
            min[i] = min[i].max(narrow);
            rows[i] = rows[i].max(min[i]);
            max[i] = max[i].max(wide).max(rows[i]);
        }
        let avail = self.width;
        let sum = |v: &[f32]| v.iter().sum::<f32>();
        // From `lo` towards `hi`, sharing `room` in proportion to what each lacks.
        let between = |lo: &[f32], hi: &[f32], room: f32| -> Vec<f32> {
            let lack = (sum(hi) - sum(lo)).max(f32::EPSILON);
            lo.iter()
                .zip(hi)
                .map(|(l, h)| l + room * (h - l) / lack)
                .collect()
        };
        let (sum_min, sum_rows, sum_max) = (sum(&min), sum(&rows), sum(&max));
        if sum_max <= 0.0 {
            vec![avail / columns.max(1) as f32; columns]
        } else if sum_max <= avail {
            // Everything fits on one line: share out the rest by width.
            max.iter().map(|w| w + (avail - sum_max) * w / sum_max).collect()
        } else if sum_rows <= avail {
            between(&rows, &max, avail - sum_rows)
        } else if sum_min <= avail {
            between(&min, &rows, avail - sum_min)
        } else {
            // Even the longest words do not fit: they are cut.
            min.iter().map(|w| w * avail / sum_min).collect()
        }
    }

    /// One table row: its cells wrapped into their columns, borders round
    /// each, the background behind.
    fn table_row(&self, cells: &Cells, widths: &[f32], align: &[Align], background: Option<Rgb>) -> Row {
        let wrapped: Vec<_> = cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| self.wrap(cell, w - 2.0 * PAD_X))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = lines as f32 * LEADING + 2.0 * PAD_Y;
        let mut ops = Vec::new();
        let total: f32 = widths.iter().sum();
        if let Some(fill) = background {
            // Inside the borders, which the rows above and below share.
            ops.push(Op::Rect {
                x: self.left + 0.3,
                y: 0.3,
                w: total - 0.6,
                h: height - 0.6,
                fill: Some(fill),
                stroke: None,
                radius: 0.0,
            });
        }
        let mut x = self.left;
        let border = rgb(colour::GRID);
        for (i, (cell, w)) in wrapped.iter().zip(widths).enumerate() {
            ops.push(Op::Rect {
                x,
                y: 0.0,
                w: *w,
                h: height,
                fill: None,
                stroke: Some((border, 0.6)),
                radius: 0.0,
            });
            for (n, line) in cell.iter().enumerate() {
                let start = match align.get(i) {
                    Some(Align::Centre) => x + (w - line.width) / 2.0,
                    _ => x + PAD_X,
                };
                let baseline = PAD_Y + Self::baseline(LEADING, 9.0) + LEADING * n as f32;
                self.line_ops(line, start, baseline, &mut ops);
            }
            x += w;
        }
        Row { height, ops }
    }

    /// A table: its header row, then its rows.
    pub(super) fn table(
        &self,
        head: &[String],
        align: &[Align],
        rows: &[Vec<Line>],
        highlight: Option<usize>,
    ) -> Chunk {
        let body = Look::new(Face::Regular, 9.0, colour::TEXT);
        let head_look = body.bold();
        let head_cells: Cells = head
            .iter()
            .map(|h| {
                let mut out = Vec::new();
                split(h, head_look, &mut out);
                out
            })
            .collect();
        let body_cells: Vec<Cells> = rows
            .iter()
            .map(|row| row.iter().map(|cell| atoms(cell, body)).collect())
            .collect();
        let widths = self.column_widths(&head_cells, &body_cells);
        let header = self.table_row(&head_cells, &widths, align, Some(rgb("#f3f4f6")));
        let mut table_rows = vec![header.clone()];
        for (i, cells) in body_cells.iter().enumerate() {
            let background = (highlight == Some(i)).then(|| rgb("#eff6ff"));
            table_rows.push(self.table_row(cells, &widths, align, background));
        }
        table_rows.push(Row::space(4.0));
        Chunk {
            rows: table_rows,
            space_before: 7.0,
            keep_together: true,
            header: Some(header),
            ..Chunk::default()
        }
    }
}
