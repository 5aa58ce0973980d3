import Testing
@testable import MeiduoRules
@Test func smoke() { #expect(MeiduoRulesVersion.v == 1) }
