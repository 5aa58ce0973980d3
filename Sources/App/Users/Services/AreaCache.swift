import FluentKit
import Foundation
import NIOCore
import NIOConcurrencyHelpers
import SQLKit

public struct AreaDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let name: String
}

public struct AreaWithSubsDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let subs: [AreaDTO]
}

/// Areas never change at run time, so after the first read they are served from memory
/// (the original cached them with drf-extensions).
public final class AreaCache: Sendable {
    struct Snapshot: Sendable {
        var byID: [Int: AreaDTO] = [:]
        var parentOf: [Int: Int] = [:]
        var children: [Int: [AreaDTO]] = [:]
        var provinces: [AreaDTO] = []
    }

    private let snapshot = NIOLockedValueBox<Snapshot?>(nil)
    /// Encoded answers by area id (0 for the province list); ids that don't exist are never stored.
    let encoded = ExpiringCache<Int, ByteBuffer>(lifetime: .seconds(86_400), capacity: 4_000)

    public init() {}

    func load(_ database: any SQLDatabase) async throws -> Snapshot {
        if let cached = snapshot.withLockedValue({ $0 }) { return cached }
        var fresh = Snapshot()
        let rows = try await database.raw("SELECT id, name, parent_id FROM areas ORDER BY id").all()
        for row in rows {
            let area = AreaDTO(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self))
            fresh.byID[area.id] = area
            if let parent = try row.decode(column: "parent_id", as: Int?.self) {
                fresh.parentOf[area.id] = parent
                fresh.children[parent, default: []].append(area)
            } else {
                fresh.provinces.append(area)
            }
        }
        snapshot.withLockedValue { $0 = fresh }
        return fresh
    }

    public func provinces(_ database: any SQLDatabase) async throws -> [AreaDTO] {
        try await load(database).provinces
    }

    public func area(_ id: Int, _ database: any SQLDatabase) async throws -> AreaWithSubsDTO? {
        let snap = try await load(database)
        guard let area = snap.byID[id] else { return nil }
        return AreaWithSubsDTO(id: area.id, name: area.name, subs: snap.children[id] ?? [])
    }

    public func name(of id: Int, _ database: any SQLDatabase) async throws -> String? {
        try await load(database).byID[id]?.name
    }

    public func parent(of id: Int, _ database: any SQLDatabase) async throws -> Int? {
        try await load(database).parentOf[id]
    }
}
