import Foundation
import Soma
import Testing
@testable import SomaONNX

/// What the importer makes of small graphs: layouts, biases, patterns, scaling.
struct ONNXImportTests {
    /// The same weights as raw_data and as float_data, including -0, a subnormal and the largest finite value.
    @Test(arguments: [false, true])
    func weightsKeepTheirBits(raw: Bool) throws {
        let special: [Float] = [-0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude / 4, 0.1, -1e-30, 3]
        var g = TestGraph(width: 2)
        g.node("MatMul", [g.constant(special, dims: [2, 3], raw: raw)])
        let model = try ONNXImporter.importModel(try g.data())
        guard case .dense(let d) = model.layers[0] else { Issue.record("not dense"); return }
        // MatMul's [in, out] becomes output-major: weight(o, i) = B[i][o].
        let expected: [Float] = [special[0], special[3], special[1], special[4], special[2], special[5]]
        #expect(d.weights.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(d.bias.allSatisfy { $0 == 0 } && d.activation.kind == .identity)
    }

    @Test func gemmWithoutTransposeAndBeta() throws {
        var g = TestGraph(width: 2)
        g.node("Gemm", [g.constant([1, 2, 3, 4, 5, 6], dims: [2, 3]), g.constant([1, 2, 3], dims: [3])], floats: ["beta": 0.5])
        g.node("Relu")
        let model = try ONNXImporter.importModel(try g.data())
        #expect(model.layers == [.dense(DenseLayerSpec(rows: [[1, 4], [2, 5], [3, 6]], bias: [0.5, 1, 1.5], activation: .relu))])
    }

    @Test func swishWithBetaAndInputScaling() throws {
        var g = TestGraph(width: 2)
        g.node("Sub", [g.constant([1, 2], dims: [2])])
        g.node("Div", [g.constant([4, 8], dims: [2])])
        g.gemm(2, 3)
        let z = g.current
        g.node("Mul", [g.constant([1.5], dims: [])])
        let s = g.node("Sigmoid")
        g.current = z
        g.node("Mul", [s])
        let model = try ONNXImporter.importModel(try g.data())
        #expect(model.inputScaling == InputScaling(mean: [1, 2], std: [4, 8]))
        #expect(model.layers.count == 1 && model.layers[0].activation == .swish(beta: 1.5))
        #expect(model.selfTest?.inputs.count == ONNXImporter.selfTestCount)
        #expect(model.computedChecksum.hasPrefix("fnv1a64:"))
    }

    @Test func scalerBecomesInputScalingThroughTheReciprocal() throws {
        var g = TestGraph(width: 2)
        var n = Onnx_NodeProto()
        n.opType = "Scaler"
        n.domain = "ai.onnx.ml"
        n.input = ["x"]
        n.output = ["scaled"]
        var offset = Onnx_AttributeProto(); offset.name = "offset"; offset.type = .floats; offset.floats = [1, -2]
        var scale = Onnx_AttributeProto(); scale.name = "scale"; scale.type = .floats; scale.floats = [0.5, 3]
        n.attribute = [offset, scale]
        g.graph.node.append(n)
        g.current = "scaled"
        g.gemm(2, 1)
        let model = try ONNXImporter.importModel(try g.data())
        #expect(model.inputScaling == InputScaling(mean: [1, -2], std: [2, Float(1.0 / 3.0)]))
    }
}
