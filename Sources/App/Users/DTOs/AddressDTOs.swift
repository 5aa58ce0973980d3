/// An address as the Meiduo front end shows it: area ids and names.
public struct AddressDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let title: String
    public let receiver: String
    public let province: String
    public let city: String
    public let district: String
    public let province_id: Int
    public let city_id: Int
    public let district_id: Int
    public let place: String
    public let mobile: String
    public let tel: String
    public let email: String
}

public struct AddressListDTO: Codable, Sendable, Equatable {
    public let user_id: Int
    /// Always in the answer, `null` when the user has no default address (the front end compares it with ids).
    public let default_address_id: Int?
    public let limit: Int
    public let addresses: [AddressDTO]

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(user_id, forKey: .user_id)
        try container.encode(default_address_id, forKey: .default_address_id)
        try container.encode(limit, forKey: .limit)
        try container.encode(addresses, forKey: .addresses)
    }
}

public struct AddressTitleDTO: Codable, Sendable, Equatable {
    public let title: String
}

/// Fields of a create or update request, validated.
public struct AddressInput: Sendable {
    public var title: String
    public var receiver: String
    public var provinceID: Int
    public var cityID: Int
    public var districtID: Int
    public var place: String
    public var mobile: String
    public var tel: String
    public var email: String

    public init(title: String, receiver: String, provinceID: Int, cityID: Int, districtID: Int, place: String, mobile: String, tel: String, email: String) {
        self.title = title
        self.receiver = receiver
        self.provinceID = provinceID
        self.cityID = cityID
        self.districtID = districtID
        self.place = place
        self.mobile = mobile
        self.tel = tel
        self.email = email
    }

    /// Reads the body as DRF's AddressSerializer would; the title defaults to the receiver's name.
    public static func read(_ input: RequestInput) throws -> AddressInput {
        var form = FormReader(input)
        let receiver = form.string("receiver", maxLength: 20)
        let title = form.string("title", required: false, maxLength: 20)
        let province = form.int("province_id")
        let city = form.int("city_id")
        let district = form.int("district_id")
        let place = form.string("place", maxLength: 50)
        let mobile = form.string("mobile", maxLength: 11)
        let tel = form.string("tel", required: false, allowBlank: true, maxLength: 20) ?? ""
        let email = form.string("email", required: false, allowBlank: true, maxLength: 30) ?? ""
        if let mobile, !Validators.isMobile(mobile) { form.errors.add("mobile", "手机号格式错误") }
        if !email.isEmpty, !Validators.isEmail(email) { form.errors.add("email", DRFMessage.invalidEmail) }
        try form.finish()
        return AddressInput(title: title ?? receiver!, receiver: receiver!, provinceID: province!, cityID: city!, districtID: district!,
                            place: place!, mobile: mobile!, tel: tel, email: email)
    }
}
