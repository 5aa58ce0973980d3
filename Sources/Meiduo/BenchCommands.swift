import App
import ArgumentParser
import Foundation

/// Shoppers for the benchmark script: users with an address and a login token, one per line as
/// `token address_id`, plus plenty of stock on the SKUs the scenarios buy.
struct BenchFixture: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-fixture", abstract: "Create benchmark shoppers and stock (prints `token address_id` per shopper).")

    @Option(help: "How many shoppers.") var users = 64
    @Option(help: "Stock to give SKUs 1…--skus.") var stock = 1_000_000
    @Option(help: "How many SKUs (by id) to restock.") var skus = 200

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        do {
            try await services.sql().raw("UPDATE skus SET stock = \(bind: stock), is_launched = \(bind: true) WHERE id <= \(bind: skus)").run()
            for i in 0..<users {
                let name = String(format: "bench%05d", i)
                let mobile = String(format: "1990%07d", i)
                let accounts = AccountService(services: services)
                var user = try await accounts.findUser(account: name)
                if user == nil { user = try await accounts.createUser(.init(username: name, password: "benchmark-password", mobile: mobile)) }
                guard let user else { continue }
                let userID = try user.requireID()
                let addresses = try await AddressService(services: services).list(userID: userID).addresses
                var addressID = addresses.first?.id
                if addressID == nil {
                    addressID = try await AddressService(services: services).create(userID: userID, input: AddressInput(
                        title: "家", receiver: "压测", provinceID: 110000, cityID: 110100, districtID: 110101,
                        place: "东长安街1号", mobile: mobile, tel: "", email: "")).id
                }
                print("\(try await LoginResponder(services: services).token(for: user)) \(addressID!)")
            }
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}
