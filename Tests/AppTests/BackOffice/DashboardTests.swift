import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// The dashboard's figures by the shop's days (Asia/Shanghai), its CSV and the category visits behind it.
@Suite struct DashboardTests {
    /// 2026-12-01 10:00 in Shanghai (02:00 UTC).
    static let now = Date(timeIntervalSince1970: 1_796_090_400)

    func setTime(_ table: String, key: String, id: some Encodable & Sendable, _ time: Date, env: TestEnvironment) async throws {
        try await env.services.sql().raw(SQLQueryString("UPDATE \(unsafeRaw: table) SET create_time = \(bind: time) WHERE \(unsafeRaw: key) = \(bind: id)")).run()
    }

    @Test func ordersAndUsersCountOnTheShopsDayAndCancelledOrdersDoNot() async throws {
        let clock = ManualClock(Self.now)
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: a buyer who joined at 00:30 Shanghai today (16:30 UTC yesterday), two orders today (one
            // cancelled) and one at 23:30 Shanghai yesterday
            try await env.loadMeiduoSample()
            try await env.setStock(1, 10)
            let buyer = try await env.shopper()
            try await setTime("users", key: "id", id: buyer.userID, Self.now.addingTimeInterval(-9.5 * 3_600), env: env)
            var orders: [OrderInfo] = []
            for _ in 0..<3 {
                try await env.putInCart(buyer, skuID: 1, count: 1)
                orders.append(try await env.placeOrder(buyer, payMethod: .cashOnDelivery))
            }
            try await setTime("order_info", key: "order_id", id: orders[0].id!, Self.now.addingTimeInterval(-3_600), env: env)
            try await setTime("order_info", key: "order_id", id: orders[1].id!, Self.now.addingTimeInterval(-3_600), env: env)
            try await env.services.sql().raw("UPDATE order_info SET status = 6 WHERE order_id = \(bind: orders[1].id!)").run()
            try await setTime("order_info", key: "order_id", id: orders[2].id!, Self.now.addingTimeInterval(-10.5 * 3_600), env: env)
            let (staff, admin) = try await env.staffMember("admin0001", mobile: "13899990000", role: "超级管理员")
            try await setTime("users", key: "id", id: staff.id!, Self.now.addingTimeInterval(-60 * 86_400), env: env)
            // act
            let response = try await client.send(.get, "/admin/api/dashboard/?days=7", token: admin)
            // check
            let days = response.object["days"] as? [[String: Any]] ?? []
            #expect(response.status == .ok && response.object["today"] as? String == "2026-12-01")
            #expect(days.map { $0["date"] as? String } == ["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01"])
            #expect(days.last?["orders"] as? Int == 1 && days[5]["orders"] as? Int == 1)
            #expect(days.last?["new_users"] as? Int == 1 && response.object["orders_today"] as? Int == 1)
            #expect(response.object["sales_today"] as? String == days.last?["sales"] as? String)
            #expect(response.object["ordering_users_today"] as? Int == 1)
        }
    }

    @Test func productPageVisitsAreCountedPerCategoryAndDay() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let (_, admin) = try await env.staffMember("admin0001", mobile: "13899990000", role: "超级管理员")
            // act
            for _ in 0..<3 { try await client.send(.post, "/categories/115/visits/") }
            try await client.send(.post, "/categories/76/visits/")
            let unknown = try await client.send(.post, "/categories/999999/visits/")
            let dashboard = try await client.send(.get, "/admin/api/dashboard/", token: admin)
            // check
            let visits = dashboard.object["category_visits"] as? [[String: Any]] ?? []
            #expect(unknown.status == .notFound)
            #expect(visits.map { $0["category_id"] as? Int } == [115, 76])
            #expect(visits.map { $0["count"] as? Int } == [3, 1])
        }
    }

    @Test func concurrentVisitsAreAllCounted() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            let visits = CategoryVisits(services: env.services)
            // act
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 { group.addTask { try await visits.record(categoryID: 115) } }
                for try await _ in group {}
            }
            // check
            let day = ShopCalendar(timeZone: env.services.config.shopTimeZone).day(containing: env.services.clock.now())
            #expect(try await visits.counts(on: day).first?.count == 20)
        }
    }

    @Test func theDaysExportAsCSVForASpreadsheet() async throws {
        try await withApp { client, env in
            // setup
            let (_, admin) = try await env.staffMember("admin0001", mobile: "13899990000", role: "超级管理员")
            // act
            let response = try await client.send(.get, "/admin/api/dashboard/export/?days=7", token: admin)
            // check
            let lines = response.text.split(separator: "\r\n")
            #expect(response.status == .ok && response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(lines.first == "\u{FEFF}日期,新增用户,下单数,销售额（元）" && lines.count == 8)
            #expect(response.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
        }
    }

    @Test func anAuctionOperatorMayNotSeeTheDashboardAndDaysAreBounded() async throws {
        try await withApp { client, env in
            // setup
            let (_, operatorToken) = try await env.staffMember("auction001", mobile: "13899990002", role: "拍卖运营")
            let (_, admin) = try await env.staffMember("admin0001", mobile: "13899990000", role: "超级管理员")
            // act
            let refused = try await client.send(.get, "/admin/api/dashboard/", token: operatorToken)
            let tooMany = try await client.send(.get, "/admin/api/dashboard/?days=365", token: admin)
            // check
            #expect(refused.status == .forbidden)
            #expect(tooMany.status == .badRequest && tooMany.fieldErrors("days") != nil)
        }
    }
}
