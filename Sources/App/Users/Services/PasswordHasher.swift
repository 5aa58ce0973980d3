import HummingbirdBcrypt
import NIOPosix

/// bcrypt off the event loop: hashing is deliberately slow and would stall other requests.
public struct PasswordHasher: Sendable {
    let cost: Int

    public init(cost: Int) { self.cost = cost }

    public func hash(_ password: String) async throws -> String {
        let cost = UInt8(self.cost)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
