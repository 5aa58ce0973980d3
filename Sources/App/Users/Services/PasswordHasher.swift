import Crypto
import _CryptoExtras
import Foundation
import HummingbirdBcrypt
import MeiduoRules
import NIOPosix

/// bcrypt off the event loop: hashing is deliberately slow and would stall other requests. Passwords moved from a
/// Django Meiduo (`pbkdf2_sha256$…`, see `DjangoPasswordHash`) are checked as Django checks them, and `needsRehash`
/// tells the login to replace them with a bcrypt hash once the password is known to be right.
public struct PasswordHasher: Sendable {
    let cost: Int

    public init(cost: Int) { self.cost = cost }

    public func hash(_ password: String) async throws -> String {
        let cost = UInt8(self.cost)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        if let django = DjangoPasswordHash.parse(hash) {
            return try await NIOThreadPool.singleton.runIfActive { try Self.verify(password, django: django) }
        }
        guard hash.hasPrefix("$2") else { return false }
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash this shop did not write (a moved Django user's) is replaced at the next successful login.
    public func needsRehash(_ hash: String) -> Bool { !hash.hasPrefix("$2") }

    /// Django's PBKDF2 check: the derived key, as long as the stored one, compared in constant time.
    static func verify(_ password: String, django: DjangoPasswordHash) throws -> Bool {
        guard let expected = Data(base64Encoded: django.hash), !expected.isEmpty else { return false }
        let function: KDF.Insecure.PBKDF2.HashFunction = django.digest == .sha256 ? .sha256 : .insecureSHA1
        let derived = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: Array(django.salt.utf8), using: function,
                                                        outputByteCount: expected.count, unsafeUncheckedRounds: django.iterations)
        return derived.withUnsafeBytes { key in
            guard key.count == expected.count else { return false }
            return zip(key, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }
}
