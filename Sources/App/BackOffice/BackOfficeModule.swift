import FluentKit
import Hummingbird

/// The back office (运营中心, issue 19): staff roles and permissions, the audit trail's search, and the staff API
/// under `/admin/api/` that the pages at `/admin/` use.
enum BackOfficeModule {
    static let migrations: [any Migration] = [CreateStaffRoles(), CreateStaffRoleMembers()]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        AdminAuthController(services: services).addRoutes(to: routes)
        StaffRolesController(services: services).addRoutes(to: routes)
        AuditController(services: services).addRoutes(to: routes)
        DashboardController(services: services).addRoutes(to: routes)
    }
}
