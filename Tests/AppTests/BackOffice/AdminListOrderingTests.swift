import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// The back office's lists sorted by `?ordering=` (users, goods, orders), the tie broken by id so pages never overlap,
/// and a field a list doesn't offer refused as a field error.
@Suite struct AdminListOrderingTests {
    @Test func usersSortByTheFieldAskedEitherWay() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.staffMember("zz_admin", mobile: "13899990031", role: "超级管理员")
            for (name, mobile) in [("mia0001", "13800138051"), ("ava0001", "13800138052"), ("kim0001", "13800138053")] {
                _ = try await env.createUser(name, mobile: mobile)
            }
            // act
            let up = try await client.send(.get, "/admin/api/users/?ordering=username", token: token)
            let down = try await client.send(.get, "/admin/api/users/?ordering=-username", token: token)
            // check
            let names = (up.object["results"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
            #expect(names == ["ava0001", "kim0001", "mia0001", "zz_admin"])
            #expect((down.object["results"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String } == names.reversed())
        }
    }

    @Test func goodsPagesSortedByANameTheyShareNeverRepeatARow() async throws {
        try await withApp { client, env in
            // setup: five SPUs all named alike, two to a page
            let desk = try await CatalogDesk.open(client, env)
            for _ in 0..<4 {
                _ = try await client.send(.post, "/admin/api/goods/", json: ["name": "美多手机 M1", "brand_id": desk.brand, "category3_id": desk.category3],
                                          token: desk.token)
            }
            // act
            var seen: [Int] = []
            for page in 1...3 {
                let answer = try await client.send(.get, "/admin/api/goods/?ordering=name&page_size=2&page=\(page)", token: desk.token)
                seen += (answer.object["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            }
            // check: every SPU once, by id within the shared name
            #expect(seen.count == 5 && Set(seen).count == 5 && seen == seen.sorted())
        }
    }

    @Test func aFieldTheListDoesNotOfferIsRefused() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.staffMember("zz_admin", mobile: "13899990031", role: "超级管理员")
            // act
            let answers = [
                try await client.send(.get, "/admin/api/orders/?ordering=-password", token: token),
                try await client.send(.get, "/admin/api/users/?ordering=mobile", token: token),
                try await client.send(.get, "/admin/api/goods/?ordering=id,id", token: token),
            ]
            // check
            for answer in answers { #expect(answer.status == .badRequest && answer.object["ordering"] != nil) }
        }
    }
}
