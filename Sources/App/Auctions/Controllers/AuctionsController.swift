import Hummingbird
import MeiduoRules

/// `/auctions/` (seed 001's mini-program API, served to our mobile pages too): sessions and lots for anyone; deposits,
/// bids, my orders and paying them for the signed-in user; shipping for staff.
struct AuctionsController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.open.get("auctions", use: sessions)
        routes.open.get("auctions/:id", use: session)
        routes.open.get("auctions/items/:id", use: lot)
        routes.open.get("auctions/items/:id/bids", use: bids)
        routes.user.post("auctions/deposit", use: deposit)
        routes.user.post("auctions/items/:id/bids", use: bid)
        routes.user.get("auctions/orders", use: orders)
        routes.user.get("auctions/orders/:id/pay", use: payQuote)
        routes.user.post("auctions/orders/:id/pay", use: pay)
        routes.user.put("auctions/orders/:id/receipt", use: confirmReceipt)
        routes.staff(.auctions, .write).put("staff/auctions/orders/:id/ship", use: ship)
    }

    var views: AuctionViews { AuctionViews(services: services) }


    /// `?status=1…4` (as the clock has it); anything else is a field error.
    @Sendable func sessions(_ request: Request, context: AppRequestContext) async throws -> [AuctionSessionDTO] {
        var status: AuctionSchedule.SessionStatus?
        if let raw = request.uri.queryParameters.get("status"), !raw.isEmpty {
            guard let value = Int(raw), let parsed = AuctionSchedule.SessionStatus(rawValue: value) else {
                throw APIError.field("status", "“\(raw)” 不是合法选项。")
            }
            status = parsed
        }
        return try await views.sessions(status: status)
    }

    @Sendable func session(_ request: Request, context: AppRequestContext) async throws -> AuctionSessionDetailDTO {
        guard let detail = try await views.sessionDetail(try context.pathID(), viewer: context.optionalUser?.id) else { throw APIError.notFound }
        return detail
    }

    /// The lot page's data; opening it counts a look, unless the page is only refreshing what it shows (`?refresh=1`).
    @Sendable func lot(_ request: Request, context: AppRequestContext) async throws -> AuctionLotDetailDTO {
        let id = try context.pathID()
        let viewer = context.optionalUser?.id
        let refresh = request.uri.queryParameters.get("refresh").map { $0 == "1" || $0 == "true" } ?? false
        if !refresh { try await views.look(itemID: id, userID: viewer) }
        guard let detail = try await views.lotDetail(id, viewer: viewer) else { throw APIError.notFound }
        return detail
    }

    /// The newest bids first (`?limit=`, at most 100).
    @Sendable func bids(_ request: Request, context: AppRequestContext) async throws -> [AuctionBidDTO] {
        let id = try context.pathID()
        guard try await AuctionHouse(services: services).lot(id) != nil else { throw APIError.notFound }
        let limit = request.uri.queryParameters.get("limit").flatMap { Int($0) }.map { min(max($0, 1), 100) } ?? 20
        return try await views.history(itemID: id, limit: limit)
    }

    /// `{auction_id, item_id?, pay_type}`: a lot's deposit (`item_id`) or the session's; 2 余额 pays now, 1 微信 / 3 支付宝
    /// answer where to pay.
    @Sendable func deposit(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AuctionDepositDTO> {
        let user = try context.requireUser()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let auctionID = form.int("auction_id", min: 1, max: Int(Int32.max))
        let itemID = form.int("item_id", required: false, min: 1, max: Int(Int32.max))
        let payType = form.int("pay_type", min: 1, max: 3)
        try form.finish()
        let house = AuctionHouse(services: services)
        if payType == 2 {
            let id = try await house.payDepositFromWallet(userID: user.id, auctionID: auctionID!, itemID: itemID)
            let amount = try await house.depositAmount(auctionID: auctionID!, itemID: itemID)
            return EditedResponse(status: .created, response: AuctionDepositDTO(status: "paid", amount: Money.format(cents: amount), deposit_id: id,
                                                                                recharge_id: nil, alipay_url: nil, code_url: nil))
        }
        let method = try provider(payType!)
        let recharge = try await house.requestDeposit(userID: user.id, auctionID: auctionID!, itemID: itemID, method: method)
        let link = try await cashier(recharge)
        return EditedResponse(status: .created, response: AuctionDepositDTO(
            status: "provider_due", amount: Money.format(cents: recharge.amount), deposit_id: nil, recharge_id: recharge.id,
            alipay_url: link.alipay, code_url: link.code))
    }

    /// Seed 001's pay types: 1 微信, 3 支付宝 (2 余额 needs no provider).
    func provider(_ payType: Int) throws -> PayMethod {
        let method = AuctionPayment.method(payType: payType) ?? .alipay
        guard OrderQueries(services: services).isOffered(method) else { throw APIError.field("pay_type", "该支付方式暂不可用") }
        return method
    }

    /// Where to pay a recharge: Alipay's cashier, or WeChat's QR code.
    func cashier(_ recharge: WalletRecharges.Recharge) async throws -> (alipay: String?, code: String?) {
        let payable = Payable(recharge: recharge)
        if recharge.payMethod == .alipay { return (try AlipayPayments(services: services).paymentURL(for: payable), nil) }
        return (nil, try await WeChatPayments(services: services).codeURL(for: payable))
    }

    /// `{price}` (a bid) or `{max_price}` (a proxy's ceiling), in yuan.
    @Sendable func bid(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AuctionBidResultDTO> {
        let user = try context.requireUser()
        let id = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let price = form.string("price", required: false, maxLength: 20)
        let maxPrice = form.string("max_price", required: false, maxLength: 20)
        var maximum: Int64?
        switch (price, maxPrice) {
        case (nil, nil): form.errors.add("price", DRFMessage.required)
        case (let text?, nil), (nil, let text?):
            let key = price == nil ? "max_price" : "price"
            if let cents = Money.parse(text), cents > 0, cents < 1_000_000_000_00 { maximum = cents } else { form.errors.add(key, "请输入正确的金额") }
        case (_?, _?): form.errors.add("max_price", "出价与最高出价只能填写一个")
        }
        try form.finish()
        let accepted: AuctionHouse.Accepted
        do {
            accepted = try await AuctionHouse(services: services).bid(userID: user.id, itemID: id, maximum: maximum!, plain: price != nil,
                                                                      rules: services.config.auctionSniping)
        } catch AuctionsError.bidRefused(let refusal) where price == nil {
            throw APIError.field("max_price", refusal.rawValue)  // a proxy's maximum was refused: name the field it came in
        }
        return EditedResponse(status: .created, response: AuctionBidResultDTO(
            price: Money.format(cents: accepted.standing.price), leading: accepted.standing.leader == user.id, bid_count: accepted.bidCount,
            end_time: accepted.end, min_bid: Money.format(cents: accepted.standing.price + accepted.unit), seq: accepted.seq))
    }

    @Sendable func orders(_ request: Request, context: AppRequestContext) async throws -> AuctionOrdersDTO {
        try await views.orders(userID: try context.requireUser().id)
    }

    @Sendable func payQuote(_ request: Request, context: AppRequestContext) async throws -> AuctionPayQuoteDTO {
        let user = try context.requireUser()
        let quote = try await AuctionPayments(services: services).quote(orderID: try context.pathID(), userID: user.id)
        let account = try await AccountService(services: services).user(id: user.id)
        return AuctionPayQuoteDTO(
            id: quote.order.id, title: quote.order.title, cover: quote.order.cover, price: Money.format(cents: quote.order.price),
            pay_deadline: quote.order.deadline,
            coupons: quote.coupons.map { AuctionPayCouponDTO(id: $0.coupon.id, name: $0.coupon.template.name, off: Money.format(cents: $0.off),
                                                             end_time: $0.coupon.end) },
            deposit: Money.format(cents: quote.order.deposit), deposit_held: quote.depositHeldForOthers,
            balance: Money.format(cents: quote.balance), default_address_id: account.defaultAddressID)
    }

    /// `{coupon_id?, use_balance (default true), pay_type? (1 微信 / 3 支付宝, for what is left), address_id}`.
    @Sendable func pay(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AuctionPaidDTO> {
        let user = try context.requireUser()
        let id = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let couponID = form.int("coupon_id", required: false, min: 1, max: Int(Int32.max))
        let useBalance = form.bool("use_balance", default: true)
        let payType = form.int("pay_type", required: false, min: 1, max: 3)
        let addressID = form.int("address_id", min: 1, max: Int(Int32.max))
        if payType == 2 { form.errors.add("pay_type", "余额请用 use_balance 选择；pay_type 为余下金额的支付方式（1 微信，3 支付宝）") }
        guard try await AuctionPayments(services: services).order(id, userID: user.id) != nil else { throw APIError.notFound }
        try form.finish()
        guard try await AddressService(services: services).ownedOrNil(userID: user.id, addressID: addressID!) != nil else {
            throw APIError.field("address_id", "收货地址不存在")
        }
        let method = try payType.map(provider)
        let outcome = try await AuctionPayments(services: services).pay(orderID: id, userID: user.id, couponID: couponID,
                                                                        useBalance: useBalance ?? true, method: method, addressID: addressID)
        switch outcome {
        case .paid(let plan):
            return EditedResponse(status: .created, response: Self.paid(plan, recharge: nil, link: (nil, nil)))
        case .providerDue(let recharge, let plan):
            return EditedResponse(status: .created, response: Self.paid(plan, recharge: recharge, link: try await cashier(recharge)))
        }
    }

    static func paid(_ plan: AuctionPayment.Plan, recharge: WalletRecharges.Recharge?, link: (alipay: String?, code: String?)) -> AuctionPaidDTO {
        AuctionPaidDTO(status: recharge == nil ? "paid" : "provider_due", payment_case: plan.paymentCase.rawValue,
                       coupon_off: Money.format(cents: plan.couponOff), deposit_deducted: Money.format(cents: plan.depositDeducted),
                       deposit_refunded: Money.format(cents: plan.depositRefunded), balance_paid: Money.format(cents: plan.balancePaid),
                       provider_due: Money.format(cents: plan.providerDue), recharge_id: recharge?.id, alipay_url: link.alipay, code_url: link.code)
    }

    @Sendable func confirmReceipt(_ request: Request, context: AppRequestContext) async throws -> MessageDTO {
        try await AuctionPayments(services: services).confirmReceipt(orderID: try context.pathID(), userID: try context.requireUser().id)
        return .ok
    }

    @Sendable func ship(_ request: Request, context: AppRequestContext) async throws -> MessageDTO {
        _ = try context.requireStaff()
        try await AuctionPayments(services: services).ship(orderID: try context.pathID())
        return .ok
    }
}
