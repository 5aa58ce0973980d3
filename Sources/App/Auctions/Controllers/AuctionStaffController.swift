import Hummingbird
import MeiduoRules

/// Staff put sessions and lots up for auction (`/staff/auctions/`): the times in order, prices in yuan. A lot's
/// pictures and particulars beyond its cover come with the back office.
struct AuctionStaffController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.staff(.auctions, .write).post("staff/auctions", use: createSession)
        routes.staff(.auctions, .write).post("staff/auctions/:id/items", use: createLot)
    }

    /// `{title, cover?, video?, preview_start_time, auction_start_time, auction_end_time, deposit?}`.
    @Sendable func createSession(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AuctionSessionDTO> {
        _ = try context.requireStaff()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let title = form.string("title", maxLength: 64)
        let cover = form.string("cover", required: false, maxLength: 500)
        let video = form.string("video", required: false, maxLength: 500)
        let preview = form.date("preview_start_time", required: true)
        let start = form.date("auction_start_time", required: true)
        let end = form.date("auction_end_time", required: true)
        let deposit = form.money("deposit", required: false)
        if let preview, let start, let end, !AuctionSchedule.Times(previewStart: preview, auctionStart: start, auctionEnd: end).isOrdered {
            form.errors.add("auction_end_time", "须满足 预展开始 ≤ 开拍 < 结束")
        }
        try form.finish()
        var new = AuctionHouse.NewSession(title: title!, times: .init(previewStart: preview!, auctionStart: start!, auctionEnd: end!),
                                          deposit: deposit ?? 0)
        new.cover = try await cover.asyncOr { try await AuctionPictures(services: services).cover(title: title!, kind: .banner) }
        new.video = video
        let id = try await AuctionHouse(services: services).createSession(new)
        guard let detail = try await AuctionViews(services: services).sessionDetail(id) else { throw APIError.notFound }
        return EditedResponse(status: .created, response: detail.session)
    }

    /// `{uid, title, cover?, start_price, unit, reserve_price?, highest_price?, deposit?}` for a session not yet over.
    @Sendable func createLot(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AuctionLotDetailDTO> {
        _ = try context.requireStaff()
        let auctionID = try context.pathID()
        guard let session = try await AuctionViews(services: services).sessionDetail(auctionID) else { throw APIError.notFound }
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let fields = Self.lotFields(&form)
        let cover = form.string("cover", required: false, maxLength: 500)
        if session.session.status == AuctionSchedule.SessionStatus.ended.rawValue { form.errors.add("non_field_errors", "专场已结束") }
        try form.finish()
        let (uid, title, terms) = fields!
        var lot = AuctionHouse.NewLot(uid: uid, title: title, start: terms.start, unit: terms.unit, reserve: terms.reserve, deposit: terms.deposit)
        lot.cover = try await cover.asyncOr { try await AuctionPictures(services: services).cover(title: title, kind: .product) }
        lot.highest = terms.highest
        lot.images = [(lot.cover, true)]
        let id = try await AuctionHouse(services: services).createLot(lot, auctionID: auctionID)
        guard let detail = try await AuctionViews(services: services).lotDetail(id, viewer: nil) else { throw APIError.notFound }
        return EditedResponse(status: .created, response: detail)
    }

    /// `{uid, title, start_price, unit, reserve_price?, highest_price?, deposit?}`, read the same when a lot is put up
    /// and when staff change it; nil when a field is missing or wrong (the errors are in `form`).
    static func lotFields(_ form: inout FormReader) -> (uid: String, title: String, terms: LotTerms)? {
        let uid = form.string("uid", maxLength: 32)
        let title = form.string("title", maxLength: 64)
        let start = form.money("start_price")
        let unit = form.money("unit")
        let reserve = form.money("reserve_price", required: false)
        let highest = form.money("highest_price", required: false)
        let deposit = form.money("deposit", required: false)
        guard let uid, let title, let start, let unit else { return nil }
        let terms = LotTerms(start: start, unit: unit, reserve: reserve, highest: highest, deposit: deposit ?? 0)
        for problem in terms.problems { form.errors.add(problem.field, problem.message) }
        return (uid, title, terms)
    }
}

extension Optional where Wrapped == String {
    /// The value, or what `fallback` makes when there is none.
    func asyncOr(_ fallback: () async throws -> String) async rethrows -> String {
        if let self { return self }
        return try await fallback()
    }
}
