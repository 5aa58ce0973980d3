import Foundation
import Testing
@testable import MeiduoRules

@Suite struct MySQLDumpParserTests {
    @Test func readsRowsOfAnInsert() throws {
        // setup
        let dump = "-- c\nCREATE TABLE `t` (x int);\nINSERT INTO `t` VALUES (1,'a',NULL,11388.00),(2,'b',3,0.5);\nUNLOCK TABLES;"
        // act
        let inserts = try MySQLDumpParser.inserts(in: dump)
        // check
        #expect(inserts.count == 1)
        #expect(inserts[0].table == "t")
        #expect(inserts[0].rows == [
            [.number("1"), .string("a"), .null, .number("11388.00")],
            [.number("2"), .string("b"), .number("3"), .number("0.5")],
        ])
    }

    @Test func decodesEscapesAndCommasInsideStrings() throws {
        // setup
        let dump = #"INSERT INTO `t` VALUES (1,'it\'s, \"ok\"\n(yes)','a''b');"#
        // act
        let rows = try MySQLDumpParser.inserts(in: dump)[0].rows
        // check
        #expect(rows == [[.number("1"), .string("it's, \"ok\"\n(yes)"), .string("a'b")]])
    }

    @Test func unterminatedStringIsAnError() {
        #expect(throws: DumpParseError.self) { try MySQLDumpParser.inserts(in: "INSERT INTO `t` VALUES (1,'abc") }
    }

    @Test func readsEveryTableOfTheMeiduoSample() throws {
        // setup
        let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let text = try String(contentsOfFile: "/" + path + "/../shared/data/meiduo/goods_data.sql", encoding: .utf8)
        // act
        let counts = Dictionary(uniqueKeysWithValues: try MySQLDumpParser.inserts(in: text).map { ($0.table, $0.rows.count) })
        // check
        #expect(counts["tb_goods_category"] == 544)
        #expect(counts["tb_goods_channel"] == 37)
        #expect(counts["tb_sku"] == 16)
        #expect(counts["tb_sku_image"] == 40)
        #expect(counts["tb_content"] == 122)
    }
}
