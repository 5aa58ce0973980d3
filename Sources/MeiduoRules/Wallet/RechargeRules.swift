/// Paying money into the wallet (余额充值, seed 001): how much one recharge may be, and the numbers payment providers
/// see for it. Order numbers are all digits; a recharge's is `R` + a number of the same shape, so one look at an
/// `out_trade_no` tells which kind of payment a provider is reporting (both Alipay and WeChat Pay accept letters).
public enum RechargeRules {
    public static let minimumCents: Int64 = 100
    public static let maximumCents: Int64 = 5_000_000
    public static let prefix = "R"

    public enum Refusal: String, Error, Sendable, Equatable {
        case notAnAmount = "请输入金额，如 100.00"
        case tooSmall = "单次充值不少于 1.00 元"
        case tooLarge = "单次充值不超过 50000.00 元"
    }

    /// The amount in cents a shopper typed (yuan, up to two decimals), or why it cannot be paid in.
    public static func amount(_ text: String) -> Result<Int64, Refusal> {
        guard let cents = Money.parse(text) else { return .failure(.notAnAmount) }
        if cents < minimumCents { return .failure(.tooSmall) }
        if cents > maximumCents { return .failure(.tooLarge) }
        return .success(cents)
    }

    /// A recharge's number, made from an order-shaped number (timestamp, user, random suffix).
    public static func number(fromOrderNumber digits: String) -> String { prefix + digits }

    /// True for the shape of a recharge number: the prefix, then digits only.
    public static func isRechargeNumber(_ text: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let digits = text.utf8.dropFirst(prefix.utf8.count)
        return !digits.isEmpty && digits.count <= 40 && digits.allSatisfy { (0x30...0x39).contains($0) }
    }
}
