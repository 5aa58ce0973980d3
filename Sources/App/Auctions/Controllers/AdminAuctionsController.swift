import Foundation
import Hummingbird
import MeiduoRules

/// Sessions and lots in the back office (`auctions.write`), beside the older `/staff/auctions/` creation routes:
/// `PUT /admin/api/auctions/<id>/` (title, deposit, times — rescheduling the status jobs), `POST …/<id>/cover/` and
/// `POST /admin/api/auction-items/<id>/images/` (the body is the picture), `PUT /admin/api/auction-items/<id>/specs/`.
/// `PUT /admin/api/auction-items/<id>/` (name and terms, the terms until the first bid); a lot's terms, reserve and
/// leader (`GET …/auction-items/<id>/`) and its bids unmasked (`…/bids/`). Staff read sessions and the lots' pages
/// through the public `/auctions/` answers, which show every status by the clock.
struct AdminAuctionsController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        let write = routes.staff(.auctions, .write)
        write.put("admin/api/auctions/:id", use: update)
        write.post("admin/api/auctions/:id/cover", use: uploadCover)
        write.post("admin/api/auction-items/:id/images", use: uploadLotPicture)
        write.put("admin/api/auction-items/:id/specs", use: setSpecs)
        write.put("admin/api/auction-items/:id", use: updateLot)
        let read = routes.staff(.auctions, .read)
        read.get("admin/api/auction-items/:id", use: lot)
        read.get("admin/api/auction-items/:id/bids", use: bids)
        read.get("admin/api/auctions/:id/deposits", use: deposits)
        read.get("admin/api/auctions/:id/orders", use: orders)
        read.get("admin/api/auctions/:id/coupons", use: coupons)
    }

    /// Who paid a deposit for the session or one of its lots, and what is left of it.
    @Sendable func deposits(_ request: Request, context: AppRequestContext) async throws -> [AdminAuctionDepositDTO] {
        let id = try context.pathID()
        try await requireSession(id)
        return try await views.deposits(auctionID: id)
    }

    /// The session's won lots' orders: paid, shipped (`PUT /staff/auctions/orders/<id>/ship/`), overdue.
    @Sendable func orders(_ request: Request, context: AppRequestContext) async throws -> [AdminAuctionOrderDTO] {
        let id = try context.pathID()
        try await requireSession(id)
        return try await views.staffOrders(auctionID: id)
    }

    @Sendable func lot(_ request: Request, context: AppRequestContext) async throws -> AdminAuctionLotDTO {
        guard let lot = try await views.staffLot(try context.pathID()) else { throw APIError.notFound }
        return lot
    }

    /// Newest first, 20 a page (`?page=`, `?page_size=` ≤ 100).
    @Sendable func bids(_ request: Request, context: AppRequestContext) async throws -> Page<AdminAuctionBidDTO> {
        let id = try context.pathID()
        let page = try PageRequest.parse(request, defaultSize: 20, maxSize: 100)
        guard try await views.staffLot(id) != nil else { throw APIError.notFound }
        let (count, rows) = try await views.staffBids(itemID: id, offset: page.offset, limit: page.size)
        try page.validate(count: count)
        return Page(count: count, results: rows, request: page, httpRequest: request)
    }

    /// The lot's form as created (`/staff/auctions/<id>/items/`) without the cover: name and terms.
    @Sendable func updateLot(_ request: Request, context: AppRequestContext) async throws -> AdminAuctionLotDTO {
        let id = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let fields = AuctionStaffController.lotFields(&form)
        try form.finish()
        guard let before = try await views.staffLot(id) else { throw APIError.notFound }
        try await editor.updateLot(itemID: id, .init(uid: fields!.uid, title: fields!.title, terms: fields!.terms))
        guard let after = try await views.staffLot(id) else { throw APIError.notFound }
        // Bidders watching the lot see the new terms at once.
        try await services.auctionLive.announce(itemID: id, services: services)
        context.audit?.record(target: "auction_items", id: id, before: LotSnapshot(before), after: LotSnapshot(after), summary: "修改拍品 \(after.title)")
        return after
    }

    /// 404 unless the session exists: one row looked up, not the session's page with its lots (the page reads its
    /// deposits, orders and coupons again every few seconds).
    func requireSession(_ id: Int) async throws {
        guard try await services.readSQL().raw("SELECT id FROM auctions WHERE id = \(bind: id)").first() != nil else { throw APIError.notFound }
    }

    var editor: AuctionSessionEditor { AuctionSessionEditor(services: services) }
    var views: AuctionViews { AuctionViews(services: services) }

    /// The coupon templates scoped to the session (made on the 促销 page with scope 拍卖专场), with how many were
    /// issued, used and expired: what 拍卖运营 need to see of them without the promotions permission.
    @Sendable func coupons(_ request: Request, context: AppRequestContext) async throws -> [AdminCouponDTO] {
        let id = try context.pathID()
        try await requireSession(id)
        return try await Promotions(services: services).templateStats(auctionID: id)
    }

    /// `{title, deposit, preview_start_time, auction_start_time, auction_end_time}`.
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> AuctionSessionDTO {
        let id = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let title = form.string("title", maxLength: 64)
        let deposit = form.money("deposit")
        let preview = form.date("preview_start_time", required: true)
        let start = form.date("auction_start_time", required: true)
        let end = form.date("auction_end_time", required: true)
        try form.finish()
        guard let before = try await views.sessionDetail(id)?.session else { throw APIError.notFound }
        let times = AuctionSchedule.Times(previewStart: preview!, auctionStart: start!, auctionEnd: end!)
        try await editor.update(id, .init(title: title!, deposit: deposit!, times: times))
        guard let after = try await views.sessionDetail(id)?.session else { throw APIError.notFound }
        context.audit?.record(target: "auctions", id: id, before: Snapshot(before), after: Snapshot(after), summary: "修改专场 \(after.title)")
        return after
    }

    @Sendable func uploadCover(_ request: Request, context: AppRequestContext) async throws -> AuctionSessionDTO {
        let id = try context.pathID()
        try await requireSession(id)
        let key = try await StaffUploads(services: services).store(request, folder: "auctions")
        try await editor.setCover(id, key: key)
        guard let after = try await views.sessionDetail(id)?.session else { throw APIError.notFound }
        context.audit?.record(target: "auctions", id: id, after: ["cover": key], summary: "上传专场封面")
        return after
    }

    /// `?carousel=false` puts the picture under the details instead of in the lot page's carousel.
    @Sendable func uploadLotPicture(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AuctionLotDetailDTO> {
        let id = try context.pathID()
        var form = FormReader(RequestInput.query(of: request))
        let carousel = form.bool("carousel", default: true)
        try form.finish()
        guard try await views.lotDetail(id, viewer: nil) != nil else { throw APIError.notFound }
        let key = try await StaffUploads(services: services).store(request, folder: "auctions")
        try await editor.addLotPicture(itemID: id, key: key, carousel: carousel ?? true)
        guard let after = try await views.lotDetail(id, viewer: nil) else { throw APIError.notFound }
        context.audit?.record(target: "auction_items", id: id, after: ["image": key], summary: "上传拍品图片")
        return EditedResponse(status: .created, response: after)
    }

    /// `{specs: [{key, value}]}`, replacing the lot's.
    @Sendable func setSpecs(_ request: Request, context: AppRequestContext) async throws -> AuctionLotDetailDTO {
        let id = try context.pathID()
        let form = try await JSONForm.decode(SpecsForm.self, from: request, context: context)
        var errors = FieldErrors()
        // Kept as sent (the page trims what staff type): the API refuses only what can't be stored or shown.
        let specs = (form.specs ?? []).map { (key: $0.key, value: $0.value) }
        if form.specs == nil { errors.add("specs", DRFMessage.required) }
        if specs.count > 30 { errors.add("specs", "最多 30 项。") }
        if specs.contains(where: { $0.key.isEmpty || $0.value.isEmpty || $0.key.count > 20 || $0.value.count > 200
            || ($0.key + $0.value).unicodeScalars.contains("\u{0}") }) {
            errors.add("specs", "每一项都要有名称（20 字以内）和内容（200 字以内）。")
        }
        try errors.throwIfAny()
        guard let before = try await views.lotDetail(id, viewer: nil) else { throw APIError.notFound }
        try await editor.setLotSpecs(itemID: id, specs: specs)
        guard let after = try await views.lotDetail(id, viewer: nil) else { throw APIError.notFound }
        context.audit?.record(target: "auction_items", id: id, before: before.specs, after: after.specs, summary: "修改拍品参数")
        return after
    }

    struct SpecsForm: Decodable {
        struct Spec: Decodable {
            let key: String
            let value: String
        }
        let specs: [Spec]?
    }

    /// What the audit row keeps of a lot: what staff can change.
    struct LotSnapshot: Encodable {
        let uid: String, title: String, start_price: String, unit: String, reserve_price: String?, highest_price: String?, deposit: String

        init(_ lot: AdminAuctionLotDTO) {
            uid = lot.uid; title = lot.title; start_price = lot.start_price; unit = lot.unit
            reserve_price = lot.reserve_price; highest_price = lot.highest_price; deposit = lot.deposit
        }
    }

    /// What the audit row keeps of a session: what staff can change.
    struct Snapshot: Encodable {
        let title: String, deposit: String, preview_start_time: Date, auction_start_time: Date, auction_end_time: Date

        init(_ session: AuctionSessionDTO) {
            title = session.title; deposit = session.deposit; preview_start_time = session.preview_start_time
            auction_start_time = session.auction_start_time; auction_end_time = session.auction_end_time
        }
    }
}
