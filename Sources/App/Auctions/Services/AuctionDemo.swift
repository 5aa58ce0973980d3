import Foundation
import MeiduoRules
import SQLKit

/// The demo auction house: one session previewing (bidding opens in two days) and one live for a week, each with
/// lots that have drawn pictures (`DemoArtwork`), particulars, estimates and deposits — the live one with a session
/// deposit, so both kinds of deposit can be tried.
public struct AuctionDemo: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    struct Lot {
        let title: String
        let start: Int64
        let unit: Int64
        let reserve: Int64?
        let highest: Int64
        let deposit: Int64
        let specs: [(String, String)]
    }

    static let live: [Lot] = [
        Lot(title: "清乾隆 青花缠枝莲纹赏瓶", start: 1_000_00, unit: 100_00, reserve: 1_500_00, highest: 5_000_00, deposit: 100_00,
            specs: [("年代", "清乾隆"), ("尺寸", "高 38 cm"), ("品相", "完整无修")]),
        Lot(title: "民国 紫砂提梁壶", start: 500_00, unit: 50_00, reserve: nil, highest: 1_200_00, deposit: 50_00,
            specs: [("年代", "民国"), ("容量", "450 ml"), ("款识", "底款「荆溪」")]),
        Lot(title: "近代 山水立轴 纸本设色", start: 2_000_00, unit: 200_00, reserve: 3_000_00, highest: 8_000_00, deposit: 0,
            specs: [("尺寸", "136 × 68 cm"), ("装裱", "立轴"), ("题跋", "自题并钤印")]),
        Lot(title: "和田白玉 平安扣", start: 800_00, unit: 100_00, reserve: nil, highest: 2_000_00, deposit: 0,
            specs: [("材质", "和田白玉"), ("尺寸", "直径 3.2 cm"), ("证书", "附鉴定证书")]),
    ]

    static let previewing: [Lot] = [
        Lot(title: "明 铜鎏金 观音坐像", start: 5_000_00, unit: 500_00, reserve: 8_000_00, highest: 20_000_00, deposit: 500_00,
            specs: [("年代", "明"), ("尺寸", "高 24 cm"), ("工艺", "铜鎏金")]),
        Lot(title: "清 黄花梨 笔筒", start: 3_000_00, unit: 300_00, reserve: nil, highest: 6_000_00, deposit: 300_00,
            specs: [("年代", "清"), ("材质", "黄花梨"), ("尺寸", "高 15 cm")]),
        Lot(title: "宋 建窑 兔毫盏", start: 6_000_00, unit: 500_00, reserve: 9_000_00, highest: 30_000_00, deposit: 600_00,
            specs: [("年代", "宋"), ("窑口", "建窑"), ("口径", "12 cm")]),
    ]

    /// Loads the demo sessions unless the shop has auctions; true when it loaded them.
    @discardableResult
    public func loadIfEmpty() async throws -> Bool {
        let existing = try await services.readSQL().raw("SELECT COUNT(*) AS n FROM auctions").first()?.decode(column: "n", as: Int.self) ?? 0
        guard existing == 0 else { return false }
        let now = services.clock.now()
        let house = AuctionHouse(services: services)
        let hour: TimeInterval = 3_600
        var live = AuctionHouse.NewSession(title: "金秋艺术品专场", times: .init(
            previewStart: now.addingTimeInterval(-48 * hour), auctionStart: now.addingTimeInterval(-hour), auctionEnd: now.addingTimeInterval(7 * 24 * hour)),
            deposit: 1_000_00)
        live.cover = try await draw("auctions/sessions/1.svg", title: live.title, subtitle: "拍卖中 · 全场保证金 ¥1,000", kind: .banner)
        try await load(live, lots: Self.live, session: 1, house: house)
        var preview = AuctionHouse.NewSession(title: "古董珍玩预展", times: .init(
            previewStart: now.addingTimeInterval(-hour), auctionStart: now.addingTimeInterval(48 * hour), auctionEnd: now.addingTimeInterval(72 * hour)))
        preview.cover = try await draw("auctions/sessions/2.svg", title: preview.title, subtitle: "预展中 · 两天后开拍", kind: .banner)
        try await load(preview, lots: Self.previewing, session: 2, house: house)
        return true
    }

    func load(_ session: AuctionHouse.NewSession, lots: [Lot], session number: Int, house: AuctionHouse) async throws {
        let id = try await house.createSession(session)
        for (index, plan) in lots.enumerated() {
            let uid = String(format: "%d%03d", number, index + 1)
            var lot = AuctionHouse.NewLot(uid: uid, title: plan.title, start: plan.start, unit: plan.unit, reserve: plan.reserve, deposit: plan.deposit)
            lot.highest = plan.highest
            lot.cover = try await draw("auctions/lots/\(uid).svg", title: plan.title, subtitle: "", kind: .product)
            lot.images = [(lot.cover, true),
                          (try await draw("auctions/lots/\(uid)-2.svg", title: plan.title, subtitle: "图录号 \(uid)", kind: .banner), true)]
            lot.specs = plan.specs
            _ = try await house.createLot(lot, auctionID: id)
        }
    }

    func draw(_ key: String, title: String, subtitle: String, kind: DemoArtwork.Kind) async throws -> String {
        try await AuctionPictures(services: services).drawn(key, title: title, subtitle: subtitle, kind: kind)
    }
}
