/// What a lot is sold on (拍品的价格条件), in cents: staff set them when they put the lot up and may change them
/// until somebody bids — bidders bid on the terms they were shown, so the terms freeze with the first bid.
public struct LotTerms: Sendable, Equatable {
    public var start: Int64
    public var unit: Int64
    /// 保留价: below it the lot is not sold.
    public var reserve: Int64?
    /// 参考高价: the expert's estimate shown with the lot.
    public var highest: Int64?
    /// 单品保证金; 0: the session's deposit covers the lot.
    public var deposit: Int64

    public init(start: Int64, unit: Int64, reserve: Int64? = nil, highest: Int64? = nil, deposit: Int64 = 0) {
        self.start = start
        self.unit = unit
        self.reserve = reserve
        self.highest = highest
        self.deposit = deposit
    }

    /// What is wrong with the terms themselves, by the form field that carries it.
    public var problems: [(field: String, message: String)] {
        var found: [(field: String, message: String)] = []
        if unit <= 0 { found.append(("unit", "加价幅度须大于 0")) }
        if let reserve, reserve < start { found.append(("reserve_price", "保留价不能低于起拍价")) }
        if let highest, highest < start { found.append(("highest_price", "参考高价不能低于起拍价")) }
        return found
    }

    /// Why a lot's terms can't change.
    public enum ChangeRefusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// The lot is over (sold, unsold or forfeited): its terms are history.
        case ended
        /// Somebody bid on the terms as they were.
        case bidsPlaced
        /// Somebody paid the lot's deposit as it was: changing it would leave them short or owed.
        case depositPaid

        public var description: String {
            switch self {
            case .ended: "拍品已结束，不能再改价格条件。"
            case .bidsPlaced: "已有出价，不能再改价格条件。"
            case .depositPaid: "已有人交了这件拍品的保证金，不能再改保证金。"
            }
        }

        /// The form field the refusal belongs to.
        public var field: String { self == .depositPaid ? "deposit" : "non_field_errors" }
    }

    /// Whether `old` may become `new`: unchanged terms always may (a new title); otherwise only while the lot is not
    /// over and has no bid, and the deposit only while nobody has paid it.
    public static func refusal(changing old: LotTerms, to new: LotTerms, ended: Bool, bids: Int, depositPaid: Bool) -> ChangeRefusal? {
        guard old != new else { return nil }
        if ended { return .ended }
        if bids > 0 { return .bidsPlaced }
        if old.deposit != new.deposit, depositPaid { return .depositPaid }
        return nil
    }
}
