import Foundation

/// A failure reading a data file, naming the file and line.
public struct DataError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// How a label column is read.
public enum LabelKind: String, Sendable, CaseIterable {
    /// Numbers that are all whole, or any text: classes. Other numbers: regression.
    case auto
    /// Every distinct label is a class.
    case classification
    /// Every label is a number to predict.
    case regression
}

/// Reads a user's CSV: a header row, numeric feature columns and one label column.
public enum CSVDataset {
    /// Loads `url`; `label` names the label column (default: the last column).
    /// Messages and the data set's name use the file name.
    public static func load(_ url: URL, label: String? = nil, kind: LabelKind = .auto) throws -> Dataset {
        try load(path: url.path, name: url.lastPathComponent, label: label, kind: kind)
    }

    /// Loads the file at `path`; messages and the data set's name use `name`
    /// (default: `path` as given, so an error names the file the user typed).
    public static func load(path: String, name: String? = nil, label: String? = nil,
                            kind: LabelKind = .auto) throws -> Dataset {
        let file = name ?? path
        let data: Data
        do { data = try FileContents.read(path) } catch {
            throw DataError("\(file): \(error)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError("\(file): not UTF-8 text")
        }
        return try parse(text, name: file, label: label, kind: kind)
    }

    /// Parses CSV text; `name` is used in messages and as the dataset's name.
    public static func parse(_ text: String, name: String, label: String? = nil,
                             kind: LabelKind = .auto) throws -> Dataset {
        var text = text
        return try text.withUTF8 { try parse(utf8: $0, name: name, label: label, kind: kind) }
    }

    /// The parser proper, on the text's bytes. Lines end at "\n" (a "\r" before
    /// it is part of the ending, as Swift's "\r\n" Character is). Lines of plain
    /// ASCII without quotes are split and read byte by byte; any other line goes
    /// through ``fields(of:place:)``, which works on Characters. Both read the
    /// same fields: in ASCII every Character is one byte.
    private static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, name: String, label: String?,
                              kind: LabelKind) throws -> Dataset {
        let lines = CSVLines(bytes)
        guard let headerRange = lines.ranges.first, !isBlank(bytes, headerRange) else {
            throw DataError("\(name): empty file, expected a header row")
        }
        let header = try fields(of: Substring(text(bytes, headerRange)), place: "\(name) line 1").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if let duplicate = firstDuplicate(header) {
            throw DataError("\(name) line 1: column '\(duplicate)' appears twice")
        }
        let labelName = label ?? header.last!
        guard let labelColumn = header.firstIndex(of: labelName) else {
            throw DataError("\(name): no column named '\(labelName)' (columns: \(header.joined(separator: ", ")))")
        }
        guard header.count >= 2 else {
            throw DataError("\(name) line 1: need at least one feature column besides '\(labelName)'")
        }
        var features: [Float] = []
        features.reserveCapacity((lines.ranges.count - 1) * (header.count - 1))
        var labels: [String] = []
        var labelLines: [Int] = [] // the file line of each data row, for messages about labels
        for (offset, range) in lines.ranges.enumerated().dropFirst() where !isBlank(bytes, range) {
            let place = "\(name) line \(offset + 1)"
            if lines.plain[offset] {
                let count = 1 + bytes[range].reduce(0) { $0 + ($1 == comma ? 1 : 0) }
                guard count == header.count else {
                    throw DataError("\(place): \(count) columns, expected \(header.count)")
                }
                var column = 0
                var start = range.lowerBound
                for end in range.lowerBound...range.upperBound where end == range.upperBound || bytes[end] == comma {
                    let field = UnsafeBufferPointer(rebasing: bytes[trimmed(bytes, start..<end)])
                    if column == labelColumn {
                        guard !field.isEmpty else { throw DataError("\(place): label '\(labelName)' is empty") }
                        labels.append(String(decoding: field, as: UTF8.self))
                    } else {
                        guard let number = DecimalFloat.parse(field), number.isFinite else {
                            throw DataError("\(place): column '\(header[column])': "
                                            + "'\(String(decoding: field, as: UTF8.self))' is not a finite number")
                        }
                        features.append(number)
                    }
                    column += 1
                    start = end + 1
                }
            } else {
                let row = try fields(of: Substring(text(bytes, range)), place: place)
                guard row.count == header.count else {
                    throw DataError("\(place): \(row.count) columns, expected \(header.count)")
                }
                for (column, field) in row.enumerated() {
                    let value = field.trimmingCharacters(in: .whitespaces)
                    if column == labelColumn {
                        guard !value.isEmpty else { throw DataError("\(place): label '\(labelName)' is empty") }
                        labels.append(value)
                    } else {
                        guard let number = Float(value), number.isFinite else {
                            throw DataError("\(place): column '\(header[column])': '\(value)' is not a finite number")
                        }
                        features.append(number)
                    }
                }
            }
            labelLines.append(offset + 1)
        }
        guard !labels.isEmpty else { throw DataError("\(name): no data rows after the header") }
        var featureNames = header
        featureNames.remove(at: labelColumn)
        return Dataset(name: name, featureNames: featureNames, features: features,
                       targets: try targets(labels, kind: kind, name: name, lines: labelLines), labelName: labelName)
    }

