/// Checksums used by the PNG container (CRC-32) and the zlib stream (Adler-32).
public enum Checksums {
    /// CRC-32 lookup table for the reflected polynomial 0xEDB88320 (ISO-HDLC / PNG / zlib).
    private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 {
            c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1
        }
        return c
    }

    /// CRC-32 as used by PNG chunks; `crc32("123456789") == 0xCBF43926`.
    public static func crc32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// Adler-32 as used by zlib streams; `adler32("Wikipedia") == 0x11E60398`.
    public static func adler32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        let modulus: UInt32 = 65521
        // 5552 is the largest run that cannot overflow UInt32 before reducing (zlib's NMAX).
        let maxRun = 5552
        var a: UInt32 = 1
        var b: UInt32 = 0
        var run = 0
        for byte in bytes {
            a &+= UInt32(byte)
            b &+= a
            run += 1
            if run == maxRun {
                a %= modulus
                b %= modulus
                run = 0
            }
        }
        return ((b % modulus) << 16) | (a % modulus)
    }
}

/// Minimal, dependency-free PNG writer (8-bit truecolour, uncompressed deflate).
public enum PNGEncoder {
    /// The eight bytes every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Largest payload of a single deflate STORED block.
    static let maxStoredBlock = 65535

    /// Encodes `pixels` (row-major RGB, `width * height * 3` bytes) as a PNG file.
    ///
    /// Missing pixel bytes are padded with black and extra bytes are ignored, so
    /// the output is always a well-formed image of the requested size.
    public static func encodeRGB(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        let width = max(0, width)
        let height = max(0, height)
        let rowBytes = width * 3

        var raw: [UInt8] = []
        raw.reserveCapacity(height * (rowBytes + 1))
        for y in 0..<height {
            raw.append(0) // filter type: None
            let start = y * rowBytes
            for i in start..<(start + rowBytes) {
                raw.append(i < pixels.count ? pixels[i] : 0)
            }
        }

        var ihdr: [UInt8] = []
        ihdr.appendBigEndian(UInt32(width))
        ihdr.appendBigEndian(UInt32(height))
        ihdr += [8, 2, 0, 0, 0] // bit depth 8, colour type RGB, deflate, adaptive filter, no interlace

        var png = signature
        appendChunk(type: "IHDR", data: ihdr, to: &png)
        appendChunk(type: "IDAT", data: zlibStored(raw), to: &png)
        appendChunk(type: "IEND", data: [], to: &png)
        return png
    }

    /// Wraps `data` in a zlib stream made of deflate STORED (uncompressed) blocks.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01] // CM=8, 32K window, no dictionary, fastest level
        out.reserveCapacity(data.count + data.count / maxStoredBlock * 5 + 11)
        var offset = 0
        repeat {
            let length = min(maxStoredBlock, data.count - offset)
            let isFinal = offset + length >= data.count
            out.append(isFinal ? 1 : 0) // BFINAL bit, BTYPE = 00 (stored)
            let len = UInt16(length)
            out += [UInt8(len & 0xFF), UInt8(len >> 8), UInt8(~len & 0xFF), UInt8(~len >> 8)]
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        out.appendBigEndian(Checksums.adler32(data))
        return out
    }

    /// Appends length, type, data and CRC-32 (over type + data) of one chunk.
    static func appendChunk(type: String, data: [UInt8], to png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png.appendBigEndian(UInt32(data.count))
        png += typeBytes
        png += data
        png.appendBigEndian(Checksums.crc32(typeBytes + data))
    }
}

fileprivate extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }
}
