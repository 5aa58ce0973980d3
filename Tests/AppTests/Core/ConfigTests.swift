import Testing
@testable import App

@Suite struct ConfigTests {
    let base = ["SECRET_KEY": String(repeating: "k", count: 32), "DATA_DIR": "/tmp/meiduo-config-test"]

    func load(_ extra: [String: String]) throws -> AppConfig {
        try AppConfig.load(from: base.merging(extra) { $1 })
    }

    @Test func defaultsToSQLiteInTheDataFolder() throws {
        // act
        let config = try load([:])
        // check
        #expect(config.database == .sqlite(path: "/tmp/meiduo-config-test/meiduo.sqlite"))
    }

    @Test func postgresURLSelectsPostgres() throws {
        // act
        let config = try load(["DATABASE_URL": "postgres://u:p@127.0.0.1:5432/shop"])
        // check
        #expect(config.database == .postgres(url: "postgres://u:p@127.0.0.1:5432/shop"))
    }

    @Test func unknownDatabaseSchemeNamesTheVariable() {
        // act / check
        #expect { try load(["DATABASE_URL": "mysql://localhost/shop"]) } throws: { ($0 as? ConfigError)?.variable == "DATABASE_URL" }
    }

    @Test func shortSecretKeyIsRefused() {
        #expect { try AppConfig.load(from: ["SECRET_KEY": "short", "DATA_DIR": "/tmp"]) } throws: { ($0 as? ConfigError)?.variable == "SECRET_KEY" }
    }

    @Test func unknownSMSProviderIsRefused() {
        #expect { try load(["SMS_PROVIDER": "carrier-pigeon"]) } throws: { ($0 as? ConfigError)?.variable == "SMS_PROVIDER" }
    }

    @Test func yuntongxunNeedsItsCredentials() {
        #expect { try load(["SMS_PROVIDER": "yuntongxun"]) } throws: { ($0 as? ConfigError)?.variable == "YUNTONGXUN_ACCOUNT_SID" }
    }

    @Test func outOfRangeIntegerNamesTheVariable() {
        #expect { try load(["BCRYPT_COST": "99"]) } throws: { ($0 as? ConfigError)?.variable == "BCRYPT_COST" }
    }

    @Test func corsOriginsAreCommaSeparated() throws {
        // act
        let config = try load(["CORS_ALLOWED_ORIGINS": "http://a.example, http://b.example"])
        // check
        #expect(config.corsAllowedOrigins == ["http://a.example", "http://b.example"])
    }

    @Test func dotEnvLinesAreParsedAndQuotesRemoved() {
        // act
        let values = DotEnv.parse("# comment\nexport A=1\nB = \"two words\"\n\nC='x=y'\n")
        // check
        #expect(values == ["A": "1", "B": "two words", "C": "x=y"])
    }
}
