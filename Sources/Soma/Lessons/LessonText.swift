import Foundation

/// How the lessons print numbers: short, and the same bytes on every run.
enum LessonText {
    /// A Double with up to 10 significant digits: 220.00000000000003 prints as
    /// `220`, 1.1 · 2 as `2.2` (the notes' values; the tests compare the
    /// unrounded numbers within 1e-9).
    static func number(_ value: Double) -> String {
        String(format: "%.10g", value)
    }

    /// A binary32 value in the fewest digits that read back as the same float
    /// (`-0.7`, `0.26894143`), whole numbers without `.0`.
    static func number(_ value: Float) -> String {
        let text = "\(value)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A binary32 value with `decimals` places, for tables meant to be read.
    static func fixed(_ value: Float, _ decimals: Int = 4) -> String {
        String(format: "%.\(decimals)f", Double(value))
    }

    /// `[a, b, c]`.
    static func list(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }

    /// A matrix as indented rows of fixed-point numbers, under a heading.
    static func matrix(_ name: String, _ m: Matrix, decimals: Int = 4) -> [String] {
        [name] + (0..<m.rows).map { r in "    " + list(m.row(r).map { fixed($0, decimals) }) }
    }
}
