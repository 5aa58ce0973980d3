import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Reviews (seed 000 订单评价): each line of a received order is reviewed once; the SKU's and SPU's comment
/// counts follow, and the order is finished when its last line is reviewed.
public struct CommentService: Sendable {
    public static let shownPerSKU = 30
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public func uncommented(orderID: String, userID: Int) async throws -> [OrderLineDTO] {
        let order = try await OrderQueries(services: services).order(orderID, userID: userID)
        guard order.status == OrderStatus.uncommented.rawValue else { return [] }
        let detail = try await OrderQueries(services: services).detail(orderID, userID: userID)
        let open = try await OrderGoods.query(on: services.db()).filter(\.$orderID == orderID).filter(\.$isCommented == false).all().map(\.skuID)
        return detail.skus.filter { open.contains($0.sku.id) }
    }

    public struct Review: Sendable {
        public var skuID: Int
        public var comment: String
        public var score: Int
        public var isAnonymous: Bool
    }

    public func comment(orderID: String, userID: Int, review: Review) async throws -> CommentDTO {
        let order = try await OrderQueries(services: services).order(orderID, userID: userID)
        guard order.status == OrderStatus.uncommented.rawValue else { throw OrdersError.notCommentable }
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            let updated = try await sql.raw("""
                UPDATE order_goods SET comment = \(bind: review.comment), score = \(bind: review.score), is_anonymous = \(bind: review.isAnonymous),
                       is_commented = \(bind: true), update_time = \(bind: services.clock.now())
                WHERE order_id = \(bind: orderID) AND sku_id = \(bind: review.skuID) AND is_commented = \(bind: false) RETURNING id
                """).all()
            guard !updated.isEmpty else {
                let exists = try await OrderGoods.query(on: tx).filter(\.$orderID == orderID).filter(\.$skuID == review.skuID).count() > 0
                throw exists ? OrdersError.alreadyCommented : APIError.field("sku", "订单中没有该商品")
            }
            try await CatalogService(services: services).commentAdded(skuID: review.skuID, on: sql)
            let remaining = try await OrderGoods.query(on: tx).filter(\.$orderID == orderID).filter(\.$isCommented == false).count()
            if remaining == 0 {
                _ = try await OrderLifecycle(services: services).move(orderID, from: .uncommented, event: .allCommented, userID: userID, sql: sql)
            }
        }
        return CommentDTO(order: orderID, sku: review.skuID, comment: review.comment, score: review.score, is_anonymous: review.isAnonymous)
    }

    /// The latest reviews of a SKU, anonymous reviewers masked.
    /// The newest comments of a SKU; 404 for a SKU the shop doesn't have.
    public func comments(skuID: Int) async throws -> [SKUCommentDTO] {
        guard try await CatalogService(services: services).skuExists(skuID) else { throw APIError.notFound }
        return try await services.readSQL().raw("""
            SELECT u.username, g.comment, g.score, g.is_anonymous FROM order_goods g
            JOIN order_info o ON o.order_id = g.order_id JOIN users u ON u.id = o.user_id
            WHERE g.sku_id = \(bind: skuID) AND g.is_commented = \(bind: true)
            ORDER BY g.update_time DESC, g.id DESC LIMIT \(bind: Self.shownPerSKU)
            """).all().map { row in
                let name = try row.decode(column: "username", as: String.self)
                return SKUCommentDTO(
                    username: try row.decode(column: "is_anonymous", as: Bool.self) ? ReviewerName.masked(name) : name,
                    comment: try row.decode(column: "comment", as: String.self), score: try row.decode(column: "score", as: Int.self))
            }
    }
}
