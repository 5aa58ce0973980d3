/// What staff enter when they ship an order: one of the carriers Chinese shops use and its tracking number.
public enum Shipment {
    public static let carriers = ["顺丰速运", "京东物流", "中通快递", "圆通速递", "韵达快递", "申通快递", "极兔速递", "EMS", "德邦快递", "自行配送"]

    public enum Refusal: String, Error, Equatable {
        case unknownCarrier = "请选择快递公司"
        case badTrackingNumber = "快递单号为6-30位字母、数字或连字符"
    }

    /// The carrier and the tracking number as stored (upper-cased, spaces removed), or why not.
    public static func check(carrier: String, trackingNumber: String) -> Result<(carrier: String, trackingNumber: String), Refusal> {
        guard carriers.contains(carrier) else { return .failure(.unknownCarrier) }
        let number = trackingNumber.filter { !$0.isWhitespace }.uppercased()
        guard (6...30).contains(number.count), number.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) else {
            return .failure(.badTrackingNumber)
        }
        return .success((carrier, number))
    }
}
