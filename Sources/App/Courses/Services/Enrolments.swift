import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Who may watch which course until when (seed 002 `UserCourse`). An enrolment's end (`out_time`, null: permanent)
/// is compared with the clock on every request; each purchase or free enrolment is a grant that moved it, so a
/// refund can take back exactly what its order gave.
public struct Enrolments: Sendable {
    /// seed 002's `buy_type`, plus 余额 for orders paid wholly from the wallet.
    public enum Source: Int, Sendable {
        case alipay = 0, wechat = 1, free = 2, gift = 3, system = 4, balance = 5
    }

    public struct Enrolment: Sendable, Equatable {
        public let courseID: Int
        public let end: Date?
        public let payTime: Date
        public let source: Int
        public let lastLessonID: Int?

        public func hasAccess(at now: Date) -> Bool { CourseRules.hasAccess(enrolled: true, end: end, now: now) }
    }

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public func enrolment(userID: Int, courseID: Int, on sql: (any SQLDatabase)? = nil) async throws -> Enrolment? {
        try await (sql ?? services.readSQL()).raw("""
            SELECT course_id, out_time, pay_time, buy_type, last_lesson_id FROM user_courses
            WHERE user_id = \(bind: userID) AND course_id = \(bind: courseID)
            """).first().map(Self.enrolment)
    }

    /// The user's enrolments, latest first.
    public func enrolments(userID: Int) async throws -> [Enrolment] {
        try await services.readSQL().raw("""
            SELECT course_id, out_time, pay_time, buy_type, last_lesson_id FROM user_courses WHERE user_id = \(bind: userID)
            ORDER BY pay_time DESC, id DESC
            """).all().map(Self.enrolment)
    }

    /// Steps that grant `days` (nil: permanent) of a course on top of `current` (read just before), record the grant and
    /// count the student once; guarded so two grants built from the same reading can't both apply (the loser retries).
    public func grantSteps(userID: Int, courseID: Int, days: Int?, current: Enrolment?, source: Source, orderID: String?, now: Date) -> WritePlan {
        var plan = WritePlan()
        let end = CourseRules.extended(currentEnd: current?.end, enrolled: current != nil, days: days, now: now)
        plan.write("""
            INSERT INTO course_grants (user_id, course_id, order_id, days, previous_out_time, grant_time, revoked, create_time, update_time)
            VALUES (\(bind: userID), \(bind: courseID), \(bind: orderID), \(bind: days), \(bind: current?.end), \(bind: now), \(bind: false),
                    \(bind: now), \(bind: now))
            """)
        if let current {
            // Only if the end is still the one this grant was worked out from.
            let sameEnd: SQLQueryString = current.end.map { "out_time = \(bind: $0)" } ?? "out_time IS NULL"
            plan.require("""
                UPDATE user_courses SET out_time = \(bind: end), buy_type = \(bind: source.rawValue), buy_number = \(bind: orderID),
                       pay_time = \(bind: now), update_time = \(bind: now)
                WHERE user_id = \(bind: userID) AND course_id = \(bind: courseID) AND \(sameEnd)
                """, touches: 1) { _ in nil }
        } else {
            plan.write("""
                INSERT INTO user_courses (user_id, course_id, buy_type, buy_number, pay_time, out_time, create_time, update_time)
                VALUES (\(bind: userID), \(bind: courseID), \(bind: source.rawValue), \(bind: orderID), \(bind: now), \(bind: end), \(bind: now), \(bind: now))
                """)
            plan.write("UPDATE courses SET students = students + 1 WHERE id = \(bind: courseID)")
        }
        return plan
    }

    /// The source a payment provider's name stands for.
    public static func source(provider: String) -> Source { provider == "wechat" ? .wechat : .alipay }

    /// Steps that grant what an order's course lines bought, each on top of the enrolment as read now on `sql` (the
    /// payment's own transaction, or before the plan of an order paid at checkout).
    public func orderGrantSteps(userID: Int, orderID: String, lines: [(courseID: Int, days: Int?)], source: Source,
                                on sql: (any SQLDatabase)? = nil, now: Date) async throws -> WritePlan {
        var plan = WritePlan()
        for line in lines {
            let current = try await enrolment(userID: userID, courseID: line.courseID, on: sql)
            plan.append(grantSteps(userID: userID, courseID: line.courseID, days: line.days, current: current, source: source,
                                   orderID: orderID, now: now))
        }
        return plan
    }

