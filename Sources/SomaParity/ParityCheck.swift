import Soma
import SomaRuntime

/// Runs inputs through the Swift reference network and the C runtime and compares the bits.
public enum ParityCheck {
    /// Compares both implementations of one model on `inputs`.
    public static func compare(
        reference: ModelFile, runtime: RuntimeModel, inputs: [[Float]], boundULP: UInt64 = 0
    ) throws -> ParityReport {
        var report = ParityReport(model: reference.name, boundULP: boundULP)
        for input in inputs {
            let swift = try reference.predict(input)
            let c = try runtime.predict(input)
            report.samples += 1
            var same = swift.count == c.count
            for (s, r) in zip(swift, c) {
                let distance = ModelFile.ulpDistance(s, r)
                report.maxULP = max(report.maxULP, distance)
                report.maxAbsolute = max(report.maxAbsolute, abs(s - r))
                if s.bitPattern != r.bitPattern { same = false }
            }
            if same {
                report.identical += 1
            } else if report.firstDifference == nil {
                report.firstDifference = (input, swift, c)
            }
            if predictedClass(swift) == predictedClass(c) { report.sameClass += 1 }
        }
        return report
    }

    /// The inputs parity runs for a model: every 0/1 corner when there are few inputs
    /// (the truth table of a gate), every row of the data set it was trained on
    /// when that is a built-in one, then `count` seeded random vectors.
    ///
    /// Random values are uniform in mean ± 4 std of the model's input scaling when it
    /// has one, otherwise in [-4, 4]: wide enough to reach every activation's tails.
    public static func inputs(for model: ModelFile, count: Int, seed: UInt64) -> [[Float]] {
        var result: [[Float]] = []
        if model.inputs <= 8 {
            for corner in 0..<(1 << model.inputs) {
                result.append((0..<model.inputs).map { Float((corner >> (model.inputs - 1 - $0)) & 1) })
            }
        }
        result += datasetInputs(for: model)
        var generator = SplitMix64(seed: seed)
        for _ in 0..<count {
            result.append((0..<model.inputs).map { index in
                let (center, spread): (Float, Float) = model.inputScaling.map {
                    ($0.mean[index], 4 * $0.std[index])
                } ?? (0, 4)
                return center + spread * (2 * generator.unitFloat() - 1)
            })
        }
        return result
    }

    /// Every row of the built-in data set the model's ``TrainingRecord`` names,
    /// or none when it records none, another kind, or a different width.
    public static func datasetInputs(for model: ModelFile) -> [[Float]] {
        guard let record = model.training.flatMap({ TrainingRecord(json: $0) }),
              let builtin = BuiltinDataset(rawValue: record.dataset),
              let data = try? builtin.load(seed: record.seed), data.featureCount == model.inputs else { return [] }
        return (0..<data.count).map { Array(data.row($0)) }
    }
}
