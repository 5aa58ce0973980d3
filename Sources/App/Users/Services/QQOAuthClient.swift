import AsyncHTTPClient
import Foundation
import NIOCore

/// QQ 互联 OAuth 2: the authorize URL, then code → access token → openid over QQ's HTTP API.
public struct QQOAuthClient: Sendable {
    let config: QQConfig
    let httpClient: HTTPClient

    public init(config: QQConfig, httpClient: HTTPClient) {
        self.config = config
        self.httpClient = httpClient
    }

    /// The QQ login page the shopper is sent to; `next` comes back as `state`.
    public func loginURL(next: String) throws -> String {
        guard let clientID = config.clientID else { throw UsersError.qqUnavailable }
        var components = URLComponents(string: config.authorizeBaseURL)!
        components.percentEncodedQuery = Self.query([
            "response_type": "code", "client_id": clientID, "redirect_uri": config.redirectURI,
            "state": next, "scope": "get_user_info",
        ])
        return components.url!.absoluteString
    }

    /// Exchanges an authorization code for the user's openid.
    public func openid(forCode code: String) async throws -> String {
        guard let clientID = config.clientID, let secret = config.clientSecret else { throw UsersError.qqUnavailable }
        let tokenText = try await get("/oauth2.0/token", [
            "grant_type": "authorization_code", "client_id": clientID, "client_secret": secret,
            "code": code, "redirect_uri": config.redirectURI,
        ])
        guard let accessToken = Self.parseTokenReply(tokenText) else { throw UsersError.qqLoginFailed }
        let meText = try await get("/oauth2.0/me", ["access_token": accessToken])
        guard let openid = Self.parseJSONP(meText)?["openid"] as? String, !openid.isEmpty else { throw UsersError.qqLoginFailed }
        return openid
    }

    func get(_ path: String, _ query: [String: String]) async throws -> String {
        var components = URLComponents(string: config.apiBaseURL + path)!
        components.percentEncodedQuery = Self.query(query)
        do {
            let response = try await httpClient.execute(HTTPClientRequest(url: components.url!.absoluteString), timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 16)
            guard response.status == .ok else { throw UsersError.qqUnavailable }
            return String(buffer: body)
        } catch let error as UsersError {
            throw error
        } catch {
            throw UsersError.qqUnavailable
        }
    }

    /// Form-style query with every reserved character escaped (URLComponents would leave `+`, which servers read as a space).
    static func query(_ items: [String: String]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return items.sorted { $0.key < $1.key }.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }

    /// QQ answers `access_token=…&expires_in=…` on success and a JSONP error object otherwise.
    static func parseTokenReply(_ text: String) -> String? {
        if let json = parseJSONP(text) { return json["access_token"] as? String }
        let pairs = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "&")
        for pair in pairs {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0] == "access_token" { return String(kv[1]).removingPercentEncoding }
        }
        return nil
    }

    /// `callback( {...} );` or plain JSON → the object.
    static func parseJSONP(_ text: String) -> [String: Any]? {
        guard let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close else { return nil }
        let json = Data(text[open...close].utf8)
        return (try? JSONSerialization.jsonObject(with: json)) as? [String: Any]
    }
}
