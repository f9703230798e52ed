import Foundation
import Testing
import Soma

@Suite("Splits, standardisation and generated data")
struct DataPreparationTests {
    static let labelled = Dataset(
        name: "t", featureNames: ["x"], features: (0..<100).map(Float.init),
        targets: .classes((0..<100).map { $0 < 80 ? 0 : 1 }, names: ["big", "small"]))

    @Test func splitIsStratifiedDisjointAndComplete() {
        let split = DataSplit(Self.labelled, validationFraction: 0.1, testFraction: 0.2, seed: 3)
        #expect(split.train.count == 70 && split.validation.count == 10 && split.test.count == 20)
        let all = (split.train.features + split.validation.features + split.test.features).sorted()
        #expect(all == (0..<100).map(Float.init))
        // 80/20 classes: the test part holds 16 and 4, validation 8 and 2.
        #expect(split.test.targets == .classes(split.test.features.map { $0 < 80 ? 0 : 1 }, names: ["big", "small"]))
        #expect(split.test.features.filter { $0 >= 80 }.count == 4)
        #expect(split.validation.features.filter { $0 >= 80 }.count == 2)
    }

    @Test func sameSeedSameSplitOtherSeedOtherSplit() {
        let a = DataSplit(Self.labelled, validationFraction: 0.1, testFraction: 0.2, seed: 3)
        let b = DataSplit(Self.labelled, validationFraction: 0.1, testFraction: 0.2, seed: 3)
        let c = DataSplit(Self.labelled, validationFraction: 0.1, testFraction: 0.2, seed: 4)
        #expect(a.test.features == b.test.features)
        #expect(a.test.features != c.test.features)
    }

    @Test func standardisationUsesPopulationStdAndGuardsConstantColumns() {
        let data = Dataset(name: "s", featureNames: ["a", "b"], features: [1, 5, 3, 5, 5, 5],
                           targets: .values([0, 0, 0]))
        let scaling = InputScaling(fitting: data)
        #expect(scaling.mean == [3, 5])
        #expect(scaling.std[0] == Float((8.0 / 3.0).squareRoot()))
        #expect(scaling.std[1] == 1)
        let scaled = scaling.apply(to: data)
        #expect(scaled.features[0] == (1 - 3) / scaling.std[0])
        #expect(scaled.features[1] == 0)
    }

    @Test("generated sets are reproducible and balanced", arguments: ["moons", "circles", "spirals"])
    func generated(_ name: String) throws {
        let set = BuiltinDataset(rawValue: name)!
        let a = try set.load(seed: 9), b = try set.load(seed: 9), c = try set.load(seed: 10)
        #expect(a.features.map(\.bitPattern) == b.features.map(\.bitPattern))
        #expect(a.features != c.features)
        guard case .classes(let labels, let names) = a.targets else { Issue.record("not classes"); return }
        for k in names.indices {
            #expect(labels.filter { $0 == k }.count == a.count / names.count)
        }
    }

    @Test func predictedClassThresholdsOneOutputAndTakesTheFirstMaximum() {
        #expect(predictedClass([Float(0.5)]) == 0)
        #expect(predictedClass([Float(0.51)]) == 1)
        #expect(predictedClass([Float(0.1), 0.7, 0.7, 0.2]) == 1)
        #expect(predictedClass([Float(-3), -1, -2]) == 1)
    }
}
