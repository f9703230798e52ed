/// The NAME of `soma export-c`: it becomes `NAME.h`, `NAME.c`, `NAME_model` and
/// `NAME_INPUTS`, so it must be a C identifier that cannot clash with C itself
/// or with the runtime.
public enum CIdentifier {
    /// Longest accepted name: `NAME_model` then fits the 63 significant
    /// characters C99 promises for internal identifiers (most linkers keep more).
    public static let maximumLength = 57

    /// C99's keywords, which no identifier may be.
    static let keywords: Set<String> = [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
        "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
        "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
        "volatile", "while", "_Bool", "_Complex", "_Imaginary",
    ]

    /// Throws unless `name` is usable; the message says why and, where it can, what would do.
    public static func validate(_ name: String) throws(ExportCError) {
        let quoted = "--name '\(name)'"
        guard !name.isEmpty else { throw ExportCError("--name: empty; give a C identifier such as xor_mlp") }
        let bytes = Array(name.utf8)
        let valid = bytes.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
        if !valid || isDigit(bytes[0]) {
            throw ExportCError("\(quoted): not a C identifier (ASCII letters, digits and _, not starting with a digit)"
                               + suggestion(for: name))
        }
        if keywords.contains(name) { throw ExportCError("\(quoted): a C keyword") }
        if bytes[0] == UInt8(ascii: "_") {
            throw ExportCError("\(quoted): names starting with _ are reserved to the C implementation")
        }
        if name.lowercased().hasPrefix("soma_") {
            throw ExportCError("\(quoted): the soma_ prefix belongs to the runtime's own names")
        }
        if bytes.count > maximumLength {
            throw ExportCError("\(quoted): \(bytes.count) characters, at most \(maximumLength)")
        }
    }

    /// ", try xor_mlp" when replacing the offending characters by _ gives a valid name.
    static func suggestion(for name: String) -> String {
        var mapped = String(name.map { ch -> Character in
            ch.isASCII && (ch.isLetter || ch.isNumber) ? ch : "_"
        })
        if let first = mapped.utf8.first, isDigit(first) { mapped = "m_" + mapped }
        guard (try? validate(mapped)) != nil else { return "" }
        return "; try \(mapped)"
    }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
