import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// Orders in the back office: found, opened, shipped with a tracking number, cancelled, noted — and audited.
@Suite struct AdminOrderDeskTests {
    struct Placed {
        let order: OrderInfo
        let shopper: Shopper
        let agent: String
    }

    func placeCashOrder(_ env: TestEnvironment) async throws -> Placed {
        let (order, shopper) = try await env.cashOrderAwaitingShipment()
        let (_, agent) = try await env.staffMember("agent0001", mobile: "13899990001", role: "订单客服")
        return Placed(order: order, shopper: shopper, agent: agent)
    }

    @Test func anAgentFindsAnOrderByTheBuyersMobileAndOpensIt() async throws {
        try await withApp { client, env in
            // setup
            let placed = try await placeCashOrder(env)
            // act
            let found = try await client.send(.get, "/admin/api/orders/?q=13812340000&status=2", token: placed.agent)
            let none = try await client.send(.get, "/admin/api/orders/?q=13800000000", token: placed.agent)
            let detail = try await client.send(.get, "/admin/api/orders/\(placed.order.id!)/", token: placed.agent)
            // check
            let rows = found.object["results"] as? [[String: Any]] ?? []
            #expect(rows.map { $0["order_id"] as? String } == [placed.order.id])
            #expect(rows.first?["username"] as? String == "buyer0001")
            #expect(none.object["count"] as? Int == 0)
            #expect((detail.object["address"] as? [String: Any])?["receiver"] as? String == "张三")
            #expect((detail.object["order"] as? [String: Any])?["status"] as? Int == OrderStatus.unsent.rawValue)
        }
    }

    @Test func shippingRecordsTheTrackingNumberInTheSameStepAsTheMove() async throws {
        try await withApp { client, env in
            // setup
            let placed = try await placeCashOrder(env)
            // act
            let shipped = try await client.send(.put, "/admin/api/orders/\(placed.order.id!)/ship/",
                                                json: ["carrier": "顺丰速运", "tracking_no": "sf 1234 5678 90"], token: placed.agent)
            let again = try await client.send(.put, "/admin/api/orders/\(placed.order.id!)/ship/",
                                              json: ["carrier": "顺丰速运", "tracking_no": "SF0000000000"], token: placed.agent)
            let buyerView = try await client.send(.get, "/orders/\(placed.order.id!)/", token: placed.shopper.token)
            // check: staff and the buyer both see the carrier and number
            let shipment = shipped.object["shipment"] as? [String: Any]
            #expect(shipped.status == .ok && shipment?["tracking_no"] as? String == "SF1234567890")
            #expect((buyerView.object["shipment"] as? [String: Any])?["carrier"] as? String == "顺丰速运")
            #expect(again.status == .badRequest)
            #expect(try await env.order(placed.order.id!).status == OrderStatus.unreceived.rawValue)
            let audit = try await env.auditRows(.init(targetType: "orders"))
            #expect(audit.count == 1 && audit.first?.entry.summary == "发货：顺丰速运 SF1234567890")
        }
    }

    @Test func aBadTrackingNumberOrCarrierChangesNothing() async throws {
        try await withApp { client, env in
            // setup
            let placed = try await placeCashOrder(env)
            // act
            let badNumber = try await client.send(.put, "/admin/api/orders/\(placed.order.id!)/ship/",
                                                  json: ["carrier": "顺丰速运", "tracking_no": "12"], token: placed.agent)
            let badCarrier = try await client.send(.put, "/admin/api/orders/\(placed.order.id!)/ship/",
                                                   json: ["carrier": "飞鸽传书", "tracking_no": "SF1234567890"], token: placed.agent)
            // check
            #expect(badNumber.fieldErrors("tracking_no") == [Shipment.Refusal.badTrackingNumber.rawValue])
            #expect(badCarrier.fieldErrors("carrier") == [Shipment.Refusal.unknownCarrier.rawValue])
            #expect(try await env.order(placed.order.id!).status == OrderStatus.unsent.rawValue)
            #expect(try await env.auditRows().isEmpty)
        }
    }

    @Test func cancellingAnUnpaidOrderGivesItsStockBackAndAPaidOneIsRefused() async throws {
        try await withApp { client, env in
            // setup: an unpaid Alipay order (stock 5 − 1) and the cash order (not unpaid)
            let placed = try await placeCashOrder(env)
            try await env.putInCart(placed.shopper, skuID: 1, count: 1)
            let unpaid = try await env.placeOrder(placed.shopper, payMethod: .alipay)
            // act
            let cancelled = try await client.send(.put, "/admin/api/orders/\(unpaid.id!)/cancel/", token: placed.agent)
            let refused = try await client.send(.put, "/admin/api/orders/\(placed.order.id!)/cancel/", token: placed.agent)
            // check
            #expect(cancelled.status == .ok && (cancelled.object["order"] as? [String: Any])?["status"] as? Int == OrderStatus.cancelled.rawValue)
            #expect(refused.status == .badRequest)
            #expect(try await env.sku(1).stock == 3)
        }
    }

    @Test func notesAreKeptInOrderWithTheirAuthor() async throws {
        try await withApp { client, env in
            // setup
            let placed = try await placeCashOrder(env)
            // act
            let first = try await client.send(.post, "/admin/api/orders/\(placed.order.id!)/notes/", json: ["text": "买家来电：周末送货"], token: placed.agent)
            _ = try await client.send(.post, "/admin/api/orders/\(placed.order.id!)/notes/", json: ["text": "已与仓库确认"], token: placed.agent)
            let blank = try await client.send(.post, "/admin/api/orders/\(placed.order.id!)/notes/", json: ["text": " "], token: placed.agent)
            let detail = try await client.send(.get, "/admin/api/orders/\(placed.order.id!)/", token: placed.agent)
            // check
            let notes = detail.object["notes"] as? [[String: Any]] ?? []
            #expect(first.status == .created && blank.status == .badRequest)
            #expect(notes.map { $0["text"] as? String } == ["买家来电：周末送货", "已与仓库确认"])
            #expect(notes.first?["staff_username"] as? String == "agent0001")
        }
    }

    @Test func aCourseOperatorMayNotSeeOrders() async throws {
        try await withApp { client, env in
            // setup
            let placed = try await placeCashOrder(env)
            let (_, courses) = try await env.staffMember("course001", mobile: "13899990005", role: "课程运营")
            // act
            let list = try await client.send(.get, "/admin/api/orders/", token: courses)
            let ship = try await client.send(.put, "/admin/api/orders/\(placed.order.id!)/ship/", json: ["carrier": "EMS", "tracking_no": "EM123456789CN"], token: courses)
            // check
            #expect(list.status == .forbidden && ship.status == .forbidden)
        }
    }
}
