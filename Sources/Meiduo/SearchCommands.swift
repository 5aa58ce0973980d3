import App
import ArgumentParser
import Foundation

struct Reindex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild the SKU search index from the catalog, now (without the job queue).")

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        do {
            let count = try await SearchIndex(services: services).rebuild()
            print("indexed \(count) SKU(s)")
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}
