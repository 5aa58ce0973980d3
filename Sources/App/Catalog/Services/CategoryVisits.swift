import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Owner of `category_visits`: a product page's visit counted for its category on the shop's day, in one
/// statement (an insert that adds one when the day's row exists), so concurrent visits are all counted.
struct CategoryVisits {
    let services: AppServices

    struct Count: Sendable, Equatable {
        let categoryID: Int
        let name: String
        let count: Int
    }

    /// Counts a visit; false when there is no such category.
    func record(categoryID: Int) async throws -> Bool {
        let day = ShopCalendar(timeZone: services.config.shopTimeZone).day(containing: services.clock.now())
        do {
            try await services.sql().raw("""
                INSERT INTO category_visits (category_id, date, count) VALUES (\(bind: categoryID), \(bind: day.label), 1)
                ON CONFLICT (category_id, date) DO UPDATE SET count = category_visits.count + 1
                """).run()
            return true
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return false
        }
    }

    /// The day's visits by category, most visited first.
    func counts(on day: ShopCalendar.Day) async throws -> [Count] {
        try await services.readSQL().raw("""
            SELECT v.category_id, c.name, v.count FROM category_visits v JOIN goods_categories c ON c.id = v.category_id
            WHERE v.date = \(bind: day.label) ORDER BY v.count DESC, v.category_id LIMIT 50
            """).all().map {
            Count(categoryID: try $0.decode(column: "category_id", as: Int.self), name: try $0.decode(column: "name", as: String.self),
                  count: try $0.decode(column: "count", as: Int.self))
        }
    }
}
