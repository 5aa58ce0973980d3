import Foundation
import SQLKit
import Testing
@testable import App
@testable import MeiduoRules

/// `meiduo import-django-meiduo` against the original's database, built by Tests/Support/django_meiduo_source.py as a
/// Django SQLite file and as a mysqldump file from the same rows (Django PBKDF2 hashes made with hashlib).
@Suite struct DjangoImportTests {
    struct Source {
        let folder: String
        var sqlite: String { folder + "/db.sqlite3" }
        var dump: String { folder + "/meiduo.sql" }
        let passwords: [String: String]
    }

    static func source() async throws -> Source {
        let folder = NSTemporaryDirectory() + "django-meiduo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let answer = try await PythonScript.run("django_meiduo_source.py", input: ["sqlite": folder + "/db.sqlite3", "dump": folder + "/meiduo.sql"])
        return Source(folder: folder, passwords: answer["passwords"] as? [String: String] ?? [:])
    }

    static func one(_ env: TestEnvironment, _ sql: String, _ column: String = "v") async throws -> String? {
        guard let row = try await env.services.sql().raw(SQLQueryString(sql)).first() else { return nil }
        if let int = try? row.decode(column: column, as: Int.self) { return String(int) }
        if let bool = try? row.decode(column: column, as: Bool.self) { return bool ? "1" : "0" }
        return try row.decode(column: column, as: String?.self)
    }

    /// Row counts of every table an import writes (both databases: `DatabaseBackup.counts` is SQLite's).
    static func counts(_ env: TestEnvironment) async throws -> [String: String] {
        var counts: [String: String] = [:]
        for table in ["users", "staff_role_members", "addresses", "oauth_qq_users", "browse_histories", "goods_categories", "brands",
                      "goods", "skus", "order_info", "order_goods", "payments"] {
            counts[table] = try await one(env, "SELECT COUNT(*) AS v FROM \(table)")
        }
        return counts
    }

    @Test func everyTableOfADjangoSQLiteFileIsImportedWithTheReasonsForWhatIsNot() async throws {
        let source = try await Self.source()
        defer { try? FileManager.default.removeItem(atPath: source.folder) }
        try await withServices { env in
            // act
            let report = try await DjangoMeiduoImport(services: env.services).run(path: source.sqlite)
            // check
            #expect(report["tb_users → users"]?.imported == 6)
            #expect(report["tb_address → addresses"]?.imported == 3)
            #expect(report["tb_address → addresses"]?.skipped == ["an area unknown here": 1])
            #expect(report["tb_oauth_qq → oauth_qq_users"]?.imported == 2)
            #expect(report["tb_order_info → order_info"]?.imported == 6)
            #expect(report["tb_order_info → order_info"]?.skipped == ["a status or pay method the original doesn't have": 1])
            #expect(report["tb_order_goods → order_goods"]?.skipped == ["a SKU that did not come along": 1])
            #expect(report["tb_payment → payments"]?.imported == 3)
            #expect(report["tb_payment → payments"]?.skipped == ["no trade number": 1])
            #expect(report["tb_sku → skus"]?.imported == 2)
            #expect(report["tb_users → users"]?.warnings.keys.contains { $0.hasPrefix("password hashed with md5") } == true)
            #expect(report.text.contains("tb_users → users"))
        }
    }

