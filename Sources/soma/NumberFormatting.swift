import Foundation

/// A binary32 value printed with 9 significant digits (`%.9g`): enough to read back
/// the same float, and the format the C example `soma-run` prints too.
func formatted(_ value: Float) -> String {
    String(format: "%.9g", Double(value))
}

/// Parses one decimal number directly to binary32, refusing what is not a finite number.
func parseFloat(_ text: String) -> Float? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let value = Float(trimmed), value.isFinite else { return nil }
    return value
}

/// Parses one input value; text that is not a number and numbers that are not
/// finite get different messages, each naming `place`.
func parseNumber(_ text: String, place: String) throws -> Float {
    if let value = parseFloat(text) { return value }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { throw CLIError("\(place) is empty") }
    if Float(trimmed) != nil || Double(trimmed) != nil {
        throw CLIError("\(place) '\(trimmed)' is not a finite binary32 number")
    }
    throw CLIError("\(place) '\(trimmed)' is not a number")
}
