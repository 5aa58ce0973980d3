import Testing
@testable import MeiduoRules

@Suite struct OrderStatusTests {
    @Test func happyPathWalksEveryState() {
        // act
        let path = [OrderStatus.Event.paid, .shipped, .received, .allCommented].reduce([OrderStatus.unpaid]) { states, event in
            states + [states.last!.after(event)!]
        }
        // check
        #expect(path == [.unpaid, .unsent, .unreceived, .uncommented, .finished])
    }

    @Test func onlyUnpaidOrdersCanBeCancelled() {
        // act
        let cancellable = OrderStatus.allCases.filter { $0.after(.cancelled) != nil }
        // check
        #expect(cancellable == [.unpaid])
    }

    @Test func onlyAPaidUnshippedOrderCanBeRefundedIntoCancelled() {
        // act
        let refundable = OrderStatus.allCases.filter { $0.after(.refunded) != nil }
        // check
        #expect(refundable == [.unsent])
        #expect(OrderStatus.unsent.after(.refunded) == .cancelled)
    }

    @Test func illegalTransitionsAreRefused() {
        #expect(OrderStatus.unpaid.after(.shipped) == nil)
        #expect(OrderStatus.cancelled.after(.paid) == nil)
        #expect(OrderStatus.finished.after(.received) == nil)
        #expect(OrderStatus.unsent.after(.paid) == nil)
    }

    @Test func cashOnDeliveryStartsUnsentAndOnlinePaymentUnpaid() {
        #expect(OrderStatus.initial(for: .cashOnDelivery) == .unsent)
        #expect(OrderStatus.initial(for: .alipay) == .unpaid)
        #expect(OrderStatus.initial(for: .wechat) == .unpaid)
    }

    @Test func orderNumberHasTimestampPaddedUserAndSuffix() {
        // setup
        var rng = SystemRandomNumberGenerator()
        // act
        let number = OrderNumber.make(timestamp: "20261122093000", userID: 42, using: &rng)
        // check
        #expect(number.count == 27)
        #expect(number.hasPrefix("20261122093000000000042"))
        #expect(number.allSatisfy { $0.isNumber })
    }

    @Test func reviewerNamesAreMasked() {
        #expect(ReviewerName.masked("张三丰") == "张***丰")
        #expect(ReviewerName.masked("a") == "a***")
        #expect(ReviewerName.masked("") == "***")
    }
}
