import Foundation
import MeiduoRules
import SQLKit

/// The operations console's numbers (the original Meiduo admin's statistics): users, activity and orders by the
/// shop's days. Each day is counted with range conditions on indexed times, so the numbers are the same on SQLite and
/// PostgreSQL whatever the shop's time zone. Cancelled orders are not counted as orders or sales.
struct DashboardStatistics {
    let services: AppServices

    struct DayFigures: Sendable, Equatable {
        let day: ShopCalendar.Day
        let newUsers: Int
        let orders: Int
        let sales: Int64
    }

    struct Figures: Sendable, Equatable {
        let today: ShopCalendar.Day
        let totalUsers: Int
        let activeUsersToday: Int
        let orderingUsersToday: Int
        let days: [DayFigures]
        let categoryVisits: [CategoryVisits.Count]
    }

    func figures(days count: Int) async throws -> Figures {
        let calendar = ShopCalendar(timeZone: services.config.shopTimeZone)
        let days = calendar.days(endingAt: services.clock.now(), count: count)
        let today = days.last!
        let sql = services.readSQL()
        let cancelled = OrderStatus.cancelled.rawValue
        var figures: [DayFigures] = []
        for day in days {
            let users = try await sql.raw("""
                SELECT COUNT(*) AS n FROM users WHERE create_time >= \(bind: day.start) AND create_time < \(bind: day.end)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            let orders = try await sql.raw("""
                SELECT COUNT(*) AS n, CAST(COALESCE(SUM(total_amount), 0) AS BIGINT) AS amount FROM order_info
                WHERE create_time >= \(bind: day.start) AND create_time < \(bind: day.end) AND status <> \(bind: cancelled)
                """).first()
            figures.append(DayFigures(day: day, newUsers: users, orders: try orders?.decode(column: "n", as: Int.self) ?? 0,
                                      sales: try orders?.decode(column: "amount", as: Int64.self) ?? 0))
        }
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
        let active = try await sql.raw("""
            SELECT COUNT(*) AS n FROM users WHERE last_login >= \(bind: today.start) AND last_login < \(bind: today.end)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let ordering = try await sql.raw("""
            SELECT COUNT(DISTINCT user_id) AS n FROM order_info
            WHERE create_time >= \(bind: today.start) AND create_time < \(bind: today.end) AND status <> \(bind: cancelled)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        return Figures(today: today, totalUsers: total, activeUsersToday: active, orderingUsersToday: ordering, days: figures,
                       categoryVisits: try await CategoryVisits(services: services).counts(on: today))
    }

    /// The per-day table as the CSV the dashboard's 导出 downloads.
    static func csv(_ figures: Figures) -> String {
        CSVTable.render(header: ["日期", "新增用户", "下单数", "销售额（元）"], rows: figures.days.map {
            [$0.day.label, String($0.newUsers), String($0.orders), Money.format(cents: $0.sales)]
        })
    }
}
