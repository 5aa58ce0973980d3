/// One monochrome glyph of ``BitmapFont``; `bits` is row-major, `true` = ink.
struct Glyph: Sendable, Equatable {
    let width: Int
    let height: Int
    let bits: [Bool]

    init(rows: [String]) {
        height = rows.count
        width = rows.map(\.count).max() ?? 0
        var bits = [Bool](repeating: false, count: width * height)
        for (y, row) in rows.enumerated() {
            for (x, cell) in row.enumerated() where cell == "#" {
                bits[y * width + x] = true
            }
        }
        self.bits = bits
    }

    /// Whether the cell at (`x`, `y`) is inked; out-of-range cells are blank.
    func isSet(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        return bits[y * width + x]
    }

    /// Bilinear ink coverage (0...1) at continuous glyph coordinates, where cell
    /// (`i`, `j`) spans [i, i+1) x [j, j+1) and is fully inked at its centre.
    func coverage(x: Double, y: Double) -> Double {
        let sx = x - 0.5, sy = y - 0.5
        let fx0 = sx.rounded(.down), fy0 = sy.rounded(.down)
        guard fx0 > -2, fy0 > -2, fx0 < Double(width), fy0 < Double(height) else { return 0 }
        let (i, j) = (Int(fx0), Int(fy0))
        let (fx, fy) = (sx - fx0, sy - fy0)
        func ink(_ x: Int, _ y: Int) -> Double { isSet(x: x, y: y) ? 1 : 0 }
        let top = ink(i, j) * (1 - fx) + ink(i + 1, j) * fx
        let bottom = ink(i, j + 1) * (1 - fx) + ink(i + 1, j + 1) * fx
        return top * (1 - fy) + bottom * fy
    }
}

/// Hand-made 5x7 bitmap font covering every character of ``CaptchaText/alphabet``.
enum BitmapFont {
    static let glyphWidth = 5
    static let glyphHeight = 7

    /// Drawn for characters the font does not know (a hollow box).
    static let fallback = Glyph(rows: ["#####", "#...#", "#...#", "#...#", "#...#", "#...#", "#####"])

    static let glyphs: [Character: Glyph] = rows.mapValues(Glyph.init(rows:))

    /// The glyph for `character` (case-insensitive), or ``fallback``.
    static func glyph(for character: Character) -> Glyph {
        if let glyph = glyphs[character] { return glyph }
        if let upper = character.uppercased().first, let glyph = glyphs[upper] { return glyph }
        return fallback
    }

    private static let rows: [Character: [String]] = [
        "A": [".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
        "C": [".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."],
        "D": ["####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."],
        "E": ["#####", "#....", "#....", "####.", "#....", "#....", "#####"],
        "F": ["#####", "#....", "#....", "####.", "#....", "#....", "#...."],
        "G": [".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"],
        "H": ["#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
        "J": ["..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."],
        "K": ["#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"],
        "M": ["#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"],
        "N": ["#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"],
        "P": ["####.", "#...#", "#...#", "####.", "#....", "#....", "#...."],
        "Q": [".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"],
        "R": ["####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"],
        "T": ["#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."],
        "U": ["#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."],
        "V": ["#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."],
        "W": ["#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."],
        "X": ["#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"],
        "Y": ["#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."],
        "3": ["#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."],
        "4": ["...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."],
        "6": ["..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."],
        "7": ["#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."],
        "9": [".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."],
    ]
}
