//! QR codes for printed leaflets: the leaflet's online address as an inline SVG, made at build time.
//!
//! The `qrcode` crate encodes the address, adds error correction and places the modules. Of
//! its work only the choice of mask is done here: the QR standard asks for each of the eight
//! masks to be scored and the lowest penalty kept, and the crate scores a mask module by module
//! (0.35 ms a code on this machine; a large site makes 10,000 codes). Here the same four
//! penalty rules, as the crate states them, are counted on rows and columns held as bit sets,
//! a hundred modules at a time. The result is the crate's own: the unit tests compare it with
//! `QrCode::with_error_correction_level` on hundreds of addresses.

use qrcode::bits::encode_auto;
use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::ec::construct_codewords;
use qrcode::types::{Color, EcLevel};

/// Light modules around the code, as the QR specification asks, so scanners find its edges.
const QUIET_ZONE: usize = 4;
/// The size of one module in the SVG's coordinates (the stylesheet sets the printed size).
const MODULE: usize = 4;
/// Medium error correction: a folded or slightly smudged handout still scans.
const EC_LEVEL: EcLevel = EcLevel::M;

/// An inline `<svg>` QR code for `url`, labelled for screen readers with `label`.
pub fn svg_for_url(url: &str, label: &str) -> String {
    let Some((width, modules)) = encode(url.as_bytes()) else {
        // Only a URL of thousands of characters could fail; then the printed URL has to do.
        return String::new();
    };
    let side = (width + 2 * QUIET_ZONE) * MODULE;
    // Numbers are written with `itoa`, not `write!`: a large site makes 10,000 codes of several
    // hundred runs each, and formatting machinery was a third of the time spent on QR codes.
    let mut svg = format!(
        "<svg class=\"qr-code\" role=\"img\" aria-label=\"{label}\" \
         xmlns=\"http://www.w3.org/2000/svg\" width=\"{side}\" height=\"{side}\" \
         viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"",
        label = crate::text::escape::html(label),
    );
    // The path takes about four bytes per module on leaflet addresses.
    svg.reserve(4 * width * width);
    let path = &mut svg;
    let mut number = itoa::Buffer::new();
    for (y, row) in modules.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Light {
                x += 1;
                continue;
            }
            let run = row[x..].iter().take_while(|&&c| c == Color::Dark).count();
            let run_width = run * MODULE;
            // "M<x> <y>h<width>v<MODULE>h-<width>z": one rectangle per run of dark modules.
            path.push('M');
            path.push_str(number.format((x + QUIET_ZONE) * MODULE));
            path.push(' ');
            path.push_str(number.format((y + QUIET_ZONE) * MODULE));
            path.push('h');
            path.push_str(number.format(run_width));
            path.push('v');
            path.push_str(number.format(MODULE));
            path.push_str("h-");
            path.push_str(number.format(run_width));
            path.push('z');
            x += run;
        }
    }
    svg.push_str("\"/></svg>");
    svg
}

/// The code's width in modules and its modules row by row: what
/// `qrcode::QrCode::with_error_correction_level(data, EC_LEVEL)` gives, found faster.
fn encode(data: &[u8]) -> Option<(usize, Vec<Color>)> {
    let bits = encode_auto(data, EC_LEVEL).ok()?;
    let version = bits.version();
    let (data, ec) = construct_codewords(&bits.into_bytes(), version, EC_LEVEL).ok()?;
    let mut canvas = Canvas::new(version, EC_LEVEL);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = usize::try_from(version.width()).ok()?;
    let canvas = match Unmasked::read(&canvas, width) {
        Some(unmasked) => {
            let mut masked = canvas;
            masked.apply_mask(MASKS[unmasked.best_mask()]);
            masked
        }
        // Codes too wide for the bit sets (over 600 characters) are left to the crate.
        None => canvas.apply_best_mask(),
    };
    Some((width, canvas.into_colors()))
}

/// The eight masks in the order of their numbers, which is also the order the crate tries
/// them in: on equal penalties the first one wins.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// Bit sets hold a line's modules from this bit on, with light bits (the quiet zone) on both
/// sides, so the finder-like pattern's four light modules can be looked for past the edges.
const OFFSET: usize = 4;
/// The widest code the bit sets hold (version 25), with room for [`OFFSET`] and the four
/// modules past the far edge.
const MAX_WIDTH: usize = 128 - 2 * OFFSET;

/// Whether mask `mask` inverts the data module at column `x`, row `y` (ISO/IEC 18004, 7.8.2).
const fn inverts(mask: usize, x: usize, y: usize) -> bool {
    match mask {
        0 => (x + y).is_multiple_of(2),
        1 => y.is_multiple_of(2),
        2 => x.is_multiple_of(3),
        3 => (x + y).is_multiple_of(3),
        4 => (y / 2 + x / 3).is_multiple_of(2),
        5 => (x * y) % 2 + (x * y) % 3 == 0,
        6 => ((x * y) % 2 + (x * y) % 3).is_multiple_of(2),
        _ => ((x + y) % 2 + (x * y) % 3).is_multiple_of(2),
    }
}