    /// Steps that take back what an order granted (a refund): each grant not yet revoked gives its days back
    /// (`CourseRules.afterRefund`), guarded on the enrolment's end as read now, and is marked revoked once.
    public func revokeSteps(orderID: String, now: Date) async throws -> WritePlan {
        let sql = services.readSQL()
        let grants = try await sql.raw("""
            SELECT id, user_id, course_id, days, previous_out_time, grant_time FROM course_grants
            WHERE order_id = \(bind: orderID) AND revoked = \(bind: false)
            """).all()
        var plan = WritePlan()
        for grant in grants {
            let userID = try grant.decode(column: "user_id", as: Int.self), courseID = try grant.decode(column: "course_id", as: Int.self)
            guard let current = try await enrolment(userID: userID, courseID: courseID, on: sql) else { continue }
            let end = CourseRules.afterRefund(currentEnd: current.end, grantDays: try grant.decode(column: "days", as: Int?.self),
                                              previousEnd: try grant.decode(column: "previous_out_time", as: Date?.self),
                                              grantTime: try grant.decode(column: "grant_time", as: Date.self))
            let sameEnd: SQLQueryString = current.end.map { "out_time = \(bind: $0)" } ?? "out_time IS NULL"
            plan.require("""
                UPDATE user_courses SET out_time = \(bind: end), update_time = \(bind: now)
                WHERE user_id = \(bind: userID) AND course_id = \(bind: courseID) AND \(sameEnd)
                """, touches: 1) { _ in nil }
            plan.require("""
                UPDATE course_grants SET revoked = \(bind: true), update_time = \(bind: now)
                WHERE id = \(bind: try grant.decode(column: "id", as: Int.self)) AND revoked = \(bind: false)
                """, touches: 1) { _ in nil }
        }
        return plan
    }

    /// Grants a free course (免费课, or a course whose price today is nothing) permanently; a second call changes nothing.
    /// Answers the enrolment.
    public func enrolFree(userID: Int, course: CourseCatalog.Course, options: [CourseCatalog.Option], now: Date) async throws -> Enrolment {
        let free = course.kind == .free || options.contains { CourseRules.realPrice($0.price, discount: course.discount, now: now) == 0 }
        guard course.status == .online else { throw CoursesError.notOnSale }
        guard free else { throw CoursesError.notFree }
        for _ in 0..<5 {
            let current = try await enrolment(userID: userID, courseID: course.id)
            if let current, current.end == nil { return current }
            do {
                try await services.planExecutor.execute(grantSteps(userID: userID, courseID: course.id, days: nil, current: current,
                                                                   source: .free, orderID: nil, now: now))
                break
            } catch is PlanShortfall {
                continue
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue  // another request enrolled them first: read it again
            }
        }
        guard let enrolled = try await enrolment(userID: userID, courseID: course.id) else { throw CoursesError.notOnSale }
        return enrolled
    }

    /// Remembers the last lesson watched (only by an enrolled user).
    public func markProgress(userID: Int, courseID: Int, lessonID: Int, now: Date) async throws {
        try await services.sql().raw("""
            UPDATE user_courses SET last_lesson_id = \(bind: lessonID), update_time = \(bind: now)
            WHERE user_id = \(bind: userID) AND course_id = \(bind: courseID)
            """).run()
    }

    static func enrolment(_ row: any SQLRow) throws -> Enrolment {
        Enrolment(courseID: try row.decode(column: "course_id", as: Int.self), end: try row.decode(column: "out_time", as: Date?.self),
                  payTime: try row.decode(column: "pay_time", as: Date.self), source: try row.decode(column: "buy_type", as: Int.self),
                  lastLessonID: try row.decode(column: "last_lesson_id", as: Int?.self))
    }
}
