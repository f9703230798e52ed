import Foundation

/// The data sets Soma knows by name: truth tables, generated 2-D sets, and the
/// real data shipped in `data/` (see data/README.md for sources and licences).
public enum BuiltinDataset: String, CaseIterable, Sendable {
    case and, or, nand, xor
    case moons, circles, spirals
    case iris, digits, diabetes

    /// Loads the data set; generated ones use `seed`.
    public func load(seed: UInt64 = 1) throws -> Dataset {
        switch self {
        case .and, .or, .nand, .xor:
            let targets: [Int] = switch self {
            case .and: [0, 0, 0, 1]
            case .or: [0, 1, 1, 1]
            case .nand: [1, 1, 1, 0]
            default: [0, 1, 1, 0]
            }
            return Dataset(name: rawValue, featureNames: ["a", "b"], features: [0, 0, 0, 1, 1, 0, 1, 1],
                           targets: .classes(targets, names: ["0", "1"]), labelName: "out")
        case .moons: return SyntheticData.moons(seed: seed)
        case .circles: return SyntheticData.circles(seed: seed)
        case .spirals: return SyntheticData.spirals(seed: seed)
        case .iris:
            return try shipped("iris.csv", label: "species")
        case .digits:
            return try shipped("digits.csv", label: "digit")
        case .diabetes:
            return try shipped("diabetes.csv", label: "progression", kind: .regression)
        }
    }

    /// A CSV from `data/`, named after the data set (not the file).
    private func shipped(_ file: String, label: String, kind: LabelKind = .classification) throws -> Dataset {
        var data = try CSVDataset.load(Self.dataFile(file), label: label, kind: kind)
        data.name = rawValue
        return data
    }

    /// Finds a shipped data file: `$SOMA_DATA_DIR`, then `./data`, then the
    /// `data/` folder of the source tree this library was built from.
    public static func dataFile(_ name: String) throws -> URL {
        var candidates: [URL] = []
        if let directory = ProcessInfo.processInfo.environment["SOMA_DATA_DIR"] {
            candidates.append(URL(fileURLWithPath: directory))
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("data"))
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data"))
        for directory in candidates {
            let file = directory.appendingPathComponent(name)
            if FileManager.default.isReadableFile(atPath: file.path) { return file }
        }
        throw DataError("\(name): not found in \(candidates.map(\.path).joined(separator: ", ")) (set SOMA_DATA_DIR)")
    }
}
