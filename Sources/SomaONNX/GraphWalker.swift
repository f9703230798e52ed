import Soma

/// Follows the chain of nodes from the graph's one input to the chosen output,
/// one node (or one recognised pattern) at a time, and hands each step to a
/// ``LayerAssembler``. Soma's network is a chain of vectors, so every tensor
/// on the way must feed exactly one node; the one fork it reads is
/// `x * Sigmoid(x)` (Swish, optionally `x * Sigmoid(beta * x)`).
struct GraphWalker {
    private let graph: Onnx_GraphProto
    private let index: GraphIndex
    private let opset: Int
    private let output: String
    private var visited = Set<Int>()
    private var current: String
    /// Dimensions after the batch one (all dimensions if there is none); nil where unknown.
    private var features: [Int?]
    /// Whether the tensor has a leading batch dimension, and its size if fixed.
    private var hasBatch: Bool
    private var batch: Int?
    private(set) var assembler = LayerAssembler()

    /// The width of the current vector, if known.
    private var width: Int? { features.count == 1 ? features[0] : nil }

    init(graph: Onnx_GraphProto, index: GraphIndex, opset: Int, input: String, shape: [Int?]?, output: String) {
        self.graph = graph
        self.index = index
        self.opset = opset
        self.output = output
        current = input
        let dims = shape ?? [nil, nil]
        hasBatch = dims.count >= 2
        batch = hasBatch ? dims[0] : nil
        features = hasBatch ? Array(dims.dropFirst()) : dims
    }

    /// Walks to the output; afterwards ``assembler`` holds the steps.
    mutating func walk() throws {
        if current == output { throw ONNXImportError(at: "graph", "the output \"\(output)\" is the input itself: there is no layer") }
        while current != output {
            let users = (index.consumers[current] ?? []).filter { !visited.contains($0) }
            switch users.count {
            case 0:
                throw ONNXImportError(at: "tensor \"\(current)\"", "no node reads it, and the output \"\(output)\" is not reached")
            case 1:
                try refusing(at: users[0]) { try $0.step(users[0]) }
            case 2:
                try refusing(at: users[0]) { try $0.swish(users) }
            default:
                let list = users.map { "node[\($0)] \(graph.node[$0].opType)" }.joined(separator: ", ")
                throw ONNXImportError(node: users[0], graph.node[users[0]],
                                      "tensor \"\(current)\" feeds \(users.count) nodes (\(list)); Soma's layers form one chain")
            }
        }
        if let stray = index.slice.subtracting(visited).min() {
            throw ONNXImportError(node: stray, graph.node[stray], "not on the chain from the input to \"\(output)\"")
        }
    }

    /// Runs `body`, turning a ``Refusal`` into an error naming node `k`.
    private mutating func refusing(at k: Int, _ body: (inout GraphWalker) throws -> Void) throws {
        do {
            try body(&self)
        } catch let refusal as Refusal {
            throw ONNXImportError(node: k, graph.node[k], refusal.reason)
        }
    }

    // MARK: - One node

    private mutating func step(_ k: Int) throws {
        let node = graph.node[k]
        visited.insert(k)
        guard node.input.first == current || ["Add", "Mul", "Greater"].contains(node.opType) else {
            throw Refusal("reads \"\(current)\" as input \(node.input.firstIndex(of: current) ?? -1), "
                          + "where Soma needs it as the first input")
        }
        for extra in node.output.dropFirst() where !extra.isEmpty && index.needed.contains(extra) {
            throw Refusal("its output \"\(extra)\" is used; Soma reads only the first output of \(node.opType)")
        }
        let domain = node.domain == "ai.onnx" ? "" : node.domain
        if domain == "ai.onnx.ml" && node.opType == "Scaler" {
            try scaler(node)
        } else if !domain.isEmpty {
            throw Refusal("an op of domain \"\(domain)\", outside the subset Soma imports (docs/interop.md)")
        } else {
            try standardOp(node, k)
        }
        if node.opType != "Greater" { current = node.output[0] }
    }

