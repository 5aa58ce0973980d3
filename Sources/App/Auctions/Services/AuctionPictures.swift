import Foundation
import MeiduoRules

/// Pictures for sessions and lots that come without one (the demo's, or staff's before they upload a photo): drawn
/// from the title (`DemoArtwork`) and stored, so no page shows an empty picture.
struct AuctionPictures: Sendable {
    let services: AppServices

    /// Stores a drawing under `key` unless storage already holds one; answers the key.
    func drawn(_ key: String, title: String, subtitle: String, kind: DemoArtwork.Kind) async throws -> String {
        if try await services.storage.get(key: key) == nil {
            try await services.storage.put(Array(DemoArtwork.svg(title: title, subtitle: subtitle, kind: kind).utf8), key: key,
                                           contentType: "image/svg+xml")
        }
        return key
    }

    static let drawnFolder = "auctions/drawn/"

    /// A drawn cover under a fresh key.
    func cover(title: String, kind: DemoArtwork.Kind) async throws -> String {
        try await drawn(Self.drawnFolder + "\(UUID().uuidString.lowercased()).svg", title: title, subtitle: "", kind: kind)
    }

    /// Whether a cover is a drawn stand-in, for the first uploaded photo to replace.
    static func isDrawn(_ key: String) -> Bool { key.hasPrefix(drawnFolder) }
}
