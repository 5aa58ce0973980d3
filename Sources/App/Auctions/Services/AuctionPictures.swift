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

    /// A drawn cover under a fresh key.
    func cover(title: String, kind: DemoArtwork.Kind) async throws -> String {
        try await drawn("auctions/drawn/\(UUID().uuidString.lowercased()).svg", title: title, subtitle: "", kind: kind)
    }
}
