/// A 24-bit RGB colour.
struct RGBColor: Sendable, Equatable, Hashable {
    var r: UInt8
    var g: UInt8
    var b: UInt8
}

/// A simple RGB canvas: `pixels` holds `width * height * 3` bytes, row-major.
struct Raster: Sendable, Equatable {
    let width: Int
    let height: Int
    private(set) var pixels: [UInt8]

    init(width: Int, height: Int, fill: RGBColor = RGBColor(r: 255, g: 255, b: 255)) {
        self.width = max(0, width)
        self.height = max(0, height)
        pixels = [UInt8](repeating: 0, count: self.width * self.height * 3)
        for i in stride(from: 0, to: pixels.count, by: 3) {
            pixels[i] = fill.r
            pixels[i + 1] = fill.g
            pixels[i + 2] = fill.b
        }
    }

    func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Colour at (`x`, `y`), or nil when outside the canvas.
    func pixel(x: Int, y: Int) -> RGBColor? {
        guard contains(x: x, y: y) else { return nil }
        let i = (y * width + x) * 3
        return RGBColor(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2])
    }

    /// Paints one pixel; coordinates outside the canvas are ignored.
    mutating func setPixel(x: Int, y: Int, _ color: RGBColor) {
        guard contains(x: x, y: y) else { return }
        let i = (y * width + x) * 3
        pixels[i] = color.r
        pixels[i + 1] = color.g
        pixels[i + 2] = color.b
    }

    /// Mixes `color` into the pixel with opacity `alpha` (0...1); outside pixels are ignored.
    mutating func blend(x: Int, y: Int, _ color: RGBColor, alpha: Double) {
        guard contains(x: x, y: y) else { return }
        let a = min(1, max(0, alpha))
        let i = (y * width + x) * 3
        for (offset, channel) in [color.r, color.g, color.b].enumerated() {
            let mixed = Double(pixels[i + offset]) * (1 - a) + Double(channel) * a
            pixels[i + offset] = UInt8(mixed.rounded())
        }
    }

    /// Paints a `size` x `size` square whose top-left corner is (`x`, `y`).
    mutating func plot(x: Int, y: Int, size: Int, _ color: RGBColor) {
        for dy in 0..<max(1, size) {
            for dx in 0..<max(1, size) {
                setPixel(x: x + dx, y: y + dy, color)
            }
        }
    }

    /// Bresenham line from (`x0`, `y0`) to (`x1`, `y1`) with a square pen of `thickness`.
    mutating func drawLine(x0: Int, y0: Int, x1: Int, y1: Int, thickness: Int = 1, _ color: RGBColor) {
        var x = x0
        var y = y0
        let dx = abs(x1 - x0)
        let dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1
        let sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        let offset = (thickness - 1) / 2
        while true {
            plot(x: x - offset, y: y - offset, size: thickness, color)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// Number of distinct colours on the canvas.
    var distinctColorCount: Int {
        var seen = Set<RGBColor>()
        for i in stride(from: 0, to: pixels.count, by: 3) {
            seen.insert(RGBColor(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2]))
        }
        return seen.count
    }
}
