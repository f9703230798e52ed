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
