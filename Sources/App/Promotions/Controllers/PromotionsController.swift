import Foundation
import Hummingbird
import MeiduoRules

/// Coupons: mine, the campaigns open to claim, claiming; staff make templates and campaigns and grant coupons.
struct PromotionsController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.user.get("coupons", use: mine)
        routes.open.get("coupon-campaigns", use: campaigns)
        routes.user.post("coupon-campaigns/:id/claim", use: claim)
        routes.staff(.promotions, .write).post("staff/coupons", use: createTemplate)
        routes.staff(.promotions, .write).post("staff/coupon-campaigns", use: createCampaign)
        routes.staff(.promotions, .write).post("staff/users/:id/coupons", use: grant)
        let read = routes.staff(.promotions, .read)
        read.get("admin/api/coupons", use: templates)
        read.get("admin/api/coupon-campaigns", use: allCampaigns)
        read.get("admin/api/users/:id/coupons", use: userCoupons)
    }

    var promotions: Promotions { Promotions(services: services) }

    /// `?status=1|2|3` (未使用, 已使用, 已过期), as they are now.
    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        var form = FormReader(RequestInput.query(of: request))
        let status = form.int("status", required: false, min: 1, max: 3)
        try form.finish()
        let coupons = try await promotions.coupons(userID: user.id, status: status.flatMap(CouponRules.Status.init(rawValue:)))
        return try JSONResponse(coupons).response(from: request, context: context)
    }

    @Sendable func campaigns(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse(try await promotions.campaigns(userID: context.optionalUser?.id)).response(from: request, context: context)
    }

    @Sendable func claim(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<UserCouponDTO> {
        let user = try context.requireUser()
        return EditedResponse(status: .created, response: try await promotions.claim(campaignID: try context.pathID(), userID: user.id))
    }

    /// `{name, sale, condition, timer? | start_date + end_date, scope?, scope_id?}`; scope `category` names a category
    /// of any level (the coupon then counts only the products under it).
    @Sendable func createTemplate(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CouponDTO> {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 32)
        let sale = form.string("sale", maxLength: 16)
        let condition = form.int("condition", required: false, min: 0, max: 10_000_000) ?? 0
        let timer = form.int("timer", required: false, min: 1, max: 3650)
        let start = form.date("start_date")
        let end = form.date("end_date")
        let scope = form.string("scope", required: false, maxLength: 16) ?? "all"
        let scopeID = form.int("scope_id", required: false, min: 1, max: Int(Int32.max))
        if !CouponScope.kinds.contains(scope) { form.errors.add("scope", "“\(scope)” 不是合法选项。") }
        if scope == "category" {
            if let scopeID {
                if try await CatalogService(services: services).categoryExists(scopeID) == false { form.errors.add("scope_id", "类别不存在") }
            } else if !form.errors.has("scope_id") {
                form.errors.add("scope_id", "按类别使用的优惠券需指定类别")
            }
        }
        // Seed 001: a coupon of one auction session (专场), usable on its won lots only.
        if scope == "auction" {
            if let scopeID {
                if try await AuctionViews(services: services).sessionDetail(scopeID) == nil { form.errors.add("scope_id", "专场不存在") }
            } else if !form.errors.has("scope_id") {
                form.errors.add("scope_id", "专场优惠券需指定专场")
            }
        }
        if (start == nil) != (end == nil) { form.errors.add("end_date", "开始和结束时间需同时填写") }
        if let start, let end, start >= end { form.errors.add("end_date", "结束时间应晚于开始时间") }
        try form.finish()
        let template = try await promotions.createTemplate(.init(name: name!, sale: sale!, thresholdYuan: condition, timerDays: timer,
                                                                 start: start, end: end, scope: scope,
                                                                 scopeID: ["category", "auction"].contains(scope) ? scopeID : nil))
        context.audit?.record(target: "coupons", id: template.id, after: template.dto, summary: "新建优惠券 \(template.name)")
        return EditedResponse(status: .created, response: template.dto)
    }

    /// `{title, coupon, count, apply_start_date, apply_stop_date}` (ISO 8601 dates).
    @Sendable func createCampaign(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CampaignDTO> {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let title = form.string("title", maxLength: 32)
        let coupon = form.int("coupon", min: 1)
        let count = form.int("count", min: 1, max: 1_000_000)
        let start = form.date("apply_start_date", required: true)
        let stop = form.date("apply_stop_date", required: true)
        try form.finish()
        let campaign = try await promotions.createCampaign(.init(title: title!, couponID: coupon!, count: count!, start: start!, stop: stop!))
        context.audit?.record(target: "coupon_campaigns", id: campaign.id, after: campaign, summary: "新建领券活动 \(campaign.title)")
        return EditedResponse(status: .created, response: campaign)
    }

    /// `{coupon}`: staff give the user one coupon of the template.
    @Sendable func grant(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<UserCouponDTO> {
        let userID = try context.pathID()
        _ = try await AccountService(services: services).user(id: userID)
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let coupon = form.int("coupon", min: 1)
        try form.finish()
        let granted = try await promotions.grant(couponID: coupon!, userID: userID)
        context.audit?.record(target: "users", id: userID, after: granted, summary: "发放优惠券 \(granted.coupon.name)")
        return EditedResponse(status: .created, response: granted)
    }

    @Sendable func templates(_ request: Request, context: AppRequestContext) async throws -> [AdminCouponDTO] {
        try await promotions.templateStats()
    }

    @Sendable func allCampaigns(_ request: Request, context: AppRequestContext) async throws -> [CampaignDTO] {
        try await promotions.allCampaigns()
    }

    /// A user's coupons, every status, for the back office's user page.
    @Sendable func userCoupons(_ request: Request, context: AppRequestContext) async throws -> [UserCouponDTO] {
        let userID = try context.pathID()
        _ = try await AccountService(services: services).user(id: userID)
        return try await promotions.coupons(userID: userID)
    }
}
