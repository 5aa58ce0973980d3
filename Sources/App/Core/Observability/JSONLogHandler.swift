import Foundation
import Logging

/// `LOG_FORMAT=json`: one JSON object per line on standard error (time, level, logger, message, then the
/// metadata as fields), which log collectors index without parsing rules.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String

    public init(label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.logLevel = level
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = self.metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let explicit = event.metadata { fields.merge(explicit) { _, new in new } }
        if let error = event.error { fields["error"] = "\(error)" }
        FileHandle.standardError.write(Data(Self.line(
            time: ShopClock.system.now(), level: event.level, label: label, message: event.message.description, fields: fields).utf8))
    }

    static func line(time: Date, level: Logger.Level, label: String, message: String, fields: Logger.Metadata) -> String {
        var out = "{\"time\":\(quote(time.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)))),"
        out += "\"level\":\(quote(level.rawValue)),\"logger\":\(quote(label)),\"message\":\(quote(message))"
        for key in fields.keys.sorted() where !["time", "level", "logger", "message"].contains(key) {
            out += ",\(quote(key)):\(encode(fields[key]!))"
        }
        return out + "}\n"
    }

    static func encode(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): return quote(text)
        case .stringConvertible(let item): return quote(item.description)
        case .array(let items): return "[" + items.map(encode).joined(separator: ",") + "]"
        case .dictionary(let entries):
            return "{" + entries.keys.sorted().map { "\(quote($0)):\(encode(entries[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
