import Foundation
import MeiduoRules

/// Alipay login (网页授权, scope `auth_user`): the authorisation page, then the `auth_code` it sends the shopper back
/// with → `alipay.system.oauth.token` (the buyer's id and an access token) → `alipay.user.info.share` (their nickname
/// and avatar), both signed gateway calls whose answers are verified with Alipay's key (`AlipayClient`).
public struct AlipayLoginClient: Sendable {
    let client: AlipayClient

    /// `next` travels as `state` and comes back with the code.
    public func loginURL(next: String) throws -> String {
        var components = URLComponents(string: client.config.authorizeURL)!
        components.percentEncodedQuery = FormURLEncoding.encode([
            ("app_id", client.config.appID), ("scope", "auth_user"), ("redirect_uri", client.config.loginRedirectURL), ("state", next),
        ])
        return components.url!.absoluteString
    }

    /// The buyer's Alipay id (`user_id`, or `open_id` for apps given open ids) and profile for an authorisation code.
    public func identity(code: String) async throws -> ThirdPartyIdentity {
        let token: AlipayReply, profile: AlipayReply
        do {
            token = try await client.call(method: "alipay.system.oauth.token", bizContent: nil,
                                          extra: ["grant_type": "authorization_code", "code": code])
            guard let accessToken = token.access_token, !accessToken.isEmpty else { throw UsersError.alipayLoginFailed }
            profile = try await client.call(method: "alipay.user.info.share", bizContent: nil, extra: ["auth_token": accessToken])
        } catch is AlipayClientError {
            throw UsersError.alipayLoginFailed
        } catch let error as UsersError {
            throw error
        } catch {
            // The gateway out of reach (a timeout, a refused connection): Alipay is unavailable, not the code wrong.
            throw UsersError.alipayUnavailable
        }
        guard profile.isSuccess, let id = token.user_id ?? token.open_id, !id.isEmpty,
              (profile.user_id ?? profile.open_id).map({ $0 == id }) ?? true else { throw UsersError.alipayLoginFailed }
        var kept: [String: String] = [:]
        if let nick = profile.nick_name, !nick.isEmpty { kept["nick_name"] = String(nick.prefix(64)) }
        return ThirdPartyIdentity(id: id, profile: kept)
    }
}
