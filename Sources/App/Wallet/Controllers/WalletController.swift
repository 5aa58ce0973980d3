import Hummingbird
import MeiduoRules

/// `/wallet/` and `/credits/` (the user's balance and ledger), and staff adjustments with a reason.
struct WalletController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.user.get("wallet", use: wallet)
        routes.user.get("credits", use: credits)
        routes.staff.post("staff/users/:id/wallet", use: adjustWallet)
        routes.staff.post("staff/users/:id/credits", use: adjustCredits)
    }

    @Sendable func wallet(_ request: Request, context: AppRequestContext) async throws -> LedgerDTO {
        try await ledgerPage(.wallet, userID: try context.requireUser().id, request: request)
    }

    @Sendable func credits(_ request: Request, context: AppRequestContext) async throws -> LedgerDTO {
        try await ledgerPage(.credits, userID: try context.requireUser().id, request: request)
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
        guard let userID = context.parameters.get("id", as: Int.self),
              try await AccountService(services: services).user(id: userID).id != nil else { throw APIError.notFound }
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
        do {
            try await services.planExecutor.execute(plan)
        } catch is Ledger.Insufficient {
            throw APIError.field("amount", kind == .wallet ? "余额不足" : "积分不足")
        }
        return EditedResponse(status: .created, response: try await ledgerPage(kind, userID: userID, request: request))
    }
}
