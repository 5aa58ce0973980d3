import Foundation
import NIOSSL

/// `meiduo serve` speaking HTTPS itself (seed 001 证书: the mini-program talks only to HTTPS), from a PEM certificate
/// chain and its private key (`TLS_CERTIFICATE_FILE`, `TLS_KEY_FILE`: both or neither). Behind nginx leave them unset:
/// nginx holds the certificate (`deploy/nginx/meiduo.conf`).
public struct TLSFiles: Sendable, Equatable {
    public var certificate: String
    public var key: String

    public init(certificate: String, key: String) {
        self.certificate = certificate
        self.key = key
    }

    static func load(_ env: EnvReader) throws -> TLSFiles? {
        let certificate = env.nonEmpty("TLS_CERTIFICATE_FILE"), key = env.nonEmpty("TLS_KEY_FILE")
        switch (certificate, key) {
        case (nil, nil): return nil
        case (nil, _): throw ConfigError(variable: "TLS_CERTIFICATE_FILE", problem: "is required when TLS_KEY_FILE is set")
        case (_, nil): throw ConfigError(variable: "TLS_KEY_FILE", problem: "is required when TLS_CERTIFICATE_FILE is set")
        case (let certificate?, let key?):
            for (variable, path) in [("TLS_CERTIFICATE_FILE", certificate), ("TLS_KEY_FILE", key)] where !FileManager.default.isReadableFile(atPath: path) {
                throw ConfigError(variable: variable, problem: "cannot read \(path)")
            }
            return TLSFiles(certificate: certificate, key: key)
        }
    }

    /// The server side of TLS 1.2+ with the chain and key read now (a bad file stops `serve` with the reason).
    public func serverConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
