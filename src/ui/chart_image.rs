//! Saving what a chart shows as a PNG: crop a screenshot of the window to the
//! chart and encode it.

use egui::{ColorImage, Rect};

/// Crops `screenshot` (in pixels) to `rect` (in points) at `pixels_per_point`.
pub fn crop(screenshot: &ColorImage, rect: Rect, pixels_per_point: f32) -> ColorImage {
    screenshot.region(&rect, Some(pixels_per_point))
}

/// Encodes an image as PNG bytes.
pub fn png_bytes(image: &ColorImage) -> Result<Vec<u8>, String> {
    let [width, height] = image.size;
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let buffer = image::RgbaImage::from_raw(
        u32::try_from(width).map_err(|e| e.to_string())?,
        u32::try_from(height).map_err(|e| e.to_string())?,
        rgba,
    )
    .ok_or("the image has the wrong number of pixels")?;
    let mut bytes = std::io::Cursor::new(Vec::new());
    buffer
        .write_to(&mut bytes, image::ImageFormat::Png)
        .map_err(|e| format!("could not encode the PNG: {e}"))?;
    Ok(bytes.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, pos2};

    #[test]
    fn crops_and_encodes_exactly_the_chart() {
        // A 4×3 pixel "screenshot" at 2 pixels per point; the chart is the
        // point rect (1,0)–(2,1), i.e. pixels x 2..4, y 0..2.
        let mut screenshot = ColorImage::filled([4, 3], Color32::BLACK);
        for y in 0..2 {
            for x in 2..4 {
                screenshot[(x, y)] = Color32::from_rgb(10 * x as u8, 20 * y as u8, 200);
            }
        }
        let chart = crop(
            &screenshot,
            Rect::from_min_max(pos2(1.0, 0.0), pos2(2.0, 1.0)),
            2.0,
        );
        assert_eq!(chart.size, [2, 2]);
        let png = png_bytes(&chart).expect("encode");
        let decoded = image::load_from_memory(&png).expect("decode").to_rgba8();
        assert_eq!(decoded.dimensions(), (2, 2));
        assert_eq!(decoded.get_pixel(0, 0).0, [20, 0, 200, 255]);
        assert_eq!(decoded.get_pixel(1, 1).0, [30, 20, 200, 255]);
    }
}
