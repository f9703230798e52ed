/// Text output for ``JSONValue`` and the model writer: compact, or indented
/// by two spaces with arrays of scalars kept on one line.
enum JSONWriter {
    static func escape(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case let s where s.value < 0x20:
                let hex = String(s.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// A binary32 value as the shortest decimal that reads back to the same
    /// bits (`Float.description`: `0.1`, `1.0`, `1e-45`, `3.4028235e+38`,
    /// `-0.0`); every such text of a finite value is a valid JSON number.
    static func number(_ value: Float) -> String {
        value.description
    }

    static func numbers(_ values: [Float]) -> String {
        "[" + values.map(number).joined(separator: ", ") + "]"
    }

    static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: return false
        default: return true
        }
    }

    static func writeCompact(_ value: JSONValue, to out: inout String) {
        switch value {
        case .number(let text): out += text
        case .string(let text): out += escape(text)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let elements):
            out += "["
            for (k, element) in elements.enumerated() {
                if k > 0 { out += ", " }
                writeCompact(element, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (k, (key, element)) in members.enumerated() {
                if k > 0 { out += ", " }
                out += escape(key) + ": "
                writeCompact(element, to: &out)
            }
            out += "}"
        }
    }

    /// Indented output; `indent` is the current indentation of the line the value starts on.
    static func writePretty(_ value: JSONValue, indent: String, to out: inout String) {
        switch value {
        case .array(let elements) where !elements.isEmpty && !elements.allSatisfy(isScalar):
            out += "[\n"
            let inner = indent + "  "
            for (k, element) in elements.enumerated() {
                out += inner
                writePretty(element, indent: inner, to: &out)
                out += k + 1 < elements.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            let inner = indent + "  "
            for (k, (key, element)) in members.enumerated() {
                out += inner + escape(key) + ": "
                writePretty(element, indent: inner, to: &out)
                out += k + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        default:
            writeCompact(value, to: &out)
        }
    }

    /// Throws if a `.number` anywhere in `value` is not valid JSON number text.
    static func checkNumbers(_ value: JSONValue, at path: String) throws(ModelFileError) {
        switch value {
        case .number(let text):
            if !JSONParser.isValidNumber(text) {
                throw ModelFileError(.value, at: path, "\"\(text)\" is not a JSON number")
            }
        case .array(let elements):
            for (k, element) in elements.enumerated() { try checkNumbers(element, at: "\(path)[\(k)]") }
        case .object(let members):
            for (key, element) in members { try checkNumbers(element, at: "\(path).\(key)") }
        default:
            break
        }
    }
}
