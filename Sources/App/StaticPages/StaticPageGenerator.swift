import FluentKit
import Foundation
import Logging

/// Renders the static pages of seed 004 (首页静态化, 详情页静态化) into a public folder:
/// `index.html` and `goods/<sku_id>.html`. Reads the catalog fresh (not through the in-process caches,
/// which may be stale in a worker process) and writes each file atomically.
public struct StaticPageGenerator: Sendable {
    let services: AppServices
    public let outputDirectory: String
    let writer: PageWriter

    public init(services: AppServices, outputDirectory: String) {
        self.services = services
        self.outputDirectory = outputDirectory
        self.writer = PageWriter(root: outputDirectory)
    }

    static func detailPath(_ skuID: Int) -> String { "goods/\(skuID).html" }

    /// Writes `index.html`: the channel menu and the ads.
    public func generateIndex() async throws {
        let home = HomeService(services: services)
        let dto = HomeDTO(categories: try await home.channelMenu(), contents: try await home.contents())
        let slots = try await ContentCategory.query(on: services.db()).sort(\.$id).all()
            .map { IndexPageModel.Slot(key: $0.key, name: $0.name) }
        let html = try PageTemplates.render(IndexPageModel(home: dto, slots: slots), template: PageTemplates.index)
        try writer.write(html, to: "index.html")
    }

    /// Writes the detail page of each launched SKU among `ids` and removes the pages of the others
    /// (unlaunched or gone). Every id is tried; if some failed, throws `StaticPagesError.failed` afterwards.
    @discardableResult
    public func generateSKUPages(ids: [Int]) async throws -> SKUPagesResult {
        var result = SKUPagesResult()
        guard !ids.isEmpty else { return result }
        let menu = try await HomeService(services: services).channelMenu()
        let catalog = CatalogService(services: services)
        var failures: [Int: String] = [:]
        for id in Set(ids).sorted() {
            do {
                let detail: SKUDetailDTO
                do {
                    detail = try await catalog.freshDetail(skuID: id)
                } catch let error as APIError where error.status == .notFound {
                    if try writer.remove(Self.detailPath(id)) { result.removed.append(id) }
                    continue
                }
                let html = try PageTemplates.render(DetailPageModel(detail: detail, menu: menu), template: PageTemplates.detail)
                try writer.write(html, to: Self.detailPath(id))
                result.written.append(id)
            } catch {
                services.logger.error("cannot generate the page of SKU \(id): \(String(reflecting: error))")
                failures[id] = String(describing: error)
            }
        }
        if !failures.isEmpty { throw StaticPagesError.failed(failures) }
        return result
    }

    /// Writes `index.html` and every launched SKU's page, and removes pages of SKUs that are not launched.
    /// - Returns: whether index.html was written, and how many detail pages were.
    /// - Throws: after trying everything, when some page could not be written.
    @discardableResult
    public func generateAll() async throws -> (index: Bool, skus: Int) {
        var indexError: (any Error)?
        do {
            try await generateIndex()
        } catch {
            services.logger.error("cannot generate index.html: \(String(reflecting: error))")
            indexError = error
        }
        let launched = try await SKU.query(on: services.db()).filter(\.$isLaunched == true).sort(\.$id).all().compactMap(\.id)
        let result = try await generateSKUPages(ids: launched)
        try await prunePages(launchedAtStart: Set(launched))
        if let indexError { throw indexError }
        return (index: true, skus: result.written.count)
    }
}

extension StaticPageGenerator {
    /// Removes the pages of SKUs not launched when a full run began — unless the SKU was launched meanwhile (its
    /// own job wrote that page after the run read its list): asked again just before removing.
    func prunePages(launchedAtStart keep: Set<Int>) async throws {
        let stale = writer.files(in: "goods").compactMap { file in file.hasSuffix(".html") ? Int(file.dropLast(5)) : nil }.filter { !keep.contains($0) }
        for start in stride(from: 0, to: stale.count, by: 500) {
            let batch = Array(stale[start..<min(start + 500, stale.count)])
            let launchedSince = try await SKU.query(on: services.db()).filter(\.$id ~~ batch).filter(\.$isLaunched == true).all().compactMap(\.id)
            for id in Set(batch).subtracting(launchedSince) { try writer.remove(Self.detailPath(id)) }
        }
    }
}

/// Which detail pages a run wrote and which it removed, by SKU id.
public struct SKUPagesResult: Sendable, Equatable {
    public var written: [Int] = []
    public var removed: [Int] = []
}

public enum StaticPagesError: Error, CustomStringConvertible {
    /// Pages that could not be generated, by SKU id, with the reason.
    case failed([Int: String])

    public var description: String {
        switch self {
        case .failed(let failures):
            let list = failures.sorted { $0.key < $1.key }.prefix(5).map { "\($0.key): \($0.value)" }.joined(separator: "; ")
            return "\(failures.count) SKU page(s) could not be generated (\(list))"
        }
    }
}
