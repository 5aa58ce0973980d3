import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// The logged-in user's course cart (seed 002 `CartViewSet`): a course with its chosen validity option, ticked or not
/// for checkout. Prices are never stored: every read prices the option at the clock's now, so a limited-time discount
/// that ends between adding and paying is not charged.
public struct CourseCart: Sendable {
    /// More lines than anyone buys at once; it bounds what one checkout reads.
    public static let maxLines = 50

    /// A cart line priced now.
    public struct Line: Sendable, Equatable {
        public let course: CourseCatalog.Course
        public let option: CourseCatalog.Option
        public let options: [CourseCatalog.Option]
        public let selected: Bool
        /// What the option costs now (its price with a running discount).
        public let price: Int64

        /// `expire_id` as the cart stores it: 0 for a course's implicit permanent option.
        public var expireID: Int { option.id ?? 0 }

        /// The checkout's view of the line: a course costs its price once, ships nothing, and a coupon scoped to courses
        /// (or to this course's direction) can take it.
        public var pricingLine: CheckoutPricing.Line {
            .init(key: "course:\(course.id)", unitPrice: price, count: 1, kind: .course,
                  tags: ["course:\(course.id)", "course_category:\(course.categoryID)"])
        }
    }

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    var catalog: CourseCatalog { CourseCatalog(services: services) }

    /// Puts a course in the cart with `expireID` (0 or nil: the only option of a course without options), ticked; adding
    /// a course already there changes its option. Refuses what can't be bought: a course not on sale, a free one
    /// (enrol instead), one owned for ever, an option of another course.
    public func add(userID: Int, courseID: Int, expireID: Int?) async throws -> Line {
        let (course, option, options) = try await buyable(userID: userID, courseID: courseID, expireID: expireID)
        let now = services.clock.now()
        let count = try await services.readSQL().raw("SELECT COUNT(*) AS n FROM cart_courses WHERE user_id = \(bind: userID)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let sql = services.sql()
        let updated = try await sql.raw("""
            UPDATE cart_courses SET expire_id = \(bind: option.id ?? 0), selected = \(bind: true), update_time = \(bind: now)
            WHERE user_id = \(bind: userID) AND course_id = \(bind: courseID) RETURNING id
            """).all()
        if updated.isEmpty {
            guard count < Self.maxLines else { throw CoursesError.cartFull(Self.maxLines) }
            try await sql.raw("""
                INSERT INTO cart_courses (user_id, course_id, expire_id, selected, create_time, update_time)
                VALUES (\(bind: userID), \(bind: courseID), \(bind: option.id ?? 0), \(bind: true), \(bind: now), \(bind: now))
                ON CONFLICT (user_id, course_id) DO UPDATE SET expire_id = excluded.expire_id, selected = excluded.selected,
                    update_time = excluded.update_time
                """).run()
        }
        return Line(course: course, option: option, options: options, selected: true,
                    price: CourseRules.realPrice(option.price, discount: course.discount, now: now))
    }

    /// seed 002's `change_course_expire`: another validity option of a course already in the cart.
    public func changeOption(userID: Int, courseID: Int, expireID: Int?) async throws -> Line {
        let (course, option, options) = try await buyable(userID: userID, courseID: courseID, expireID: expireID, forSale: false)
        let now = services.clock.now()
        let rows = try await services.sql().raw("""
            UPDATE cart_courses SET expire_id = \(bind: option.id ?? 0), update_time = \(bind: now)
            WHERE user_id = \(bind: userID) AND course_id = \(bind: courseID) RETURNING selected
            """).all()
        guard let row = rows.first else { throw CoursesError.notInCart }
        return Line(course: course, option: option, options: options, selected: try row.decode(column: "selected", as: Bool.self),
                    price: CourseRules.realPrice(option.price, discount: course.discount, now: now))
    }

    /// seed 002's `change_course_status`: tick or untick one course, or (`courseID` nil) every course.
    public func select(userID: Int, courseID: Int?, selected: Bool) async throws {
        var statement: SQLQueryString = """
            UPDATE cart_courses SET selected = \(bind: selected), update_time = \(bind: services.clock.now()) WHERE user_id = \(bind: userID)
            """
        if let courseID { statement = statement + " AND course_id = \(bind: courseID)" }
        statement.appendInterpolation(unsafeRaw: " RETURNING id")
        let rows = try await services.sql().raw(statement).all()
        if courseID != nil && rows.isEmpty { throw CoursesError.notInCart }
    }

    public func remove(userID: Int, courseID: Int) async throws {
        try await services.sql().raw("DELETE FROM cart_courses WHERE user_id = \(bind: userID) AND course_id = \(bind: courseID)").run()
    }

    /// The cart, latest first, priced now. A course taken off sale or an option removed since drops out of the answer
    /// (and out of checkout) without failing the cart.
    public func lines(userID: Int, selectedOnly: Bool = false) async throws -> [Line] {
        var statement: SQLQueryString = "SELECT course_id, expire_id, selected FROM cart_courses WHERE user_id = \(bind: userID)"
        if selectedOnly { statement = statement + " AND selected = \(bind: true)" }
        statement.appendInterpolation(unsafeRaw: " ORDER BY update_time DESC, id DESC")
        let rows = try await services.readSQL().raw(statement).all().map {
            (course: try $0.decode(column: "course_id", as: Int.self), expire: try $0.decode(column: "expire_id", as: Int.self),
             selected: try $0.decode(column: "selected", as: Bool.self))
        }
        let courses = try await catalog.courses(ids: rows.map(\.course))
        let options = try await catalog.options(of: Array(courses.values))
        let now = services.clock.now()
        return rows.compactMap { row in
            guard let course = courses[row.course], let all = options[course.id],
                  let option = all.first(where: { ($0.id ?? 0) == row.expire }) else { return nil }
            return Line(course: course, option: option, options: all, selected: row.selected,
                        price: CourseRules.realPrice(option.price, discount: course.discount, now: now))
        }
    }

    /// Removes bought courses from the cart, for the order's own plan.
    static func removeStatement(userID: Int, courseIDs: [Int]) -> SQLQueryString {
        "DELETE FROM cart_courses WHERE user_id = \(bind: userID) AND course_id IN (\(binds: courseIDs.isEmpty ? [0] : courseIDs))"
    }

    /// The course and option a shopper may put in the cart, with the course's options.
    func buyable(userID: Int, courseID: Int, expireID: Int?, forSale: Bool = true)
        async throws -> (CourseCatalog.Course, CourseCatalog.Option, [CourseCatalog.Option]) {
        guard let course = try await catalog.course(courseID) else { throw CoursesError.unknownCourse }
        let options = try await catalog.options(of: course)
        guard let option = options.first(where: { ($0.id ?? 0) == (expireID ?? 0) }) else { throw CoursesError.unknownOption }
        guard forSale else { return (course, option, options) }
        guard course.status == .online else { throw CoursesError.notOnSale }
        let now = services.clock.now()
        if course.kind == .free || CourseRules.realPrice(option.price, discount: course.discount, now: now) == 0 { throw CoursesError.isFree }
        if let enrolment = try await Enrolments(services: services).enrolment(userID: userID, courseID: courseID),
           enrolment.end == nil { throw CoursesError.ownedForever }
        return (course, option, options)
    }
}
