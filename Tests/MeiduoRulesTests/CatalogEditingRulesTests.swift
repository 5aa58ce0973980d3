import MeiduoRules
import Testing

/// The pure rules behind the back office's catalog: which bytes are a picture, which options make a SKU.
@Suite struct CatalogEditingRulesTests {
    @Test func picturesAreToldByTheirOwnBytes() {
        // setup
        let png = PNGEncoder.encodeRGB(width: 1, height: 1, pixels: [0, 0, 0])
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]
        let webp = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8 ".utf8)
        let svg = Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)
        // act
        let kinds = [png, jpeg, Array("GIF89a..".utf8), webp, svg, []].map(UploadedImage.sniff)
        // check
        #expect(kinds == [.png, .jpeg, .gif, .webp, nil, nil])
        #expect(UploadedImage.jpeg.fileExtension == "jpg" && UploadedImage.webp.contentType == "image/webp")
    }

    @Test func anUploadIsRefusedWhenEmptyTooLargeOrNotAPicture() {
        // act
        let refusals = [UploadedImage.refusal(size: 0, kind: nil), UploadedImage.refusal(size: UploadedImage.maxBytes + 1, kind: .png),
                        UploadedImage.refusal(size: 10, kind: nil), UploadedImage.refusal(size: UploadedImage.maxBytes, kind: .png)]
        // check
        #expect(refusals.map { $0 != nil } == [true, true, true, false])
    }

    let specs = [SKUOptions.Spec(id: 1, optionIDs: [11, 12]), SKUOptions.Spec(id: 2, optionIDs: [21, 22])]

    @Test func optionsAreArrangedInSpecificationOrder() {
        // act
        let arranged = SKUOptions.arrange([22, 11], specs: specs, others: [[11, 21]])
        // check
        #expect(arranged == .success([11, 22]))
    }

    @Test func optionsMustNameOneOfEverySpecificationAndDifferFromTheOtherSKUs() {
        // act
        let results = [SKUOptions.arrange([11], specs: specs, others: []), SKUOptions.arrange([11, 12], specs: specs, others: []),
                       SKUOptions.arrange([11, 99], specs: specs, others: []), SKUOptions.arrange([21, 11], specs: specs, others: [[11, 21]])]
        // check
        #expect(results == [.failure(.missingSpec), .failure(.twoOfOneSpec), .failure(.unknownOption(99)), .failure(.taken)])
    }

    @Test func anSPUWithoutSpecificationsHasOneSKUWithNoOptions() {
        // act
        let first = SKUOptions.arrange([], specs: [], others: [])
        let second = SKUOptions.arrange([], specs: [], others: [[]])
        // check
        #expect(first == .success([]) && second == .failure(.taken))
    }
}

@Suite struct UploadedMediaTests {
    @Test func lessonMediaIsToldByItsBytesAndMustSuitTheLesson() {
        // setup
        let mp4: [UInt8] = [0, 0, 0, 0x18] + Array("ftypisom".utf8)
        let webm: [UInt8] = [0x1A, 0x45, 0xDF, 0xA3, 0x9F]
        let pdf = Array("%PDF-1.4\n".utf8)
        // act
        let kinds = [mp4, webm, pdf, Array("hello".utf8)].map(UploadedMedia.sniff)
        // check
        #expect(kinds == [.mp4, .webm, .pdf, nil])
        #expect(UploadedMedia.mp4.suits(.video) && !UploadedMedia.pdf.suits(.video) && UploadedMedia.pdf.suits(.document) && !UploadedMedia.webm.suits(.exercise))
        #expect(UploadedMedia.refusal(size: UploadedMedia.maxBytes + 1, kind: .mp4) != nil && UploadedMedia.refusal(size: 10, kind: .pdf) == nil)
    }
}

@Suite struct LinkTargetTests {
    @Test func aLinkStaysInTheShopOrIsHTTP() {
        // act
        let allowed = ["/list.html?cat=1", "https://www.meiduo.site/a", "HTTP://x.cn"].map(LinkTarget.isAllowed)
        let refused = ["javascript:alert(1)", "//evil.example", "/\\evil", "data:text/html,x", "https://", "", "/a b"].map(LinkTarget.isAllowed)
        // check
        #expect(allowed == [true, true, true])
        #expect(refused.allSatisfy { !$0 })
    }
}