/// Every mask repeats every 12 rows and every 12 columns, so twelve lines describe it: entry
/// `[mask][n % 12]` has the bits the mask inverts along row `n` (along column `n` with
/// `transpose`).
const fn line_masks(transpose: bool) -> [[u128; 12]; 8] {
    let mut table = [[0u128; 12]; 8];
    let mut mask = 0;
    while mask < 8 {
        let mut phase = 0;
        while phase < 12 {
            let mut i = 0;
            while i < MAX_WIDTH {
                let (x, y) = if transpose { (phase, i) } else { (i, phase) };
                if inverts(mask, x, y) {
                    table[mask][phase] |= 1 << (i + OFFSET);
                }
                i += 1;
            }
            phase += 1;
        }
        mask += 1;
    }
    table
}
const ROW_MASKS: [[u128; 12]; 8] = line_masks(false);
const COLUMN_MASKS: [[u128; 12]; 8] = line_masks(true);

/// The 15-bit format information for level M and each mask (BCH-coded, XOR 0x5412), drawn
/// beside the finder patterns after masking; it counts towards the penalty.
const FORMAT_BITS: [u32; 8] = [
    0x5412, 0x5125, 0x5e7c, 0x5b4b, 0x45f9, 0x40ce, 0x4f97, 0x4aa0,
];

/// Where the format information goes, from its most significant bit down, as (column, row):
/// the copy around the top-left finder pattern.
const FORMAT_AROUND_TOP_LEFT: [(usize, usize); 15] = [
    (0, 8),
    (1, 8),
    (2, 8),
    (3, 8),
    (4, 8),
    (5, 8),
    (7, 8),
    (8, 8),
    (8, 7),
    (8, 5),
    (8, 4),
    (8, 3),
    (8, 2),
    (8, 1),
    (8, 0),
];

/// The second copy, split between the other two finder patterns.
fn format_beside_others(width: usize) -> [(usize, usize); 15] {
    let far = |n: usize| width - n;
    [
        (8, far(1)),
        (8, far(2)),
        (8, far(3)),
        (8, far(4)),
        (8, far(5)),
        (8, far(6)),
        (8, far(7)),
        (far(8), 8),
        (far(7), 8),
        (far(6), 8),
        (far(5), 8),
        (far(4), 8),
        (far(3), 8),
        (far(2), 8),
        (far(1), 8),
    ]
}

/// A code before masking, as bit sets: its dark modules and the modules a mask inverts (data
/// and error correction), along rows and along columns.
struct Unmasked {
    width: usize,
    dark_rows: Vec<u128>,
    dark_columns: Vec<u128>,
    data_rows: Vec<u128>,
    data_columns: Vec<u128>,
    /// The modules of both format information copies, most significant bit first.
    format: [(usize, usize); 30],
}

impl Unmasked {
    fn read(canvas: &Canvas, width: usize) -> Option<Unmasked> {
        if width > MAX_WIDTH {
            return None;
        }
        let mut unmasked = Unmasked {
            width,
            dark_rows: vec![0; width],
            dark_columns: vec![0; width],
            data_rows: vec![0; width],
            data_columns: vec![0; width],
            format: [(0, 0); 30],
        };
        for y in 0..width {
            for x in 0..width {
                // The canvas is at most 117 modules wide here, so the casts cannot truncate.
                let module = canvas.get(x as i16, y as i16);
                if module.is_dark() {
                    unmasked.dark_rows[y] |= 1 << (x + OFFSET);
                    unmasked.dark_columns[x] |= 1 << (y + OFFSET);
                }
                // Functional patterns are already `Masked`; a mask also fills `Empty` modules.
                if !matches!(module, Module::Masked(_)) {
                    unmasked.data_rows[y] |= 1 << (x + OFFSET);
                    unmasked.data_columns[x] |= 1 << (y + OFFSET);
                }
            }
        }
        unmasked.format[..15].copy_from_slice(&FORMAT_AROUND_TOP_LEFT);
        unmasked.format[15..].copy_from_slice(&format_beside_others(width));
        Some(unmasked)
    }

    /// The mask with the lowest penalty, the first of them on a tie.
    fn best_mask(&self) -> usize {
        let mut rows = vec![0; self.width];
        let mut columns = vec![0; self.width];
        (0..MASKS.len())
            .min_by_key(|&mask| {
                self.apply(mask, &mut rows, &mut columns);
                penalty(&rows, &columns, self.width)
            })
            .expect("eight masks")
    }

