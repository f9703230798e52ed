/// The one JSON printer: every JSON text Soma writes (model files, training
/// records, ``JSONValue/description``) comes from a ``JSONValue`` through here.
///
/// Compact output puts everything on one line. Pretty output indents by two
/// spaces, keeps arrays of scalars on one line, and prints on one line any
/// object or array the caller's `inline` rule picks (the model writer keeps
/// activations and packed arrays on one line that way).
enum JSONPrinter {
    /// Where a value sits: member keys and array positions from the root.
    typealias Path = [PathStep]

    enum PathStep: Equatable {
        case key(String)
        case index(Int)
    }

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

    static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: return false
        default: return true
        }
    }

    static func compact(_ value: JSONValue) -> String {
        var out = ""
        writeCompact(value, to: &out)
        return out
    }

    /// Indented text of `value` and a final newline.
    static func pretty(_ value: JSONValue, inline: (Path, JSONValue) -> Bool = { _, _ in false }) -> String {
        var out = ""
        writePretty(value, indent: "", path: [], inline: inline, to: &out)
        return out + "\n"
    }

    private static func writeCompact(_ value: JSONValue, to out: inout String) {
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

    /// `indent` is the indentation of the line the value starts on.
    private static func writePretty(_ value: JSONValue, indent: String, path: Path,
                                    inline: (Path, JSONValue) -> Bool, to out: inout String) {
        if inline(path, value) { return writeCompact(value, to: &out) }
        switch value {
        case .array(let elements) where !elements.isEmpty && !elements.allSatisfy(isScalar):
            out += "[\n"
            let inner = indent + "  "
            for (k, element) in elements.enumerated() {
                out += inner
                writePretty(element, indent: inner, path: path + [.index(k)], inline: inline, to: &out)
                out += k + 1 < elements.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            let inner = indent + "  "
            for (k, (key, element)) in members.enumerated() {
                out += inner + escape(key) + ": "
                writePretty(element, indent: inner, path: path + [.key(key)], inline: inline, to: &out)
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
            if !JSONValue.isNumberText(text) {
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
