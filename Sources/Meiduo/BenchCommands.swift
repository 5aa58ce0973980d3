import App
import ArgumentParser
import Foundation
import SQLKit

/// Benchmark data: `--users` accounts (bulk-inserted, one address each), of which the first `--shoppers` get a
/// login token printed as `token address_id first_coupon_id` per line, plus plenty of stock on the SKUs the
/// scenarios buy. Each shopper also gets `--coupons` ¥1-off coupons (consecutive ids: one fresh coupon per order)
/// and credits, for order placement with promotions.
struct BenchFixture: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-fixture", abstract: "Create benchmark users and stock (prints `token address_id` per shopper).")

    @Option(help: "How many user accounts in all.") var users = 10_000
    @Option(help: "How many of them get a token printed (one per benchmark connection).") var shoppers = 64
    @Option(help: "Stock to give SKUs 1…--skus.") var stock = 1_000_000
    @Option(help: "How many SKUs (by id) to restock.") var skus = 200
    @Option(help: "Coupons each shopper gets (what the settlement page lists).") var coupons = 3

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        do {
            let sql = services.sql()
            try await Inventory(services: services).restock(skuIDsUpTo: skus, stock: stock)
            // One hash for every account: hashing 10,000 passwords would take minutes and measure nothing.
            let hash = try await services.passwords.hash("benchmark-password")
            let now = services.clock.now()
            for start in stride(from: 0, to: users, by: 500) {
                let batch = start..<min(users, start + 500)
                try await sql.raw("""
                    INSERT INTO users (username, password, mobile, email, email_active, is_active, is_staff, create_time, update_time)
                    VALUES \(SQLList(batch.map { i in
                        SQLQueryString("(\(bind: Self.username(i)), \(bind: hash), \(bind: Self.mobile(i)), '', false, true, false, \(bind: now), \(bind: now))")
                    }))
                    ON CONFLICT (username) DO NOTHING
                    """).run()
            }
            try await sql.raw("""
                INSERT INTO addresses (user_id, title, receiver, province_id, city_id, district_id, place, mobile, tel, email, is_deleted, create_time, update_time)
                SELECT id, '家', '压测', 110000, 110100, 110101, '东长安街1号', mobile, '', '', false, \(bind: now), \(bind: now)
                FROM users WHERE username LIKE 'bench%' AND NOT EXISTS (SELECT 1 FROM addresses WHERE addresses.user_id = users.id)
                """).run()
            try await sql.raw("""
                UPDATE users SET default_address_id = (SELECT MIN(id) FROM addresses WHERE addresses.user_id = users.id)
                WHERE username LIKE 'bench%' AND default_address_id IS NULL
                """).run()
            try await BenchPromotions.printShoppers(services: services, count: min(shoppers, users), coupons: coupons)
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }

    static func username(_ i: Int) -> String { String(format: "bench%05d", i) }
    static func mobile(_ i: Int) -> String { String(format: "1990%07d", i) }
}

/// Before the promotions scenario: each shopper gets `--coupons` more ¥1-off coupons (consecutive ids, one spent per
/// order) and credits; prints `token address_id first_coupon_id` per shopper, as `bench-fixture` does.
struct BenchPromotions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-promotions", abstract: "Give benchmark shoppers coupons and credits (prints `token address_id first_coupon_id`).")

    @Option(help: "How many shoppers (the first of bench-fixture's users).") var shoppers = 64
    @Option(help: "Coupons each shopper gets.") var coupons = 500

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        do {
            try await Self.printShoppers(services: services, count: shoppers, coupons: coupons)
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }

    /// For the first `count` benchmark users: `coupons` new ¥1-off coupons and a million credits, then the line.
    static func printShoppers(services: AppServices, count: Int, coupons: Int) async throws {
        let responder = LoginResponder(services: services)
        let promotions = Promotions(services: services)
        let template = try await promotions.createTemplate(.init(name: "压测立减1元", sale: "-1", thresholdYuan: 0, timerDays: 30))
        let now = services.clock.now()
        for i in 0..<count {
            guard let user = try await AccountService(services: services).findUser(account: BenchFixture.username(i)), let id = user.id else { continue }
            let firstCoupon = try await promotions.grant(couponID: template.id, userID: id, count: coupons) ?? 0
            try await services.planExecutor.execute(Ledger(.credits, services: services).creditSteps(
                userID: id, amount: 1_000_000, reason: .staffAdjustment, note: "压测", now: now))
            print("\(try await responder.token(for: user)) \(user.defaultAddressID ?? 0) \(firstCoupon)")
        }
    }
}