    private mutating func standardOp(_ node: Onnx_NodeProto, _ k: Int) throws {
        if assembler.scalesOutputs && !["Add", "Identity"].contains(node.opType) {
            throw Refusal("follows the output scaling (Mul after the last layer): Soma's output scaling is the last step, "
                          + "an Add of the mean at most")
        }
        switch node.opType {
        case "Gemm": try gemm(node)
        case "MatMul": try matMul(node)
        case "Add": try add(node)
        case "Sub": try subtract(node)
        case "Div": try divide(node)
        case "Mul": try multiply(node)
        case "BatchNormalization": try batchNorm(node)
        case "Relu": try activate(.relu, node, attributes: [])
        case "Sigmoid": try activate(.sigmoid, node, attributes: [])
        case "Tanh": try activate(.tanh, node, attributes: [])
        case "LeakyRelu": try activate(.leakyReLU(alpha: node.float("alpha", default: 0.01)), node, attributes: ["alpha"])
        case "Elu": try activate(.elu(alpha: node.float("alpha", default: 1)), node, attributes: ["alpha"])
        case "Selu": try selu(node)
        case "PRelu": try prelu(node)
        case "Softmax": try softmax(node)
        case "Greater": try stepPattern(node, k)
        case "Flatten": try flatten(node)
        case "Reshape": try reshape(node)
        case "ReduceMax": try reduceMax(node)
        case "Identity": break
        case "Dropout": try dropout(node)
        case "Cast":
            try checkAttributes(node, ["to", "saturate"])
            if node.int("to", default: 0) != Int(ConstantTensor.float32) {
                throw Refusal("casts to \(ConstantTensor.typeName(Int32(node.int("to", default: 0)))); Soma's vectors stay binary32 (FLOAT)")
            }
        default:
            throw Refusal(Self.unsupportedReason(node.opType))
        }
    }

    /// Why an op outside the subset is refused.
    static func unsupportedReason(_ op: String) -> String {
        switch op {
        case "Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LpPool":
            return "convolution and pooling are not Soma layers: it has dense and batch-norm layers only"
        case "LSTM", "GRU", "RNN":
            return "recurrent layers are not Soma layers: it has dense and batch-norm layers only"
        case "Concat", "Split", "Gather", "Slice", "Transpose", "Shape", "Expand", "Tile":
            return "Soma's network is one chain of vectors: it has no op that rearranges or combines tensors"
        case "LogSoftmax":
            return "Soma has softmax but not log-softmax (export the model with Softmax)"
        default:
            return "this op is outside the subset Soma imports (Gemm, MatMul, Add, activations, BatchNormalization, ... see docs/interop.md)"
        }
    }

    // MARK: - Products and constants

    private mutating func gemm(_ node: Onnx_NodeProto) throws {
        try checkAttributes(node, ["alpha", "beta", "transA", "transB"])
        try requireVector(node)
        if node.int("transA", default: 0) != 0 {
            throw Refusal("transA=1 would read the batch as features; Soma's input is one row per example")
        }
        let alpha = node.float("alpha", default: 1)
        if alpha != 1 {
            throw Refusal("alpha=\(alpha): Soma's dense layer has no scale on the product; fold alpha into B")
        }
        let b = try constant(node, 1, role: "B (the weights)")
        let (inputs, outputs, weights) = try matrix(b, transposed: node.int("transB", default: 0) != 0)
        var bias: [Float]?
        let beta = node.float("beta", default: 1)
        if node.input.count > 2, !node.input[2].isEmpty, beta != 0 {
            let c = try constant(node, 2, role: "C (the bias)").broadcast(to: outputs, role: "C (the bias)")
            // beta * C is what ONNX computes before adding; with the default beta = 1 the bias is C, bit for bit.
            bias = beta == 1 ? c : c.map { beta * $0 }
        }
        assembler.addProduct(inputs: inputs, outputs: outputs, weights: weights, bias: bias)
        features = [outputs]
    }

    private mutating func matMul(_ node: Onnx_NodeProto) throws {
        try requireVector(node)
        let b = try constant(node, 1, role: "the second input (the weights)")
        let (inputs, outputs, weights) = try matrix(b, transposed: false)
        assembler.addProduct(inputs: inputs, outputs: outputs, weights: weights, bias: nil)
        features = [outputs]
    }

