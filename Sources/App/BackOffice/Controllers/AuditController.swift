import Foundation
import Hummingbird

/// `GET /admin/api/audit/` (`audit.read`): the staff writes, newest first, found by staff username, target
/// (`target_type`, `target_id`), action words and time (`since`, `until`: ISO 8601 times), in DRF pages.
struct AuditController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.staff(.audit, .read).get("admin/api/audit", use: search)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Page<AuditEntryDTO> {
        let page = try PageRequest.parse(request, defaultSize: 20, maxSize: 100)
        var form = FormReader(RequestInput.query(of: request))
        let filter = AuditTrail.Filter(
            staff: form.string("staff", required: false, maxLength: 150), targetType: form.string("target_type", required: false, maxLength: 40),
            targetID: form.string("target_id", required: false, maxLength: 40), action: form.string("action", required: false, maxLength: 100),
            since: form.date("since"), until: form.date("until"))
        try form.finish()
        let (count, rows) = try await services.audit.search(filter, offset: page.offset, limit: page.size)
        try page.validate(count: count)
        return Page(count: count, results: rows.map(Self.dto), request: page, httpRequest: request)
    }

    static func dto(_ row: AuditTrail.Row) -> AuditEntryDTO {
        let e = row.entry
        return AuditEntryDTO(id: row.id, time: row.time, staff_id: e.staffID, staff_username: e.staffUsername, action: e.action, method: e.method,
                             path: e.path, target_type: e.targetType, target_id: e.targetID, status: e.status, request: e.request,
                             before: e.before, after: e.after, summary: e.summary)
    }
}
