import FluentKit
import Hummingbird

/// Everything the Wallet domain (the wallet and credits ledgers) adds to the application.
enum WalletModule {
    static let migrations: [any Migration] = [CreateLedgerAccounts(), CreateLedgerEntries(), CreateWalletRecharges(), AddRechargeFollowUp()]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        WalletController(services: services).addRoutes(to: routes)
    }
}
