import Foundation
import Hummingbird

/// `POST /admin/api/authorizations/`: a staff session, and what the back office may show.
struct AdminLoginDTO: ResponseEncodable, Sendable {
    let token: String
    let expires_in: Int
    let me: AdminMeDTO
}

/// `GET /admin/api/me/`: who is signed in to the back office and what each area allows them.
struct AdminMeDTO: ResponseEncodable, Sendable, Equatable {
    let id: Int
    let username: String
    let superuser: Bool
    let roles: [String]
    /// Every permission in effect (`orders.write` implies `orders.read`).
    let permissions: [String]
    let areas: [AdminAreaDTO]
}

struct AdminAreaDTO: Codable, Sendable, Equatable {
    let area: String
    let title: String
    let read: Bool
    let write: Bool
}

struct StaffRoleDTO: ResponseEncodable, Sendable, Equatable {
    let id: Int
    let name: String
    let permissions: [String]
    let built_in: Bool
    let members: Int
}

struct StaffMemberDTO: ResponseEncodable, Sendable, Equatable {
    let id: Int
    let username: String
    let mobile: String
    let is_active: Bool
    let roles: [Int]
    @Nullable var last_login: Date?
}

/// A staff member's roles as set (the audit row's before and after).
struct StaffMemberRolesDTO: ResponseEncodable, Sendable, Equatable {
    let id: Int
    let roles: [Int]
}

struct AuditEntryDTO: ResponseEncodable, Sendable, Equatable {
    let id: Int
    let time: Date
    let staff_id: Int
    let staff_username: String
    let action: String
    let method: String
    let path: String
    let target_type: String
    @Nullable var target_id: String?
    let status: Int
    @Nullable var request: String?
    @Nullable var before: String?
    @Nullable var after: String?
    @Nullable var summary: String?
}

/// The JSON bodies of role edits: lists, which the form reader (DRF's scalar fields) does not take.
struct RoleForm: Decodable {
    let name: String?
    let permissions: [String]?
}

struct MemberRolesForm: Decodable {
    let roles: [Int]?
}

/// `GET /admin/api/dashboard/`: today's figures, the last days' and today's visits per category.
struct DashboardDTO: ResponseEncodable, Sendable, Equatable {
    let today: String
    let time_zone: String
    let total_users: Int
    let new_users_today: Int
    let active_users_today: Int
    let ordering_users_today: Int
    let orders_today: Int
    let sales_today: String
    let days: [DashboardDayDTO]
    let category_visits: [CategoryVisitsDTO]
}

struct DashboardDayDTO: Codable, Sendable, Equatable {
    let date: String
    let new_users: Int
    let orders: Int
    let sales: String
}

struct CategoryVisitsDTO: Codable, Sendable, Equatable {
    let category_id: Int
    let name: String
    let count: Int
}