    /// An ONNX weight matrix as Soma's output-major weights: `[inputs, outputs]`
    /// as stored for `x · B`, or `[outputs, inputs]` when `transposed` (Gemm's transB=1).
    private func matrix(_ b: ConstantTensor, transposed: Bool) throws -> (Int, Int, [Float]) {
        guard b.dims.count == 2 else {
            throw Refusal("weights \"\(b.name)\" have shape \(b.dims); a dense layer needs a matrix")
        }
        let values = try b.requireFloats(for: "the weights")
        let (inputs, outputs) = transposed ? (b.dims[1], b.dims[0]) : (b.dims[0], b.dims[1])
        if let width, width != inputs {
            throw Refusal("weights \"\(b.name)\" take \(inputs) inputs but the vector here has \(width)")
        }
        if transposed { return (inputs, outputs, values) }
        var weights = [Float](repeating: 0, count: values.count)
        for i in 0..<inputs {
            for o in 0..<outputs { weights[o * inputs + i] = values[i * outputs + o] }
        }
        return (inputs, outputs, weights)
    }

    /// The constant operand of a binary op whose other operand is the current vector.
    private func otherOperand(_ node: Onnx_NodeProto, currentFirst: Bool) throws -> ConstantTensor {
        guard node.input.count == 2 else { throw Refusal("expected 2 inputs, found \(node.input.count)") }
        if currentFirst && node.input[0] != current {
            throw Refusal("computes a constant minus or over the vector; Soma's input scaling is (x - mean) / std")
        }
        let k = node.input[0] == current ? 1 : 0
        if node.input[k] == current { throw Refusal("combines the vector with itself") }
        return try constant(node, k, role: "the other operand")
    }

    private mutating func add(_ node: Onnx_NodeProto) throws {
        try requireVector(node)
        let c = try otherOperand(node, currentFirst: false)
        if assembler.scalesOutputs {
            try assembler.shiftOutputs(by: spread(c, role: "the output mean"))
        } else if assembler.hasLayers {
            try assembler.addBias(spread(c, role: "the bias"))
        } else {
            // x + c is x - (-c) exactly: negation is exact.
            try assembler.subtractMean(scalingValues(c).map { -$0 })
        }
    }

    /// `c` over the vector's width, which must be known here (after a layer, it is).
    private func spread(_ c: ConstantTensor, role: String) throws -> [Float] {
        guard let width else { throw Refusal("the vector's width is unknown here") }
        return try c.broadcast(to: width, role: role)
    }

    private mutating func subtract(_ node: Onnx_NodeProto) throws {
        try requireVector(node)
        let c = try otherOperand(node, currentFirst: true)
        try requireNoLayers("Sub")
        try assembler.subtractMean(scalingValues(c))
    }

    private mutating func divide(_ node: Onnx_NodeProto) throws {
        try requireVector(node)
        let c = try otherOperand(node, currentFirst: true)
        try requireNoLayers("Div")
        try assembler.divide(by: scalingValues(c))
    }

    private mutating func multiply(_ node: Onnx_NodeProto) throws {
        try requireVector(node)
        let c = try otherOperand(node, currentFirst: false)
        if assembler.hasLayers {
            // After the layers, a constant factor is the output scaling's std.
            try assembler.scaleOutputs(by: spread(c, role: "the output std"))
            return
        }
        try assembler.divide(by: Self.reciprocals(scalingValues(c)))
    }

    private mutating func scaler(_ node: Onnx_NodeProto) throws {
        try checkAttributes(node, ["offset", "scale"])
        try requireVector(node)
        try requireNoLayers("Scaler")
        let stated = max(node.floats("offset").count, node.floats("scale").count)
        guard let width = width ?? (stated > 1 ? stated : nil) else {
            throw Refusal("the input's width is unknown and offset/scale do not say it")
        }
        features = [width]
        func spread(_ values: [Float], _ name: String) throws -> [Float] {
            if values.count == width { return values }
            if values.count == 1 { return Array(repeating: values[0], count: width) }
            throw Refusal("\(name) has \(values.count) values; Soma needs 1 or one per input (\(width))")
        }
        let offset = try spread(node.floats("offset").isEmpty ? [0] : node.floats("offset"), "offset")
        let scale = try spread(node.floats("scale").isEmpty ? [1] : node.floats("scale"), "scale")
        try assembler.subtractMean(offset)
        try assembler.divide(by: Self.reciprocals(scale))
    }

