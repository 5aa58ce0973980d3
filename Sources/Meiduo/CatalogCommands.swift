import App
import ArgumentParser
import Foundation

struct LoadMeiduoDump: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-meiduo-dump",
        abstract: "Import the original Meiduo MySQL dumps (goods_data.sql, areas.sql), keeping ids.")

    @Argument(help: "Dump files.") var paths: [String]

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: true)
        do {
            let counts = try await MeiduoDumpLoader(services: services).load(paths: paths)
            try await CatalogEvents(services: services).catalogReloaded()
            for (table, count) in counts.sorted(by: { $0.key < $1.key }) { print("\(table): \(count) new row(s)") }
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate demo products with real-looking names (Chinese and English) in the sample's categories.")

    @Option(help: "How many SKUs to generate.") var skus = 200
    @Option(help: "Random seed, for a repeatable catalog.") var seed: UInt64 = 42

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: true)
        do {
            let made = try await DemoCatalogGenerator(services: services, seed: seed).generate(skuCount: skus)
            try await CatalogEvents(services: services).catalogReloaded()
            let drawn = try await DemoImages(services: services).ensure()
            print("generated \(made) SKU(s), drew \(drawn) picture(s)")
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}

struct LoadDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-demo",
        abstract: "On a shop without products: load the bundled Meiduo sample plus generated demo products.")

    @Option(help: "Generated products to add to the sample.") var skus = 300

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: true)
        do {
            let loaded = try await MeiduoDumpLoader(services: services).loadDemoIfEmpty(generated: skus)
            // Pictures live in storage, which may be new even when the database is not.
            let drawn = try await DemoImages(services: services).ensure()
            print(loaded ? "loaded the demo catalog" : "the shop already has products; nothing loaded", "(\(drawn) pictures drawn)")
            if try await CourseDemo(services: services).loadIfEmpty() { print("loaded the demo courses") }
            if try await AuctionDemo(services: services).loadIfEmpty() { print("loaded the demo auctions") }
            if try await CommunityDemo(services: services).loadIfEmpty() { print("loaded the demo community") }
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}

struct LoadDemoCourses: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-demo-courses",
        abstract: "On a shop without courses: load the demo course shop alone (load-demo loads it with the catalog).")

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: true)
        do {
            print(try await CourseDemo(services: services).loadIfEmpty() ? "loaded the demo courses" : "the shop already has courses")
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}

struct LoadDemoAuctions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-demo-auctions",
        abstract: "On a shop without auctions: load the demo auction sessions alone (load-demo loads them with the catalog).")

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: true)
        do {
            print(try await AuctionDemo(services: services).loadIfEmpty() ? "loaded the demo auctions" : "the shop already has auctions")
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}
