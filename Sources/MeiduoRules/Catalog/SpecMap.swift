/// One option of an SPU specification, e.g. `3: 深灰色`.
public struct SpecOptionDefinition: Sendable, Equatable {
    public var id: Int
    public var value: String

    public init(id: Int, value: String) {
        self.id = id
        self.value = value
    }
}

/// One SPU specification with its options in display order, e.g. `颜色`.
public struct SpecDefinition: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var options: [SpecOptionDefinition]

    public init(id: Int, name: String, options: [SpecOptionDefinition]) {
        self.id = id
        self.name = name
        self.options = options
    }
}

/// A specification as shown on the detail page. JSON: `{"name": …, "options": […]}`.
public struct SpecChoice: Codable, Sendable, Equatable {
    public var name: String
    public var options: [OptionChoice]

    public init(name: String, options: [OptionChoice]) {
        self.name = name
        self.options = options
    }
}

/// An option as shown on the detail page: the SKU to link to when it is
/// picked, or `nil` when no SKU has that combination.
/// JSON: `{"value": …, "sku_id": 12}` or `{"value": …, "sku_id": null}`.
public struct OptionChoice: Codable, Sendable, Equatable {
    public var value: String
    public var skuID: Int?

    public init(value: String, skuID: Int?) {
        self.value = value
        self.skuID = skuID
    }

    private enum CodingKeys: String, CodingKey {
        case value
        case skuID = "sku_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decode(String.self, forKey: .value)
        skuID = try container.decodeIfPresent(Int.self, forKey: .skuID)
    }

    /// Always writes `sku_id`, as `null` when there is no SKU (the synthesised
    /// encoder would omit the key).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        if let skuID {
            try container.encode(skuID, forKey: .skuID)
        } else {
            try container.encodeNil(forKey: .skuID)
        }
    }
}

/// The specification map of the SKU detail page (`goods.specs` with
/// `option.sku_id` in the original Meiduo `get_goods_and_spec`).
public enum SpecMap {
    /// For every specification of the SPU (in the given order) and each of its
    /// options (in the given order): the SKU that has that option for this
    /// specification and the current SKU's options for all the others, or
    /// `nil` if there is none.
    ///
    /// - Parameters:
    ///   - specs: the SPU's specifications.
    ///   - skuOptions: every SKU of the SPU: sku id → [spec id: option id].
    ///     Pass only the SKUs that may be linked (e.g. launched ones); the
    ///     original used all of them.
    ///   - currentSKU: the SKU being shown.
    /// - Returns: `[]` when the current SKU is unknown or lacks an option for
    ///   some specification (as the original did).
    ///
    /// SKUs lacking an option for some specification are never linked;
    /// entries for specifications not in `specs` are ignored. If several SKUs
    /// share a combination, the current SKU wins for its own combination and
    /// otherwise the smallest sku id wins, so the result is deterministic.
    public static func choices(
        specs: [SpecDefinition],
        skuOptions: [Int: [Int: Int]],
        currentSKU: Int
    ) -> [SpecChoice] {
        guard let current = skuOptions[currentSKU].flatMap({ key(of: $0, specs: specs) }) else {
            return []
        }
        var skuByKey: [[Int]: Int] = [:]
        for skuID in skuOptions.keys.sorted() {
            guard let options = skuOptions[skuID], let key = key(of: options, specs: specs) else { continue }
            if skuByKey[key] == nil { skuByKey[key] = skuID }
        }
        skuByKey[current] = currentSKU

        return specs.enumerated().map { index, spec in
            var key = current
            let options = spec.options.map { option in
                key[index] = option.id
                return OptionChoice(value: option.value, skuID: skuByKey[key])
            }
            return SpecChoice(name: spec.name, options: options)
        }
    }

    /// Option ids in `specs` order, or `nil` if some specification is missing.
    private static func key(of options: [Int: Int], specs: [SpecDefinition]) -> [Int]? {
        var key: [Int] = []
        key.reserveCapacity(specs.count)
        for spec in specs {
            guard let option = options[spec.id] else { return nil }
            key.append(option)
        }
        return key
    }
}
