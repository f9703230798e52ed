import Foundation

/// Builds an ONNX graph node by node: initializers stored as little-endian
/// `raw_data` (the binary32 bits, unchanged), nodes with named outputs.
struct GraphBuilder {
    private(set) var graph = Onnx_GraphProto()

    /// Adds a FLOAT initializer and returns its name.
    @discardableResult
    mutating func initializer(_ name: String, _ values: [Float], dims: [Int]) -> String {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dataType = ConstantTensor.float32
        tensor.dims = dims.map(Int64.init)
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 4)
        for value in values {
            let bits = value.bitPattern
            for b in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt32(b)))) }
        }
        tensor.rawData = Data(bytes)
        graph.initializer.append(tensor)
        return name
    }

    /// Adds an INT64 initializer (a shape or axes) and returns its name.
    @discardableResult
    mutating func int64Initializer(_ name: String, _ values: [Int], dims: [Int]) -> String {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dataType = ConstantTensor.int64
        tensor.dims = dims.map(Int64.init)
        tensor.int64Data = values.map(Int64.init)
        graph.initializer.append(tensor)
        return name
    }

    /// Adds a node computing `output` from `inputs`, and returns `output`.
    @discardableResult
    mutating func node(_ opType: String, _ inputs: [String], output: String,
                       attributes: [Onnx_AttributeProto] = []) -> String {
        var node = Onnx_NodeProto()
        node.opType = opType
        node.name = output
        node.input = inputs
        node.output = [output]
        node.attribute = attributes
        graph.node.append(node)
        return output
    }

    /// Renames the last node's output (the graph's result) to `name`.
    mutating func renameLastOutput(to name: String) {
        graph.node[graph.node.count - 1].output[0] = name
        graph.node[graph.node.count - 1].name = name
    }

    /// A FLOAT tensor value description: `[N, width]` with a symbolic batch dimension.
    static func rowTensor(_ name: String, width: Int) -> Onnx_ValueInfoProto {
        var batch = Onnx_TensorShapeProto.Dimension()
        batch.dimParam = "N"
        var features = Onnx_TensorShapeProto.Dimension()
        features.dimValue = Int64(width)
        var info = Onnx_ValueInfoProto()
        info.name = name
        info.type.tensorType.elemType = ConstantTensor.float32
        info.type.tensorType.shape.dim = [batch, features]
        return info
    }

    static func floatAttribute(_ name: String, _ value: Float) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .float
        a.f = value
        return a
    }

    static func intsAttribute(_ name: String, _ values: [Int]) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .ints
        a.ints = values.map(Int64.init)
        return a
    }

    static func intAttribute(_ name: String, _ value: Int) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .int
        a.i = Int64(value)
        return a
    }
}
