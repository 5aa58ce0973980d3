import AsyncHTTPClient
import Foundation
import NIOCore

/// WeChat's `code2session` (小程序登录): `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code`
/// answers `{openid, session_key, unionid?}`, or `{errcode, errmsg}` — 40029 an invalid code, 40163 a code already
/// used, 40125/40013 a wrong secret or app id, -1 or 45011 busy.
public struct WeChatMiniClient: Sendable {
    let config: WeChatMiniConfig
    let httpClient: HTTPClient

    public struct Session: Sendable, Equatable {
        public let openid: String
        public let unionid: String?
    }

    public init(config: WeChatMiniConfig, httpClient: HTTPClient) {
        self.config = config
        self.httpClient = httpClient
    }

    public func session(forCode code: String) async throws -> Session {
        guard let appID = config.appID, let secret = config.appSecret else { throw UsersError.wechatUnavailable }
        var components = URLComponents(string: config.apiBaseURL + "/sns/jscode2session")!
        components.percentEncodedQuery = QQOAuthClient.query(["appid": appID, "secret": secret, "js_code": code, "grant_type": "authorization_code"])
        let object: [String: Any]
        do {
            let response = try await httpClient.execute(HTTPClientRequest(url: components.url!.absoluteString), timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 16)
            guard response.status == .ok, let parsed = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
                throw UsersError.wechatUnavailable
            }
            object = parsed
        } catch let error as UsersError {
            throw error
        } catch {
            throw UsersError.wechatUnavailable
        }
        if let openid = object["openid"] as? String, !openid.isEmpty {
            return Session(openid: openid, unionid: (object["unionid"] as? String).flatMap { $0.isEmpty ? nil : $0 })
        }
        switch (object["errcode"] as? NSNumber)?.intValue {
        case 40029, 40163: throw UsersError.wechatLoginFailed  // the shopper's code: ask them to sign in again
        default:
            // A wrong app id or secret, or WeChat busy: the shop's problem, not the shopper's.
            throw UsersError.wechatUnavailable
        }
    }
}
