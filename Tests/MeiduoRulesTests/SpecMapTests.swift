import Foundation
import Testing
@testable import MeiduoRules

/// The MacBook Pro SPU of the seed data.
private let macBookSpecs = [
    SpecDefinition(id: 1, name: "屏幕尺寸", options: [
        SpecOptionDefinition(id: 1, value: "13.3英寸"),
        SpecOptionDefinition(id: 2, value: "15.4英寸"),
    ]),
    SpecDefinition(id: 2, name: "颜色", options: [
        SpecOptionDefinition(id: 3, value: "深灰色"),
        SpecOptionDefinition(id: 4, value: "银色"),
    ]),
    SpecDefinition(id: 3, name: "版本", options: [
        SpecOptionDefinition(id: 5, value: "core i5/8G内存/256G存储"),
        SpecOptionDefinition(id: 6, value: "core i5/8G内存/128G存储"),
        SpecOptionDefinition(id: 7, value: "core i5/8G内存/512G存储"),
    ]),
]

/// SKU 1 = 13.3英寸 / 银色 / 512G, SKU 2 = 13.3英寸 / 深灰色 / 512G.
private let macBookSKUs: [Int: [Int: Int]] = [1: [1: 1, 2: 4, 3: 7], 2: [1: 1, 2: 3, 3: 7]]

@Test func specMapReproducesSeedMacBookExample() {
    // setup
    let expected = [
        SpecChoice(name: "屏幕尺寸", options: [
            OptionChoice(value: "13.3英寸", skuID: 1), OptionChoice(value: "15.4英寸", skuID: nil),
        ]),
        SpecChoice(name: "颜色", options: [
            OptionChoice(value: "深灰色", skuID: 2), OptionChoice(value: "银色", skuID: 1),
        ]),
        SpecChoice(name: "版本", options: [
            OptionChoice(value: "core i5/8G内存/256G存储", skuID: nil),
            OptionChoice(value: "core i5/8G内存/128G存储", skuID: nil),
            OptionChoice(value: "core i5/8G内存/512G存储", skuID: 1),
        ]),
    ]
    // act
    let choices = SpecMap.choices(specs: macBookSpecs, skuOptions: macBookSKUs, currentSKU: 1)
    // check
    #expect(choices == expected)
}

@Test func specMapIsEmptyWhenCurrentSKULacksASpec() {
    // setup
    let skus: [Int: [Int: Int]] = [1: [1: 1, 2: 4], 2: [1: 1, 2: 3, 3: 7]]
    // act
    let choices = SpecMap.choices(specs: macBookSpecs, skuOptions: skus, currentSKU: 1)
    // check
    #expect(choices.isEmpty)
}

@Test func specMapIsEmptyForUnknownCurrentSKU() {
    // setup
    let unknown = 99
    // act
    let choices = SpecMap.choices(specs: macBookSpecs, skuOptions: macBookSKUs, currentSKU: unknown)
    // check
    #expect(choices.isEmpty)
}

@Test func specMapNeverLinksSKUsMissingASpec() {
    // setup: SKU 3 would be 15.4英寸 / 银色 / 512G but has no 版本
    var skus = macBookSKUs
    skus[3] = [1: 2, 2: 4]
    // act
    let choices = SpecMap.choices(specs: macBookSpecs, skuOptions: skus, currentSKU: 1)
    // check
    #expect(choices[0].options[1].skuID == nil)
}

@Test func specMapPrefersCurrentThenSmallestSKUForSharedCombination() {
    // setup: SKUs 5 and 9 duplicate SKU 1; SKUs 8 and 4 both are 深灰色
    var skus = macBookSKUs
    skus[9] = [1: 1, 2: 4, 3: 7]
    skus[5] = [1: 1, 2: 4, 3: 7]
    skus[8] = [1: 1, 2: 3, 3: 7]
    skus[2] = nil
    skus[4] = [1: 1, 2: 3, 3: 7]
    // act
    let choices = SpecMap.choices(specs: macBookSpecs, skuOptions: skus, currentSKU: 5)
    // check
    #expect(choices[1].options.map(\.skuID) == [4, 5])
}

@Test func specMapIgnoresOptionsOfSpecsOutsideTheSPU() {
    // setup: SKU 2 carries a stale spec 42
    var skus = macBookSKUs
    skus[2]?[42] = 100
    // act
    let choices = SpecMap.choices(specs: macBookSpecs, skuOptions: skus, currentSKU: 1)
    // check
    #expect(choices[1].options[0].skuID == 2)
}

@Test func optionChoiceEncodesMissingSKUAsExplicitNull() throws {
    // setup
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let choice = SpecChoice(name: "颜色", options: [
        OptionChoice(value: "深灰色", skuID: 2), OptionChoice(value: "银色", skuID: nil),
    ])
    // act
    let json = String(decoding: try encoder.encode(choice), as: UTF8.self)
    // check
    #expect(json == #"{"name":"颜色","options":[{"sku_id":2,"value":"深灰色"},{"sku_id":null,"value":"银色"}]}"#)
}

@Test func specChoicesSurviveAJSONRoundTrip() throws {
    // setup
    let choices = SpecMap.choices(specs: macBookSpecs, skuOptions: macBookSKUs, currentSKU: 2)
    // act
    let decoded = try JSONDecoder().decode([SpecChoice].self, from: JSONEncoder().encode(choices))
    // check
    #expect(decoded == choices)
    #expect(!decoded.isEmpty)
}
