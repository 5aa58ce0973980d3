import FluentKit
import Hummingbird

/// Everything the Users domain adds to the application.
enum UsersModule {
    static let migrations: [any Migration] = [
        CreateUsers(), CreateAreas(), CreateAddresses(), CreateBrowseHistories(), CreateQQAccounts(),
    ]

    static func addRoutes(to router: some RouterMethods<AppRequestContext>, services: AppServices) {
        AccountsController(services: services).addRoutes(to: router)
        EmailController(services: services).addRoutes(to: router)
        VerificationController(services: services).addRoutes(to: router)
        PasswordResetController(services: services).addRoutes(to: router)
        QQLoginController(services: services).addRoutes(to: router)
        AreasController(services: services).addRoutes(to: router)
        AddressesController(services: services).addRoutes(to: router)
        BrowseHistoryController(services: services).addRoutes(to: router)
    }

    static func registerJobs(in registry: inout JobRegistry) {
        UserJobs.register(in: &registry)
    }
}
