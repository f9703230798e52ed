import Foundation
import Testing
@testable import SomaONNX

/// Graphs outside the subset: each refusal names the node, its op type and why.
struct ONNXRefusalTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let expected: [String]
        let build: @Sendable () -> TestGraph
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "Conv", expected: ["\"conv1\" (Conv)", "convolution"]) {
            var g = TestGraph(width: 4)
            g.node("Conv", [g.constant([1, 2, 3, 4], dims: [1, 1, 2, 2])], name: "conv1")
            return g
        },
        Case(label: "Gemm transA", expected: ["(Gemm)", "transA=1"]) {
            var g = TestGraph(width: 4)
            g.node("Gemm", [g.constant(Array(repeating: 0.5, count: 12), dims: [4, 3])], ints: ["transA": 1])
            return g
        },
        Case(label: "Gemm alpha", expected: ["(Gemm)", "alpha=2.0"]) {
            var g = TestGraph(width: 4)
            g.node("Gemm", [g.constant(Array(repeating: 0.5, count: 12), dims: [3, 4])], ints: ["transB": 1], floats: ["alpha": 2])
            return g
        },
        Case(label: "Selu with other constants", expected: ["(Selu)", "standard constants"]) {
            var g = TestGraph(width: 4)
            g.gemm(4, 3)
            g.node("Selu", floats: ["alpha": 1.5])
            return g
        },
        Case(label: "Softmax over the batch", expected: ["(Softmax)", "axis=0"]) {
            var g = TestGraph(width: 4)
            g.gemm(4, 3)
            g.node("Softmax", ints: ["axis": 0])
            return g
        },
        Case(label: "two activations in a row", expected: ["(Sigmoid)", "one activation"]) {
            var g = TestGraph(width: 4)
            g.gemm(4, 3)
            g.node("Relu")
            g.node("Sigmoid")
            return g
        },
        Case(label: "double weights", expected: ["(MatMul)", "DOUBLE"]) {
            var g = TestGraph(width: 4)
            g.node("MatMul", [g.constant(Array(repeating: 0.5, count: 6), dims: [4, 3], type: 11)])
            return g
        },
        Case(label: "weights computed at run time", expected: ["(MatMul)", "computed at run time"]) {
            var g = TestGraph(width: 4)
            g.node("MatMul", ["not_a_constant"])
            return g
        },
        Case(label: "Reshape that mixes rows", expected: ["(Reshape)", "one vector per row"]) {
            var g = TestGraph(width: 4)
            g.gemm(4, 3)
            var shape = Onnx_TensorProto()
            shape.name = "shape"
            shape.dataType = 7
            shape.dims = [1]
            shape.int64Data = [-1]
            g.graph.initializer.append(shape)
            g.node("Reshape", ["shape"])
            return g
        },
        Case(label: "Add after the activation", expected: ["(Add)", "bias"]) {
            var g = TestGraph(width: 4)
            g.gemm(4, 3)
            g.node("Relu")
            g.node("Add", [g.constant([1, 2, 3], dims: [3])])
            return g
        },
        Case(label: "LogSoftmax", expected: ["(LogSoftmax)", "log-softmax"]) {
            var g = TestGraph(width: 4)
            g.gemm(4, 3)
            g.node("LogSoftmax")
            return g
        },
    ]

    @Test(arguments: cases)
    func refusesNamingTheNode(_ testCase: Case) throws {
        let data = try testCase.build().data()
        do {
            let model = try ONNXImporter.importModel(data)
            Issue.record("imported \(model.layers.count) layers instead of refusing")
        } catch {
            #expect(error.description.hasPrefix("node["), "\(error)")
            for fragment in testCase.expected {
                #expect(error.description.contains(fragment), "\(error) lacks \(fragment)")
            }
        }
    }

    @Test func refusesFilesThatAreNotONNX() {
        #expect(throws: ONNXImportError.self) { try ONNXImporter.importModel(Data("{\"format\": \"soma-model\"}".utf8)) }
    }
}