    @Test func aMySQLDumpOfTheSameShopImportsTheSameRows() async throws {
        let source = try await Self.source()
        defer { try? FileManager.default.removeItem(atPath: source.folder) }
        let query = """
            SELECT u.id, u.username, u.password, u.is_staff, u.is_active, u.email_active, u.default_address_id, a.id AS address,
                   a.is_deleted, o.order_id, o.total_amount, o.status, g.price, g.comment, g.score, s.price AS sku_price
            FROM users u JOIN addresses a ON a.user_id = u.id JOIN order_info o ON o.address_id = a.id
            JOIN order_goods g ON g.order_id = o.order_id JOIN skus s ON s.id = g.sku_id ORDER BY o.order_id
            """
        @Sendable func rows(_ path: String) async throws -> [String] {
            final class Rows: @unchecked Sendable { var list: [String] = [] }
            let result = Rows()
            try await withServices { env in
                _ = try await DjangoMeiduoImport(services: env.services).run(path: path)
                for row in try await env.services.sql().raw(SQLQueryString(query)).all() {
                    result.list.append("\(try row.decode(column: "order_id", as: String.self)) \(try row.decode(column: "password", as: String.self)) "
                                  + "\(try row.decode(column: "total_amount", as: Int64.self)) \(try row.decode(column: "price", as: Int64.self)) "
                                  + "\(try row.decode(column: "sku_price", as: Int64.self)) \(try row.decode(column: "comment", as: String.self)) "
                                  + "\(try row.decode(column: "is_deleted", as: Bool.self)) \(try row.decode(column: "default_address_id", as: Int?.self) ?? 0)")
                }
            }
            return result.list
        }
        // act
        let fromSQLite = try await rows(source.sqlite)
        let fromDump = try await rows(source.dump)
        // check
        #expect(fromSQLite.count == 6)
        #expect(fromSQLite == fromDump)
        #expect(fromDump.contains { $0.hasPrefix("20190301083000000000004 pbkdf2_sha256$36000$") && $0.contains(" 799850 798850 798850 ") })
    }

    @Test func aMovedUserLogsInWithTheDjangoPasswordWhichIsThenReplacedByThisShopsHash() async throws {
        let source = try await Self.source()
        defer { try? FileManager.default.removeItem(atPath: source.folder) }
        try await withApp { client, env in
            // setup
            _ = try await DjangoMeiduoImport(services: env.services).run(path: source.dump)
            let password = try #require(source.passwords["alice2019"])
            // act
            let first = try await client.send(.post, "/authorizations/", json: ["username": "13811110001", "password": password])
            let stored = try await Self.one(env, "SELECT password AS v FROM users WHERE id = 1")
            let again = try await client.send(.post, "/authorizations/", json: ["username": "alice2019", "password": password])
            // check
            #expect(first.status == .ok && first.object["user_id"] as? Int == 1)
            #expect(stored?.hasPrefix("$2") == true)
            #expect(again.status == .ok)
        }
    }

    @Test func aWrongPasswordForAMovedUserIsRefusedAndTheDjangoHashKept() async throws {
        let source = try await Self.source()
        defer { try? FileManager.default.removeItem(atPath: source.folder) }
        try await withApp { client, env in
            // setup
            _ = try await DjangoMeiduoImport(services: env.services).run(path: source.sqlite)
            // act
            let response = try await client.send(.post, "/authorizations/", json: ["username": "alice2019", "password": "not-her-password"])
            // check
            #expect(response.status == .badRequest)
            #expect(try await Self.one(env, "SELECT password AS v FROM users WHERE id = 1")?.hasPrefix("pbkdf2_sha256$") == true)
        }
    }

    @Test func aDjangoSuperuserBecomesSuperAdminAndOtherStaffKeepStaffWithoutARole() async throws {
        let source = try await Self.source()
        defer { try? FileManager.default.removeItem(atPath: source.folder) }
        try await withServices { env in
            // act
            let report = try await DjangoMeiduoImport(services: env.services).run(path: source.sqlite)
            // check
            let roles = try await env.services.sql().raw("""
                SELECT m.user_id, r.name FROM staff_role_members m JOIN staff_roles r ON r.id = m.role_id ORDER BY m.user_id
                """).all().map { "\(try $0.decode(column: "user_id", as: Int.self)):\(try $0.decode(column: "name", as: String.self))" }
            #expect(roles == ["3:\(StaffRoleCatalog.superuser.name)"])
            #expect(try await Self.one(env, "SELECT is_staff AS v FROM users WHERE id = 2") == "1")
            #expect(report["tb_users → users"]?.examples.values.contains { $0.contains("#2 bobstaff") } == true)
        }
    }

