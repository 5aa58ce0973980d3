/// Which options a SKU of an SPU may have (seed 000: an SKU is one option of each of its SPU's specifications, and the
/// spec map links SKUs by those choices): exactly one option of every specification, and no two SKUs with the same
/// choices — the detail page's selector could not tell them apart.
public enum SKUOptions {
    public struct Spec: Sendable, Equatable {
        public let id: Int
        public let optionIDs: [Int]

        public init(id: Int, optionIDs: [Int]) {
            self.id = id
            self.optionIDs = optionIDs
        }
    }

    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case unknownOption(Int)
        case twoOfOneSpec
        case missingSpec
        case taken

        public var description: String {
            switch self {
            case .unknownOption(let id): "选项 \(id) 不属于该商品的规格。"
            case .twoOfOneSpec: "每个规格只能选一个选项。"
            case .missingSpec: "每个规格都要选一个选项。"
            case .taken: "已有相同规格组合的 SKU。"
            }
        }
    }

    /// The chosen options in the SPU's specification order, or why they can't be a SKU's. `others` are the option
    /// sets of the SPU's other SKUs.
    public static func arrange(_ chosen: [Int], specs: [Spec], others: [[Int]]) -> Result<[Int], Refusal> {
        var bySpec: [Int: Int] = [:]
        for option in chosen {
            guard let spec = specs.first(where: { $0.optionIDs.contains(option) }) else { return .failure(.unknownOption(option)) }
            guard bySpec[spec.id] == nil else { return .failure(.twoOfOneSpec) }
            bySpec[spec.id] = option
        }
        guard bySpec.count == specs.count else { return .failure(.missingSpec) }
        let arranged = specs.map { bySpec[$0.id]! }
        if others.contains(where: { Set($0) == Set(arranged) }) { return .failure(.taken) }
        return .success(arranged)
    }
}
