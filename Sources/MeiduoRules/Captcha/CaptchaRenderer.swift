/// Draws captcha text into a distorted, noisy RGB image and encodes it as PNG.
///
/// Pipeline: light background -> per-character rotated/sheared/jittered glyphs
/// (about 3x the 5x7 font) -> sine-wave horizontal row shift -> noise curves -> noise dots.
/// All randomness comes from the caller's generator, so a seeded generator gives
/// reproducible images.
public struct CaptchaRenderer: Sendable {
    public let width: Int
    public let height: Int

    public init(width: Int = 120, height: Int = 40) {
        self.width = max(1, width)
        self.height = max(1, height)
    }

    /// PNG bytes of a captcha showing `text` (rendered uppercase).
    public func renderPNG<G: RandomNumberGenerator>(text: String, using rng: inout G) -> [UInt8] {
        let raster = render(text: text, using: &rng)
        return PNGEncoder.encodeRGB(width: raster.width, height: raster.height, pixels: raster.pixels)
    }

    /// The captcha as a raw canvas (used by `renderPNG` and by tests).
    func render<G: RandomNumberGenerator>(text: String, using rng: inout G) -> Raster {
        let background = RGBColor(r: .random(in: 225...255, using: &rng),
                                  g: .random(in: 225...255, using: &rng),
                                  b: .random(in: 225...255, using: &rng))
        var canvas = Raster(width: width, height: height, fill: background)
        drawText(Array(text.uppercased()), on: &canvas, using: &rng)
        canvas = waved(canvas, background: background, using: &rng)
        drawNoiseCurves(on: &canvas, using: &rng)
        drawNoiseDots(on: &canvas, using: &rng)
        return canvas
    }

    private static func darkColor<G: RandomNumberGenerator>(using rng: inout G) -> RGBColor {
        RGBColor(r: .random(in: 0...110, using: &rng),
                 g: .random(in: 0...110, using: &rng),
                 b: .random(in: 0...110, using: &rng))
    }

    private func drawText<G: RandomNumberGenerator>(_ chars: [Character], on canvas: inout Raster, using rng: inout G) {
        guard !chars.isEmpty else { return }
        let margin = Double(width) * 0.06
        let cellWidth = (Double(width) - 2 * margin) / Double(chars.count)
        let glyphW = Double(BitmapFont.glyphWidth)
        let glyphH = Double(BitmapFont.glyphHeight)
        // About 3x for the default 120x40 canvas; leave room for rotation and jitter.
        let scale = max(1, min(Double(height) / (glyphH + 6), cellWidth / (glyphW + 4)))
        let maxJitter = max(0, (Double(height) - glyphH * scale) / 2 - 4)

        for (index, character) in chars.enumerated() {
            let glyph = BitmapFont.glyph(for: character)
            let color = Self.darkColor(using: &rng)
            let angle = Double.random(in: -0.22...0.22, using: &rng) // about +-13 degrees
            let shear = Double.random(in: -0.2...0.2, using: &rng)
            let cx = margin + cellWidth * (Double(index) + 0.5) + Double.random(in: -2...2, using: &rng)
            let cy = Double(height) / 2 + Double.random(in: -maxJitter...maxJitter, using: &rng)
            let (cosA, sinA) = (CaptchaMath.cos(angle), CaptchaMath.sin(angle))
            let radius = Int((glyphW * glyphW + glyphH * glyphH).squareRoot() * scale / 2 * (1 + abs(shear))) + 4

            // Inverse mapping: for each canvas pixel near the centre, find the glyph cell it shows.
            for py in (Int(cy) - radius)...(Int(cy) + radius) {
                for px in (Int(cx) - radius)...(Int(cx) + radius) where canvas.contains(x: px, y: py) {
                    let dx = Double(px) + 0.5 - cx
                    let dy = Double(py) + 0.5 - cy
                    let v = -dx * sinA + dy * cosA
                    let u = dx * cosA + dy * sinA - shear * v
                    // Bilinear coverage of the glyph bitmap: rounds corners and joins diagonal cells.
                    let coverage = glyph.coverage(x: u / scale + glyphW / 2, y: v / scale + glyphH / 2)
                    let alpha = min(1, max(0, (coverage - 0.15) / 0.25)) // soft edge around 0.275
                    if alpha > 0 {
                        canvas.blend(x: px, y: py, color, alpha: alpha)
                    }
                }
            }
        }
    }

    /// Shifts each row horizontally by a sine of its y coordinate.
    private func waved<G: RandomNumberGenerator>(_ source: Raster, background: RGBColor, using rng: inout G) -> Raster {
        let amplitude = Double.random(in: 1.5...2.5, using: &rng)
        let period = Double(height) * Double.random(in: 0.9...1.6, using: &rng)
        let phase = Double.random(in: 0...(2 * Double.pi), using: &rng)
        var result = Raster(width: width, height: height, fill: background)
        for y in 0..<height {
            let shift = Int((amplitude * CaptchaMath.sin(2 * Double.pi * Double(y) / period + phase)).rounded())
            for x in 0..<width {
                if let color = source.pixel(x: x + shift, y: y) {
                    result.setPixel(x: x, y: y, color)
                }
            }
        }
        return result
    }

    /// 2-4 sine-shaped curves crossing the image from left to right.
    private func drawNoiseCurves<G: RandomNumberGenerator>(on canvas: inout Raster, using rng: inout G) {
        for _ in 0..<Int.random(in: 2...4, using: &rng) {
            let color = RGBColor(r: .random(in: 40...150, using: &rng),
                                 g: .random(in: 40...150, using: &rng),
                                 b: .random(in: 40...150, using: &rng))
            let baseline = Double.random(in: 0.2...0.8, using: &rng) * Double(height)
            let amplitude = Double.random(in: 2...(Double(height) / 5 + 2), using: &rng)
            let period = Double.random(in: 0.5...1.5, using: &rng) * Double(width)
            let phase = Double.random(in: 0...(2 * Double.pi), using: &rng)
            let startX = Int.random(in: 0...max(0, width / 4), using: &rng)
            let endX = width - 1 - Int.random(in: 0...max(0, width / 4), using: &rng)
            func curveY(_ x: Int) -> Int {
                Int(baseline + amplitude * CaptchaMath.sin(2 * Double.pi * Double(x) / period + phase))
            }
            var previous = (x: startX, y: curveY(startX))
            for x in stride(from: startX + 2, through: max(startX + 2, endX), by: 2) {
                let next = (x: x, y: curveY(x))
                canvas.drawLine(x0: previous.x, y0: previous.y, x1: next.x, y1: next.y, color)
                previous = next
            }
        }
    }

    /// A few hundred single-pixel dots in random colours (scaled to the canvas area).
    private func drawNoiseDots<G: RandomNumberGenerator>(on canvas: inout Raster, using rng: inout G) {
        let base = max(1, width * height / 24)
        for _ in 0..<Int.random(in: base...(base * 3 / 2 + 1), using: &rng) {
            let color = RGBColor(r: .random(in: 0...255, using: &rng),
                                 g: .random(in: 0...255, using: &rng),
                                 b: .random(in: 0...255, using: &rng))
            canvas.setPixel(x: .random(in: 0..<width, using: &rng), y: .random(in: 0..<height, using: &rng), color)
        }
    }
}
