import Crypto
import Foundation

/// HMAC-SHA256 over a storage key and an expiry time, with a key derived from the shop's secret: the signed
/// `/media/private/...` URLs the local storage hands out, checked when they are fetched.
public struct MediaURLSignature: Sendable {
    let key: SymmetricKey

    public init(secret: String) {
        key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array("meiduo-media-url".utf8), using: SymmetricKey(data: Array(secret.utf8))))
    }

    public func sign(key storageKey: String, expires: Int) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(storageKey)\n\(expires)".utf8), using: key)
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// True when `signature` is this key's and `expires` is still ahead of `now`.
    public func isValid(key storageKey: String, expires: String?, signature: String?, now: Date) -> Bool {
        guard let expires, let seconds = Int(expires), let signature, signature.utf8.count == 64 else { return false }
        guard Double(seconds) > now.timeIntervalSince1970 else { return false }
        let expected = Array(sign(key: storageKey, expires: seconds).utf8)
        // Compared in constant time: the signature is a secret's output.
        return zip(expected, Array(signature.utf8)).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
