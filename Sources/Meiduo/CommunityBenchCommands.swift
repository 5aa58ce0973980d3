import App
import ArgumentParser
import Foundation

/// A community for the benchmark: `--posts` posts by the benchmark users (every third with three pictures, every
/// second with a thread of comments). Prints `NEWS <id>` (the post the like storm hits) and `CURSOR <id>` (a page
/// deep in the feed).
struct BenchCommunity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-community", abstract: "Fill the community for the benchmark.")

    @Option(help: "How many posts.") var posts = 2_000
    @Option(help: "How many benchmark users post and comment.") var authors = 64

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        do {
            var users: [Int] = []
            for i in 0..<authors {
                if let id = try await AccountService(services: services).findUser(account: BenchFixture.username(i))?.id { users.append(id) }
            }
            guard !users.isEmpty else { throw ValidationError("run bench-fixture first: no benchmark users") }
            let ids = try await CommunityBench(services: services).fill(posts: posts, authors: users)
            print("NEWS \(ids.last!)")
            print("CURSOR \(ids[ids.count / 2])")
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}

/// After the like storm: the post's favor count must equal its like records, and each comment's and profile's too.
/// Exits 1 otherwise.
struct BenchCommunityAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-community-audit", abstract: "Check the community's counters against their records.")

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        let audit: CommunityBench.Audit
        do {
            audit = try await CommunityBench(services: services).audit()
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
        print("AUDIT likes=\(audit.likes) posts_off=\(audit.postsOff) comments_off=\(audit.commentsOff) views_off=\(audit.viewsOff)")
        if !audit.balanced { throw ExitCode(1) }
    }
}
