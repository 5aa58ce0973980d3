import Foundation
import MeiduoRules
import SQLKit

/// The people of a Django Meiduo: `tb_users`, their staff rights, `tb_address`, `tb_oauth_qq` and browse history.
struct ImportAccounts {
    let run: ImportRun

    func importAll(_ source: [String: SourceTable], browseHistory: String?, into report: inout ImportReport) async throws {
        let imported = try await users(source["tb_users"]!, into: &report)
        if let table = source["tb_address"] {
            try await addresses(table, users: source["tb_users"]!, importedUsers: imported, into: &report)
        }
        if let table = source["tb_oauth_qq"] { try await qqBindings(table, into: &report) }
        if let browseHistory { try await history(browseHistory, into: &report) }
    }

    /// Users keep id, username, mobile, email (and whether it was verified), active and staff flags, when they joined
    /// and last logged in, and their Django password hash. Django superusers become 超级管理员; other Django staff keep
    /// `is_staff` without a role (Django's per-model permissions don't map onto ours: the report lists them).
    /// Answers the ids imported now.
    func users(_ table: SourceTable, into report: inout ImportReport) async throws -> Set<Int> {
        var counts = ImportReport.Table(name: "tb_users → users")
        var byID: [Int: String] = [:], byName: [String: Int] = [:], byMobile: [String: Int] = [:]
        for row in try await run.sql.raw("SELECT id, username, mobile FROM \(ident: User.schema)").all() {
            let id = try row.decode(column: "id", as: Int.self), name = try row.decode(column: "username", as: String.self)
            byID[id] = name
            byName[name] = id
            byMobile[try row.decode(column: "mobile", as: String.self)] = id
        }
        var rows: [[any SQLExpression]] = [], imported = Set<Int>(), superusers: [Int] = []
        for record in table.records {
            counts.read += 1
            let label = "#\(record.text("id") ?? "?") \(record.text("username") ?? "")"
            guard let id = record.int("id"), id > 0, let username = record.text("username"), !username.isEmpty,
                  let password = record.text("password") else {
                counts.skip(label, because: "no id, username or password")
                continue
            }
            let mobile = record.text("mobile") ?? ""
            if let here = byID[id] {
                if here == username { run.movedUsers.insert(id) }
                counts.skip(label, because: here == username ? "already imported" : "id taken here by another account")
                continue
            }
            if byName[username] != nil { counts.skip(label, because: "username taken here by another account"); continue }
            if byMobile[mobile] != nil { counts.skip(label, because: "mobile taken here by another account"); continue }
            if let algorithm = DjangoPasswordHash.uncheckableAlgorithm(password) {
                counts.warn(label, "password hashed with \(algorithm): the user sets a new one through 忘记密码")
            }
            let superuser = record.bool("is_superuser"), staff = record.bool("is_staff") || superuser
            if superuser { superusers.append(id) } else if staff { counts.warn(label, "Django staff without superuser: no role given, assign one in 员工与角色") }
            let joined = run.time(record["date_joined"])
            rows.append([SQLBind(id), SQLBind(username), SQLBind(password), SQLBind(mobile), SQLBind(record.text("email") ?? ""),
                         SQLBind(record.bool("email_active")), SQLBind(record["is_active"] == .null || record.bool("is_active")),
                         SQLBind(staff), record.text("last_login").flatMap(MeiduoDumpLoader.parseDate).map { SQLBind($0) } ?? SQLLiteral.null,
                         SQLBind(joined), SQLBind(joined)])
            byID[id] = username
            byName[username] = id
            byMobile[mobile] = id
            imported.insert(id)
            run.movedUsers.insert(id)
        }
        try await run.insert(into: User.schema, columns: ["id", "username", "password", "mobile", "email", "email_active", "is_active",
                                                      "is_staff", "last_login", "create_time", "update_time"], rows: rows)
        counts.imported = rows.count
        report.record(counts)
        if !superusers.isEmpty {
            try await run.sql.raw("""
                INSERT INTO staff_role_members (user_id, role_id)
                SELECT users.id, staff_roles.id FROM users, staff_roles
                WHERE users.id IN (\(SQLList(superusers.map { SQLBind($0) }))) AND staff_roles.name = \(bind: StaffRoleCatalog.superuser.name)
                """).run()
        }
        return imported
    }

