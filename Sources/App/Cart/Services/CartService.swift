import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// A cart line as `GET /cart/` shows it.
public struct CartItemDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let count: Int
    public let name: String
    public let default_image_url: String
    public let price: String
    public let selected: Bool
}

/// Cart operations for either storage; anonymous operations return the lines to write back into the cookie.
public struct CartService: Sendable {
    public static let maxLines = CartCookieCodec.maxLines
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    var stored: StoredCart { stored(reading: false) }

    /// The stored cart on the writer, or on the read pool for reads outside a transaction.
    func stored(reading: Bool) -> StoredCart {
        StoredCart(sql: reading ? services.readSQL() : services.sql(), clock: services.clock)
    }

    /// The SKU must be on sale and have `count` in stock.
    static func check(stock: Int, launched: Bool, count: Int) throws {
        guard launched else { throw CartError.skuNotFound }
        guard count <= stock else { throw CartError.insufficientStock }
    }

    static func check(_ state: StoredLineState, count: Int) throws {
        try check(stock: state.stock, launched: state.launched, count: count)
    }

    /// The SKU must exist, be on sale and have `count` in stock (Catalog's word on it).
    func check(skuID: Int, count: Int) async throws {
        guard let item = try await Inventory(services: services).items([skuID])[skuID] else { throw CartError.skuNotFound }
        try Self.check(stock: item.stock, launched: item.launched, count: count)
    }

    /// What adding to or setting a stored line needs to know, read at once: the SKU's stock and state, and the
    /// cart's line count and this SKU's count in it. Throws `skuNotFound` for a SKU that doesn't exist.
    struct StoredLineState {
        let stock: Int
        let launched: Bool
        let lines: Int
        let current: Int?
    }

    func storedLineState(userID: Int, skuID: Int) async throws -> StoredLineState {
        // The SKU from Catalog and the cart's occupancy from the cart, read at once.
        async let item = Inventory(services: services).items([skuID])[skuID]
        async let occupancy = stored(reading: true).occupancy(userID: userID, skuID: skuID)
        guard let sku = try await item else { throw CartError.skuNotFound }
        let (lines, current) = try await occupancy
        return StoredLineState(stock: sku.stock, launched: sku.launched, lines: lines, current: current)
    }

    /// Adding accumulates, so a line could pass the count one request may set (and the cookie can carry).
    static func checkTotal(_ total: Int) throws {
        guard total <= CartCookieCodec.maxCount else { throw CartError.countTooLarge(CartCookieCodec.maxCount) }
    }

    /// Adds to a line (counts accumulate); nil for a stored cart, the new cookie lines for an anonymous one.
    public func add(_ owner: CartOwner, skuID: Int, count: Int, selected: Bool) async throws -> [CartLineValue]? {
        switch owner {
        case .user(let userID):
            let state = try await storedLineState(userID: userID, skuID: skuID)
            if state.current == nil, state.lines >= Self.maxLines { throw CartError.tooManyLines(Self.maxLines) }
            try Self.check(state, count: (state.current ?? 0) + count)
            try Self.checkTotal((state.current ?? 0) + count)
            try await stored.upsert(userID: userID, line: .init(skuID: skuID, count: count, selected: selected), accumulate: true)
            return nil
        case .anonymous(var lines):
            let current = lines.first { $0.skuID == skuID }?.count ?? 0
            if current == 0, lines.count >= Self.maxLines { throw CartError.tooManyLines(Self.maxLines) }
            try await check(skuID: skuID, count: current + count)
            try Self.checkTotal(current + count)
            lines.removeAll { $0.skuID == skuID }
            lines.insert(.init(skuID: skuID, count: current + count, selected: selected), at: 0)
            return lines
        }
    }