    /// Fills `rows` and `columns` with the dark modules of the code under mask `mask`.
    fn apply(&self, mask: usize, rows: &mut [u128], columns: &mut [u128]) {
        for (n, (row, column)) in rows.iter_mut().zip(columns.iter_mut()).enumerate() {
            *row = self.dark_rows[n] ^ (ROW_MASKS[mask][n % 12] & self.data_rows[n]);
            *column = self.dark_columns[n] ^ (COLUMN_MASKS[mask][n % 12] & self.data_columns[n]);
        }
        let format = FORMAT_BITS[mask];
        for (i, &(x, y)) in self.format.iter().enumerate() {
            // The format modules are light before masking, so only the dark bits are set.
            if format & (1 << (14 - i % 15)) != 0 {
                rows[y] |= 1 << (x + OFFSET);
                columns[x] |= 1 << (y + OFFSET);
            }
        }
    }
}

/// The penalty of a masked code, as the `qrcode` crate counts it: runs of five or more modules
/// of one colour along a row or column (3 points, plus 1 per module past five), 2x2 blocks of
/// one colour (3 each), finder-like patterns (`#.###.#` with four light modules on at least one
/// side, 40 each), and the dark modules' distance from half (1 point per half percent).
fn penalty(rows: &[u128], columns: &[u128], width: usize) -> u32 {
    let inside = ((1u128 << width) - 1) << OFFSET;
    let mut score = 0;
    for line in rows.iter().chain(columns) {
        score += runs_penalty(*line, inside) + 40 * finder_like_patterns(*line, width);
    }
    for pair in rows.windows(2) {
        // Bit i: the 2x2 block with its top-left module at column i is of one colour.
        let same_down = !(pair[0] ^ pair[1]);
        let same_across = !(pair[0] ^ (pair[0] >> 1));
        let blocks = same_down & (same_down >> 1) & same_across & (inside >> 1) & inside;
        score += 3 * blocks.count_ones();
    }
    let dark: u32 = rows.iter().map(|row| row.count_ones()).sum();
    let total = (width * width) as u32;
    score + (dark * 200 / total).abs_diff(100)
}

/// Runs of five or more like modules: a run of n counts n - 2. Each module that starts five
/// like ones counts 1 (n - 4 of them in a run), and each run's first such module 2 more.
fn runs_penalty(line: u128, inside: u128) -> u32 {
    // Bit i: module i is like module i + 1, both inside the code.
    let like_next = !(line ^ (line >> 1)) & inside & (inside >> 1);
    let five_alike = like_next & (like_next >> 1) & (like_next >> 2) & (like_next >> 3);
    let run_starts = five_alike & !(like_next << 1);
    five_alike.count_ones() + 2 * run_starts.count_ones()
}

