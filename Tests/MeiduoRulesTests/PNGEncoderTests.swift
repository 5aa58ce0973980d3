import Testing
@testable import MeiduoRules

/// Minimal PNG reader used to check the encoder's output independently.
enum PNGTestSupport {
    struct Chunk {
        let type: String
        let data: [UInt8]
        let storedCRC: UInt32
    }

    static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Splits everything after the signature into chunks.
    static func chunks(of png: [UInt8]) -> [Chunk] {
        var result: [Chunk] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(bigEndian(png[offset..<offset + 4]))
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            let data = Array(png[offset + 8..<offset + 8 + length])
            let crc = bigEndian(png[offset + 8 + length..<offset + 12 + length])
            result.append(Chunk(type: type, data: data, storedCRC: crc))
            offset += 12 + length
        }
        return result
    }

    /// Inflates a zlib stream made only of STORED blocks; nil on anything else.
    static func inflateStored(_ zlib: [UInt8]) -> [UInt8]? {
        guard zlib.count >= 6, zlib[0] == 0x78, (UInt16(zlib[0]) << 8 | UInt16(zlib[1])) % 31 == 0 else { return nil }
        var out: [UInt8] = []
        var offset = 2
        while true {
            guard offset + 5 <= zlib.count, zlib[offset] & 0b110 == 0 else { return nil }
            let isFinal = zlib[offset] & 1 == 1
            let len = Int(zlib[offset + 1]) | Int(zlib[offset + 2]) << 8
            let nlen = Int(zlib[offset + 3]) | Int(zlib[offset + 4]) << 8
            guard len ^ nlen == 0xFFFF, offset + 5 + len <= zlib.count else { return nil }
            out += zlib[offset + 5..<offset + 5 + len]
            offset += 5 + len
            if isFinal { break }
        }
        guard offset + 4 == zlib.count, bigEndian(zlib[offset...]) == Checksums.adler32(out) else { return nil }
        return out
    }

    /// The decompressed IDAT payload (filter bytes included).
    static func scanlines(of png: [UInt8]) -> [UInt8]? {
        inflateStored(chunks(of: png).filter { $0.type == "IDAT" }.flatMap(\.data))
    }
}

@Test func crc32OfCheckStringMatchesStandardValue() {
    // setup
    let input = Array("123456789".utf8)
    // act
    let crc = Checksums.crc32(input)
    // check
    #expect(crc == 0xCBF4_3926)
}

@Test func adler32OfWikipediaMatchesKnownValue() {
    // setup
    let input = Array("Wikipedia".utf8)
    // act
    let adler = Checksums.adler32(input)
    // check
    #expect(adler == 0x11E6_0398)
}

@Test func encodedPNGStartsWithSignature() {
    // setup
    let pixels = [UInt8](repeating: 128, count: 3 * 2 * 3)
    // act
    let png = PNGEncoder.encodeRGB(width: 3, height: 2, pixels: pixels)
    // check
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
}

@Test func chunksAreIHDRThenIDATThenIEND() {
    // setup
    let pixels = [UInt8](repeating: 7, count: 4 * 4 * 3)
    // act
    let types = PNGTestSupport.chunks(of: PNGEncoder.encodeRGB(width: 4, height: 4, pixels: pixels)).map(\.type)
    // check
    #expect(types == ["IHDR", "IDAT", "IEND"])
}

@Test func ihdrHoldsWidthHeightAnd8BitRGB() {
    // setup
    let pixels = [UInt8](repeating: 0, count: 300 * 2 * 3)
    // act
    let ihdr = PNGTestSupport.chunks(of: PNGEncoder.encodeRGB(width: 300, height: 2, pixels: pixels))[0]
    // check
    #expect(PNGTestSupport.bigEndian(ihdr.data[0..<4]) == 300)
    #expect(PNGTestSupport.bigEndian(ihdr.data[4..<8]) == 2)
    #expect(Array(ihdr.data[8...]) == [8, 2, 0, 0, 0])
}

@Test func everyChunkCRCVerifies() {
    // setup
    let pixels = (0..<(5 * 3 * 3)).map { UInt8($0 % 256) }
    // act
    let chunks = PNGTestSupport.chunks(of: PNGEncoder.encodeRGB(width: 5, height: 3, pixels: pixels))
    // check
    #expect(chunks.count == 3)
    for chunk in chunks {
        #expect(Checksums.crc32(Array(chunk.type.utf8) + chunk.data) == chunk.storedCRC, "chunk \(chunk.type)")
    }
}

@Test func inflatedDataHasOneFilterBytePerScanline() throws {
    // setup
    let (width, height) = (7, 5)
    let pixels = [UInt8](repeating: 200, count: width * height * 3)
    // act
    let raw = try #require(PNGTestSupport.scanlines(of: PNGEncoder.encodeRGB(width: width, height: height, pixels: pixels)))
    // check
    #expect(raw.count == height * (1 + 3 * width))
    #expect((0..<height).allSatisfy { raw[$0 * (1 + 3 * width)] == 0 })
}

@Test func pixelsRoundTripThroughEncoding() throws {
    // setup
    let (width, height) = (6, 4)
    let pixels = (0..<(width * height * 3)).map { UInt8(($0 * 37) % 256) }
    // act
    let raw = try #require(PNGTestSupport.scanlines(of: PNGEncoder.encodeRGB(width: width, height: height, pixels: pixels)))
    // check
    let rowLength = 1 + 3 * width
    let decoded: [UInt8] = (0..<height).flatMap { (row: Int) -> ArraySlice<UInt8> in
        raw[(row * rowLength + 1)..<((row + 1) * rowLength)]
    }
    #expect(decoded == pixels)
}

@Test func largeImageSpansSeveralStoredBlocks() throws {
    // setup
    let (width, height) = (200, 150) // 90150 bytes of scanlines > one 65535-byte block
    let pixels = (0..<(width * height * 3)).map { UInt8($0 % 251) }
    // act
    let raw = try #require(PNGTestSupport.scanlines(of: PNGEncoder.encodeRGB(width: width, height: height, pixels: pixels)))
    // check
    #expect(raw.count == height * (1 + 3 * width))
}
