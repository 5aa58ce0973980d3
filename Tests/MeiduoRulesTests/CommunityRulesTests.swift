import Testing
@testable import MeiduoRules

@Suite struct CommunityRulesTests {
    @Test func aRootCommentHasDepthOneAndNoRoot() {
        // act
        let place = CommentPlace.of(replyingTo: nil)
        // check
        #expect(place == CommentPlace(depth: 1, rootID: nil))
    }

    @Test func aReplyToARootBelongsToItAndAReplyToAReplyToTheSameRoot() {
        // act
        let toRoot = CommentPlace.of(replyingTo: (id: 7, depth: 1, rootID: nil))
        let toReply = CommentPlace.of(replyingTo: (id: 9, depth: 2, rootID: 7))
        // check
        #expect(toRoot == CommentPlace(depth: 2, rootID: 7))
        #expect(toReply == CommentPlace(depth: 3, rootID: 7))
    }

    @Test func aPostNeedsWordsOrAPictureAndAtMostNinePictures() {
        // act
        let refusals = [CommunityRules.postRefusal(content: " ", pictureCount: 0), CommunityRules.postRefusal(content: "", pictureCount: 1),
                        CommunityRules.postRefusal(content: "好", pictureCount: 10),
                        CommunityRules.postRefusal(content: String(repeating: "字", count: 256), pictureCount: 0)]
        // check
        #expect(refusals.map { $0 != nil } == [true, false, true, true])
    }

    @Test func onlyTheAuthorsOwnFolderHoldsTheirPictures() {
        // act
        let mine = CommunityRules.ownsPicture(key: "community/5/2026/12/a.png", userID: 5)
        let theirs = CommunityRules.ownsPicture(key: "community/51/2026/12/a.png", userID: 5)
        let escaping = CommunityRules.ownsPicture(key: "community/5/../6/a.png", userID: 5)
        // check
        #expect(mine && !theirs && !escaping)
    }

    @Test func aCursorIsAPositiveIdAndThePageSizeIsBounded() {
        // act
        let first = FeedCursor.parse(cursor: nil, size: "500")
        let later = FeedCursor.parse(cursor: "42", size: "x")
        let bad = FeedCursor.parse(cursor: "-1", size: nil)
        // check
        #expect(first == FeedCursor(lastSeen: nil, size: FeedCursor.maxSize))
        #expect(later == FeedCursor(lastSeen: 42, size: FeedCursor.defaultSize))
        #expect(bad == nil)
    }

    @Test func theNextCursorIsTheLastIdShownWhenThereIsMore() {
        // setup
        let cursor = FeedCursor(lastSeen: nil, size: 2)
        // act
        let more = cursor.next(after: [9, 8, 7])
        let end = cursor.next(after: [9, 8])
        // check
        #expect(more == 8 && end == nil)
    }
}
