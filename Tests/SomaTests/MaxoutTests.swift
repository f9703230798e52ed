import Foundation
import Testing
@testable import Soma

/// The maxout layer: its gradient against central differences, the tie rule
/// (the first of equal pieces wins, and gets the gradient), the row order
/// (piece `p` of output `o` is row `o * pieces + p`), and the format version
/// it is written with.
@Suite("Maxout")
struct MaxoutTests {
    /// A small network with a maxout hidden layer, weights from a seeded generator.
    static func network(pieces: Int, after: ActivationSpec, seed: UInt64) -> Network {
        var g = SplitMix64(seed: seed)
        return Network(layers: [
            Maxout(inputSize: 3, outputSize: 4, pieces: pieces, activation: after, using: &g),
            Dense(inputSize: 4, outputSize: 2, activation: .softmax, using: &g),
        ])
    }

    @Test("backward matches central differences",
          arguments: [(2, ActivationSpec.identity), (3, .identity), (2, .tanh), (3, .prelu(alphas: [0.1, 0.2, 0.3, 0.4]))])
    func gradient(_ pieces: Int, _ after: ActivationSpec) {
        var g = SplitMix64(seed: 5)
        let inputs = (0..<15).map { _ in 2 * g.unitFloat() - 1 }
        let targets: [Float] = [1, 0, 0, 1, 1, 0, 0, 1, 1, 0]
        // A small step: maxout has a kink where two pieces tie, and a step across it is no derivative.
        checkGradients(Self.network(pieces: pieces, after: after, seed: 13), inputs: inputs, targets: targets,
                       batchSize: 5, loss: .mse, h: 1e-3)
        checkGradients(Self.network(pieces: pieces, after: after, seed: 17), inputs: inputs, targets: targets,
                       batchSize: 5, loss: .categoricalCrossEntropy, h: 1e-3)
    }

    /// Output 0's pieces are `x0` and `x1`, output 1's `-x0` and `-x1` (rows 0, 1 then 2, 3).
    static let pair = Maxout(inputSize: 2, outputSize: 2, pieces: 2, weights: [1, 0, 0, 1, -1, 0, 0, -1],
                             bias: [0, 0, 0, 0])

    @Test("each output is the largest of its own pieces, rows o * pieces + p")
    func rowOrder() throws {
        var layer = Self.pair
        let (y, _) = layer.forward([3, 6, 2, -1], batchSize: 2, mode: .inference)
        #expect(y == [6, -3, 2, 1])
        var layers: [ModelLayer] = []
        layer.export(into: &layers)
        let model = ModelFile(name: "pair", layers: layers)
        #expect(try model.predict([3, 6]) == [6, -3])
    }

    @Test("the first of equal pieces wins: -0 before +0 stays -0, and gets the gradient")
    func tieRule() throws {
        // Piece 0 is -0 (bias -0, weights -0 on a positive input), piece 1 is +0.
        var layer = Maxout(inputSize: 1, outputSize: 1, pieces: 2, weights: [-0.0, 0], bias: [-0.0, 0])
        let (y, trace) = layer.forward([1], batchSize: 1, mode: .inference)
        #expect(y[0].bitPattern == (-0.0 as Float).bitPattern)
        let (_, gradients) = layer.backward([1], trace: trace)
        #expect(gradients[1] == [1, 0], "the bias gradient goes to piece 0 only")
        let model = ModelFile(name: "tie", layers: [.maxout(MaxoutLayerSpec(inputs: 1, outputs: 1, pieces: 2,
            weights: [-0.0, 0], bias: [-0.0, 0], activation: .identity))])
        #expect(try model.predict([1])[0].bitPattern == (-0.0 as Float).bitPattern)
        let reversed = ModelFile(name: "tie", layers: [.maxout(MaxoutLayerSpec(inputs: 1, outputs: 1, pieces: 2,
            weights: [0, -0.0], bias: [0, -0.0], activation: .identity))])
        #expect(try reversed.predict([1])[0].bitPattern == (0.0 as Float).bitPattern)
    }

    @Test("the gradient flows to the winning piece only")
    func gradientToWinner() {
        var layer = Self.pair
        let (_, trace) = layer.forward([3, 6], batchSize: 1, mode: .training)
        let (dx, gradients) = layer.backward([1, 10], trace: trace)
        // Output 0 won with piece 1 (x1 = 6): row 1; output 1 with piece 0 (-x0 = -3): row 2.
        #expect(gradients[1] == [0, 1, 10, 0])
        #expect(gradients[0] == [0, 0, 3, 6, 30, 60, 0, 0])
        #expect(dx == [-10, 1])
    }

    @Test("training and the reference pass give the same bits")
    func trainedMatchesReference() throws {
        let network = Self.network(pieces: 3, after: .identity, seed: 3)
        let model = network.modelFile(name: "maxout")
        var g = SplitMix64(seed: 9)
        for _ in 0..<50 {
            let x = (0..<3).map { _ in 4 * g.unitFloat() - 2 }
            #expect(network.predict(x).map(\.bitPattern) == (try model.predict(x)).map(\.bitPattern))
        }
    }

    @Test("a model with maxout is written as version 3 and reads back; one without stays version 2")
    func version() throws {
        let model = Self.network(pieces: 2, after: .identity, seed: 1).modelFile(name: "maxout")
        #expect(model.writtenVersion == 3)
        let text = try model.jsonText()
        #expect(text.contains("\"version\": 3") && text.contains("\"pieces\": 2"))
        #expect(try ModelFile(jsonData: Data(text.utf8)) == model.with(checksum: model.computedChecksum))
        #expect(try ModelFile(jsonData: try model.jsonData(packed: true)).layers == model.layers)
        var g = SplitMix64(seed: 1)
        let plain = Network(layers: [Dense(inputSize: 2, outputSize: 1, activation: .sigmoid, using: &g)])
        #expect(try plain.modelFile(name: "plain").jsonText().contains("\"version\": 2"))
        let downgraded = text.replacingOccurrences(of: "\"version\": 3", with: "\"version\": 2")
        #expect(throws: ModelFileError.self) { try ModelFile(jsonData: Data(downgraded.utf8)) }
    }
}

extension ModelFile {
    fileprivate func with(checksum: String) -> ModelFile {
        var copy = self
        copy.checksum = checksum
        return copy
    }
}
