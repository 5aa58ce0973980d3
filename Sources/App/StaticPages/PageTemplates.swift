import Foundation
import Mustache

/// The page templates in `Resources/templates/*.mustache`, read from the bundle once per process.
/// Partials (`{{> header}}`) are the other templates, by file name without the extension.
enum PageTemplates {
    static let index = "index"
    static let detail = "detail"

    /// Loaded on first use; a broken template fails every render with the same error instead of crashing.
    static let shared: Result<MustacheLibrary, any Error> = Result { try load(from: try folder()) }

    static func library() throws -> MustacheLibrary { try shared.get() }

    /// Renders `object` (plain structs, arrays and dictionaries; read by reflection) with the named template.
    static func render(_ object: Any, template name: String) throws -> String {
        guard let html = try library().render(object, withTemplate: name) else { throw TemplateError.missing(name) }
        return html
    }

    static func load(from folder: URL) throws -> MustacheLibrary {
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        guard !names.isEmpty else { throw TemplateError.noTemplates(folder.path) }
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw TemplateError.unparsable(name, String(describing: error))
            }
        }
        return library
    }

    static func folder() throws -> URL {
        let candidates = [
            Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources"),
            Bundle.module.resourceURL?.appendingPathComponent("Resources/templates"),
            Bundle.module.url(forResource: "templates", withExtension: nil),
        ]
        for case let url? in candidates where FileManager.default.fileExists(atPath: url.appendingPathComponent("index.mustache").path) {
            return url
        }
        throw TemplateError.noTemplates("Resources/templates in \(Bundle.module.bundlePath)")
    }
}

public enum TemplateError: Error, CustomStringConvertible {
    case noTemplates(String)
    case missing(String)
    case unparsable(String, String)

    public var description: String {
        switch self {
        case .noTemplates(let place): return "no page templates found in \(place)"
        case .missing(let name): return "page template \(name) is missing"
        case .unparsable(let name, let error): return "page template \(name) cannot be parsed: \(error)"
        }
    }
}
