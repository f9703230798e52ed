/// Reading a node's attributes by name, with ONNX's defaults.
extension Onnx_NodeProto {
    func attributeNamed(_ name: String) -> Onnx_AttributeProto? {
        attribute.first { $0.name == name }
    }

    /// An integer attribute (`i`), or `defaultValue` when absent.
    func int(_ name: String, default defaultValue: Int) -> Int {
        guard let a = attributeNamed(name) else { return defaultValue }
        return Int(a.i)
    }

    /// A float attribute (`f`, binary32 in the file), or `defaultValue` when absent.
    func float(_ name: String, default defaultValue: Float) -> Float {
        guard let a = attributeNamed(name) else { return defaultValue }
        return a.f
    }

    /// A list-of-floats attribute (`floats`), empty when absent.
    func floats(_ name: String) -> [Float] {
        attributeNamed(name)?.floats ?? []
    }

    /// The names of attributes not in `known`, for refusing what this importer does not read.
    func attributes(notIn known: Set<String>) -> [String] {
        attribute.map(\.name).filter { !known.contains($0) }
    }
}
