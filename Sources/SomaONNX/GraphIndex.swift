/// What the graph walk needs to know about a graph: its constants, which nodes
/// the chosen output depends on, and which of those read each tensor.
struct GraphIndex {
    /// Initializers and the values of `Constant` nodes, by tensor name (decoded on use).
    let constants: [String: Onnx_TensorProto]
    /// Indices of the nodes the output depends on, `Constant` nodes excluded.
    let slice: Set<Int>
    /// Every tensor the output depends on.
    let needed: Set<String>
    /// For each tensor, the nodes of ``slice`` that read it, in graph order.
    let consumers: [String: [Int]]

    init(_ graph: Onnx_GraphProto, output: String) throws(ONNXImportError) {
        var constants: [String: Onnx_TensorProto] = [:]
        for tensor in graph.initializer { constants[tensor.name] = tensor }
        var constantNodes = Set<Int>()
        for (k, node) in graph.node.enumerated() where node.opType == "Constant" && (node.domain.isEmpty || node.domain == "ai.onnx") {
            guard let name = node.output.first, let value = Self.constantValue(node) else {
                throw ONNXImportError(node: k, node, "a Constant without a tensor, float or integer value (sparse values are not read)")
            }
            constants[name] = value
            constantNodes.insert(k)
        }
        self.constants = constants

        // Walk backwards from the output: a node is in the slice if the output needs one of its outputs.
        var needed: Set<String> = [output]
        var slice = Set<Int>()
        for (k, node) in graph.node.enumerated().reversed() where !constantNodes.contains(k) {
            if node.output.contains(where: { needed.contains($0) }) {
                slice.insert(k)
                for input in node.input where !input.isEmpty { needed.insert(input) }
            }
        }
        self.needed = needed
        self.slice = slice
        var consumers: [String: [Int]] = [:]
        for k in slice.sorted() {
            for input in Set(graph.node[k].input) where !input.isEmpty && constants[input] == nil {
                consumers[input, default: []].append(k)
            }
        }
        self.consumers = consumers
    }

    /// A `Constant` node's value as a tensor: `value`, `value_float(s)` or `value_int(s)`.
    private static func constantValue(_ node: Onnx_NodeProto) -> Onnx_TensorProto? {
        var tensor = Onnx_TensorProto()
        if let a = node.attributeNamed("value"), a.hasT {
            return a.t
        } else if let a = node.attributeNamed("value_float") {
            tensor.dataType = ConstantTensor.float32
            tensor.floatData = [a.f]
        } else if let a = node.attributeNamed("value_floats") {
            tensor.dataType = ConstantTensor.float32
            tensor.dims = [Int64(a.floats.count)]
            tensor.floatData = a.floats
        } else if let a = node.attributeNamed("value_int") {
            tensor.dataType = ConstantTensor.int64
            tensor.int64Data = [a.i]
        } else if let a = node.attributeNamed("value_ints") {
            tensor.dataType = ConstantTensor.int64
            tensor.dims = [Int64(a.ints.count)]
            tensor.int64Data = a.ints
        } else {
            return nil
        }
        return tensor
    }
}
