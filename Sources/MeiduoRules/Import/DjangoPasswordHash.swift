/// A password hash as Django stores it: `<algorithm>$<iterations>$<salt>$<base64 hash>` (the PBKDF2 hashers, Django's
/// default and the original Meiduo's). Moved users keep their passwords: the hash is checked at their first login here
/// and then replaced by this shop's own.
public struct DjangoPasswordHash: Sendable, Equatable {
    public enum Digest: String, Sendable { case sha256 = "pbkdf2_sha256", sha1 = "pbkdf2_sha1" }

    public let digest: Digest
    public let iterations: Int
    public let salt: String
    /// The derived key, base64 as Django writes it.
    public let hash: String

    /// More rounds than any Django release uses: a hash asking for more is refused rather than letting one login spin
    /// a CPU for minutes.
    public static let maxIterations = 5_000_000

    /// Nil for anything else: bcrypt (this shop's), Django's unusable `!…` passwords, hashers the import can't check.
    public static func parse(_ stored: String) -> DjangoPasswordHash? {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, let digest = Digest(rawValue: String(parts[0])),
              let iterations = Int(parts[1]), iterations > 0, iterations <= maxIterations,
              !parts[2].isEmpty, !parts[3].isEmpty else { return nil }
        return DjangoPasswordHash(digest: digest, iterations: iterations, salt: String(parts[2]), hash: String(parts[3]))
    }

    /// The Django hasher that wrote `stored`, when it is one the import can't check (`argon2`, `bcrypt_sha256`,
    /// `md5`, …): such a user is moved all the same and sets a new password through 忘记密码.
    public static func uncheckableAlgorithm(_ stored: String) -> String? {
        if parse(stored) != nil || stored.hasPrefix("$2") { return nil }
        if stored.hasPrefix("!") || stored.isEmpty { return "unusable" }
        return String(stored.split(separator: "$", maxSplits: 1).first ?? "unknown")
    }
}