    /// Soma divides by std where ONNX multiplies by scale: std is the binary32
    /// nearest to 1/scale (computed in double). x / std may then differ from
    /// x * scale by one unit in the last place; docs/interop.md says so.
    static func reciprocals(_ scale: [Float]) -> [Float] {
        scale.map { Float(1 / Double($0)) }
    }

    /// A scaling constant spread over the input's width (which it may tell, if unknown yet).
    private mutating func scalingValues(_ c: ConstantTensor) throws -> [Float] {
        if width == nil {
            guard c.count > 1 else { throw Refusal("the input's width is unknown and the constant does not say it") }
            features = [c.count]
        }
        return try c.broadcast(to: width!, role: "the scaling constant")
    }

    private func requireNoLayers(_ op: String) throws {
        if assembler.hasLayers {
            throw Refusal("\(op) with a constant after the first layer: Soma scales only its input (before the first layer)")
        }
    }

    // MARK: - Batch normalisation and activations

    private mutating func batchNorm(_ node: Onnx_NodeProto) throws {
        try checkAttributes(node, ["epsilon", "momentum", "training_mode", "spatial"])
        try requireVector(node)
        if node.int("training_mode", default: 0) != 0 {
            throw Refusal("training_mode=1 normalises with batch statistics; Soma imports the inference form")
        }
        if node.int("spatial", default: 1) != 1 { throw Refusal("spatial=0 is not the per-channel form Soma has") }
        guard hasBatch else { throw Refusal("needs a batch dimension ([N, C]); the vector here has none") }
        guard node.input.count == 5 else { throw Refusal("expected 5 inputs (X, scale, B, mean, var), found \(node.input.count)") }
        let gamma = try constant(node, 1, role: "scale").requireFloats(for: "scale")
        let size = width ?? gamma.count
        func values(_ k: Int, _ role: String) throws -> [Float] {
            let t = try constant(node, k, role: role)
            guard t.count == size else { throw Refusal("\(role) has \(t.count) values, the vector has \(size)") }
            return try t.requireFloats(for: role)
        }
        let spec = BatchNormSpec(size: size, epsilon: node.float("epsilon", default: 1e-5),
                                 gamma: try values(1, "scale"), beta: try values(2, "B"),
                                 mean: try values(3, "mean"), variance: try values(4, "var"), activation: .identity)
        assembler.addBatchNorm(spec)
        features = [size]
    }

    private mutating func activate(_ spec: ActivationSpec, _ node: Onnx_NodeProto, attributes: Set<String>) throws {
        try checkAttributes(node, attributes)
        try requireVector(node)
        try assembler.activate(spec, opName: node.opType)
    }

    private mutating func selu(_ node: Onnx_NodeProto) throws {
        // Soma's selu has fixed constants, the binary32 values that are also ONNX's defaults.
        let alpha = node.float("alpha", default: Float(bitPattern: 0x3FD6_2D7D))
        let gamma = node.float("gamma", default: Float(bitPattern: 0x3F86_7D5F))
        if alpha.bitPattern != 0x3FD6_2D7D || gamma.bitPattern != 0x3F86_7D5F {
            throw Refusal("alpha=\(alpha), gamma=\(gamma) differ from SELU's standard constants "
                          + "(1.6732632, 1.050701), which Soma's selu fixes")
        }
        try activate(.selu, node, attributes: ["alpha", "gamma"])
    }

    private mutating func prelu(_ node: Onnx_NodeProto) throws {
        let slope = try spread(constant(node, 1, role: "slope"), role: "slope")
        try activate(.prelu(alphas: slope), node, attributes: [])
    }

