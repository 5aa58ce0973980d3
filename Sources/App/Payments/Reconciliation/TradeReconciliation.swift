import FluentKit
import Foundation
import MeiduoRules

/// What a provider says about a trade asked for by our number.
public enum QueriedTrade: Sendable, Equatable {
    /// Paid in full: the provider's trade number and what it took.
    case paid(tradeID: String, amount: Int64)
    /// No paid trade (never started, waiting for the buyer, closed): the provider's word for it.
    case notPaid(String)
}

/// A provider that can be asked about a trade by our number (`alipay.trade.query`, WeChat Pay's 查询订单).
public protocol TradeQuerying: Sendable {
    static var provider: String { get }
    static var payMethod: PayMethod { get }
    func queryTrade(number: String) async throws -> QueriedTrade
}

/// What a reconciliation found.
public enum ReconciliationOutcome: Sendable, Equatable {
    case recorded(RecordOutcome)
    /// The provider has no paid trade for the order.
    case notPaid(String)
    /// Nothing to ask: not paid through this provider, or the payment is already recorded.
    case skipped
}

/// Asks a provider about its orders and wallet recharges still unpaid here: a buyer who paid but whose notification
/// never arrived (and whose browser never came back) still gets the order paid or the wallet credited. The same for
/// every provider; only the question (`TradeQuerying`) differs.
public struct TradeReconciliation<Provider: TradeQuerying>: Sendable {
    /// How often unpaid orders are looked at, and how old they must be: the buyer needs time to pay.
    public static var scanInterval: TimeInterval { 300 }
    public static var scanMinimumAge: TimeInterval { 120 }
    /// Recharges never time out like orders do; after three days nobody is still paying one.
    public static var rechargeScanMaximumAge: TimeInterval { 3 * 86_400 }
    /// One job per number and one scan; Alipay's kinds keep the names jobs already queued carry.
    public static var job: String { "payments.\(Provider.provider)_reconcile" }
    public static var scanJob: String { "payments.\(Provider.provider)_reconcile_scan" }

    /// The job's payload; `order_id` holds any payable number (an order's or a recharge's), the key kept for queued jobs.
    public struct Payload: Codable, Sendable {
        public let order_id: String
    }

    public struct Mismatch: Error, CustomStringConvertible {
        public let number: String
        public var description: String { "the provider's trade does not match \(number)" }
    }

    let services: AppServices
    let provider: Provider

    init(services: AppServices, provider: Provider) {
        self.services = services
        self.provider = provider
    }

    /// Queries the trade of one order or recharge and records it when the provider says it was paid in full. An
    /// order is asked about until a payment is recorded (even once cancelled: money taken then is refunded), a
    /// recharge while unpaid.
    public func reconcile(number: String) async throws -> ReconciliationOutcome {
        guard let payable = try await Payables(services: services).find(number), payable.payMethod == Provider.payMethod else { return .skipped }
        let recorder = PaymentRecorder(services: services)
        switch payable.kind {
        case .order: guard try await recorder.payments(orderID: number).isEmpty else { return .skipped }
        case .recharge: guard payable.awaitingPayment else { return .skipped }
        }
        switch try await provider.queryTrade(number: number) {
        case .notPaid(let why):
            return .notPaid(why)
        case .paid(let tradeID, let amount):
            guard !tradeID.isEmpty, tradeID.count <= 100, amount == payable.payAmount else {
                services.logger.error("trade query answer does not match the order", metadata: [
                    "provider": "\(Provider.provider)", "out_trade_no": "\(number)", "amount": "\(amount)", "trade_id": "\(tradeID)"])
                throw Mismatch(number: number)
            }
            let trade = VerifiedTrade(number: number, tradeID: tradeID, amountCents: amount, provider: Provider.provider, kind: payable.kind)
            return .recorded(try await recorder.record(trade))
        }
    }

    /// Queues a reconciliation of one unpaid order or recharge (at most one per number per scan interval).
    @discardableResult
    public func enqueue(number: String, now: Date? = nil) async throws -> Bool {
        let now = now ?? services.clock.now()
        let bucket = Int(now.timeIntervalSince1970 / Self.scanInterval)
        return try await JobQueue.enqueue(Self.job, payload: Payload(order_id: number), on: services.db(),
                                          uniqueKey: "\(Provider.provider)-reconcile:\(number):\(bucket)", now: now)
    }

    /// Queues a reconciliation for every order and recharge of this provider unpaid for a while; at most one each per
    /// interval.
    @discardableResult
    public func enqueueAll(now: Date? = nil, limit: Int = 500) async throws -> Int {
        let now = now ?? services.clock.now()
        let settled = now.addingTimeInterval(-Self.scanMinimumAge)
        let orderIDs = try await OrderQueries(services: services).unpaidOrderIDs(payMethod: Provider.payMethod, createdBefore: settled, limit: limit)
        let rechargeIDs = try await WalletRecharges(services: services).unpaidIDs(
            payMethod: Provider.payMethod, createdAfter: now.addingTimeInterval(-Self.rechargeScanMaximumAge), createdBefore: settled, limit: limit)
        var queued = 0
        for number in orderIDs + rechargeIDs where try await enqueue(number: number, now: now) { queued += 1 }
        return queued
    }

    /// The two jobs of this provider: one reconciliation, and the periodic scan that queues them. A shop without the
    /// provider's settings has nothing to ask.
    static func register(in registry: inout JobRegistry, make: @escaping @Sendable (AppServices) throws -> Provider) {
        registry.register(job, Payload.self) { payload, context in
            guard let provider = try? make(context.services) else { return }
            let found = try await TradeReconciliation(services: context.services, provider: provider).reconcile(number: payload.order_id)
            context.logger.info("payment reconciliation", metadata: ["provider": "\(Provider.provider)", "out_trade_no": "\(payload.order_id)",
                                                                     "found": "\(found)"])
        }
        registry.register(scanJob) { context in
            guard let provider = try? make(context.services) else { return }
            try await TradeReconciliation(services: context.services, provider: provider).enqueueAll()
        }
    }
}
