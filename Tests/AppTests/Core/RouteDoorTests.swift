import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// The router's doors: the staff door refuses a shopper (403) and an anonymous caller (401) before any handler runs.
@Suite struct RouteDoorTests {
    @Test func theStaffDoorRefusesAnAnonymousCaller() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.put, "/orders/20240101000000000000001001/ship/")
            // check
            #expect(response.status == .unauthorized)
            #expect(response.detailOnly == APIError.notAuthenticated.detailText)
        }
    }

    @Test func theStaffDoorRefusesAShopper() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            // act
            let ship = try await client.send(.put, "/orders/20240101000000000000001001/ship/", token: token)
            let refund = try await client.send(.put, "/orders/20240101000000000000001001/refund/", token: token)
            // check
            #expect(ship.status == .forbidden)
            #expect(refund.status == .forbidden)
        }
    }

    @Test func theStaffDoorLetsStaffThrough() async throws {
        try await withApp { client, env in
            // setup
            let (staff, token) = try await env.loggedInUser("staff0001", mobile: "13899990000")
            try await AccountService(services: env.services).setStaff(userID: staff.id!, true)
            // act: through the door, the handler answers (no such order)
            let response = try await client.send(.put, "/orders/20240101000000000000001001/ship/", token: token)
            // check
            #expect(response.status == .notFound)
        }
    }

    @Test func theUserDoorRefusesAnAnonymousCallerBeforeReadingTheBody() async throws {
        try await withApp { client, _ in
            // act: a malformed body would be a 400 if the handler ran
            let response = try await client.send(.post, "/addresses/", json: ["receiver": ""])
            // check
            #expect(response.status == .unauthorized)
        }
    }
}
