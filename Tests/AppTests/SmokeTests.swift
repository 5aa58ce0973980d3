import Testing
import HummingbirdTesting
@testable import App
@Test func smoke() { #expect(1 == 1) }