    private static let comma = UInt8(ascii: ",")

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Whether a line is empty or all whitespace (`Character.isWhitespace`).
    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        if bytes[range].allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }) { return true }
        if bytes[range].allSatisfy({ $0 < 0x80 }) { return false }
        return text(bytes, range).allSatisfy(\.isWhitespace)
    }

    /// `range` without the spaces and tabs at its ends (`CharacterSet.whitespaces` in ASCII).
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var (low, high) = (range.lowerBound, range.upperBound)
        while low < high && (bytes[low] == 0x20 || bytes[low] == 0x09) { low += 1 }
        while high > low && (bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09) { high -= 1 }
        return low..<high
    }

    private static func targets(_ labels: [String], kind: LabelKind, name: String,
                                lines: [Int]) throws -> Dataset.Targets {
        let numbers = labels.map { Float($0) }
        let allNumeric = numbers.allSatisfy { $0 != nil && $0!.isFinite }
        switch kind {
        case .regression:
            if let bad = numbers.firstIndex(where: { $0 == nil || !$0!.isFinite }) {
                throw DataError("\(name) line \(lines[bad]): label '\(labels[bad])' is not a number")
            }
            return .values(numbers.map { $0! })
        case .auto where allNumeric && !numbers.allSatisfy({ $0!.rounded() == $0! }):
            return .values(numbers.map { $0! })
        default:
            if kind == .classification, allNumeric, let fractional = numbers.firstIndex(where: { $0!.rounded() != $0! }) {
                throw DataError("\(name) line \(lines[fractional]): label '\(labels[fractional])' is a fractional "
                                + "number; --labels classification would make a class of each of the \(Set(labels).count) "
                                + "distinct values. Use --labels regression to predict the number")
            }
            let distinct = Set(labels)
            let names = allNumeric
                ? distinct.sorted { Float($0)! < Float($1)! }
                : distinct.sorted()
            let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
            return .classes(labels.map { index[$0]! }, names: names)
        }
    }

    /// Splits one line at commas, honouring double-quoted fields ("a,b" and "" escapes).
    static func fields(of line: Substring, place: String) throws -> [String] {
        var result: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    if let following = iterator.next() {
                        if following == "\"" { field.append("\"") }
                        else if following == "," { quoted = false; result.append(field); field = "" }
                        else { throw DataError("\(place): text after a closing quote") }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "," {
                result.append(field)
                field = ""
            } else if character == "\"" && field.allSatisfy(\.isWhitespace) {
                quoted = true
                field = ""
            } else {
                field.append(character)
            }
        }
        if quoted { throw DataError("\(place): a quoted field is not closed") }
        result.append(field)
        return result
    }

    private static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        return names.first { !seen.insert($0).inserted }
    }
}
