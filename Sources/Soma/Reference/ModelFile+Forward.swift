extension ModelFile {
    /// The reference forward pass: the model's outputs for one input vector,
    /// computed exactly as `docs/model-format.md` orders the operations (input
    /// scaling, then each layer's pre-activation and activation). Parity tests
    /// compare its bits with the C runtime's.
    ///
    /// - Throws: ``ModelFileError`` of kind `.argument` if `input` does not hold
    ///   ``inputs`` finite values, or of the rule's kind if the model's shapes are broken.
    public func predict(_ input: [Float]) throws(ModelFileError) -> [Float] {
        finalOutputs(try layerOutputs(input).last!)
    }

    /// The model's outputs from the last layer's: output scaling, if any, applied.
    func finalOutputs(_ last: [Float]) -> [Float] {
        outputScaling?.apply(last) ?? last
    }

    /// Every layer's output (after its activation) for one input vector, layer by
    /// layer; ``predict(_:)``'s result is the last one after output scaling.
    /// Input scaling is applied first; neither scaling is itself listed.
    public func layerOutputs(_ input: [Float]) throws(ModelFileError) -> [[Float]] {
        try validateStructure()
        if input.count != inputs {
            throw ModelFileError(.argument, at: "input", "expected \(inputs) values, found \(input.count)")
        }
        for (i, x) in input.enumerated() where !x.isFinite {
            throw ModelFileError(.argument, at: "input[\(i)]", "must be finite, found \(x)")
        }
        var x = inputScaling?.apply(input) ?? input
        var result: [[Float]] = []
        result.reserveCapacity(layers.count)
        for layer in layers {
            var z: [Float]
            switch layer {
            case .dense(let d):
                z = [Float](repeating: 0, count: d.outputs)
                ReferenceMath.dense(weights: d.weights, bias: d.bias, inputs: d.inputs, outputs: d.outputs, x: x, into: &z)
            case .batchNorm(let b):
                z = ReferenceMath.batchNorm(b, x: x)
            case .maxout(let m):
                z = ReferenceMath.maxout(m, x: x)
            }
            ReferenceMath.activate(layer.activation, &z)
            result.append(z)
            x = z
        }
        return result
    }

    /// A copy of the model whose ``selfTest`` holds `inputs` with the outputs and
    /// layer outputs this reference pass computes for them.
    public func addingSelfTest(inputs testInputs: [[Float]]) throws(ModelFileError) -> ModelFile {
        var outputs: [[Float]] = []
        var layerOutputs: [[[Float]]] = []
        for input in testInputs {
            let perLayer = try self.layerOutputs(input)
            layerOutputs.append(perLayer)
            outputs.append(finalOutputs(perLayer.last!))
        }
        var copy = self
        copy.selfTest = SelfTest(inputs: testInputs, outputs: outputs, layerOutputs: layerOutputs)
        return copy
    }

    /// Recomputes the ``selfTest`` vectors (if any) and throws a `.selfTest`
    /// error naming the first value whose bits differ.
    public func verifySelfTest() throws(ModelFileError) {
        guard let selfTest else { return }
        for (k, input) in selfTest.inputs.enumerated() {
            let perLayer = try layerOutputs(input)
            if let expectedLayers = selfTest.layerOutputs {
                for (l, expected) in expectedLayers[k].enumerated() {
                    try Self.compare(perLayer[l], expected, at: "self_test.layer_outputs[\(k)][\(l)]")
                }
            }
            try Self.compare(finalOutputs(perLayer.last!), selfTest.outputs[k], at: "self_test.outputs[\(k)]")
        }
    }

    private static func compare(_ got: [Float], _ expected: [Float], at path: String) throws(ModelFileError) {
        for (i, (g, e)) in zip(got, expected).enumerated() where g.bitPattern != e.bitPattern {
            throw ModelFileError(.selfTest, at: "\(path)[\(i)]",
                                 "the file says \(e) but the reference pass computes \(g) (\(ulpDistance(g, e)) ULP, \(abs(g - e)) absolute)")
        }
    }

    /// Distance in units in the last place between two finite binary32 values
    /// (the number of representable values between them; `+0` and `-0` are 0 apart).
    public static func ulpDistance(_ a: Float, _ b: Float) -> UInt64 {
        func ordered(_ x: Float) -> Int64 {
            let bits = Int64(x.bitPattern & 0x7FFF_FFFF)
            return x.sign == .minus ? -bits : bits
        }
        return UInt64((ordered(a) - ordered(b)).magnitude)
    }
}

extension ModelFile {
    /// The model with self-test vectors for `inputs`, for models the library has
    /// just built: their shapes are right by construction, so the reference pass
    /// cannot refuse them.
    func selfTested(_ inputs: [[Float]]) -> ModelFile {
        do {
            return try addingSelfTest(inputs: inputs)
        } catch {
            preconditionFailure("a model built by the library failed its own forward pass: \(error)")
        }
    }
}
