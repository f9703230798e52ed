import Soma

/// A model's `training` record in a few lines for `soma inspect`: scalars as
/// they are, small objects on one line, long arrays (the per-epoch history) as
/// their length. `soma inspect --json` prints the whole record.
enum TrainingSummary {
    static func lines(_ record: JSONValue, indent: String = "  ") -> [String] {
        guard case .object(let members) = record else { return [indent + record.description] }
        var lines: [String] = []
        let width = min((members.map(\.0.count).max() ?? 0) + 2, 22)
        for (key, value) in members {
            let label = indent + key + String(repeating: " ", count: max(width - key.count, 1))
            switch value {
            case .object(let inner) where inner.allSatisfy({ isShort($0.1) }):
                lines.append(label + inner.map { "\($0.0) \(text($0.1))" }.joined(separator: ", "))
            case .object(let inner) where key == "history":
                let epochs = inner.first.flatMap { if case .array(let a) = $0.1 { return a.count } else { return nil } } ?? 0
                lines.append(label + "\(epochs) epochs of \(inner.map(\.0).joined(separator: ", ")) (all values: --json)")
            case .object:
                lines.append(indent + key)
                lines += Self.lines(value, indent: indent + "  ")
            default:
                lines.append(label + text(value))
            }
        }
        return lines
    }

    private static func isShort(_ value: JSONValue) -> Bool {
        switch value {
        case .object: return false
        case .array(let elements): return elements.count <= 8 && elements.allSatisfy(isShort)
        default: return true
        }
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .array(let elements) where elements.count > 8: return "[\(elements.count) values] (all values: --json)"
        case .array(let elements): return elements.map(text).joined(separator: ", ")
        default: return value.description
        }
    }
}
