/// Soma's strict JSON reader (RFC 8259).
///
/// It refuses what lenient readers let through: a key twice in one object,
/// anything but whitespace after the value, `NaN`/`Infinity`, leading zeros,
/// unescaped control characters, invalid UTF-8, lone surrogate escapes, and
/// nesting deeper than ``maximumDepth``. Numbers keep their text
/// (``JSONValue/number(_:)``). Syntax errors give the line and column (both
/// 1-based; the column counts bytes); a duplicate key gives its path and where it starts.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted (the top-level value is depth 1).
    /// It matches json-c's default, so the C runtime and this reader refuse the same files.
    public static let maximumDepth = 32

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// The path to the value being parsed, rendered only when an error needs it.
    private var path: [PathComponent] = []

    private enum PathComponent {
        case key(String)
        case index(Int)
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses one JSON document. Throws a ``ModelFileError`` of kind `.json`
    /// (or `.field` for a duplicate key).
    public static func parse<Bytes: Collection>(_ bytes: Bytes) throws(ModelFileError) -> JSONValue where Bytes.Element == UInt8 {
        var parser = JSONParser(bytes: Array(bytes))
        if let bad = firstInvalidUTF8(parser.bytes) {
            parser.index = bad
            throw parser.syntaxError("invalid UTF-8")
        }
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count else {
            throw parser.syntaxError("the document is empty")
        }
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < parser.bytes.count {
            throw parser.syntaxError("unexpected \(parser.describeCurrent()) after the end of the document")
        }
        return value
    }

    /// Parses a JSON document given as a string.
    public static func parse(_ text: String) throws(ModelFileError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    // MARK: - Values

    private mutating func parseValue() throws(ModelFileError) -> JSONValue {
        guard index < bytes.count else { throw syntaxError("unexpected end of the document") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw syntaxError("NaN and Infinity are not JSON numbers")
        default:
            throw syntaxError("unexpected \(describeCurrent()); expected a value")
        }
    }

    private mutating func enterContainer() throws(ModelFileError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw syntaxError("arrays and objects nest deeper than \(Self.maximumDepth) levels")
        }
    }

    private mutating func parseObject() throws(ModelFileError) -> JSONValue {
        try enterContainer()
        index += 1  // {
        var members: [(String, JSONValue)] = []
        var seen = Set<String>()
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else {
                throw syntaxError("unexpected \(describeCurrent()); expected a member name in double quotes")
            }
            let keyStart = index
            let key = try parseString()
            if !seen.insert(key).inserted {
                path.append(.key(key))
                throw ModelFileError(.field, at: renderedPath(),
                                     "the key appears twice in one object (\(position(of: keyStart)))")
            }
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else {
                throw syntaxError("unexpected \(describeCurrent()); expected ':' after a member name")
            }
            index += 1
            skipWhitespace()
            path.append(.key(key))
            let value = try parseValue()
            path.removeLast()
            members.append((key, value))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                continue
            }
            if peek(UInt8(ascii: "}")) {
                index += 1
                depth -= 1
                return .object(members)
            }
            throw syntaxError("unexpected \(describeCurrent()); expected ',' or '}' in an object")
        }
    }

    private mutating func parseArray() throws(ModelFileError) -> JSONValue {
        try enterContainer()
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            depth -= 1
            return .array(elements)
        }
        path.append(.index(0))
        while true {
            skipWhitespace()
            path[path.count - 1] = .index(elements.count)
            elements.append(try parseValue())
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                continue
            }
            if peek(UInt8(ascii: "]")) {
                index += 1
                depth -= 1
                path.removeLast()
                return .array(elements)
            }
            throw syntaxError("unexpected \(describeCurrent()); expected ',' or ']' in an array")
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(ModelFileError) {
        for byte in literal.utf8 {
            guard index < bytes.count, bytes[index] == byte else {
                throw syntaxError("unexpected \(describeCurrent()); expected '\(literal)'")
            }
            index += 1
        }
    }

    /// Scans a number per the JSON grammar and returns its text.
    private mutating func parseNumber() throws(ModelFileError) -> String {
        let start = index
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else {
            if index < bytes.count, bytes[index] == UInt8(ascii: "I") {
                index = start  // the place is the token's start, "-" included
                throw syntaxError("NaN and Infinity are not JSON numbers")
            }
            throw syntaxError("unexpected \(describeCurrent()); expected a digit")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw syntaxError("a number must not have a leading zero")
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw syntaxError("unexpected \(describeCurrent()); expected a digit after the decimal point")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw syntaxError("unexpected \(describeCurrent()); expected a digit in the exponent")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func parseString() throws(ModelFileError) -> String {
        index += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw syntaxError("unexpected end of the document inside a string") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw syntaxError("a string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw syntaxError("unexpected end of the document inside a string") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    let escapeStart = index - 2  // surrogate errors point at the escape's backslash
                    var scalar = try parseHex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            index = escapeStart
                            throw syntaxError("a \\u escape leaves a lone high surrogate")
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            index = escapeStart
                            throw syntaxError("a \\u escape leaves a lone high surrogate")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        index = escapeStart
                        throw syntaxError("a \\u escape gives a lone low surrogate")
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                default:
                    index -= 1
                    throw syntaxError("unexpected \(describeCurrent()); not a JSON escape")
                }
            case 0x00..<0x20:
                throw syntaxError("a control character must be escaped inside a string")
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    private mutating func parseHex4() throws(ModelFileError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw syntaxError("unexpected end of the document in a \\u escape") }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw syntaxError("unexpected \(describeCurrent()); expected a hex digit in a \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    // MARK: - Helpers

    private func peek(_ byte: UInt8) -> Bool {
        index < bytes.count && bytes[index] == byte
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of the document" }
        let byte = bytes[index]
        if byte >= 0x21 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private func renderedPath() -> String {
        var out = ""
        for component in path {
            switch component {
            case .key(let key): out += out.isEmpty ? key : ".\(key)"
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }

    private func syntaxError(_ message: String) -> ModelFileError {
        ModelFileError(.json, at: "", "\(position(of: index)): \(message)")
    }

    /// "line L, column C" of byte `offset` (both 1-based; the column counts bytes).
    private func position(of offset: Int) -> String {
        var line = 1
        var column = 1
        for byte in bytes[0..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return "line \(line), column \(column)"
    }
}