    @Test func addressesKeepTheirDeletedFlagAndUsersTheirDefaultUnlessItIsDeleted() async throws {
        let source = try await Self.source()
        defer { try? FileManager.default.removeItem(atPath: source.folder) }
        try await withApp { client, env in
            // setup
            _ = try await DjangoMeiduoImport(services: env.services).run(path: source.dump)
            let alice = try await env.token(for: try await AccountService(services: env.services).user(id: 1))
            // act
            let listed = try await client.send(.get, "/addresses/", token: alice).object
            // check: the deleted address is not listed but kept, Carol's default was deleted so she has none
            #expect(listed["default_address_id"] as? Int == 11)
            #expect((listed["addresses"] as? [[String: Any]])?.map { $0["id"] as? Int } == [11])
            #expect(try await Self.one(env, "SELECT is_deleted AS v FROM addresses WHERE id = 12") == "1")
            #expect(try await Self.one(env, "SELECT default_address_id AS v FROM users WHERE id = 4") == nil)
            #expect(try await Self.one(env, "SELECT is_active AS v FROM users WHERE id = 4") == "0")
        }
    }

    @Test func ordersKeepTheirStatusesLinesReviewsAndAlipayPayments() async throws {
        let source = try await Self.source()
        defer { try? FileManager.default.removeItem(atPath: source.folder) }
        try await withApp { client, env in
            // setup
            _ = try await DjangoMeiduoImport(services: env.services).run(path: source.sqlite)
            let alice = try await env.token(for: try await AccountService(services: env.services).user(id: 1))
            // act
            let orders = try await client.send(.get, "/orders/?page=1&page_size=10", token: alice).object
            let reviews = try await client.send(.get, "/skus/1/comments/").array
            // check
            let statuses = (orders["results"] as? [[String: Any]])?.compactMap { $0["status"] as? Int }.sorted()
            #expect(statuses == [1, 2, 3, 4, 5, 6])
            #expect(reviews.map { $0["comment"] as? String } == ["屏幕很大，很满意"])
            let payment = try await env.services.sql().raw("SELECT provider, amount, status FROM payments WHERE order_id = '20190301083000000000004'").first()
            #expect(try payment?.decode(column: "provider", as: String.self) == "alipay")
            #expect(try payment?.decode(column: "amount", as: Int64.self) == 799_850)
            #expect(try payment?.decode(column: "status", as: String.self) == "paid")
        }
    }

    @Test func aDryRunReportsEverythingAndWritesNothing() async throws {
        let source = try await Self.source()
        defer { try? FileManager.default.removeItem(atPath: source.folder) }
        try await withServices { env in
            // setup
            let before = try await Self.counts(env)
            // act
            let report = try await DjangoMeiduoImport(services: env.services).run(path: source.dump, options: .init(dryRun: true))
            // check
            #expect(report.dryRun && report["tb_users → users"]?.imported == 6)
            #expect(try await Self.counts(env) == before)
        }
    }

    @Test func aSecondRunChangesNothing() async throws {
        let source = try await Self.source()
        defer { try? FileManager.default.removeItem(atPath: source.folder) }
        try await withServices { env in
            // setup
            _ = try await DjangoMeiduoImport(services: env.services).run(path: source.sqlite)
            let after = try await Self.counts(env)
            // act
            let again = try await DjangoMeiduoImport(services: env.services).run(path: source.dump)
            // check
            #expect(again.importedTotal == 0)
            #expect(again["tb_users → users"]?.skipped["already imported"] == 6)
            #expect(try await Self.counts(env) == after)
        }
    }

