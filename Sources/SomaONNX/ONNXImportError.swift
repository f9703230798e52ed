/// Why an ONNX model cannot become a Soma model, naming the place: the node
/// (its index in the graph, its name and op type) or the graph part at fault.
///
/// `node[4] "conv1" (Conv): Soma has dense and batch-norm layers only ...`
public struct ONNXImportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The node's position in `graph.node`, if a node is at fault.
    public var nodeIndex: Int?
    /// The node's name (may be empty in ONNX files).
    public var nodeName: String?
    /// The node's op type, e.g. `Conv`.
    public var opType: String?
    /// The place when no node is at fault, e.g. `graph.input` or `initializer "W"`.
    public var place: String?
    /// Why it is refused.
    public var reason: String

    /// An error about one node.
    init(node index: Int, _ node: Onnx_NodeProto, _ reason: String) {
        nodeIndex = index
        nodeName = node.name
        opType = node.domain.isEmpty || node.domain == "ai.onnx" ? node.opType : "\(node.domain).\(node.opType)"
        self.reason = reason
    }

    /// An error about another part of the model.
    init(at place: String, _ reason: String) {
        self.place = place
        self.reason = reason
    }

    public var description: String {
        if let nodeIndex {
            let name = (nodeName ?? "").isEmpty ? "(unnamed)" : "\"\(nodeName!)\""
            return "node[\(nodeIndex)] \(name) (\(opType ?? "?")): \(reason)"
        }
        return "\(place ?? "model"): \(reason)"
    }
}