    /// Addresses of known users in known areas, deleted ones kept deleted; then each user imported now gets back the
    /// default address they had, if it came along and is not deleted.
    func addresses(_ table: SourceTable, users: SourceTable, importedUsers: Set<Int>, into report: inout ImportReport) async throws {
        var counts = ImportReport.Table(name: "tb_address → addresses")
        let areas = try await run.ids(Area.schema)
        var here: [Int: Int] = [:]
        for row in try await run.sql.raw("SELECT id, user_id FROM \(ident: Address.schema)").all() {
            here[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "user_id", as: Int.self)
        }
        var owners: [Int: Int] = [:], deleted = Set<Int>(), rows: [[any SQLExpression]] = []
        for record in table.records {
            counts.read += 1
            let label = "#\(record.text("id") ?? "?")"
            guard let id = record.int("id"), let user = record.int("user_id") else { counts.skip(label, because: "no id or user"); continue }
            if let owner = here[id] {
                let same = owner == user && run.movedUsers.contains(user)
                if same { run.movedAddresses.insert(id) }
                counts.skip(label, because: same ? "already imported" : "id taken here by another address")
                continue
            }
            guard run.movedUsers.contains(user) else { counts.skip(label, because: "its user was not imported"); continue }
            let place = ["province_id", "city_id", "district_id"].map { record.int($0) }
            guard place.allSatisfy({ $0.map(areas.contains) == true }) else { counts.skip(label, because: "an area unknown here"); continue }
            let texts = ["title", "receiver", "place", "mobile"].map { record.text($0) }
            guard texts.allSatisfy({ $0 != nil }) else { counts.skip(label, because: "no title, receiver, place or mobile"); continue }
            rows.append([SQLBind(id), SQLBind(user)] + texts.map { SQLBind($0!) } + place.map { SQLBind($0!) }
                        + [SQLBind(record.text("tel") ?? ""), SQLBind(record.text("email") ?? ""), SQLBind(record.bool("is_deleted")),
                           SQLBind(run.time(record["create_time"])), SQLBind(run.time(record["update_time"]))])
            here[id] = user
            owners[id] = user
            run.movedAddresses.insert(id)
            if record.bool("is_deleted") { deleted.insert(id) }
        }
        try await run.insert(into: Address.schema, columns: ["id", "user_id", "title", "receiver", "place", "mobile", "province_id", "city_id",
                                                          "district_id", "tel", "email", "is_deleted", "create_time", "update_time"], rows: rows)
        counts.imported = rows.count
        report.record(counts)
        var defaults = ImportReport.Table(name: "tb_users.default_address")
        for record in users.records {
            guard let user = record.int("id"), importedUsers.contains(user), let address = record.int("default_address_id") else { continue }
            defaults.read += 1
            guard owners[address] == user else { defaults.skip("#\(user)", because: "the address did not come along"); continue }
            guard !deleted.contains(address) else { defaults.skip("#\(user)", because: "the address is deleted"); continue }
            try await run.sql.raw("UPDATE users SET default_address_id = \(bind: address) WHERE id = \(bind: user)").run()
            defaults.imported += 1
        }
        if defaults.read > 0 { report.record(defaults) }
    }

    /// QQ bindings (an openid binds one account) of known users.
    func qqBindings(_ table: SourceTable, into report: inout ImportReport) async throws {
        var counts = ImportReport.Table(name: "tb_oauth_qq → \(QQAccount.schema)")
        var here = try await run.ids(QQAccount.schema)
        var openids = Set(try await run.sql.raw("SELECT openid FROM \(ident: QQAccount.schema)").all().map { try $0.decode(column: "openid", as: String.self) })
        var rows: [[any SQLExpression]] = []
        for record in table.records {
            counts.read += 1
            let label = "#\(record.text("id") ?? "?")"
            guard let id = record.int("id"), let user = record.int("user_id"), let openid = record.text("openid"), !openid.isEmpty else {
                counts.skip(label, because: "no id, user or openid")
                continue
            }
            if here.contains(id) { counts.skip(label, because: "already imported"); continue }
            guard run.movedUsers.contains(user) else { counts.skip(label, because: "its user was not imported"); continue }
            guard openids.insert(openid).inserted else { counts.skip(label, because: "openid bound here already"); continue }
            rows.append([SQLBind(id), SQLBind(user), SQLBind(openid), SQLBind(run.time(record["create_time"])), SQLBind(run.time(record["update_time"]))])
            here.insert(id)
        }
        try await run.insert(into: QQAccount.schema, columns: ["id", "user_id", "openid", "create_time", "update_time"], rows: rows)
        counts.imported = rows.count
        report.record(counts)
    }

    /// Browse history from the Redis export, newest first as the original kept it: the order is kept by giving each
    /// SKU a viewing time a second apart, counting back from the import. A SKU a user has here already keeps its row.
    func history(_ text: String, into report: inout ImportReport) async throws {
        var counts = ImportReport.Table(name: "redis history_<user> → browse_histories")
        let parsed = RedisBrowseHistory.parse(text)
        for problem in parsed.problems { counts.skip("line \(problem.line): \(problem.text)", because: "not history_<user_id> and SKU ids") }
        let skus: Set<Int>
        if let moved = run.movedSKUs { skus = moved } else { skus = try await run.ids(SKU.schema) }
        var here = Set(try await run.sql.raw("SELECT user_id, sku_id FROM \(ident: BrowseHistory.schema)").all().map {
            "\(try $0.decode(column: "user_id", as: Int.self))-\(try $0.decode(column: "sku_id", as: Int.self))"
        })
        var rows: [[any SQLExpression]] = []
        for entry in parsed.entries {
            for (age, sku) in entry.skuIDs.enumerated() {
                counts.read += 1
                let label = "user \(entry.userID) sku \(sku)"
                guard run.movedUsers.contains(entry.userID) else { counts.skip(label, because: "its user was not imported"); continue }
                guard skus.contains(sku) else { counts.skip(label, because: "a SKU that did not come along"); continue }
                guard here.insert("\(entry.userID)-\(sku)").inserted else { counts.skip(label, because: "already here"); continue }
                let viewed = run.now.addingTimeInterval(-Double(age))
                rows.append([SQLBind(entry.userID), SQLBind(sku), SQLBind(viewed), SQLBind(viewed), SQLBind(viewed)])
            }
        }
        try await run.insert(into: BrowseHistory.schema, columns: ["user_id", "sku_id", "viewed_at", "create_time", "update_time"], rows: rows)
        counts.imported = rows.count
        report.record(counts)
    }
}
