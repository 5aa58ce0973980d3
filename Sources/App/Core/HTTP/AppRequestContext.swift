import Foundation
import Hummingbird
import MeiduoRules

/// The authenticated user: who the verified JWT names, and what their account allows now.
public struct AuthUser: Sendable, Equatable {
    public let id: Int
    public let username: String
    /// Read from the account (cached for seconds), not from the token: a withdrawn role ends with it.
    public var isStaff: Bool = false
    /// The back-office permissions of the account's roles (none for a shopper), read with `isStaff`.
    public var grants: StaffGrants = .none
}

/// What the `Authorization` header said: nothing, a valid token, or a token we refused.
public enum AuthState: Sendable {
    case anonymous
    case authenticated(AuthUser)
    case rejected(APIError)
}

public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var auth: AuthState = .anonymous
    /// Set by `AuditMiddleware` on the back office's write doors: the handler notes what it changed.
    public var audit: AuditNote?
    public var maxUploadSize: Int { RequestInput.maxBodyBytes }

    /// JSON as DRF writes it: URLs without escaped slashes.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// The logged-in user, or the 401 DRF's IsAuthenticated gives.
    public func requireUser() throws -> AuthUser {
        switch auth {
        case .authenticated(let user): return user
        case .rejected(let error): throw error
        case .anonymous: throw APIError.notAuthenticated
        }
    }

    /// The logged-in staff user: 401 without a login, 403 for a shopper.
    public func requireStaff() throws -> AuthUser {
        let user = try requireUser()
        guard user.isStaff else { throw APIError.permissionDenied }
        return user
    }

    /// The logged-in staff user allowed `access` to `area` by their roles: 401 without a login, 403 otherwise.
    public func requirePermission(_ area: StaffArea, _ access: StaffAccess) throws -> AuthUser {
        let user = try requireStaff()
        guard user.grants.allows(area, access) else { throw APIError.permissionDenied }
        return user
    }

    /// The user when the token is valid; nil for anonymous or rejected tokens (the cart treats both as anonymous).
    public var optionalUser: AuthUser? {
        if case .authenticated(let user) = auth { return user }
        return nil
    }
}

extension AppRequestContext {
    /// A path id (`:id`, `:image_id`): a positive integer that fits the tables' ids, else 404 — as an unknown one.
    public func pathID(_ name: String = "id") throws -> Int {
        guard let id = parameters.get(name, as: Int.self), id > 0, id <= Int(Int32.max) else { throw APIError.notFound }
        return id
    }
}
