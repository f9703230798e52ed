import CSomaCore

/// A model loaded by Soma's C runtime, for running from Swift.
///
/// Two allocations, made once here and freed in `deinit`: the `soma_model`
/// struct (counts, layer table, name; `MemoryLayout<soma_model>.size` bytes)
/// and the parameter storage it refers to, sized from the model's
/// requirements (`soma_requirements_*`: a 9-parameter XOR net gets 36 bytes).
/// The storage lives exactly as long as the model that refers to it. The
/// runtime never allocates after loading, and a loaded model is never written
/// again, so one instance may be used from many threads at once.
public final class RuntimeModel: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<soma_model>
    private let parameters: UnsafeMutableBufferPointer<Float>

    /// Loads the model file at `path`.
    public convenience init(contentsOf path: String) throws(RuntimeError) {
        let needs = try RuntimeRequirements(contentsOf: path)
        try self.init(parameterCount: needs.storageFloats) { model, params, count, error in
            soma_load_file(model, params, count, path, error)
        }
    }

    /// Loads a model from JSON text held in memory.
    public convenience init(json: String) throws(RuntimeError) {
        let needs = try RuntimeRequirements(json: json)
        var text = json
        try self.init(parameterCount: needs.storageFloats) { model, params, count, error in
            text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) {
                    soma_load_string(model, params, count, $0.baseAddress, $0.count, error)
                }
            }
        }
    }

    /// Allocates the struct and `parameterCount` floats of storage, then runs `load` on them.
    init(
        parameterCount: Int,
        _ load: (UnsafeMutablePointer<soma_model>, UnsafeMutablePointer<Float>, Int,
                 UnsafeMutablePointer<soma_error>) -> soma_status
    ) throws(RuntimeError) {
        storage = .allocate(capacity: 1)
        storage.initialize(to: soma_model())
        // At least one float, so the pointer is never NULL (the loader refuses NULL storage).
        parameters = .allocate(capacity: max(parameterCount, 1))
        parameters.initialize(repeating: 0)
        var error = soma_error()
        // On failure `deinit` still runs (every stored property is set), and frees both.
        try check(load(storage, parameters.baseAddress!, parameterCount, &error), &error)
    }

    deinit {
        soma_unload(storage)
        storage.deallocate()
        parameters.deallocate()
    }

    /// The model's `name` member.
    public var name: String { String(cString: soma_model_name(storage)) }
    /// Length of the input vector.
    public var inputCount: Int { soma_input_count(storage) }
    /// Length of the output vector.
    public var outputCount: Int { soma_output_count(storage) }
    /// Number of parameters (weights, biases, statistics, scaling) the model holds.
    public var parameterCount: Int { soma_param_count(storage) }
    /// Bytes of parameter storage the model refers to (4 per parameter).
    public var storageBytes: Int { soma_storage_bytes(storage) }
    /// Bytes of the `soma_model` struct itself at the compiled-in limits
    /// (`sizeof(soma_model)`): counts, layer table, name, not the parameters.
    public static var structBytes: Int { MemoryLayout<soma_model>.size }

    /// The layers as the runtime loaded them.
    public var layers: [RuntimeLayer] {
        (0..<soma_layer_count(storage)).map { index in
            RuntimeLayer(
                kind: Self.kind(soma_layer_kind_at(storage, index)),
                activation: String(cString: soma_activation_name(soma_layer_activation(storage, index))),
                inputs: soma_layer_inputs(storage, index),
                outputs: soma_layer_outputs(storage, index),
                pieces: soma_layer_pieces(storage, index))
        }
    }

    /// The wrapper's name for a C layer kind.
    private static func kind(_ kind: soma_layer_kind) -> RuntimeLayer.Kind {
        switch kind {
        case SOMA_LAYER_BATCHNORM: return .batchNorm
        case SOMA_LAYER_MAXOUT: return .maxout
        default: return .dense
        }
    }

    /// Runs one input vector through the C runtime's forward pass.
    public func predict(_ input: [Float]) throws(RuntimeError) -> [Float] {
        try requireCount(input.count, inputCount, "input")
        var output = [Float](repeating: 0, count: outputCount)
        var error = soma_error()
        let status = input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                soma_run(storage, x.baseAddress, x.count, y.baseAddress, y.count, &error)
            }
        }
        try check(status, &error)
        return output
    }

    /// Runs `rows` input vectors laid one after another; returns their outputs likewise.
    public func predictBatch(_ inputs: [Float], rows: Int) throws(RuntimeError) -> [Float] {
        try requireCount(inputs.count, rows * inputCount, "batch input (\(rows) rows)")
        var output = [Float](repeating: 0, count: rows * outputCount)
        var error = soma_error()
        let (inCount, outCount) = (inputCount, outputCount)
        let status = inputs.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                soma_run_batch(storage, x.baseAddress, rows, inCount, y.baseAddress, outCount, &error)
            }
        }
        try check(status, &error)
        return output
    }

    /// Every layer's output for one input, in layer order.
    public func layerOutputs(_ input: [Float]) throws(RuntimeError) -> [[Float]] {
        try requireCount(input.count, inputCount, "input")
        let widths = layers.map(\.outputs)
        var flat = [Float](repeating: 0, count: widths.reduce(0, +))
        var error = soma_error()
        let status = input.withUnsafeBufferPointer { x in
            flat.withUnsafeMutableBufferPointer { y in
                soma_run_layers(storage, x.baseAddress, x.count, y.baseAddress, y.count, &error)
            }
        }
        try check(status, &error)
        var result: [[Float]] = []
        var start = 0
        for width in widths {
            result.append(Array(flat[start..<start + width]))
            start += width
        }
        return result
    }

    private func requireCount(_ given: Int, _ expected: Int, _ what: String) throws(RuntimeError) {
        guard given == expected else {
            throw RuntimeError(
                status: .argument,
                message: "\(what): \(given) values, the model takes \(expected)")
        }
    }
}
