import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// Every staff route, read off the router, against the table below of which permission it needs: a staff member
/// holding every other permission is refused (403), one holding just that permission is let through (whatever the
/// handler then answers), and an anonymous caller gets 401. A staff route the table doesn't name fails the test, so
/// a new route must say who may use it.
@Suite struct StaffDoorMatrixTests {
    /// Path prefixes (most specific first) and the area they belong to; reads are `area.read`, other methods `area.write`.
    static let areas: [(prefix: String, area: StaffArea)] = [
        ("/admin/api/users/{id}/wallet", .finance), ("/admin/api/users/{id}/credits", .finance),
        ("/staff/users/{id}/wallet", .finance), ("/staff/users/{id}/credits", .finance),
        ("/admin/api/users/{id}/coupons", .promotions), ("/staff/users/{id}/coupons", .promotions), ("/admin/api/coupons", .promotions),
        ("/admin/api/coupon-campaigns", .promotions), ("/staff/coupons", .promotions), ("/staff/coupon-campaigns", .promotions),
        ("/admin/api/users/{id}/roles", .staff), ("/admin/api/roles", .staff), ("/admin/api/staff", .staff),
        ("/admin/api/users", .users), ("/admin/api/audit", .audit), ("/admin/api/dashboard", .dashboard),
        ("/admin/api/orders", .orders), ("/orders/{order_id}/ship", .orders), ("/orders/{order_id}/refund", .orders),
        ("/admin/api/categories", .catalog), ("/admin/api/channel-groups", .catalog), ("/admin/api/brands", .catalog), ("/admin/api/goods", .catalog), ("/admin/api/specs", .catalog),
        ("/admin/api/skus", .catalog), ("/admin/api/content-categories", .catalog), ("/admin/api/contents", .catalog),
        ("/admin/api/channels", .catalog),
        ("/admin/api/auctions", .auctions), ("/admin/api/auction-items", .auctions), ("/staff/auctions", .auctions),
        ("/admin/api/course-categories", .courses), ("/admin/api/teachers", .courses), ("/admin/api/courses", .courses),
        ("/admin/api/course-chapters", .courses), ("/admin/api/course-lessons", .courses),
        ("/admin/api/community", .community),
    ]
    /// Staff routes open to any staff member (sign-in, who am I) or to anyone.
    static let notBehindADoor: Set<String> = ["POST /admin/api/authorizations", "GET /admin/api/me"]

    struct Door {
        let method: HTTPRequest.Method
        let path: String
        let permission: StaffPermission?
    }

    func doors(_ env: TestEnvironment) -> [Door] {
        MeiduoApplication.buildRouter(services: env.services).routes.compactMap { route in
            let path = route.path.description
            let key = "\(route.method.rawValue) \(path)"
            let isStaff = path.hasPrefix("/admin/api/") || path.hasPrefix("/staff/") || path.hasSuffix("/ship") || path.hasSuffix("/refund")
            guard isStaff, !Self.notBehindADoor.contains(key) else { return nil }
            let area = Self.areas.first { path.hasPrefix($0.prefix) }?.area
            let access: StaffAccess = route.method == .get || route.method == .head ? .read : .write
            return Door(method: route.method, path: path, permission: area.map { StaffPermission($0, access) })
        }.sorted { ($0.path, $0.method.rawValue) < ($1.path, $1.method.rawValue) }
    }

    /// A staff member whose one role holds `codes`.
    func member(_ env: TestEnvironment, codes: [String], number: Int) async throws -> String {
        let (user, token) = try await env.loggedInUser(String(format: "door%05d", number), mobile: String(format: "1370000%04d", number))
        let roles = StaffRoles(services: env.services)
        let role = try await roles.createRole(name: "门\(number)", codes: codes)
        try await roles.setRoles(userID: user.id!, roleIDs: [role.id], keepingASuperuser: false)
        return token
    }

    @Test func everyStaffRouteLetsThroughItsPermissionAndNoOther() async throws {
        try await withApp { client, env in
            // setup: for each permission, a member holding only it and one holding every other
            let doors = doors(env)
            let unnamed = doors.filter { $0.permission == nil }.map { "\($0.method.rawValue) \($0.path)" }
            var holders: [StaffPermission: (with: String, without: String)] = [:]
            for (number, permission) in Set(doors.compactMap(\.permission)).sorted().enumerated() {
                // Writing implies reading, so "every other" leaves out the write of a read's area too.
                let others = StaffPermission.all.filter { $0.area != permission.area || ($0.access == .read && permission.access == .write) }
                holders[permission] = (try await member(env, codes: [permission.code], number: 2 * number),
                                       try await member(env, codes: others.map(\.code), number: 2 * number + 1))
            }
            // act
            var wrong: [String] = []
            for door in doors {
                guard let permission = door.permission, let holder = holders[permission] else { continue }
                let uri = door.path.replacingOccurrences(of: #"\{[a-z_]+\}"#, with: "1", options: .regularExpression) + "/"
                let anonymous = try await client.send(door.method, uri)
                let without = try await client.send(door.method, uri, token: holder.without)
                let with = try await client.send(door.method, uri, token: holder.with)
                if anonymous.status != .unauthorized { wrong.append("\(door.method) \(door.path) anonymous: \(anonymous.status.code)") }
                if without.status != .forbidden { wrong.append("\(door.method) \(door.path) without \(permission.code): \(without.status.code)") }
                if [.unauthorized, .forbidden].contains(with.status) { wrong.append("\(door.method) \(door.path) with \(permission.code): \(with.status.code)") }
            }
            // check
            #expect(doors.count > 75)
            #expect(unnamed.isEmpty, "staff routes the table doesn't name: \(unnamed)")
            #expect(wrong.isEmpty, "doors letting the wrong people through: \(wrong)")
        }
    }
}
