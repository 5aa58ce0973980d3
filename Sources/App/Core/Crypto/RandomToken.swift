/// Random identifiers and codes from the system's secure generator.
public enum RandomToken {
    public static func hex(bytes count: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<count).map { _ in String(format2(UInt8.random(in: 0...255, using: &rng))) }.joined()
    }

    public static func digits(_ count: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    private static func format2(_ byte: UInt8) -> String {
        let s = String(byte, radix: 16)
        return s.count == 1 ? "0" + s : s
    }
}
