import App
import ArgumentParser
import Foundation

struct ImportDjangoMeiduo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-django-meiduo",
        abstract: "Move a shop running the original Django Meiduo here: users (old passwords keep working), QQ bindings, addresses, the catalog, orders, reviews and payments, ids kept.",
        discussion: """
            SOURCE is the original's database: a MySQL dump (mysqldump meiduo > meiduo.sql) or its Django SQLite file. Browse \
            history lives in the original's Redis: export it first (see the README) and pass --browse-history. Run with \
            --dry-run to see the report without writing; a second run imports nothing new.
            """)

    @Argument(help: "The original's MySQL dump or Django SQLite file.") var source: String
    @Flag(help: "Read and check everything, report, and write nothing.") var dryRun = false
    @Option(help: "Browse history exported from the original's Redis (lines of history_<user_id> <sku_id> …).") var browseHistory: String?

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: true)
        do {
            let report = try await DjangoMeiduoImport(services: services)
                .run(path: source, options: .init(dryRun: dryRun, browseHistoryPath: browseHistory))
            if !dryRun, report.tables.contains(where: { $0.name.hasPrefix("tb_sku ") && $0.imported > 0 }) {
                try await CatalogEvents(services: services).catalogReloaded()
            }
            print(report.text)
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}
