import Foundation
@testable import SomaONNX

/// A small ONNX graph built in the test, from input `x` [N, width]: each node
/// reads the previous one's output unless told otherwise.
struct TestGraph {
    var graph = Onnx_GraphProto()
    var opset: Int64 = 17
    var current = "x"
    private var counter = 0

    init(width: Int) {
        var batch = Onnx_TensorShapeProto.Dimension()
        batch.dimParam = "N"
        var features = Onnx_TensorShapeProto.Dimension()
        features.dimValue = Int64(width)
        var input = Onnx_ValueInfoProto()
        input.name = "x"
        input.type.tensorType.elemType = 1
        input.type.tensorType.shape.dim = [batch, features]
        graph.input = [input]
    }

    /// Adds a FLOAT initializer (float_data, or raw_data when `raw`) and returns its name.
    mutating func constant(_ values: [Float], dims: [Int], raw: Bool = false, type: Int32 = 1) -> String {
        counter += 1
        var t = Onnx_TensorProto()
        t.name = "c\(counter)"
        t.dataType = type
        t.dims = dims.map(Int64.init)
        if raw {
            t.rawData = Data(values.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * $0)) } })
        } else {
            t.floatData = values
        }
        graph.initializer.append(t)
        return t.name
    }

    /// Adds a node reading `current` then `others`; its output becomes `current`.
    @discardableResult
    mutating func node(_ op: String, _ others: [String] = [], name: String? = nil, domain: String = "",
                       ints: [String: Int] = [:], floats: [String: Float] = [:]) -> String {
        counter += 1
        var n = Onnx_NodeProto()
        n.opType = op
        n.domain = domain
        n.name = name ?? "\(op.lowercased())\(counter)"
        n.input = [current] + others
        n.output = ["t\(counter)"]
        for (key, value) in ints.sorted(by: { $0.key < $1.key }) { n.attribute.append(GraphBuilder.intAttribute(key, value)) }
        for (key, value) in floats.sorted(by: { $0.key < $1.key }) { n.attribute.append(GraphBuilder.floatAttribute(key, value)) }
        graph.node.append(n)
        current = n.output[0]
        return current
    }

    /// A dense step: Gemm with transB=1 and seeded weights.
    mutating func gemm(_ inputs: Int, _ outputs: Int, seed: Int = 1) {
        let w = (0..<(inputs * outputs)).map { Float(($0 * 37 + seed * 11) % 17) / 17 - 0.5 }
        let b = (0..<outputs).map { Float($0) / 8 }
        node("Gemm", [constant(w, dims: [outputs, inputs]), constant(b, dims: [outputs])], ints: ["transB": 1])
    }

    /// The serialized model, with `current` as its one FLOAT output.
    func data() throws -> Data {
        var g = graph
        var output = Onnx_ValueInfoProto()
        output.name = current
        output.type.tensorType.elemType = 1
        g.output = [output]
        var model = Onnx_ModelProto()
        model.irVersion = 8
        var set = Onnx_OperatorSetIdProto()
        set.version = opset
        model.opsetImport = [set]
        model.graph = g
        return try model.serializedBytes()
    }
}
