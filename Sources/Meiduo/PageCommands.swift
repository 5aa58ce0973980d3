import App
import ArgumentParser
import Foundation

struct GeneratePages: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-pages",
        abstract: "Write index.html and every launched SKU's goods/<id>.html now (the page jobs do the same in the background).")

    @Option(help: "Folder to write into (default: PUBLIC_DIR, else public).") var output: String?

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        let directory = output ?? config.publicDirectory
        do {
            let result = try await StaticPageGenerator(services: services, outputDirectory: directory).generateAll()
            print("\(result.index ? "wrote" : "did not write") index.html and \(result.skus) goods page(s) in \(directory)")
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}
