import Foundation

/// The API contract kept in the repo (`Sources/App/Resources/openapi.json`), read once.
public enum OpenAPIDocument {
    public static let bytes: [UInt8]? = {
        let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "openapi", withExtension: "json")
        return url.flatMap { try? Data(contentsOf: $0) }.map { [UInt8]($0) }
    }()
}
