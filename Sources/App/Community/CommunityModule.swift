import FluentKit
import Hummingbird

/// Everything the community feed (seed 001 动态) adds to the application. Its rules live in MeiduoRules
/// (`CommunityRules`, `CommentPlace`, `FeedCursor`).
enum CommunityModule {
    static let migrations: [any Migration] = [CreateCommunityTopics(), CreateCommunityTopicFollows(), CreateCommunityNews(),
                                              CreateCommunityNewsDetails(), CreateCommunityViewerRecords(), CreateCommunityNewsFavors(),
                                              CreateCommunityComments(), CreateCommunityCommentFavors(), CreateCommunityFollows(),
                                              CreateCommunityProfiles(), CreateCommunityUploads()]

    static func registerJobs(in registry: inout JobRegistry) {
        registry.register(CommunityUploads.sweepJob) { context in
            let swept = try await CommunityUploads(services: context.services).sweep()
            if swept > 0 { context.logger.info("unpublished community pictures swept", metadata: ["count": "\(swept)"]) }
        }
    }

    static let periodic: [PeriodicJobScheduler.Entry] = [.init(kind: CommunityUploads.sweepJob, interval: 3600)]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        CommunityController(services: services).addRoutes(to: routes)
        AdminCommunityController(services: services).addRoutes(to: routes)
    }
}
