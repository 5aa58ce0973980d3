import Foundation

/// index.html: the channel menu, the carousel (`index_lbt`), news (`index_kx`), the header ads
/// (`index_ytgg`) and the floors (`index_<n>f_*`).
struct IndexPageModel: Sendable {
    /// A floor of the home page: its logo ad, channel links (`pd`), tags (`bq`) and product panels (every other slot).
    struct Floor: Sendable {
        let number: Int
        let label: String
        let logo: [AdModel]
        let channels: [AdModel]
        let tags: [AdModel]
        let panels: [Panel]
    }

    /// A floor's tab: its name, its ads, and whether it is the tab shown first.
    struct Panel: Sendable {
        let panelName: String
        let ads: [AdModel]
        var panelID: String = ""
        var first: Bool = false
    }

    /// A content category: its key and its name (e.g. `index_1f_ssxp`, `1楼时尚新品`).
    struct Slot: Sendable {
        let key: String
        let name: String
    }

    let pageTitle: String
    let menu: MenuModel
    let carousel: [AdModel]
    let news: [AdModel]
    let headerAds: [AdModel]
    let floors: [Floor]

    /// - Parameter slots: every content category in display (id) order; names label the floors' panels.
    init(home: HomeDTO, slots: [Slot]) {
        pageTitle = "美多商城-首页"
        menu = MenuModel(home.categories)
        carousel = AdModel.list(home.contents["index_lbt"])
        news = AdModel.list(home.contents["index_kx"])
        headerAds = AdModel.list(home.contents["index_ytgg"])
        floors = Self.floors(contents: home.contents, slots: slots)
    }

    static let floorSlotSuffixes: Set<String> = ["logo", "pd", "bq"]

    static func floors(contents: [String: [ContentDTO]], slots: [Slot]) -> [Floor] {
        var names: [String: String] = [:]
        var order: [String: Int] = [:]
        for (index, slot) in slots.enumerated() {
            names[slot.key] = slot.name
            order[slot.key] = index
        }
        var keysByFloor: [Int: [(key: String, suffix: String)]] = [:]
        for key in contents.keys {
            guard let (floor, suffix) = floorSlot(key) else { continue }
            keysByFloor[floor, default: []].append((key, suffix))
        }
        return keysByFloor.keys.sorted().map { number in
            let keys = keysByFloor[number]!.sorted { (order[$0.key] ?? .max, $0.key) < (order[$1.key] ?? .max, $1.key) }
            let prefix = "index_\(number)f_"
            let panels = keys.filter { !floorSlotSuffixes.contains($0.suffix) }.map { key, suffix in
                Panel(panelName: panelName(names[key], floor: number) ?? suffix, ads: AdModel.list(contents[key]))
            }
            let shown = panels.filter { !$0.ads.isEmpty }.enumerated().map { index, panel in
                var panel = panel
                panel.panelID = "floor-\(number)-tab-\(index)"
                panel.first = index == 0
                return panel
            }
            return Floor(number: number, label: "\(number)F", logo: AdModel.list(contents[prefix + "logo"]),
                         channels: AdModel.list(contents[prefix + "pd"]), tags: AdModel.list(contents[prefix + "bq"]),
                         panels: shown)
        }
    }

    /// `index_2f_cxdj` → (2, "cxdj").
    static func floorSlot(_ key: String) -> (Int, String)? {
        guard key.hasPrefix("index_") else { return nil }
        let rest = key.dropFirst("index_".count)
        guard let f = rest.firstIndex(of: "f"), let number = Int(rest[..<f]) else { return nil }
        let after = rest[rest.index(after: f)...]
        guard after.hasPrefix("_"), after.count > 1 else { return nil }
        return (number, String(after.dropFirst()))
    }

    /// `1楼时尚新品` → `时尚新品` (the floor is shown already).
    static func panelName(_ name: String?, floor: Int) -> String? {
        guard let name, !name.isEmpty else { return nil }
        for prefix in ["\(floor)楼", "\(floor)F", "\(floor)f"] where name.hasPrefix(prefix) && name.count > prefix.count {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }
}