    private mutating func softmax(_ node: Onnx_NodeProto) throws {
        let rank = hasBatch ? 2 : 1
        let axis = node.int("axis", default: opset >= 13 ? -1 : 1)
        if (axis < 0 ? axis + rank : axis) != rank - 1 {
            throw Refusal("axis=\(axis) on a rank-\(rank) tensor; Soma's softmax runs over each row's vector (the last axis)")
        }
        try activate(.softmax, node, attributes: ["axis"])
    }

    /// `Cast(Greater(x, 0), to=FLOAT)`: the step activation, 1 where x > 0, else 0.
    private mutating func stepPattern(_ node: Onnx_NodeProto, _ k: Int) throws {
        let c = try otherOperand(node, currentFirst: true)
        guard let values = c.floats, values.count == 1, values[0] == 0 else {
            throw Refusal("Greater is read only as the step activation, Greater(x, 0) then Cast to FLOAT")
        }
        let users = index.consumers[node.output[0]] ?? []
        guard users.count == 1, graph.node[users[0]].opType == "Cast",
              graph.node[users[0]].int("to", default: 0) == Int(ConstantTensor.float32) else {
            throw Refusal("Greater is read only as the step activation, Greater(x, 0) then Cast to FLOAT")
        }
        try activate(.step, node, attributes: [])
        visited.insert(users[0])
        current = graph.node[users[0]].output[0]
    }

    /// `x * Sigmoid(x)`, or `x * Sigmoid(beta * x)` with a constant `beta`: Swish.
    private mutating func swish(_ users: [Int]) throws {
        let nodes = users.map { graph.node[$0] }
        func outputUsers(_ k: Int) -> [Int] { index.consumers[graph.node[k].output[0]] ?? [] }
        let notSwish = Refusal("tensor \"\(current)\" feeds two nodes (\(nodes.map(\.opType).joined(separator: ", "))); "
                               + "the only fork Soma reads is x * Sigmoid(x) or x * Sigmoid(beta * x) (Swish)")
        // The product x * s is the node whose other input is not a constant.
        guard let productSlot = nodes.firstIndex(where: { $0.opType == "Mul" && $0.input.count == 2
                                                          && index.constants[$0.input[0] == current ? $0.input[1] : $0.input[0]] == nil }) else {
            throw notSwish
        }
        let product = users[productSlot], other = users[1 - productSlot]
        var beta: Float = 1
        var sigmoid = other
        if graph.node[other].opType == "Mul" {
            let c = try otherOperand(graph.node[other], currentFirst: false)
            guard let values = c.floats, values.count == 1 else { throw notSwish }
            beta = values[0]
            let next = outputUsers(other)
            guard next.count == 1 else { throw notSwish }
            sigmoid = next[0]
        }
        let s = graph.node[sigmoid]
        guard s.opType == "Sigmoid", outputUsers(sigmoid) == [product],
              Set(graph.node[product].input) == [current, s.output[0]] else { throw notSwish }
        try activate(.swish(beta: beta), s, attributes: [])
        visited.formUnion([product, other, sigmoid])
        current = graph.node[product].output[0]
    }

    // MARK: - Shapes

    private mutating func flatten(_ node: Onnx_NodeProto) throws {
        try checkAttributes(node, ["axis"])
        let rank = features.count + (hasBatch ? 1 : 0)
        var axis = node.int("axis", default: 1)
        if axis < 0 { axis += rank }
        if hasBatch && axis == 1 {
            features = [features.contains(where: { $0 == nil }) ? nil : features.reduce(1) { $0 * $1! }]
        } else if !hasBatch && axis == 0 && features.count == 1 {
            hasBatch = true
            batch = 1
        } else {
            throw Refusal("axis=\(axis) on a rank-\(rank) tensor would mix examples; Soma flattens each row's features (axis=1)")
        }
    }

