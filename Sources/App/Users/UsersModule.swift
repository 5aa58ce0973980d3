import FluentKit
import Hummingbird

/// Everything the Users domain adds to the application.
enum UsersModule {
    static let migrations: [any Migration] = [
        CreateUsers(), CreateAreas(), CreateAddresses(), CreateBrowseHistories(), CreateQQAccounts(), CreateWeChatMiniAccounts(),
        AddUserActivityIndexes(), CreateAlipayAccounts(),
    ]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        AccountsController(services: services).addRoutes(to: routes)
        EmailController(services: services).addRoutes(to: routes)
        VerificationController(services: services).addRoutes(to: routes)
        PasswordResetController(services: services).addRoutes(to: routes)
        for provider in ThirdPartyProvider.allCases { ThirdPartyLoginController(services: services, provider: provider).addRoutes(to: routes) }
        MiniProgramLoginController(services: services).addRoutes(to: routes)
        AreasController(services: services).addRoutes(to: routes)
        AddressesController(services: services).addRoutes(to: routes)
        BrowseHistoryController(services: services).addRoutes(to: routes)
        AdminUsersController(services: services).addRoutes(to: routes)
    }

    static func registerJobs(in registry: inout JobRegistry) {
        UserJobs.register(in: &registry)
    }
}
