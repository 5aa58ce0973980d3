import FluentKit
import Foundation
@testable import App

/// Shortcuts that put the shop into a known state through its own service functions.
extension TestEnvironment {
    @discardableResult
    func createUser(_ username: String = "shopper01", password: String = "password123", mobile: String = "13800138000") async throws -> User {
        try await AccountService(services: services).createUser(.init(username: username, password: password, mobile: mobile))
    }

    func token(for user: User) async throws -> String {
        try await LoginResponder(services: services).token(for: user)
    }

    /// A user and their login token.
    func loggedInUser(_ username: String = "shopper01", mobile: String = "13800138000") async throws -> (User, String) {
        let user = try await createUser(username, mobile: mobile)
        return (user, try await token(for: user))
    }

    /// Stores a known captcha answer for `id`, as `GET /image_codes/<id>/` would.
    func storeCaptcha(id: String, answer: String) async throws {
        try await services.keyValues().set("img_\(id)", answer, ttl: 300)
    }

    /// Sends an SMS code to `mobile` through the service and returns the code the provider received.
    func sendSMSCode(to mobile: String) async throws -> String {
        try await VerificationService(services: services).sendSMSCode(to: mobile)
        await runJobs()
        return sms.lastCode(for: mobile)!
    }
}

/// A valid address body: Beijing / Beijing / Dongcheng.
func addressBody(title: String = "家", receiver: String = "张三") -> [String: Any] {
    ["title": title, "receiver": receiver, "province_id": 110000, "city_id": 110100, "district_id": 110101,
     "place": "东长安街1号", "mobile": "13800138000", "tel": "", "email": ""]
}

/// The original Meiduo sample data, from the shared folder beside the repository.
enum MeiduoSample {
    static let goodsDump: String = {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/data/meiduo/goods_data.sql").path
    }()
}

extension TestEnvironment {
    /// Loads the Meiduo sample catalog (544 categories, 16 SKUs, 122 ads…).
    func loadMeiduoSample() async throws {
        try await MeiduoDumpLoader(services: services).load(paths: [MeiduoSample.goodsDump])
    }
}
