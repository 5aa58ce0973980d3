import Foundation
import FluentKit
import SQLKit
import Testing
@testable import App

/// `order_info.address_id` made nullable on a database that already holds orders: SQLite rebuilds the table, so the
/// rows, the indexes and other tables' references to it must all survive.
@Suite struct TableRebuildMigrationTests {
    @Test func ordersWrittenBeforeTheRebuildSurviveIt() async throws {
        // setup: every migration before the rebuild, then an order with a line and a payment
        let path = NSTemporaryDirectory() + "meiduo-rebuild-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let all = MeiduoApplication.migrations()
        let cut = try #require(all.firstIndex { $0 is AllowOrdersWithoutAddress })
        let manager = try DatabaseManager(location: .sqlite(path: path), poolSize: 1, logger: TestDatabases.logger)
        manager.migrations.add(Array(all[..<cut]))
        do {
            try await check(manager, rest: Array(all[cut...]))
        } catch {
            await manager.shutdown()
            throw error
        }
        await manager.shutdown()
    }

    func check(_ manager: DatabaseManager, rest: [any Migration]) async throws {
        try await manager.migrate()
        let sql = manager.sql()
        try await sql.raw("""
            INSERT INTO users (username, password, mobile, email, email_active, is_staff, is_active, create_time, update_time)
            VALUES ('old', 'x', '13800000000', '', false, false, true, 0, 0)
            """).run()
        try await sql.raw("""
            INSERT INTO addresses (user_id, title, receiver, province_id, city_id, district_id, place, mobile, tel, email, is_deleted, create_time, update_time)
            VALUES (1, '家', '张三', 110000, 110100, 110101, '东长安街1号', '13800000000', '', '', false, 0, 0)
            """).run()
        try await sql.raw("""
            INSERT INTO order_info (order_id, user_id, address_id, total_count, total_amount, freight, pay_method, status, create_time, update_time)
            VALUES ('2026113000000000000011234', 1, 1, 1, 1000, 1000, 2, 1, 0, 0)
            """).run()
        // A line of a SKU that isn't there: only the line's reference to its order is under test.
        try await sql.raw("PRAGMA foreign_keys = OFF").run()
        try await sql.raw("""
            INSERT INTO order_goods (order_id, sku_id, count, price, comment, score, is_anonymous, is_commented, create_time, update_time)
            VALUES ('2026113000000000000011234', 9, 1, 1000, '', 5, false, false, 0, 0)
            """).run()
        try await sql.raw("PRAGMA foreign_keys = ON").run()
        // act: the rest of the migrations
        manager.migrations.add(rest)
        try await manager.migrate()
        // check: the order is there, an order without an address can be written, the indexes and references stand
        let kept = try await sql.raw("SELECT address_id FROM order_info WHERE order_id = '2026113000000000000011234'").first()
        #expect(try kept?.decode(column: "address_id", as: Int?.self) == 1)
        try await sql.raw("""
            INSERT INTO order_info (order_id, user_id, address_id, total_count, total_amount, freight, pay_method, status, create_time, update_time)
            VALUES ('2026113000000000000015678', 1, NULL, 1, 1000, 0, 2, 1, 0, 0)
            """).run()
        let indexes = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'order_info' AND sql IS NOT NULL").all()
            .map { try $0.decode(column: "name", as: String.self) }.sorted()
        // the indexes made before the rebuild stand again (later migrations may add more)
        #expect(Set(["order_info_status_idx", "order_info_user_idx"]).isSubset(of: Set(indexes)))
        // the line's ON DELETE CASCADE now follows the rebuilt table
        try await sql.raw("DELETE FROM order_info WHERE order_id = '2026113000000000000011234'").run()
        let lines = try await sql.raw("SELECT COUNT(*) AS n FROM order_goods").first()!.decode(column: "n", as: Int.self)
        #expect(lines == 0)
    }
}
