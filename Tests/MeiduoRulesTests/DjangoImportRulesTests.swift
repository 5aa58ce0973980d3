import Testing
@testable import MeiduoRules

@Suite struct DjangoImportRulesTests {
    @Test func aDjangoPBKDF2HashIsReadIntoItsParts() {
        // act
        let hash = DjangoPasswordHash.parse("pbkdf2_sha256$36000$Ab3dE6gH9jK1$c2VjcmV0")
        // check
        #expect(hash == DjangoPasswordHash(digest: .sha256, iterations: 36000, salt: "Ab3dE6gH9jK1", hash: "c2VjcmV0"))
    }

    @Test func bcryptUnusableAndOverlongHashesAreNotDjangoPBKDF2() {
        // act
        let others = ["$2b$12$abcdefghijklmnopqrstuuJ1Qy5S2zZV2q8d5m4fG7hV3yWbWm2a", "!unusable", "md5$salt$abc",
                      "pbkdf2_sha256$999999999$salt$abc", "pbkdf2_sha256$36000$$abc"].map(DjangoPasswordHash.parse)
        // check
        #expect(others.allSatisfy { $0 == nil })
    }

    @Test func onlyHashersTheImportCantCheckAreNamedAsUncheckable() {
        // act
        let names = ["pbkdf2_sha256$36000$s$h", "$2b$12$x", "!x", "argon2$argon2id$v=19$…", "md5$salt$h"].map(DjangoPasswordHash.uncheckableAlgorithm)
        // check
        #expect(names == [nil, nil, "unusable", "argon2", "md5"])
    }

    @Test func aDumpsColumnsComeFromItsCreateTableOrItsInsertColumnList() throws {
        // setup
        let dump = """
            CREATE TABLE `tb_users` (
              `id` int(11) NOT NULL AUTO_INCREMENT,
              `password` varchar(128) NOT NULL,
              `username` varchar(150) NOT NULL,
              PRIMARY KEY (`id`),
              UNIQUE KEY `username` (`username`)
            ) ENGINE=InnoDB;
            INSERT INTO `tb_users` VALUES (1,'x','alice'),(2,'y','bob');
            INSERT INTO `tb_users` VALUES (3,'z','carol');
            INSERT INTO `tb_areas` (`id`, `name`,`parent_id`) VALUES ('110000', '北京市', NULL);
            """
        // act
        let tables = try MySQLDumpParser.tables(in: dump)
        // check
        #expect(tables["tb_users"]?.columns == ["id", "password", "username"])
        #expect(tables["tb_users"]?.records.map { $0.text("username") } == ["alice", "bob", "carol"])
        #expect(tables["tb_areas"]?.columns == ["id", "name", "parent_id"])
        #expect(tables["tb_areas"]?.records.first?.int("id") == 110000)
    }

    @Test func aRecordReadsAMissingColumnAsNullAndDjangoBooleansAsBools() {
        // setup
        let table = SourceTable(name: "t", columns: ["is_staff", "is_active"], rows: [[.number("1"), .number("0")]])
        // act
        let record = table.records[0]
        // check
        #expect(record.bool("is_staff") && !record.bool("is_active") && !record.bool("is_superuser"))
        #expect(record["email"] == .null)
    }

    @Test func redisHistoryLinesBecomeNewestFirstSKUsWithoutRepeats() {
        // act
        let parsed = RedisBrowseHistory.parse("history_5 3 7 3 12\n\nhistory_x 1\nhistory_6 9 abc\n")
        // check
        #expect(parsed.entries == [.init(userID: 5, skuIDs: [3, 7, 12]), .init(userID: 6, skuIDs: [9])])
        #expect(parsed.problems.map(\.line) == [3, 4])
    }

    @Test func theReportGroupsSkipsByReasonWithExamples() {
        // setup
        var table = ImportReport.Table(name: "tb_users → users")
        table.read = 4
        table.imported = 1
        for name in ["#1 a", "#2 b", "#3 c"] { table.skip(name, because: "already imported") }
        var report = ImportReport()
        // act
        report.record(table)
        // check
        #expect(report["tb_users → users"]?.skippedCount == 3)
        #expect(report.text.contains("skipped 3: already imported (e.g. #1 a, #2 b, #3 c)"))
    }
}
