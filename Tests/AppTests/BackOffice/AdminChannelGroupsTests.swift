import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// The menu's channel groups named in the back office: every group holding channels listed (named or not), names
/// unique, a name dropped only from a group without channels, numbers outside 1 … 100 no group at all.
@Suite struct AdminChannelGroupsTests {
    @Test func groupsHoldingChannelsAreListedAndTakeUniqueNames() async throws {
        try await withApp { client, env in
            // setup: the sample's menu, in groups 1 … 11
            try await env.loadMeiduoSample()
            let (_, token) = try await env.staffMember("goodsop03", mobile: "13899990013", role: "商品运营")
            // act
            let named = try await client.send(.put, "/admin/api/channel-groups/1/", json: ["name": "手机数码"], token: token)
            let clash = try await client.send(.put, "/admin/api/channel-groups/2/", json: ["name": "手机数码"], token: token)
            let renamed = try await client.send(.put, "/admin/api/channel-groups/1/", json: ["name": "手机 · 数码"], token: token)
            let groups = try await client.send(.get, "/admin/api/channel-groups/", token: token).array
            // check
            #expect(named.status == .ok && named.object["name"] as? String == "手机数码" && (named.object["channels"] as? Int ?? 0) > 0)
            #expect(clash.status == .badRequest && clash.object["name"] != nil)
            #expect(renamed.status == .ok)
            #expect(groups.first?["name"] as? String == "手机 · 数码" && groups.dropFirst().allSatisfy { $0["name"] as? String == "" })
            let channelGroups = Set(try await client.send(.get, "/admin/api/channels/", token: token).array.compactMap { $0["group_id"] as? Int })
            #expect(Set(groups.compactMap { $0["id"] as? Int }) == channelGroups)
            let audit = try await env.auditRows(.init(targetType: "goods_channel_groups"))
            #expect(audit.map(\.entry.summary) == ["频道组 1 命名为 手机 · 数码", "频道组 1 命名为 手机数码"])
        }
    }

    @Test func aGroupsNameGoesOnlyOnceItHoldsNoChannel() async throws {
        try await withApp { client, env in
            // setup: group 1 holds the sample's channels; group 50 is named but empty
            try await env.loadMeiduoSample()
            let (_, token) = try await env.staffMember("goodsop03", mobile: "13899990013", role: "商品运营")
            _ = try await client.send(.put, "/admin/api/channel-groups/1/", json: ["name": "手机数码"], token: token)
            _ = try await client.send(.put, "/admin/api/channel-groups/50/", json: ["name": "备用"], token: token)
            // act
            let refused = try await client.send(.delete, "/admin/api/channel-groups/1/", token: token)
            let dropped = try await client.send(.delete, "/admin/api/channel-groups/50/", token: token)
            let outside = try await client.send(.put, "/admin/api/channel-groups/101/", json: ["name": "越界"], token: token)
            // check
            #expect(refused.status == .badRequest && refused.object["non_field_errors"] != nil)
            #expect(dropped.status == .noContent)
            #expect(outside.status == .notFound)
            let ids = try await client.send(.get, "/admin/api/channel-groups/", token: token).array.compactMap { $0["id"] as? Int }
            #expect(ids.contains(1) && !ids.contains(50))
        }
    }
}
