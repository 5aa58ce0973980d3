import Foundation

// What the templates read. Mustache looks names up by reflection and, when a name is missing or nil,
// in the enclosing objects too: optional fields here have names used nowhere else on their page.

/// A named link; `href` has been through `PageLinks.safe`.
struct PageLink: Sendable {
    let name: String
    let href: String
}

enum PageLinks {
    /// The list page of a (third-level) category.
    static func list(categoryID: Int) -> String { "/list.html?cat=\(categoryID)" }

    static func detail(skuID: Int) -> String { "/goods/\(skuID).html" }

    /// Staff-entered links keep http(s), site-relative and fragment targets; anything else
    /// (`javascript:`, `data:`) becomes `#`. Escaping for the attribute is the template's job.
    static func safe(_ url: String) -> String {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return trimmed }
        if trimmed.hasPrefix("/") && !trimmed.hasPrefix("//") { return trimmed }
        if trimmed.hasPrefix("#") || trimmed.hasPrefix("?") { return trimmed }
        return "#"
    }

    /// An image URL from the DTOs (already absolute), or nil when there is none.
    static func image(_ url: String?) -> String? {
        guard let url, !url.isEmpty else { return nil }
        let safe = safe(url)
        return safe == "#" ? nil : safe
    }
}

/// The channel menu shared by every page (seed 004: groups of channels, each with its sub-categories).
struct MenuModel: Sendable {
    struct Group: Sendable {
        let channels: [PageLink]
        let subs: [Sub]
    }

    /// A second-level category and its third-level ones, which link to their list pages.
    struct Sub: Sendable {
        let name: String
        let cats: [PageLink]
    }

    let groups: [Group]

    /// Groups in numeric `group_id` order (the DTO's keys are strings).
    init(_ menu: [String: ChannelGroupDTO]) {
        groups = menu.sorted { (Int($0.key) ?? .max, $0.key) < (Int($1.key) ?? .max, $1.key) }.map { _, group in
            Group(
                channels: group.channels.map { PageLink(name: $0.name, href: PageLinks.safe($0.url)) },
                subs: group.sub_cats.map { sub in
                    Sub(name: sub.name, cats: sub.sub_cats.map { PageLink(name: $0.name, href: PageLinks.list(categoryID: $0.id)) })
                })
        }
    }
}

/// One advertisement as the home page shows it.
struct AdModel: Sendable {
    let title: String
    let href: String
    let adImage: String?
    let adText: String?
    /// The first of its slot (the carousel's initially visible slide).
    let first: Bool

    static func list(_ contents: [ContentDTO]?) -> [AdModel] {
        (contents ?? []).enumerated().map { index, content in
            let text = content.text?.trimmingCharacters(in: .whitespacesAndNewlines)
            return AdModel(title: content.title, href: PageLinks.safe(content.url), adImage: PageLinks.image(content.image),
                           adText: text?.isEmpty == false ? text : nil, first: index == 0)
        }
    }
}
