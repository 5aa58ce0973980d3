import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import App

@Suite struct HTTPBehaviourTests {
    @Test func unknownRouteIsJSON404() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/no/such/route/")
            // check
            #expect(response.status == .notFound)
            #expect(response.object["detail"] as? String == "未找到。")
        }
    }

    @Test func pathsAnswerWithAndWithoutTrailingSlash() async throws {
        try await withApp { client, _ in
            // act
            let with = try await client.send(.get, "/usernames/someone1/count/")
            let without = try await client.send(.get, "/usernames/someone1/count")
            // check
            #expect(with.status == .ok)
            #expect(without.status == .ok)
        }
    }

    @Test func malformedJSONIs400() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.execute(uri: "/authorizations/", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{\"username\": "))
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["detail"] != nil)
        }
    }

    @Test func nonUTF8BodyIs400() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.execute(uri: "/authorizations/", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: [0x7B, 0xFF, 0xFE, 0x7D]))
            // check
            #expect(response.status == .badRequest)
        }
    }

    @Test func hugeBodyIs413() async throws {
        try await withApp { client, _ in
            // act
            let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: 3 << 20)
            let response = try await client.execute(uri: "/authorizations/", method: .post, headers: [.contentType: "application/json"], body: big)
            // check
            #expect(response.status == .contentTooLarge)
        }
    }

    @Test func formBodiesAreAcceptedLikeJSON() async throws {
        try await withApp { client, env in
            // setup
            try await env.createUser("formuser1", password: "password123", mobile: "13900139000")
            // act
            let response = try await client.sendForm(.post, "/authorizations/", form: "username=formuser1&password=password123")
            // check
            #expect(response.status == .ok)
            #expect(response.object["username"] as? String == "formuser1")
        }
    }

    @Test func allowedOriginIsEchoedWithCredentials() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/areas/", headers: [.origin: "http://www.meiduo.site:8080"])
            // check
            #expect(response.headers[.accessControlAllowOrigin] == "http://www.meiduo.site:8080")
            #expect(response.headers[.accessControlAllowCredentials] == "true")
        }
    }

    @Test func unknownOriginGetsNoCORSHeaders() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/areas/", headers: [.origin: "http://evil.example"])
            // check
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func preflightAllowsAuthorizationAndContentType() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.options, "/user/", headers: [
                .origin: "http://www.meiduo.site:8080", .accessControlRequestMethod: "GET",
                .accessControlRequestHeaders: "authorization, content-type",
            ])
            // check
            #expect(response.status == .noContent)
            #expect(response.headers[.accessControlAllowOrigin] == "http://www.meiduo.site:8080")
            let allowed = response.headers[.accessControlAllowHeaders]?.lowercased() ?? ""
            #expect(allowed.contains("authorization") && allowed.contains("content-type"))
        }
    }

    @Test func requestIdIsEchoed() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/areas/", headers: [.init("X-Request-Id")!: "abc-123"])
            // check
            #expect(response.headers[.init("X-Request-Id")!] == "abc-123")
        }
    }
}

@Suite struct MethodNotAllowedTests {
    @Test func knownPathWithAnotherMethodIs405WithAllow() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.patch, "/addresses/3/")
            // check
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "DELETE, PUT")
            #expect(response.object["detail"] as? String == "方法 “PATCH” 不被允许。")
        }
    }

    @Test func unknownPathStays404() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.patch, "/addresses/3/nothing/")
            // check
            #expect(response.status == .notFound)
        }
    }
}

@Suite struct NullCharacterTests {
    @Test func encodedNULInThePathIs400() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/usernames/ab%00cd/count/")
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["detail"] != nil)
        }
    }

    @Test func nulInABodyStringIsAFieldError() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.post, "/authorizations/", json: ["username": "ab\u{0}cd", "password": "whatever1"])
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["username"] as? [String] == ["不允许包含空字符。"])
        }
    }
}
