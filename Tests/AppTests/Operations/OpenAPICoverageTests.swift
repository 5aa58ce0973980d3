import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

@Suite struct OpenAPICoverageTests {
    /// `GET /skus/{id}/`-style keys for every route the router serves.
    func routerOperations(_ env: TestEnvironment) -> Set<String> {
        let router = MeiduoApplication.buildRouter(services: env.services)
        return Set(router.routes.map { route in
            var path = route.path.description
            if path.hasSuffix("/**") {
                // A catch-all (`/media/**`: storage keys with slashes) is one `{key}` parameter, with no slash after.
                path = String(path.dropLast(2)) + "{key}"
            } else if path != "/openapi.json" {
                path += "/"
            }
            return "\(route.method.rawValue) \(path)"
        })
    }

    func documentOperations() throws -> Set<String> {
        let bytes = try #require(OpenAPIDocument.bytes, "openapi.json is not bundled")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        return Set(paths.flatMap { path, item in item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" } })
    }

    @Test func everyRouteIsDocumented() async throws {
        try await withServices { env in
            // act
            let missing = routerOperations(env).subtracting(try documentOperations())
            // check
            #expect(missing.isEmpty, "routes missing from openapi.json: \(missing.sorted())")
        }
    }

    @Test func everyDocumentedOperationIsRouted() async throws {
        try await withServices { env in
            // act
            let extra = try documentOperations().subtracting(routerOperations(env))
            // check
            #expect(extra.isEmpty, "openapi.json describes operations the server does not have: \(extra.sorted())")
        }
    }

    @Test func documentIsServed() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/openapi.json")
            // check
            #expect(response.status == .ok)
            #expect(response.object["openapi"] as? String == "3.1.0")
        }
    }
}
