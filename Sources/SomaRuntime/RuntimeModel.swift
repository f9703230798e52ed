import CSoma

/// A model loaded by Soma's C runtime, for running from Swift.
///
/// The storage (`soma_model`, fixed size, set by the limits in `soma.h`) is
/// allocated once here and freed in `deinit`; the runtime itself never
/// allocates after loading. A loaded model is never written again, so one
/// instance may be used from many threads at once.
public final class RuntimeModel: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<soma_model>

    /// Loads the model file at `path`.
    public convenience init(contentsOf path: String) throws(RuntimeError) {
        try self.init { model, error in soma_load_file(model, path, error) }
    }

    /// Loads a model from JSON text held in memory.
    public convenience init(json: String) throws(RuntimeError) {
        var text = json
        try self.init { model, error in
            text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) {
                    soma_load_string(model, $0.baseAddress, $0.count, error)
                }
            }
        }
    }

    init(
        _ load: (UnsafeMutablePointer<soma_model>, UnsafeMutablePointer<soma_error>) -> soma_status
    ) throws(RuntimeError) {
        // Zeroed in place: a `soma_model()` value would be a 1 MiB stack temporary.
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: MemoryLayout<soma_model>.size, alignment: MemoryLayout<soma_model>.alignment)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<soma_model>.size)
        storage = raw.bindMemory(to: soma_model.self, capacity: 1)
        var error = soma_error()
        // On failure `deinit` still runs (every stored property is set), and frees the storage.
        try check(load(storage, &error), &error)
    }

    deinit { storage.deallocate() }

    /// The model's `name` member.
    public var name: String { String(cString: soma_model_name(storage)) }
    /// Length of the input vector.
    public var inputCount: Int { soma_input_count(storage) }
    /// Length of the output vector.
    public var outputCount: Int { soma_output_count(storage) }
    /// Number of parameters (weights, biases, statistics, scaling) the model holds.
    public var parameterCount: Int { soma_param_count(storage) }
    /// Bytes of runtime storage the model's parameters and layer table occupy.
    public var storageBytes: Int { soma_storage_bytes(storage) }
    /// Bytes of one `soma_model` at the compiled-in limits (`sizeof(soma_model)`).
    public static var capacityBytes: Int { MemoryLayout<soma_model>.size }

    /// The layers as the runtime loaded them.
    public var layers: [RuntimeLayer] {
        (0..<soma_layer_count(storage)).map { index in
            RuntimeLayer(
                kind: soma_layer_kind_at(storage, index) == SOMA_LAYER_DENSE ? .dense : .batchNorm,
                activation: String(cString: soma_activation_name(soma_layer_activation(storage, index))),
                inputs: soma_layer_inputs(storage, index),
                outputs: soma_layer_outputs(storage, index))
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
