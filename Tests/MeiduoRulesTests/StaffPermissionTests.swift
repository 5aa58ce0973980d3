import Testing
@testable import MeiduoRules

@Suite struct StaffPermissionTests {
    @Test func writingAnAreaAllowsReadingItButNotOtherAreas() {
        // setup
        let grants = StaffGrants(codes: ["orders.write"])
        // act / check
        #expect(grants.allows(.orders, .read) && grants.allows(.orders, .write))
        #expect(!grants.allows(.auctions, .read))
        #expect(!grants.allows(.finance, .write))
    }

    @Test func readingAnAreaDoesNotAllowWritingIt() {
        // setup
        let grants = StaffGrants(codes: ["audit.read"])
        // act / check
        #expect(grants.allows(.audit, .read))
        #expect(!grants.allows(.audit, .write))
    }

    @Test func theSuperuserGrantAllowsEverything() {
        // setup
        let grants = StaffGrants(codes: ["*"])
        // act
        let refused = StaffPermission.all.filter { !grants.allows($0.area, $0.access) }
        // check
        #expect(grants.isSuperuser && refused.isEmpty)
    }

    @Test func unknownCodesGrantNothingAndAreNamed() {
        // setup
        let codes = ["orders.delete", "warehouse.read", "catalog.read"]
        // act
        let grants = StaffGrants(codes: codes)
        // check
        #expect(grants.effective.map(\.code) == ["catalog.read"])
        #expect(StaffGrants.unknownCodes(in: codes) == ["orders.delete", "warehouse.read"])
    }

    @Test func effectivePermissionsListReadsImpliedByWrites() {
        // setup
        let grants = StaffGrants(codes: ["catalog.write", "dashboard.read"])
        // act / check
        #expect(grants.effective.map(\.code) == ["dashboard.read", "catalog.read", "catalog.write"])
    }

    @Test func everyBuiltInRoleNamesOnlyKnownPermissions() {
        // act
        let unknown = StaffRoleCatalog.builtIn.flatMap { StaffGrants.unknownCodes(in: $0.codes) }
        // check
        #expect(unknown.isEmpty && StaffRoleCatalog.builtIn.count == 6)
    }
}
