import Foundation
import MeiduoRules
import SQLKit

/// The orders of a Django Meiduo: `tb_order_info`, `tb_order_goods` (with their reviews) and `tb_payment`, ids kept.
/// Amounts are the original's (`total_amount` with the freight); nothing was discounted, so each order's provider
/// payment is its total and each line costs its price times its count.
struct ImportOrders {
    let run: ImportRun

    func importAll(_ source: [String: SourceTable], into report: inout ImportReport) async throws {
        guard let orders = source["tb_order_info"] else { return }
        try await self.orders(orders, into: &report)
        if let lines = source["tb_order_goods"] { try await self.lines(lines, into: &report) }
        if let payments = source["tb_payment"] { try await self.payments(payments, into: &report) }
    }

    /// Orders of moved users to moved addresses (deleted or not), in the original's statuses and pay methods.
    func orders(_ table: SourceTable, into report: inout ImportReport) async throws {
        var counts = ImportReport.Table(name: "tb_order_info → \(OrderInfo.schema)")
        var here: [String: (user: Int, total: Int64)] = [:]
        for row in try await run.sql.raw("SELECT order_id, user_id, total_amount FROM \(ident: OrderInfo.schema)").all() {
            here[try row.decode(column: "order_id", as: String.self)] = (try row.decode(column: "user_id", as: Int.self),
                                                                         try row.decode(column: "total_amount", as: Int64.self))
        }
        var rows: [[any SQLExpression]] = []
        for record in table.records {
            counts.read += 1
            let label = record.text("order_id") ?? "?"
            guard let id = record.text("order_id"), !id.isEmpty, id.count <= 64 else { counts.skip(label, because: "no order number"); continue }
            if let existing = here[id] {
                let same = existing.user == record.int("user_id") && run.movedUsers.contains(existing.user)
                if same { run.movedOrders[id] = existing.total }
                counts.skip(label, because: same ? "already imported" : "order number taken here by another order")
                continue
            }
            guard let user = record.int("user_id"), run.movedUsers.contains(user) else { counts.skip(label, because: "its user was not imported"); continue }
            guard let address = record.int("address_id"), run.movedAddresses.contains(address) else {
                counts.skip(label, because: "its address was not imported")
                continue
            }
            guard let status = record.int("status").flatMap(OrderStatus.init(rawValue:)),
                  let method = record.int("pay_method").flatMap(PayMethod.init(rawValue:)) else {
                counts.skip(label, because: "a status or pay method the original doesn't have")
                continue
            }
            guard let total = record.text("total_amount").flatMap(Money.parse), let freight = record.text("freight").flatMap(Money.parse),
                  total >= 0, freight >= 0, let count = record.int("total_count"), count > 0 else {
                counts.skip(label, because: "an amount or count that can't be read")
                continue
            }
            rows.append([SQLBind(id), SQLBind(user), SQLBind(address), SQLBind(count), SQLBind(total), SQLBind(freight),
                         SQLBind(method.rawValue), SQLBind(status.rawValue), SQLBind(Int64(0)), SQLBind(Int64(0)), SQLBind(Int64(0)),
                         SQLBind(Int64(0)), SQLBind(total), SQLBind(run.time(record["create_time"])), SQLBind(run.time(record["update_time"]))])
            here[id] = (user, total)
            run.movedOrders[id] = total
        }
        try await run.insert(into: OrderInfo.schema, columns: ["order_id", "user_id", "address_id", "total_count", "total_amount", "freight",
                                                           "pay_method", "status", "discount", "credit", "credit_amount", "balance_amount",
                                                           "pay_amount", "create_time", "update_time"], rows: rows)
        counts.imported = rows.count
        report.record(counts)
    }

