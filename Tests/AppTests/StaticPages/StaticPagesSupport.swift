import FluentKit
import Foundation
@testable import App

/// A fresh temporary folder for generated pages, and the Meiduo sample catalog to generate them from.
enum StaticPagesFixture {
    /// shared/ sits beside the repository (../shared in CI, /work/shared here).
    static let goodsDumpPath: String = {
        let repo = #filePath.split(separator: "/").dropLast(4).joined(separator: "/")
        return "/" + repo + "/../shared/data/meiduo/goods_data.sql"
    }()

    static func temporaryFolder() -> String {
        NSTemporaryDirectory() + "meiduo-pages-\(UUID().uuidString)"
    }

    static func read(_ folder: String, _ relativePath: String) -> String? {
        try? String(contentsOfFile: folder + "/" + relativePath, encoding: .utf8)
    }

    static func exists(_ folder: String, _ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: folder + "/" + relativePath)
    }
}

/// Runs `body` with the Meiduo sample loaded, `PUBLIC_DIR` pointing at a fresh temporary folder, and a
/// generator writing there; removes the folder afterwards.
func withSamplePages(_ body: @Sendable (TestEnvironment, StaticPageGenerator, String) async throws -> Void) async throws {
    let folder = StaticPagesFixture.temporaryFolder()
    let env = try await TestEnvironment.make { $0.publicDirectory = folder }
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
        try await MeiduoDumpLoader(services: env.services).load(paths: [StaticPagesFixture.goodsDumpPath])
        try await body(env, StaticPageGenerator(services: env.services, outputDirectory: folder), folder)
    } catch {
        await env.close()
        throw error
    }
    await env.close()
}

extension TestEnvironment {
    /// Changes a SKU directly in the database (as the admin will), without queuing anything.
    func updateSKU(_ id: Int, _ change: (SKU) -> Void) async throws {
        let sku = try await SKU.find(id, on: services.db())!
        change(sku)
        try await sku.save(on: services.db())
    }
}
