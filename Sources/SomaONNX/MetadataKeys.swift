/// The `metadata_props` keys a Soma export writes and an import reads back,
/// so that a round trip keeps what the ONNX graph itself cannot say.
enum MetadataKeys {
    /// The class names, as a JSON array of strings.
    static let labels = "soma.labels"
    /// `classification` or `regression`.
    static let task = "soma.task"
}
