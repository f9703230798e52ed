import Testing
@testable import Soma

@Suite("Perceptron and logic gates")
struct GateTests {
    static let singleGates: [Gate] = [.and, .or, .nand]

    @Test("hand-set gates compute their truth tables", arguments: Gate.allCases)
    func handSetTruthTable(gate: Gate) throws {
        #expect(try truthTable(of: gate.handSetModel()) == gate.truthTable)
    }

    @Test("a trained gate has the hand-set gate's truth table",
          arguments: singleGates, [1, 2, 3, 42, 2024] as [UInt64])
    func trainedMatchesHandSet(gate: Gate, seed: UInt64) throws {
        let trained = gate.trainedModel(seed: seed)
        #expect(try truthTable(of: trained) == truthTable(of: gate.handSetModel()))
        #expect(trained.training?["converged"] == .bool(true))
        #expect(trained.training?["seed"] == JSONValue(seed))
    }

    @Test("XOR from trained gates is 0, 1, 1, 0", arguments: [1, 7, 99] as [UInt64])
    func xorFromTrainedGates(seed: UInt64) throws {
        let model = Gate.xorGates.trainedModel(seed: seed)
        #expect(try truthTable(of: model) == [0, 1, 1, 0])
        #expect(model.layers.count == 2)
        #expect(model.layers[0].outputs == 2 && model.layers[1].inputs == 2)
        #expect(model.training?["gates"] == .string("trained"))
    }

    @Test("XOR from hand-set gates: layer 1 is [NAND; OR], layer 2 is AND")
    func xorLayout() throws {
        let model = Gate.xorGates.handSetModel()
        guard case .dense(let hidden) = model.layers[0], case .dense(let out) = model.layers[1] else {
            Issue.record("expected two dense layers"); return
        }
        #expect(hidden.weights == [-0.5, -0.5, 0.5, 0.5])
        #expect(hidden.bias == [0.7, -0.2])
        #expect(out.weights == [0.5, 0.5] && out.bias == [-0.7])
        #expect(try truthTable(of: model) == [0, 1, 1, 0])
        #expect(model.training?["gates"] == .string("hand-set"))
    }

    @Test("a single perceptron never learns XOR", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func perceptronCannotLearnXOR(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var perceptron = Perceptron(inputs: 2, using: &generator)
        let targets = Gate.xorGates.truthTable
        for rate: Float in [0.1, 1] {
            let history = perceptron.train(samples: Gate.truthTableInputs, targets: targets, epochs: 1000, learningRate: rate)
            #expect(history.count == 1000)
            #expect(history.allSatisfy { $0 > 0 })
            #expect(Gate.truthTableInputs.map(perceptron.output) != targets)
        }
    }

    @Test("training stops after the first epoch without errors")
    func earlyStop() {
        var p = Perceptron(weights: [0, 0], bias: 0)
        let history = p.train(samples: Gate.truthTableInputs, targets: Gate.and.truthTable, epochs: 100, learningRate: 0.1)
        #expect(history.last == 0)
        #expect(history.dropLast().allSatisfy { $0 > 0 })
        #expect(history.count < 100)
    }

    @Test("the exported model agrees with the perceptron on awkward inputs")
    func exportMatchesPerceptron() throws {
        var generator = SplitMix64(seed: 5)
        let p = Perceptron(inputs: 3, using: &generator)
        let model = p.modelFile(name: "p")
        for _ in 0..<500 {
            let x = (0..<3).map { _ in 4 * generator.unitFloat() - 2 }
            #expect(try model.predict(x) == [p.output(x)])
        }
    }

    @Test("same seed, same trained weights")
    func seededTraining() {
        #expect(Gate.and.trainedModel(seed: 3) == Gate.and.trainedModel(seed: 3))
        #expect(Gate.and.trainedModel(seed: 3).layers != Gate.and.trainedModel(seed: 4).layers)
    }
}

@Suite("SplitMix64")
struct SplitMix64Tests {
    @Test("matches the reference sequence for seed 0")
    func referenceValues() {
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("different seeds give different sequences")
    func differentSeeds() {
        var a = SplitMix64(seed: 1)
        var b = SplitMix64(seed: 2)
        #expect((0..<4).map { _ in a.next() } != (0..<4).map { _ in b.next() })
    }
}
