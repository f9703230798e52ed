/// A JSON value as Soma's strict reader sees it.
///
/// Numbers keep their decimal text, so a model's weights convert straight from
/// text to binary32 (`Float(String)`) and never round through a `Double`.
/// Objects keep their members in document order; the reader refuses a key
/// that appears twice in one object, so keys in an `.object` are unique.
public enum JSONValue: Sendable, Equatable, CustomStringConvertible {
    /// A number, as its JSON text (for example `"-0.7"` or `"1e-45"`).
    case number(String)
    /// A string, with escapes resolved.
    case string(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An array.
    case array([JSONValue])
    /// An object: members in document order.
    case object([(String, JSONValue)])

    /// A number value printed the way the model writer prints weights
    /// (`Float.description`, the shortest text that reads back to the same bits).
    /// The value must be finite for the result to be valid JSON.
    public init(_ value: Float) { self = .number(value.description) }

    /// An integer number value.
    public init(_ value: Int) { self = .number(String(value)) }

    /// An unsigned integer number value (seeds are `UInt64`).
    public init(_ value: UInt64) { self = .number(String(value)) }

    /// A string value.
    public init(_ value: String) { self = .string(value) }

    /// The member named `key` of an object, or `nil` (also for non-objects).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.0 == key })?.1
    }

    /// The number's text converted directly to binary32, or `nil` if this is not a number.
    public var floatValue: Float? {
        guard case .number(let text) = self else { return nil }
        return Float(text)
    }

    /// The value of an integral number that fits in `Int`, or `nil`.
    public var intValue: Int? {
        guard case .number(let text) = self else { return nil }
        return Int(text)
    }

    /// The string, or `nil` if this is not a string.
    public var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The JSON type's name, for error messages ("a number", "an object", ...).
    public var kindDescription: String {
        switch self {
        case .number: return "a number"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Compact JSON text of this value.
    public var description: String {
        JSONPrinter.compact(self)
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null): return true
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}
