import MeiduoRules
import Testing

/// Product descriptions keep text, formatting and pictures and lose anything that would run on the detail page.
@Suite struct RichTextTests {
    @Test func theSamplesDescriptionIsKeptAsItIs() {
        // setup: as the Meiduo sample's goods carry it
        let html = "<p><img src=\"http://image.meiduo.site:8888/group1/M00/00/02/CtM3BVrRbI2ARekNAAFZsBqChgk3141998\" alt=\"\" width=\"790\" height=\"1344\"></p><p>&nbsp;包装：<strong>1 台</strong></p>"
        // act
        let kept = RichText.sanitized(html)
        // check
        #expect(kept == html)
    }

    @Test func scriptsHandlersAndDangerousLinksAreDropped() {
        // setup
        let html = """
            <p onclick="steal()">好<script>alert(1)</script>货</p><img src="javascript:alert(1)" onerror="x()"><a href="javascript:x()">点</a>\
            <iframe src="https://evil.example"></iframe><svg><script>y()</script></svg><a href='https://www.meiduo.site/' target=_blank>店</a><!-- hidden -->
            """
        // act
        let kept = RichText.sanitized(html)
        // check
        #expect(kept == "<p>好货</p><img><a>点</a><a href=\"https://www.meiduo.site/\">店</a>")
    }

    @Test func aStrayAngleBracketIsText() {
        // act
        let kept = RichText.sanitized("价格 < 100 且 a<b")
        // check
        #expect(kept == "价格 &lt; 100 且 a&lt;b")
    }

    @Test func unknownTagsLoseTheirTagsButKeepTheirText() {
        // act
        let kept = RichText.sanitized("<font color=red>红</font><center>中</center><form action=/x>表</form>")
        // check
        #expect(kept == "红中表")
    }
}
