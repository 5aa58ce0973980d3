import Testing
@testable import MeiduoRules

@Suite struct DemoArtworkTests {
    @Test func theSameSubjectAlwaysGetsTheSamePicture() {
        // act
        let first = DemoArtwork.svg(title: "华为 Mate 60 Pro 5G手机", kind: .product)
        let second = DemoArtwork.svg(title: "华为 Mate 60 Pro 5G手机", kind: .product)
        // check
        #expect(first == second)
        #expect(first.hasPrefix("<svg"))
    }

    @Test func aPortraitIsASquareWithThePersonsName() {
        // act
        let svg = DemoArtwork.svg(title: "Alex", subtitle: "教学总监", kind: .portrait)
        // check
        #expect(svg.contains("width=\"600\" height=\"600\""))
        #expect(svg.contains(">Alex</text>"))
    }

    @Test func textIsEscapedForXML() {
        // act
        let svg = DemoArtwork.svg(title: "A&B <test> \"quoted\"", kind: .banner)
        // check
        #expect(svg.contains("A&amp;B &lt;test&gt; &quot;quoted&quot;"))
        #expect(!svg.contains("<test>"))
    }

    @Test func longTitlesWrapAndEndWithAnEllipsis() {
        // act
        let lines = DemoArtwork.wrap(String(repeating: "商品名称很长", count: 10), width: 8, maxLines: 2)
        // check
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix("…"))
    }

    @Test func theSilhouetteFollowsTheKindOfProduct() {
        // act
        let laptop = DemoArtwork.silhouette(for: "联想 ThinkPad 笔记本", color: "red", dark: "black")
        let phone = DemoArtwork.silhouette(for: "Apple iPhone 15 手机", color: "red", dark: "black")
        // check
        #expect(laptop != phone)
        #expect(laptop.contains("<path"))
    }
}
