/// What a back-office user may do: an area of the shop read or written. A role is a set of these; a staff member's
/// grants are the union of their roles'. Writing an area implies reading it; the superuser grant (`*`) allows all.
public enum StaffArea: String, CaseIterable, Sendable, Codable {
    case dashboard, users, catalog, orders, promotions, courses, auctions, community, finance, staff, audit

    /// The name staff see in the back office.
    public var title: String {
        switch self {
        case .dashboard: "数据概览"
        case .users: "用户"
        case .catalog: "商品"
        case .orders: "订单"
        case .promotions: "促销"
        case .courses: "课程"
        case .auctions: "拍卖"
        case .community: "社区"
        case .finance: "财务"
        case .staff: "员工与角色"
        case .audit: "审计日志"
        }
    }
}

public enum StaffAccess: String, Sendable, Codable {
    case read, write
}

public struct StaffPermission: Hashable, Sendable, Comparable {
    public let area: StaffArea
    public let access: StaffAccess

    public init(_ area: StaffArea, _ access: StaffAccess) {
        self.area = area
        self.access = access
    }

    /// `orders.write`, as stored with a role and sent to the back office.
    public var code: String { "\(area.rawValue).\(access.rawValue)" }

    public init?(code: String) {
        let parts = code.split(separator: ".")
        guard parts.count == 2, let area = StaffArea(rawValue: String(parts[0])), let access = StaffAccess(rawValue: String(parts[1])) else {
            return nil
        }
        self.init(area, access)
    }

    public static func < (a: StaffPermission, b: StaffPermission) -> Bool { a.code < b.code }

    /// Every permission there is, read before write per area.
    public static let all: [StaffPermission] = StaffArea.allCases.flatMap { [StaffPermission($0, .read), StaffPermission($0, .write)] }
}

/// A staff member's permissions, from their roles.
public struct StaffGrants: Sendable, Equatable {
    public static let superuserCode = "*"

    public let isSuperuser: Bool
    public let permissions: Set<StaffPermission>

    public static let none = StaffGrants(codes: [])

    /// From stored codes (`orders.write`, `*`); unknown codes are ignored, so a role written by a newer version
    /// grants nothing unknown here.
    public init<Codes: Sequence>(codes: Codes) where Codes.Element == String {
        var superuser = false
        var permissions = Set<StaffPermission>()
        for code in codes {
            if code == Self.superuserCode { superuser = true } else if let permission = StaffPermission(code: code) { permissions.insert(permission) }
        }
        self.isSuperuser = superuser
        self.permissions = permissions
    }

    public func allows(_ area: StaffArea, _ access: StaffAccess) -> Bool {
        if isSuperuser { return true }
        return permissions.contains(StaffPermission(area, access)) || (access == .read && permissions.contains(StaffPermission(area, .write)))
    }

    /// Every permission in effect (write implying read), sorted: what the back office shows and hides by.
    public var effective: [StaffPermission] {
        StaffPermission.all.filter { allows($0.area, $0.access) }
    }

    /// Whether a role's stored codes are all known (`*` or `area.access`): a role is saved only then.
    public static func unknownCodes<Codes: Sequence>(in codes: Codes) -> [String] where Codes.Element == String {
        codes.filter { $0 != superuserCode && StaffPermission(code: $0) == nil }
    }
}

/// The roles every shop starts with (issue 19): the seeds' three admins split by job.
public enum StaffRoleCatalog {
    public struct Role: Sendable {
        public let name: String
        public let codes: [String]
    }

    public static let superuser = Role(name: "超级管理员", codes: [StaffGrants.superuserCode])

    public static let builtIn: [Role] = [
        superuser,
        Role(name: "商品运营", codes: ["catalog.write", "dashboard.read", "promotions.read"]),
        Role(name: "订单客服", codes: ["orders.write", "users.read", "dashboard.read"]),
        Role(name: "拍卖运营", codes: ["auctions.write", "community.write", "users.read"]),
        Role(name: "课程运营", codes: ["courses.write", "promotions.read", "dashboard.read"]),
        Role(name: "财务", codes: ["finance.write", "orders.read", "users.read", "dashboard.read", "audit.read"]),
    ]
}
