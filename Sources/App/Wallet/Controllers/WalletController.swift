import Hummingbird
import MeiduoRules

/// `/wallet/` and `/credits/` (the user's balance and ledger), and staff adjustments with a reason.
struct WalletController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.user.get("wallet", use: wallet)
        routes.user.get("credits", use: credits)
        routes.user.post("wallet/recharge", use: recharge)
        routes.user.get("wallet/recharges/:id", use: rechargeStatus)
        routes.staff(.finance, .read).get("admin/api/users/:id/wallet", use: userWallet)
        routes.staff(.finance, .read).get("admin/api/users/:id/credits", use: userCredits)
        routes.staff(.finance, .write).post("staff/users/:id/wallet", use: adjustWallet)
        routes.staff(.finance, .write).post("staff/users/:id/credits", use: adjustCredits)
    }

    @Sendable func wallet(_ request: Request, context: AppRequestContext) async throws -> LedgerDTO {
        try await ledgerPage(.wallet, userID: try context.requireUser().id, request: request)
    }

    @Sendable func credits(_ request: Request, context: AppRequestContext) async throws -> LedgerDTO {
        try await ledgerPage(.credits, userID: try context.requireUser().id, request: request)
    }

    /// `{amount, pay_method}`: a new unpaid recharge and where to pay it (Alipay's cashier or WeChat's QR code).
    @Sendable func recharge(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<RechargeDTO> {
        let user = try context.requireUser()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let rawAmount = form.string("amount", maxLength: 20)
        let rawMethod = form.int("pay_method")
        var amount: Int64?
        if let rawAmount {
            switch RechargeRules.amount(rawAmount) {
            case .success(let cents): amount = cents
            case .failure(let refusal): form.errors.add("amount", refusal.rawValue)
            }
        }
        var method: PayMethod?
        if let rawMethod {
            method = PayMethod(rawValue: rawMethod).flatMap { [.alipay, .wechat].contains($0) ? $0 : nil }
            if method == nil { form.errors.add("pay_method", "充值仅支持支付宝或微信支付") }
            else if !OrderQueries(services: services).isOffered(method!) { form.errors.add("pay_method", "该支付方式暂不可用"); method = nil }
        }
        try form.finish()
        let recharge = try await WalletRecharges(services: services).create(userID: user.id, amount: amount!, payMethod: method!)
        let payable = Payable(recharge: recharge)
        switch method! {
        case .alipay:
            let url = try AlipayPayments(services: services).paymentURL(for: payable)
            return EditedResponse(status: .created, response: RechargeDTO(recharge, alipayURL: url))
        default:
            let url = try await WeChatPayments(services: services).codeURL(for: payable)
            return EditedResponse(status: .created, response: RechargeDTO(recharge, codeURL: url))
        }
    }

    /// The user's own recharge (404 for anyone else's): the page polls it until the payment is confirmed.
    @Sendable func rechargeStatus(_ request: Request, context: AppRequestContext) async throws -> RechargeDTO {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let recharge = try await WalletRecharges(services: services).find(id, userID: user.id) else { throw APIError.notFound }
        return RechargeDTO(recharge)
    }

    /// Staff (`finance.read`): an account's wallet or credits ledger, as its owner sees it.
    @Sendable func userWallet(_ request: Request, context: AppRequestContext) async throws -> LedgerDTO {
        try await ledgerPage(.wallet, userID: try await staffTarget(context), request: request)
    }

    @Sendable func userCredits(_ request: Request, context: AppRequestContext) async throws -> LedgerDTO {
        try await ledgerPage(.credits, userID: try await staffTarget(context), request: request)
    }

    /// The account a staff request names, or 404.
    func staffTarget(_ context: AppRequestContext) async throws -> Int {
        guard let userID = context.parameters.get("id", as: Int.self), userID > 0, userID <= Int(Int32.max),
              try await AccountService(services: services).user(id: userID).id != nil else { throw APIError.notFound }
        return userID
    }

    func ledgerPage(_ kind: Ledger.Kind, userID: Int, request: Request) async throws -> LedgerDTO {
        let ledger = Ledger(kind, services: services)
        let page = try PageRequest.parse(request, defaultSize: 10, maxSize: 50)
        let count = try await ledger.count(userID: userID)
        try page.validate(count: count)
        let entries = try await ledger.entries(userID: userID, limit: page.size, offset: page.offset).map { entry in
            LedgerEntryDTO(id: entry.id, amount: Self.format(entry.amount, kind), reason: entry.reason, order_id: entry.orderID,
                           time: entry.time, balance_after: Self.format(entry.balanceAfter, kind))
        }
        return LedgerDTO(balance: Self.format(try await ledger.balance(userID: userID), kind),
                         entries: Page(count: count, results: entries, request: page, httpRequest: request))
    }

    static func format(_ value: Int64, _ kind: Ledger.Kind) -> String {
        kind == .wallet ? Money.format(cents: value) : String(value)
    }

    @Sendable func adjustWallet(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<LedgerDTO> {
        try await adjust(.wallet, request: request, context: context)
    }

    @Sendable func adjustCredits(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<LedgerDTO> {
        try await adjust(.credits, request: request, context: context)
    }

    /// `{amount, reason}`: a positive amount gives, a negative one takes (never below zero); the entry names the staff member.
    func adjust(_ kind: Ledger.Kind, request: Request, context: AppRequestContext) async throws -> EditedResponse<LedgerDTO> {
        let staff = try context.requireStaff()
        let userID = try await staffTarget(context)
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let raw = form.string("amount", maxLength: 20)
        let note = form.string("reason", maxLength: 100)
        var amount: Int64?
        if let raw {
            amount = kind == .wallet ? Money.parse(raw) : Int64(raw)
            if amount == nil || amount == 0 { form.errors.add("amount", kind == .wallet ? "请输入非零金额，如 10.00 或 -5.00" : "请输入非零整数") }
        }
        try form.finish()
        let ledger = Ledger(kind, services: services)
        let now = services.clock.now()
        let plan = amount! > 0
            ? ledger.creditSteps(userID: userID, amount: amount!, reason: .staffAdjustment, note: note!, staffID: staff.id, now: now)
            : ledger.debitSteps(userID: userID, amount: -amount!, reason: .staffAdjustment, note: note!, staffID: staff.id, now: now)
        let before = try await ledger.balance(userID: userID)
        do {
            try await services.planExecutor.execute(plan)
        } catch is Ledger.Insufficient {
            throw APIError.field("amount", kind == .wallet ? "余额不足" : "积分不足")
        }
        let after = try await ledgerPage(kind, userID: userID, request: request)
        context.audit?.record(target: "users", id: userID, before: ["balance": Self.format(before, kind)], after: ["balance": after.balance],
                              summary: "\(kind == .wallet ? "调整余额" : "调整积分") \(raw!)：\(note!)")
        return EditedResponse(status: .created, response: after)
    }
}
