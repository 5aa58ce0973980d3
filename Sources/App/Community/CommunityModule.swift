import FluentKit
import Hummingbird

/// Everything the community feed (seed 001 动态) adds to the application. Its rules live in MeiduoRules
/// (`CommunityRules`, `CommentPlace`, `FeedCursor`).
enum CommunityModule {
    static let migrations: [any Migration] = [CreateCommunityTopics(), CreateCommunityTopicFollows(), CreateCommunityNews(),
                                              CreateCommunityNewsDetails(), CreateCommunityViewerRecords(), CreateCommunityNewsFavors(),
                                              CreateCommunityComments(), CreateCommunityCommentFavors(), CreateCommunityFollows(),
                                              CreateCommunityProfiles()]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        CommunityController(services: services).addRoutes(to: routes)
        AdminCommunityController(services: services).addRoutes(to: routes)
    }
}
