import Foundation
import Hummingbird
import MeiduoRules

/// The dashboard (`dashboard.read`): `GET /admin/api/dashboard/?days=30` and the same days as CSV,
/// `GET /admin/api/dashboard/export/?days=30`.
struct DashboardController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        let read = routes.staff(.dashboard, .read)
        read.get("admin/api/dashboard", use: dashboard)
        read.get("admin/api/dashboard/export", use: export)
    }

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> DashboardDTO {
        let figures = try await DashboardStatistics(services: services).figures(days: try Self.days(request))
        let today = figures.days.last!
        return DashboardDTO(
            today: figures.today.label, time_zone: services.config.shopTimeZone.identifier, total_users: figures.totalUsers,
            new_users_today: today.newUsers, active_users_today: figures.activeUsersToday, ordering_users_today: figures.orderingUsersToday,
            orders_today: today.orders, sales_today: Money.format(cents: today.sales),
            days: figures.days.map { DashboardDayDTO(date: $0.day.label, new_users: $0.newUsers, orders: $0.orders, sales: Money.format(cents: $0.sales)) },
            category_visits: figures.categoryVisits.map { CategoryVisitsDTO(category_id: $0.categoryID, name: $0.name, count: $0.count) })
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let figures = try await DashboardStatistics(services: services).figures(days: try Self.days(request))
        let body = DashboardStatistics.csv(figures)
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"meiduo-\(figures.today.label)-\(figures.days.count)d.csv\"",
        ], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// `days`: 7 to 90 (default 30).
    static func days(_ request: Request) throws -> Int {
        var form = FormReader(RequestInput.query(of: request))
        let days = form.int("days", required: false, min: 7, max: 90)
        try form.finish()
        return days ?? 30
    }
}
