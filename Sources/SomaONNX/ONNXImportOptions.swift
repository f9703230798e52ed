/// Choices for ``ONNXImporter/importModel(_:options:)``.
public struct ONNXImportOptions: Sendable {
    /// The Soma model's name; else the ONNX graph's name when it fits (1 to 63 bytes), else ``fallbackName``.
    public var name: String?
    /// Used when neither ``name`` nor the graph's name is usable (the CLI passes the file's stem).
    public var fallbackName: String
    /// Which graph output to convert; needed only when the graph has several FLOAT outputs.
    public var outputName: String?
    /// Class names, one per output; else those a Soma export recorded in the file's metadata.
    public var labels: [String]?
    /// Where the model came from, recorded in the model's `training` metadata.
    public var source: String?

    public init(name: String? = nil, fallbackName: String = "imported", outputName: String? = nil,
                labels: [String]? = nil, source: String? = nil) {
        self.name = name
        self.fallbackName = fallbackName
        self.outputName = outputName
        self.labels = labels
        self.source = source
    }
}
