import Foundation
import Testing
@testable import App

@Suite struct AreaTests {
    @Test func provincesListsTopLevelAreas() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/areas/")
            // check
            let names = response.array.compactMap { $0["name"] as? String }
            #expect(names.count == 34)
            #expect(names.contains("北京市") && names.contains("广东省"))
        }
    }

    @Test func areaDetailListsItsSubs() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/areas/440100/")
            // check
            let subs = response.object["subs"] as? [[String: Any]] ?? []
            #expect(response.object["name"] as? String == "广州市")
            #expect(subs.contains { $0["name"] as? String == "天河区" })
        }
    }

    @Test func unknownAreaIs404() async throws {
        try await withApp { client, _ in
            let response = try await client.send(.get, "/areas/999999/")
            #expect(response.status == .notFound)
        }
    }

    @Test func everyBundledAreaIsLoaded() async throws {
        try await withServices { env in
            let count = try await env.services.sql().raw("SELECT COUNT(*) AS n FROM areas").first()!.decode(column: "n", as: Int.self)
            #expect(count == 3226)
        }
    }
}

@Suite struct AddressTests {
    @Test func createdAddressIsListedWithAreaNamesAndBecomesDefault() async throws {
        try await withApp { client, env in
            // setup
            let (user, token) = try await env.loggedInUser()
            // act
            let create = try await client.send(.post, "/addresses/", json: addressBody(), token: token)
            let list = try await client.send(.get, "/addresses/", token: token)
            // check
            let addresses = list.object["addresses"] as? [[String: Any]] ?? []
            #expect(create.status == .created)
            #expect(list.object["user_id"] as? Int == user.id)
            #expect(list.object["limit"] as? Int == 20)
            #expect(list.object["default_address_id"] as? Int == create.object["id"] as? Int)
            #expect(addresses.first?["province"] as? String == "北京市")
            #expect(addresses.first?["district"] as? String == "东城区")
            #expect(addresses.first?["district_id"] as? Int == 110101)
        }
    }

    @Test func numericStringsAreAcceptedForAreaIds() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            var body = addressBody()
            body["province_id"] = "110000"; body["city_id"] = "110100"; body["district_id"] = "110101"
            // act / check
            #expect(try await client.send(.post, "/addresses/", json: body, token: token).status == .created)
        }
    }

    @Test func districtOutsideTheCityIsRefused() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            var body = addressBody()
            body["district_id"] = 440106
            // act
            let response = try await client.send(.post, "/addresses/", json: body, token: token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["district_id"] != nil)
        }
    }

    @Test func updateTitleDefaultAndDelete() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            let first = try await client.send(.post, "/addresses/", json: addressBody(title: "家"), token: token).object["id"] as! Int
            let second = try await client.send(.post, "/addresses/", json: addressBody(title: "公司"), token: token).object["id"] as! Int
            var changed = addressBody(receiver: "李四")
            changed["place"] = "新地址"
            // act
            let update = try await client.send(.put, "/addresses/\(second)/", json: changed, token: token)
            let title = try await client.send(.put, "/addresses/\(second)/title/", json: ["title": "新标题"], token: token)
            let status = try await client.send(.put, "/addresses/\(second)/status/", token: token)
            let delete = try await client.send(.delete, "/addresses/\(first)/", token: token)
            let list = try await client.send(.get, "/addresses/", token: token)
            // check
            let addresses = list.object["addresses"] as? [[String: Any]] ?? []
            #expect(update.object["receiver"] as? String == "李四")
            #expect(title.object["title"] as? String == "新标题")
            #expect(status.status == .ok)
            #expect(delete.status == .noContent)
            #expect(list.object["default_address_id"] as? Int == second)
            #expect(addresses.map { $0["id"] as? Int } == [second])
            #expect(addresses.first?["title"] as? String == "新标题")
        }
    }

    @Test func anotherUsersAddressIsNotFound() async throws {
        try await withApp { client, env in
            // setup
            let (_, ownerToken) = try await env.loggedInUser("owner01", mobile: "13800000011")
            let (_, otherToken) = try await env.loggedInUser("other01", mobile: "13800000012")
            let id = try await client.send(.post, "/addresses/", json: addressBody(), token: ownerToken).object["id"] as! Int
            // act
            let update = try await client.send(.put, "/addresses/\(id)/", json: addressBody(), token: otherToken)
            let delete = try await client.send(.delete, "/addresses/\(id)/", token: otherToken)
            let status = try await client.send(.put, "/addresses/\(id)/status/", token: otherToken)
            let list = try await client.send(.get, "/addresses/", token: otherToken)
            // check
            #expect(update.status == .notFound)
            #expect(delete.status == .notFound)
            #expect(status.status == .notFound)
            #expect((list.object["addresses"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func twentyFirstAddressIsRefused() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            for i in 0..<AddressService.limit {
                try await client.send(.post, "/addresses/", json: addressBody(title: "地址\(i)"), token: token)
            }
            // act
            let response = try await client.send(.post, "/addresses/", json: addressBody(), token: token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["message"] != nil)
        }
    }

    @Test func addressesNeedLogin() async throws {
        try await withApp { client, _ in
            let response = try await client.send(.get, "/addresses/")
            #expect(response.status == .unauthorized)
        }
    }
}

@Suite struct BrowseHistoryTests {
    @Test func keepsTheLatestFiveWithoutDuplicatesNewestFirst() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            // act
            for sku in [1, 2, 3, 4, 5, 6, 3] {
                try await client.send(.post, "/browse_histories/", json: ["sku_id": sku], token: token)
            }
            let list = try await client.send(.get, "/browse_histories/", token: token)
            // check
            #expect(list.array.map { $0["id"] as? Int } == [3, 6, 5, 4, 2])
        }
    }

    @Test func unknownSKUIsRefused() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            // act
            let response = try await client.send(.post, "/browse_histories/", json: ["sku_id": 12345], token: token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["sku_id"] != nil)
        }
    }
}