    /// Sets a line's count and selection.
    public func update(_ owner: CartOwner, skuID: Int, count: Int, selected: Bool) async throws -> [CartLineValue]? {
        switch owner {
        case .user(let userID):
            let state = try await storedLineState(userID: userID, skuID: skuID)
            try Self.check(state, count: count)
            try Self.checkTotal(count)
            if state.current == nil, state.lines >= Self.maxLines { throw CartError.tooManyLines(Self.maxLines) }
            try await stored.upsert(userID: userID, line: .init(skuID: skuID, count: count, selected: selected), accumulate: false)
            return nil
        case .anonymous(var lines):
            try await check(skuID: skuID, count: count)
            try Self.checkTotal(count)
            if let index = lines.firstIndex(where: { $0.skuID == skuID }) {
                lines[index].count = count
                lines[index].selected = selected
            } else {
                guard lines.count < Self.maxLines else { throw CartError.tooManyLines(Self.maxLines) }
                lines.insert(.init(skuID: skuID, count: count, selected: selected), at: 0)
            }
            return lines
        }
    }

    /// Removes a line; a SKU the shop doesn't have at all is refused (on sale or not, a known SKU can be removed).
    public func delete(_ owner: CartOwner, skuID: Int) async throws -> [CartLineValue]? {
        guard try await CatalogService(services: services).skuExists(skuID) else { throw CartError.unknownSKUToDelete }
        switch owner {
        case .user(let userID):
            try await stored.delete(userID: userID, skuID: skuID)
            return nil
        case .anonymous(let lines):
            return lines.filter { $0.skuID != skuID }
        }
    }

    public func selectAll(_ owner: CartOwner, selected: Bool) async throws -> [CartLineValue]? {
        switch owner {
        case .user(let userID):
            try await stored.selectAll(userID: userID, selected: selected)
            return nil
        case .anonymous(let lines):
            return lines.map { CartLineValue(skuID: $0.skuID, count: $0.count, selected: selected) }
        }
    }

    public func lines(_ owner: CartOwner) async throws -> [CartLineValue] {
        switch owner {
        case .user(let userID): return try await stored.lines(userID: userID)
        case .anonymous(let lines): return lines
        }
    }

    /// The selected lines, for settlement and order placement: the one place both read the cart.
    public func selectedLines(_ owner: CartOwner) async throws -> [CartLineValue] {
        try await lines(owner).filter(\.selected)
    }

    /// The lines with their SKUs' names, images and prices; lines of SKUs that no longer exist drop out.
    public func items(_ owner: CartOwner) async throws -> [CartItemDTO] {
        let lines: [CartLineValue]
        switch owner {
        case .user(let userID): lines = try await stored(reading: true).lines(userID: userID)
        case .anonymous(let cookieLines): lines = cookieLines
        }
        guard !lines.isEmpty else { return [] }
        let skus = Dictionary(try await CatalogService(services: services).summaries(lines.map(\.skuID)).map { ($0.id, $0) }) { first, _ in first }
        return lines.compactMap { line in
            guard let sku = skus[line.skuID] else { return nil }
            return CartItemDTO(id: line.skuID, count: line.count, name: sku.name, default_image_url: sku.default_image_url,
                               price: sku.price, selected: line.selected)
        }
    }

    /// Login merge (seed 000 购物车合并): every cookie line replaces the stored line for its SKU — the cookie's
    /// count and selection win — skipping SKUs that are gone, and never growing past the line limit.
    public func merge(_ cookieLines: [CartLineValue], intoUser userID: Int) async throws {
        guard !cookieLines.isEmpty else { return }
        let valid = Set(try await Inventory(services: services).items(cookieLines.map(\.skuID)).keys)
        try await services.db().transaction { tx in
            let store = StoredCart(sql: tx as! any SQLDatabase, clock: services.clock)
            var present = Set(try await store.lines(userID: userID).map(\.skuID))
            for line in cookieLines where valid.contains(line.skuID) {
                guard present.contains(line.skuID) || present.count < Self.maxLines else { continue }
                try await store.upsert(userID: userID, line: line, accumulate: false)
                present.insert(line.skuID)
            }
        }
    }
}