/// Places along the line where `#.###.#` starts with four light modules before or after it
/// (light past the code's edges).
fn finder_like_patterns(dark: u128, width: usize) -> u32 {
    let light = !dark;
    let pattern =
        dark & (light >> 1) & (dark >> 2) & (dark >> 3) & (dark >> 4) & (light >> 5) & (dark >> 6);
    let starts = pattern & (((1u128 << (width - 6)) - 1) << OFFSET);
    // Rare away from the three finder patterns: most lines stop here.
    if starts == 0 {
        return 0;
    }
    let light_before = !((dark << 1) | (dark << 2) | (dark << 3) | (dark << 4));
    let light_after = !((dark >> 7) | (dark >> 8) | (dark >> 9) | (dark >> 10));
    (starts & (light_before | light_after)).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::QrCode;
    use qrcode::types::Version;

    #[test]
    fn qr_code_is_an_inline_labelled_svg() {
        let svg = svg_for_url("https://x.example/en/a/", "QR code \"a\"");
        assert!(svg.starts_with(
            "<svg class=\"qr-code\" role=\"img\" aria-label=\"QR code &quot;a&quot;\""
        ));
        assert!(!svg.contains("<?xml"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn modules_are_drawn_as_row_runs_inside_a_quiet_zone() {
        let svg = svg_for_url("https://x.example/en/a/", "a");
        // Version 2 (25 modules) plus 4 light modules each side, 4 units a module.
        assert!(svg.contains("viewBox=\"0 0 132 132\""), "{svg}");
        // Every finder pattern's top edge is a run of 7 dark modules.
        assert!(svg.contains("M16 16h28v4h-28z"), "{svg}");
    }

    /// The dark modules an SVG draws, read back from its path ("M<x> <y>h<w>v<h>h-<w>z" per
    /// rectangle) into a grid of `side` × `side` modules with the quiet zone.
    fn drawn_modules(svg: &str) -> (usize, Vec<bool>) {
        let view_box = svg.split("viewBox=\"0 0 ").nth(1).unwrap();
        let units: usize = view_box.split(' ').next().unwrap().parse().unwrap();
        assert_eq!(units % MODULE, 0, "{units}");
        let side = units / MODULE;
        let mut dark = vec![false; side * side];
        let path = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        for rectangle in path.split_terminator('z') {
            let numbers: Vec<usize> = rectangle
                .split(['M', ' ', 'h', 'v', '-'])
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            let [x, y, width, height, back] = numbers[..] else {
                panic!("not a rectangle: {rectangle:?}");
            };
            assert_eq!(back, width, "{rectangle:?} closes where it started");
            assert!(
                [x, y, width, height].iter().all(|n| n % MODULE == 0) && width > 0 && height > 0,
                "{rectangle:?} is whole modules"
            );
            for row in y / MODULE..(y + height) / MODULE {
                for column in x / MODULE..(x + width) / MODULE {
                    assert!(!dark[row * side + column], "({column}, {row}) drawn twice");
                    dark[row * side + column] = true;
                }
            }
        }
        (side, dark)
    }

    /// What a scanner sees: the SVG's modules, read back, are the `qrcode` crate's code for the
    /// address at medium error correction, inside a light quiet zone of four modules.
    #[test]
    fn the_svg_draws_the_crates_code_inside_a_quiet_zone() {
        for url in [
            "https://x.example/",
            "https://cdn.example.org/leaflets/zh/colonoscopy-bowel-preparation/print/",
            &format!("https://cdn.example.org/leaflets/en/{}/", "a".repeat(300)),
        ] {
            let expected = QrCode::with_error_correction_level(url, EcLevel::M).unwrap();
            let width = expected.width();
            let colors = expected.to_colors();
            let (side, dark) = drawn_modules(&svg_for_url(url, "a"));
            assert_eq!(side, width + 8, "{url}");
            for row in 0..side {
                for column in 0..side {
                    let inside = (4..width + 4).contains(&row) && (4..width + 4).contains(&column);
                    let want = inside && colors[(row - 4) * width + (column - 4)] == Color::Dark;
                    assert_eq!(dark[row * side + column], want, "{url}: ({column}, {row})");
                }
            }
        }
    }

    /// Addresses like a site's, of every length up to a version-25 code and a little past it.
    fn addresses() -> Vec<String> {
        let mut addresses = Vec::new();
        for length in (1..1100).step_by(9) {
            for lang in ["en", "zh"] {
                let slug: String = "colonoscopy-bowel-preparation-0123-"
                    .chars()
                    .cycle()
                    .take(length)
                    .collect();
                addresses.push(format!("https://cdn.example.org/leaflets/{lang}/{slug}/"));
            }
        }
        addresses
    }

    #[test]
    fn masked_bit_sets_hold_what_the_crate_draws() {
        for address in addresses() {
            let bits = encode_auto(address.as_bytes(), EC_LEVEL).unwrap();
            let version = bits.version();
            let (data, ec) = construct_codewords(&bits.into_bytes(), version, EC_LEVEL).unwrap();
            let mut canvas = Canvas::new(version, EC_LEVEL);
            canvas.draw_all_functional_patterns();
            canvas.draw_data(&data, &ec);
            let width = version.width() as usize;
            let Some(unmasked) = Unmasked::read(&canvas, width) else {
                assert!(
                    matches!(version, Version::Normal(v) if v > 25),
                    "{version:?}"
                );
                continue;
            };
            let (mut rows, mut columns) = (vec![0; width], vec![0; width]);
            for (number, &mask) in MASKS.iter().enumerate() {
                unmasked.apply(number, &mut rows, &mut columns);
                let mut masked = canvas.clone();
                masked.apply_mask(mask);
                let colors = masked.into_colors();
                for y in 0..width {
                    for x in 0..width {
                        let dark = colors[y * width + x] == Color::Dark;
                        assert_eq!(rows[y] >> (x + OFFSET) & 1 == 1, dark, "{address} {mask:?}");
                        assert_eq!(columns[x] >> (y + OFFSET) & 1 == 1, dark);
                    }
                }
            }
        }
    }

    #[test]
    fn codes_are_the_ones_the_qrcode_crate_makes() {
        let mut versions = std::collections::BTreeSet::new();
        for address in addresses() {
            let expected = QrCode::with_error_correction_level(&address, EC_LEVEL).unwrap();
            let (width, modules) = encode(address.as_bytes()).unwrap();
            assert_eq!(width, expected.width());
            assert_eq!(modules, expected.to_colors(), "{address}");
            versions.insert(width);
        }
        // Small and large codes, and the crate's own scoring past version 25.
        assert!(
            versions.first() < Some(&30) && versions.last() > Some(&117),
            "{versions:?}"
        );
    }
}