    /// Order lines of moved orders and SKUs, with the buyer's review (comment, score 0–5, anonymous, commented).
    func lines(_ table: SourceTable, into report: inout ImportReport) async throws {
        var counts = ImportReport.Table(name: "tb_order_goods → \(OrderGoods.schema)")
        let skus: Set<Int>
        if let moved = run.movedSKUs { skus = moved } else { skus = try await run.ids(SKU.schema) }
        var here = try await run.ids(OrderGoods.schema)
        var pairs = Set(try await run.sql.raw("SELECT order_id, sku_id FROM \(ident: OrderGoods.schema)").all().map {
            "\(try $0.decode(column: "order_id", as: String.self))-\(try $0.decode(column: "sku_id", as: Int.self))"
        })
        var rows: [[any SQLExpression]] = []
        for record in table.records {
            counts.read += 1
            let label = "#\(record.text("id") ?? "?")"
            guard let id = record.int("id"), let order = record.text("order_id"), let sku = record.int("sku_id") else {
                counts.skip(label, because: "no id, order or SKU")
                continue
            }
            if here.contains(id) { counts.skip(label, because: "already imported"); continue }
            guard run.movedOrders[order] != nil else { counts.skip(label, because: "its order was not imported"); continue }
            guard skus.contains(sku) else { counts.skip(label, because: "a SKU that did not come along"); continue }
            guard let count = record.int("count"), count > 0, let price = record.text("price").flatMap(Money.parse), price >= 0 else {
                counts.skip(label, because: "a count or price that can't be read")
                continue
            }
            guard pairs.insert("\(order)-\(sku)").inserted else { counts.skip(label, because: "the order has this SKU on another line"); continue }
            let score = min(max(record.int("score") ?? 5, 0), 5)
            rows.append([SQLBind(id), SQLBind(order), SQLBind(sku), SQLBind(count), SQLBind(price), SQLBind(record.text("comment") ?? ""),
                         SQLBind(score), SQLBind(record.bool("is_anonymous")), SQLBind(record.bool("is_commented")),
                         SQLBind(price * Int64(count)), SQLBind("原价购买"),
                         SQLBind(run.time(record["create_time"])), SQLBind(run.time(record["update_time"]))])
            here.insert(id)
        }
        try await run.insert(into: OrderGoods.schema, columns: ["id", "order_id", "sku_id", "count", "price", "comment", "score", "is_anonymous",
                                                            "is_commented", "real_price", "discount_name", "create_time", "update_time"], rows: rows)
        counts.imported = rows.count
        report.record(counts)
    }

    /// Alipay payments (the original's only online method) of moved orders, each trade number once, for the order's
    /// total: reconciliation and refunds here find them as they find their own.
    func payments(_ table: SourceTable, into report: inout ImportReport) async throws {
        var counts = ImportReport.Table(name: "tb_payment → \(Payment.schema)")
        var here = try await run.ids(Payment.schema)
        var trades = Set(try await run.sql.raw("SELECT trade_id FROM \(ident: Payment.schema)").all().map { try $0.decode(column: "trade_id", as: String.self) })
        var rows: [[any SQLExpression]] = []
        for record in table.records {
            counts.read += 1
            let label = "#\(record.text("id") ?? "?")"
            guard let id = record.int("id"), let order = record.text("order_id") else { counts.skip(label, because: "no id or order"); continue }
            if here.contains(id) { counts.skip(label, because: "already imported"); continue }
            guard let total = run.movedOrders[order] else { counts.skip(label, because: "its order was not imported"); continue }
            guard let trade = record.text("trade_id"), !trade.isEmpty else { counts.skip(label, because: "no trade number"); continue }
            guard trades.insert(trade).inserted else { counts.skip(label, because: "trade number recorded already"); continue }
            rows.append([SQLBind(id), SQLBind(order), SQLBind(trade), SQLBind(AlipayPayments.provider), SQLBind(total),
                         SQLBind(Payment.Status.paid.rawValue), SQLBind(run.time(record["create_time"])), SQLBind(run.time(record["update_time"]))])
            here.insert(id)
        }
        try await run.insert(into: Payment.schema, columns: ["id", "order_id", "trade_id", "provider", "amount", "status", "create_time",
                                                         "update_time"], rows: rows)
        counts.imported = rows.count
        report.record(counts)
    }
}