    @Test func accountsClashingWithOnesHereAreSkippedWithTheReasonAndSoAreTheirQQBindings() async throws {
        let source = try await Self.source()
        defer { try? FileManager.default.removeItem(atPath: source.folder) }
        try await withServices { env in
            // setup: someone here has Erin's mobile already, and (being the shop's first account) Alice's id 1
            try await env.createUser("localerin", mobile: "13899990006")
            // act
            let report = try await DjangoMeiduoImport(services: env.services).run(path: source.sqlite)
            // check
            #expect(report["tb_users → users"]?.skipped == ["mobile taken here by another account": 1, "id taken here by another account": 1])
            #expect(report["tb_oauth_qq → oauth_qq_users"]?.skipped == ["its user was not imported": 2])
            #expect(try await Self.one(env, "SELECT username AS v FROM users WHERE mobile = '13899990006'") == "localerin")
            #expect(try await Self.one(env, "SELECT COUNT(*) AS v FROM oauth_qq_users") == "0")
            #expect(try await Self.one(env, "SELECT COUNT(*) AS v FROM order_info") == "0")
        }
    }

    @Test func rowsCreatedAfterTheImportGetFreshIds() async throws {
        let source = try await Self.source()
        defer { try? FileManager.default.removeItem(atPath: source.folder) }
        try await withApp { client, env in
            // setup
            _ = try await DjangoMeiduoImport(services: env.services).run(path: source.dump)
            // act
            let (user, token) = try await env.loggedInUser("newcomer1", mobile: "13700000001")
            let address = try await client.send(.post, "/addresses/", json: addressBody(), token: token)
            // check
            #expect((user.id ?? 0) > 6)
            #expect(address.status == .created && (address.object["id"] as? Int ?? 0) > 14)
        }
    }

    @Test func browseHistoryExportedFromRedisKeepsItsNewestFirstOrder() async throws {
        let source = try await Self.source()
        defer { try? FileManager.default.removeItem(atPath: source.folder) }
        try await withApp { client, env in
            // setup: alice saw 2, then 1 (LPUSH: newest first); a user who didn't come and a broken line
            let history = source.folder + "/history.txt"
            try "history_1 1 2\nhistory_77 1\nnot a key\n".write(toFile: history, atomically: true, encoding: .utf8)
            // act
            let report = try await DjangoMeiduoImport(services: env.services).run(path: source.sqlite, options: .init(browseHistoryPath: history))
            let alice = try await env.token(for: try await AccountService(services: env.services).user(id: 1))
            let listed = try await client.send(.get, "/browse_histories/", token: alice).array
            // check
            #expect(listed.map { $0["id"] as? Int } == [1, 2])
            #expect(report["redis history_<user> → browse_histories"]?.imported == 2)
            #expect(report["redis history_<user> → browse_histories"]?.skippedCount == 2)
        }
    }

    @Test func aFileThatIsNotADjangoMeiduoDatabaseIsRefusedAndNothingWritten() async throws {
        let folder = NSTemporaryDirectory() + "not-meiduo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "hello, I am a shopping list".write(toFile: folder + "/list.txt", atomically: true, encoding: .utf8)
        try await withServices { env in
            // setup: a SQLite database of something else
            let other = try DatabaseManager(location: .sqlite(path: folder + "/ours.sqlite"), poolSize: 1, logger: TestDatabases.logger)
            try await other.sql().raw("CREATE TABLE tb_goods (id integer PRIMARY KEY, name text)").run()
            await other.shutdown()
            // act
            let text = await #expect(throws: DjangoMeiduoImport.Failure.self) { try await DjangoMeiduoImport(services: env.services).run(path: folder + "/list.txt") }
            let ours = await #expect(throws: DjangoMeiduoImport.Failure.self) { try await DjangoMeiduoImport(services: env.services).run(path: folder + "/ours.sqlite") }
            let missing = await #expect(throws: DjangoMeiduoImport.Failure.self) { try await DjangoMeiduoImport(services: env.services).run(path: folder + "/none.sql") }
            // check
            #expect(text?.description.contains("no tb_users table") == true)
            #expect(ours?.description.contains("not a Django Meiduo database") == true)
            #expect(missing == .notFound(folder + "/none.sql"))
            #expect(try await Self.one(env, "SELECT COUNT(*) AS v FROM users") == "0")
        }
    }
}
