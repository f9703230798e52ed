import Foundation

extension ModelFile {
    /// The model as JSON text: members in a fixed order, two-space
    /// indentation, each weight row, activation, packed array and every other
    /// array of numbers on one line, numbers as the shortest text that reads
    /// back to the same binary32 (`Float.description`), `"layout":
    /// "output-major"`, and always a `checksum` computed from the values (the
    /// ``checksum`` property is ignored).
    ///
    /// - Parameter packed: write layer arrays as base64 packed arrays (smaller, faster to load).
    /// - Throws: a ``ModelFileError`` if the model breaks a rule of the format
    ///   (``validate()``), e.g. a non-finite weight; nothing is produced then.
    public func jsonData(packed: Bool = false) throws(ModelFileError) -> Data {
        Data(try jsonText(packed: packed).utf8)
    }

    /// The text ``jsonData(packed:)`` returns, as a `String`.
    public func jsonText(packed: Bool = false) throws(ModelFileError) -> String {
        try validate()
        if let training { try JSONPrinter.checkNumbers(training, at: "training") }
        return JSONPrinter.pretty(jsonValue(packed: packed), inline: Self.printsOnOneLine)
    }

    /// Writes the model to `url` atomically: the text goes to a temporary file
    /// in the same directory, which is flushed to disk and then renamed over
    /// `url`. A reader of `url` sees the old file or the new one, never a part;
    /// on failure the temporary file is removed and `url` is untouched.
    public func write(to url: URL, packed: Bool = false) throws(ModelFileError) {
        let data = try jsonData(packed: packed)
        do {
            try AtomicFile.write(data, to: url)
        } catch {
            throw ModelFileError(.io, at: "", error.description)
        }
    }

    /// The whole file as a value, members in the order the format lists them.
    func jsonValue(packed: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("format", .string(Self.formatName)),
            ("version", JSONValue(writtenVersion)),
            ("name", .string(name)),
            ("inputs", JSONValue(inputs)),
            ("outputs", JSONValue(outputs)),
        ]
        if let featureNames { members.append(("feature_names", .array(featureNames.map { .string($0) }))) }
        if let labelColumn { members.append(("label_column", .string(labelColumn))) }
        if let scaling = inputScaling {
            members.append(("input_scaling", .object([("mean", Self.numbers(scaling.mean)),
                                                      ("std", Self.numbers(scaling.std))])))
        }
        if let scaling = outputScaling {
            members.append(("output_scaling", .object([("mean", Self.numbers(scaling.mean)),
                                                       ("std", Self.numbers(scaling.std))])))
        }
        if let labels { members.append(("labels", .array(labels.map { .string($0) }))) }
        if let task { members.append(("task", .string(task))) }
        members.append(("layers", .array(layers.map { Self.layerValue($0, packed: packed) })))
        if let training { members.append(("training", training)) }
        if let selfTest {
            var test: [(String, JSONValue)] = [("inputs", Self.vectors(selfTest.inputs)),
                                               ("outputs", Self.vectors(selfTest.outputs))]
            if let layerOutputs = selfTest.layerOutputs {
                test.append(("layer_outputs", .array(layerOutputs.map(Self.vectors))))
            }
            members.append(("self_test", .object(test)))
        }
        members.append(("checksum", .string(computedChecksum)))
        return .object(members)
    }

    /// Activations and packed arrays print on one line; everything else follows the printer's rule.
    static func printsOnOneLine(_ path: JSONPrinter.Path, _ value: JSONValue) -> Bool {
        guard path.first == .key("layers") else { return false }
        return path.last == .key("activation") || value["encoding"] != nil
    }

    static func numbers(_ values: [Float]) -> JSONValue {
        .array(values.map { JSONValue($0) })
    }

    static func vectors(_ vectors: [[Float]]) -> JSONValue {
        .array(vectors.map(numbers))
    }

    static func array(_ values: [Float], packed: Bool) -> JSONValue {
        packed ? packedValue(values) : numbers(values)
    }

    /// A packed array: the values' binary32 bits, little-endian, in base64.
    static func packedValue(_ values: [Float]) -> JSONValue {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 4)
        for value in values {
            let bits = value.bitPattern
            bytes.append(UInt8(bits & 0xFF))
            bytes.append(UInt8((bits >> 8) & 0xFF))
            bytes.append(UInt8((bits >> 16) & 0xFF))
            bytes.append(UInt8(bits >> 24))
        }
        return .object([("encoding", .string("base64-f32le")), ("count", JSONValue(values.count)),
                        ("data", .string(Data(bytes).base64EncodedString()))])
    }

    static func activationValue(_ act: ActivationSpec, packed: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(act.kind.rawValue))]
        if let alpha = act.alpha { members.append(("alpha", JSONValue(alpha))) }
        if let alphas = act.alphas { members.append(("alpha", array(alphas, packed: packed))) }
        if let beta = act.beta { members.append(("beta", JSONValue(beta))) }
        return .object(members)
    }

    static func layerValue(_ layer: ModelLayer, packed: Bool) -> JSONValue {
        var members: [(String, JSONValue)]
        switch layer {
        case .dense(let d):
            let rows = (0..<d.outputs).map { o in numbers(Array(d.weights[o * d.inputs ..< (o + 1) * d.inputs])) }
            members = [("type", .string("dense")), ("inputs", JSONValue(d.inputs)), ("outputs", JSONValue(d.outputs)),
                       ("layout", .string("output-major")),
                       ("weights", packed ? packedValue(d.weights) : .array(rows)),
                       ("bias", array(d.bias, packed: packed))]
        case .batchNorm(let b):
            members = [("type", .string("batchnorm")), ("size", JSONValue(b.size)), ("epsilon", JSONValue(b.epsilon)),
                       ("gamma", array(b.gamma, packed: packed)), ("beta", array(b.beta, packed: packed)),
                       ("mean", array(b.mean, packed: packed)), ("variance", array(b.variance, packed: packed))]
        case .maxout(let m):
            let rows = (0..<m.rows).map { r in numbers(Array(m.weights[r * m.inputs ..< (r + 1) * m.inputs])) }
            members = [("type", .string("maxout")), ("inputs", JSONValue(m.inputs)), ("outputs", JSONValue(m.outputs)),
                       ("pieces", JSONValue(m.pieces)), ("layout", .string("output-major")),
                       ("weights", packed ? packedValue(m.weights) : .array(rows)),
                       ("bias", array(m.bias, packed: packed))]
        }
        members.append(("activation", activationValue(layer.activation, packed: packed)))
        return .object(members)
    }
}
