import Foundation
import Soma

/// Resolves a DATASET argument: a built-in name or a CSV file. A name that is
/// neither gets one message listing the built-in names (and the closest one).
enum DatasetSource {
    static func load(_ name: String, builtin: BuiltinDataset?, label: String?, kind: LabelKind,
                     seed: UInt64) throws -> Dataset {
        do {
            if let builtin { return try builtin.load(seed: seed) }
            try checkFile(name)
            // Named as given: messages name the file typed, and `soma evaluate MODEL` finds it again.
            return try CSVDataset.load(path: name, label: label, kind: kind)
        } catch let error as DataError {
            throw CLIError(error.description)
        }
    }

    /// A missing file that looks like a data set's name is reported as such.
    static func checkFile(_ name: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory) else {
            let names = BuiltinDataset.allCases.map(\.rawValue)
            let closest = names.min { CommandSuggestion.distance(name, $0) < CommandSuggestion.distance(name, $1) }!
            let hint = CommandSuggestion.distance(name, closest) <= 2 ? " Did you mean '\(closest)'?" : ""
            throw CLIError("\(name): no such file, and not a built-in data set (\(names.joined(separator: ", "))).\(hint)")
        }
        if isDirectory.boolValue { throw CLIError("\(name): is a directory, not a CSV file") }
    }
}
