import FluentKit
import Foundation

/// A user's shipping addresses. Every lookup is scoped to the owner, so another user's address is simply not found.
public struct AddressService: Sendable {
    public static let limit = 20
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public func list(userID: Int) async throws -> AddressListDTO {
        let db = services.db()
        guard let user = try await User.find(userID, on: db) else { throw APIError.notAuthenticated }
        let addresses = try await Address.query(on: db)
            .filter(\.$userID == userID).filter(\.$isDeleted == false)
            .sort(\.$updateTime, .descending).all()
        var dtos: [AddressDTO] = []
        for address in addresses { dtos.append(try await dto(address)) }
        return AddressListDTO(user_id: userID, default_address_id: user.defaultAddressID, limit: Self.limit, addresses: dtos)
    }

    public func create(userID: Int, input: AddressInput) async throws -> AddressDTO {
        try await checkAreas(input)
        let address = try await services.db().transaction { tx -> Address in
            let count = try await Address.query(on: tx).filter(\.$userID == userID).filter(\.$isDeleted == false).count()
            guard count < Self.limit else { throw UsersError.addressLimitReached(Self.limit) }
            let address = Address()
            address.userID = userID
            address.isDeleted = false
            apply(input, to: address)
            try await address.create(on: tx)
            // The first address becomes the default, so checkout has one to offer.
            if let user = try await User.find(userID, on: tx), user.defaultAddressID == nil {
                user.defaultAddressID = address.id
                try await user.save(on: tx)
            }
            return address
        }
        return try await dto(address)
    }

    public func update(userID: Int, addressID: Int, input: AddressInput) async throws -> AddressDTO {
        try await checkAreas(input)
        let address = try await owned(userID: userID, addressID: addressID)
        apply(input, to: address)
        try await address.save(on: services.db())
        return try await dto(address)
    }

    /// Logical delete (seed 000 is_deleted): orders keep pointing at the row.
    public func delete(userID: Int, addressID: Int) async throws {
        let address = try await owned(userID: userID, addressID: addressID)
        try await services.db().transaction { tx in
            address.isDeleted = true
            try await address.save(on: tx)
            if let user = try await User.find(userID, on: tx), user.defaultAddressID == addressID {
                user.defaultAddressID = nil
                try await user.save(on: tx)
            }
        }
    }

    public func setDefault(userID: Int, addressID: Int) async throws {
        _ = try await owned(userID: userID, addressID: addressID)
        guard let user = try await User.find(userID, on: services.db()) else { throw APIError.notAuthenticated }
        user.defaultAddressID = addressID
        try await user.save(on: services.db())
    }

    public func setTitle(userID: Int, addressID: Int, title: String) async throws -> AddressTitleDTO {
        let address = try await owned(userID: userID, addressID: addressID)
        address.title = title
        try await address.save(on: services.db())
        return AddressTitleDTO(title: title)
    }

    /// The user's live address with this id, or nil.
    public func ownedOrNil(userID: Int, addressID: Int) async throws -> Address? {
        try await Address.query(on: services.db())
            .filter(\.$id == addressID).filter(\.$userID == userID).filter(\.$isDeleted == false).first()
    }

    /// The address an order was placed with, even if the buyer has deleted it since (the order still ships there).
    public func orderAddress(userID: Int, addressID: Int) async throws -> AddressDTO? {
        guard let address = try await Address.query(on: services.db()).filter(\.$id == addressID).filter(\.$userID == userID).first() else {
            return nil
        }
        return try await dto(address)
    }

    /// The user's live address with this id, or 404.
    public func owned(userID: Int, addressID: Int) async throws -> Address {
        guard let address = try await ownedOrNil(userID: userID, addressID: addressID) else { throw UsersError.addressNotFound }
        return address
    }

    /// The district must lie in the city, and the city in the province.
    func checkAreas(_ input: AddressInput) async throws {
        let sql = services.sql()
        let cache = services.areas
        let provinceName = try await cache.name(of: input.provinceID, sql)
        let provinceParent = try await cache.parent(of: input.provinceID, sql)
        let cityParent = try await cache.parent(of: input.cityID, sql)
        let districtParent = try await cache.parent(of: input.districtID, sql)
        var errors = FieldErrors()
        if provinceName == nil || provinceParent != nil {
            errors.add("province_id", "省份不存在")
        } else if cityParent != input.provinceID {
            errors.add("city_id", "城市不属于所选省份")
        } else if districtParent != input.cityID {
            errors.add("district_id", "区县不属于所选城市")
        }
        try errors.throwIfAny()
    }

    func apply(_ input: AddressInput, to address: Address) {
        address.title = input.title
        address.receiver = input.receiver
        address.provinceID = input.provinceID
        address.cityID = input.cityID
        address.districtID = input.districtID
        address.place = input.place
        address.mobile = input.mobile
        address.tel = input.tel
        address.email = input.email
    }

    func dto(_ a: Address) async throws -> AddressDTO {
        let sql = services.sql()
        let names = services.areas
        return AddressDTO(
            id: try a.requireID(), title: a.title, receiver: a.receiver,
            province: try await names.name(of: a.provinceID, sql) ?? "",
            city: try await names.name(of: a.cityID, sql) ?? "",
            district: try await names.name(of: a.districtID, sql) ?? "",
            province_id: a.provinceID, city_id: a.cityID, district_id: a.districtID,
            place: a.place, mobile: a.mobile, tel: a.tel, email: a.email)
    }
}

extension Address {
    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}
