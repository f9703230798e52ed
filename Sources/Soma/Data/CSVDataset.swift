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
        // "\r\n" is a single Character in Swift: split on it as well as on "\n".
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let headerLine = lines.first, !headerLine.allSatisfy(\.isWhitespace) else {
            throw DataError("\(name): empty file, expected a header row")
        }
        let header = try fields(of: headerLine, place: "\(name) line 1").map {
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
        var labels: [String] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.allSatisfy(\.isWhitespace) {
            let place = "\(name) line \(offset + 1)"
            let row = try fields(of: line, place: place)
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
        guard !labels.isEmpty else { throw DataError("\(name): no data rows after the header") }
        var featureNames = header
        featureNames.remove(at: labelColumn)
        return Dataset(name: name, featureNames: featureNames, features: features,
                       targets: try targets(labels, kind: kind, name: name, lines: lines), labelName: labelName)
    }

    private static func targets(_ labels: [String], kind: LabelKind, name: String,
                                lines: [Substring]) throws -> Dataset.Targets {
        let numbers = labels.map { Float($0) }
        let allNumeric = numbers.allSatisfy { $0 != nil && $0!.isFinite }
        switch kind {
        case .regression:
            if let bad = numbers.firstIndex(where: { $0 == nil || !$0!.isFinite }) {
                throw DataError("\(name) line \(dataLine(bad, lines)): label '\(labels[bad])' is not a number")
            }
            return .values(numbers.map { $0! })
        case .auto where allNumeric && !numbers.allSatisfy({ $0!.rounded() == $0! }):
            return .values(numbers.map { $0! })
        default:
            if kind == .classification, allNumeric, let fractional = numbers.firstIndex(where: { $0!.rounded() != $0! }) {
                throw DataError("\(name) line \(dataLine(fractional, lines)): label '\(labels[fractional])' is a fractional "
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

    /// The file line of the `row`-th data row (skipping the header and blank lines).
    private static func dataLine(_ row: Int, _ lines: [Substring]) -> Int {
        var seen = -1
        for (offset, line) in lines.enumerated().dropFirst() where !line.allSatisfy(\.isWhitespace) {
            seen += 1
            if seen == row { return offset + 1 }
        }
        return lines.count
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