/// After a benchmark: every unit of stock the fixture gave is either still in stock or in an order line.
struct BenchAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-audit", abstract: "Check that benchmark orders never oversold (exits 1 if they did).")

    @Option(help: "The stock bench-fixture gave.") var stock = 1_000_000
    @Option(help: "How many SKUs (by id) bench-fixture restocked.") var skus = 200

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        let rows = try await services.sql().raw("""
            SELECT skus.id, skus.stock, CAST(COALESCE((SELECT SUM(count) FROM order_goods WHERE order_goods.sku_id = skus.id), 0) AS BIGINT) AS sold
            FROM skus WHERE skus.id <= \(bind: skus)
            """).all()
        // A coupon is used by one order at most, and every ledger account equals the sum of its entries.
        let doubleUse = try await services.sql().raw("""
            SELECT COUNT(*) AS n FROM (SELECT coupon_id FROM order_info WHERE coupon_id IS NOT NULL GROUP BY coupon_id HAVING COUNT(*) > 1) twice
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let couponsUsed = try await services.sql().raw("SELECT COUNT(*) AS n FROM order_info WHERE coupon_id IS NOT NULL").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let unbalanced = try await services.sql().raw("""
            SELECT COUNT(*) AS n FROM ledger_accounts a
            WHERE a.balance <> (SELECT CAST(COALESCE(SUM(e.amount), 0) AS BIGINT) FROM ledger_entries e WHERE e.ledger = a.ledger AND e.user_id = a.user_id)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        await services.shutdown()
        var negative = 0, mismatched = 0, sold = 0
        for row in rows {
            let left = try row.decode(column: "stock", as: Int.self)
            let taken = try row.decode(column: "sold", as: Int.self)
            if left < 0 { negative += 1 }
            if left + taken != stock { mismatched += 1 }
            sold += taken
        }
        print("AUDIT skus=\(rows.count) sold=\(sold) negative_stock=\(negative) stock_mismatch=\(mismatched) "
              + "coupons_used=\(couponsUsed) coupon_double_use=\(doubleUse) unbalanced_ledgers=\(unbalanced)")
        if negative > 0 || mismatched > 0 || doubleUse > 0 || unbalanced > 0 { throw ExitCode(1) }
    }
}

/// Search latency without any cache, one query at a time: how the index itself scales with the catalog.
struct BenchSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-search", abstract: "Time uncached searches (prints p50 and p99 in ms per query).")

    @Option(help: "How many times to run each query.") var runs: Int = 50
    @Argument(help: "Queries (default: a broad, a narrow and a cross-word one).") var queries: [String] = ["华为手机", "iPhone", "蓝色 64GB"]

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        let index = SearchIndex(database: services.readDB(), imageBase: config.imageBaseURL)
        do {
            for query in queries {
                var times: [Double] = []
                var found = 0
                for _ in 0..<runs {
                    let start = ContinuousClock.now
                    found = try await index.search(text: query, ordering: .relevance, page: PageRequest(page: 1, size: 10)).count
                    let elapsed = ContinuousClock.now - start
                    times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
                }
                times.sort()
                print(String(format: "SEARCH matches=%d p50=%.2fms p99=%.2fms ", found, times[times.count / 2], times[min(times.count - 1, times.count * 99 / 100)]) + query)
            }
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}