    private mutating func reshape(_ node: Onnx_NodeProto) throws {
        try checkAttributes(node, ["allowzero"])
        try requireVector(node)
        let target = try constant(node, 1, role: "shape").int64s ?? []
        let refusal = Refusal("reshapes to \(target); Soma reads only a reshape that keeps one vector per row")
        if node.int("allowzero", default: 0) != 0 && target.contains(0) { throw refusal }
        let w = width.map(Int64.init)
        switch target.count {
        case 2:
            let (first, last) = (target[0], target[1])
            let keepsRow = hasBatch ? (first == 0 || first == -1 || (batch != nil && first == Int64(batch!))) : (first == 1 || first == -1)
            guard keepsRow, (last != -1 || first != -1), last == -1 || w == nil || last == w! else { throw refusal }
            if last != -1 && w == nil { features = [Int(last)] }
            if !hasBatch { hasBatch = true; batch = 1 }
        case 1:
            guard !hasBatch || batch == 1, target[0] == -1 || w == nil || target[0] == w! else { throw refusal }
            hasBatch = false
            batch = nil
        case 3:
            // [N, outputs, pieces] right after a product: the grouping of a maxout layer's pieces.
            let (first, outputs, pieces) = (target[0], target[1], target[2])
            let keepsRow = hasBatch && (first == 0 || first == -1 || (batch != nil && first == Int64(batch!)))
            guard keepsRow, outputs >= 1, pieces >= 2, let w, outputs * pieces == w, assembler.takesPieces else {
                throw Refusal("reshapes to \(target); Soma reads a rank-3 reshape only as [N, outputs, pieces] "
                              + "right after MatMul/Gemm, before a ReduceMax over the pieces (a maxout layer)")
            }
            features = [Int(outputs), Int(pieces)]
        default:
            throw refusal
        }
    }

    /// The maximum over the last axis of `[N, outputs, pieces]`: a maxout layer.
    private mutating func reduceMax(_ node: Onnx_NodeProto) throws {
        try checkAttributes(node, ["axes", "keepdims", "noop_with_empty_axes"])
        let axes: [Int64]
        if opset >= 18 {
            axes = node.input.count > 1 && !node.input[1].isEmpty ? (try constant(node, 1, role: "axes").int64s ?? []) : []
        } else {
            axes = node.attributeNamed("axes")?.ints ?? []
        }
        guard features.count == 2, let pieces = features[1], axes == [2] || axes == [-1],
              node.int("keepdims", default: 1) == 0 else {
            throw Refusal("Soma reads ReduceMax only over the pieces of [N, outputs, pieces] after a Reshape "
                          + "(axes [2], keepdims 0): a maxout layer")
        }
        try assembler.takeMaximum(pieces: pieces)
        features = [features[0]]
    }

    private mutating func dropout(_ node: Onnx_NodeProto) throws {
        try checkAttributes(node, ["seed", "ratio", "is_test"])
        if node.input.count > 2, !node.input[2].isEmpty {
            let mode = try constant(node, 2, role: "training_mode")
            let on = (mode.floats?.contains { $0 != 0 } ?? false) || (mode.int64s?.contains { $0 != 0 } ?? false)
            if on || (mode.floats == nil && mode.int64s == nil) {
                throw Refusal("training_mode is on; at inference Dropout passes its input through, which is what Soma imports")
            }
        }
    }

    /// Most ops need the current tensor to be a vector per row, not an image.
    private func requireVector(_ node: Onnx_NodeProto) throws {
        if features.count != 1 {
            throw Refusal("the tensor here has \(features.count) feature dimensions; Soma needs a vector per row (add Flatten first)")
        }
    }

    private func checkAttributes(_ node: Onnx_NodeProto, _ known: Set<String>) throws {
        if let unknown = node.attributes(notIn: known).first {
            throw Refusal("attribute \"\(unknown)\" is not one Soma reads for \(node.opType)")
        }
    }

    /// Input `k` of `node`, which must be a constant (an initializer or a Constant node).
    private func constant(_ node: Onnx_NodeProto, _ k: Int, role: String) throws -> ConstantTensor {
        guard k < node.input.count, !node.input[k].isEmpty else { throw Refusal("\(role) is missing") }
        let name = node.input[k]
        guard let tensor = index.constants[name] else {
            throw Refusal("\(role) \"\(name)\" is computed at run time; Soma needs it to be a constant (an initializer)")
        }
        do {
            return try ConstantTensor(tensor, name: name)
        } catch {
            throw Refusal(error.description)
        }
    }
}
