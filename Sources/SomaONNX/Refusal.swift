/// A reason to refuse, raised where the node is not at hand; the graph walk
/// wraps it into an ``ONNXImportError`` naming the node.
struct Refusal: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
