import Testing
@testable import MeiduoRules

@Suite struct ShipmentTests {
    @Test func aTrackingNumberIsStoredWithoutSpacesInCapitals() {
        // act
        let result = Shipment.check(carrier: "中通快递", trackingNumber: " 7812 3456 abc ")
        // check
        #expect((try? result.get())?.trackingNumber == "78123456ABC")
    }

    @Test func aShortOrOddTrackingNumberIsRefused() {
        // act / check
        #expect(throws: Shipment.Refusal.badTrackingNumber) { try Shipment.check(carrier: "EMS", trackingNumber: "12345").get() }
        #expect(throws: Shipment.Refusal.badTrackingNumber) { try Shipment.check(carrier: "EMS", trackingNumber: "快递12345678").get() }
    }

    @Test func anUnknownCarrierIsRefused() {
        // act / check
        #expect(throws: Shipment.Refusal.unknownCarrier) { try Shipment.check(carrier: "飞鸽传书", trackingNumber: "SF1234567890").get() }
    }
}
