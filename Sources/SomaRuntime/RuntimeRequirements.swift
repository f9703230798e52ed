import CSoma

/// What a model file needs from the C runtime, measured without loading it, so
/// an embedder can size storage up front (`soma_requirements_file`).
public struct RuntimeRequirements: Equatable, Sendable {
    public let inputs: Int
    public let outputs: Int
    public let layers: Int
    /// The widest vector: the inputs or any layer's outputs.
    public let widest: Int
    /// Binary32 values the parameter storage must hold.
    public let parameters: Int
    /// Bytes of parameter storage (4 per parameter); the `soma_model` struct is apart.
    public let bytes: Int
    /// The first `SOMA_MAX_*` limit of this build the model exceeds, or nil if it fits.
    public let exceeds: String?

    /// Measures the model file at `path`.
    public init(contentsOf path: String) throws(RuntimeError) {
        var requirements = soma_requirements()
        var error = soma_error()
        try check(soma_requirements_file(path, &requirements, &error), &error)
        self.init(requirements)
    }

    /// Measures a model held in memory as JSON text.
    public init(json: String) throws(RuntimeError) {
        var requirements = soma_requirements()
        var error = soma_error()
        var text = json
        let status = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                soma_requirements_string($0.baseAddress, $0.count, &requirements, &error)
            }
        }
        try check(status, &error)
        self.init(requirements)
    }

    /// Floats to allocate before loading: the parameters, or none for a model over a
    /// limit, which the load refuses with the limit's name before it needs storage.
    var storageFloats: Int { exceeds == nil ? parameters : 0 }

    private init(_ r: soma_requirements) {
        inputs = r.inputs
        outputs = r.outputs
        layers = r.layers
        widest = r.widest
        parameters = r.params
        bytes = r.bytes
        let limit = r.exceeds.map { String(cString: $0) } ?? ""
        exceeds = r.fits != 0 || limit.isEmpty ? nil : limit
    }
}
