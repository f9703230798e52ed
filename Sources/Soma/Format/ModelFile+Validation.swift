extension ModelFile {
    /// Checks every rule of the format that the in-memory form can break:
    /// sizes >= 1, array lengths that follow the sizes, layers that chain,
    /// finite values, `std > 0`, `variance >= 0`, `epsilon > 0`, activation
    /// parameters, label count, name length, self-test shapes. The writer runs
    /// it before writing; the reader runs it after parsing. Paths in errors are
    /// the paths the file would have.
    public func validate() throws(ModelFileError) {
        try validateStructure()
        if let scaling = inputScaling {
            try Self.checkFinite(scaling.mean, at: "input_scaling.mean")
            try Self.checkFinite(scaling.std, at: "input_scaling.std")
            for (i, s) in scaling.std.enumerated() where !(s > 0) {
                throw ModelFileError(.value, at: "input_scaling.std[\(i)]", "must be > 0, found \(s)")
            }
        }
        if let scaling = outputScaling {
            try Self.checkFinite(scaling.mean, at: "output_scaling.mean")
            try Self.checkFinite(scaling.std, at: "output_scaling.std")
            for (i, s) in scaling.std.enumerated() where !(s > 0) {
                throw ModelFileError(.value, at: "output_scaling.std[\(i)]", "must be > 0, found \(s)")
            }
        }
        for (l, layer) in layers.enumerated() {
            let path = "layers[\(l)]"
            switch layer {
            case .dense(let d):
                try Self.checkFinite(AffineRows(d), at: path)
            case .maxout(let m):
                try Self.checkFinite(AffineRows(m), at: path)
            case .batchNorm(let b):
                if !b.epsilon.isFinite || !(b.epsilon > 0) {
                    throw ModelFileError(.value, at: "\(path).epsilon", "must be a finite number > 0, found \(b.epsilon)")
                }
                try Self.checkFinite(b.gamma, at: "\(path).gamma")
                try Self.checkFinite(b.beta, at: "\(path).beta")
                try Self.checkFinite(b.mean, at: "\(path).mean")
                try Self.checkFinite(b.variance, at: "\(path).variance")
                for (k, v) in b.variance.enumerated() where v < 0 {
                    throw ModelFileError(.value, at: "\(path).variance[\(k)]", "must be >= 0, found \(v)")
                }
            }
            let act = layer.activation
            if let a = act.alpha, !a.isFinite {
                throw ModelFileError(.value, at: "\(path).activation.alpha", "must be finite, found \(a)")
            }
            if let b = act.beta, !b.isFinite {
                throw ModelFileError(.value, at: "\(path).activation.beta", "must be finite, found \(b)")
            }
            if let alphas = act.alphas {
                try Self.checkFinite(alphas, at: "\(path).activation.alpha")
            }
        }
        if let selfTest {
            for (k, v) in selfTest.inputs.enumerated() { try Self.checkFinite(v, at: "self_test.inputs[\(k)]") }
            for (k, v) in selfTest.outputs.enumerated() { try Self.checkFinite(v, at: "self_test.outputs[\(k)]") }
            for (k, sample) in (selfTest.layerOutputs ?? []).enumerated() {
                for (l, v) in sample.enumerated() { try Self.checkFinite(v, at: "self_test.layer_outputs[\(k)][\(l)]") }
            }
        }
    }

    /// The cheap part of ``validate()``: sizes, lengths, chaining and activation
    /// parameters, without looking at every value. The forward pass runs it.
    public func validateStructure() throws(ModelFileError) {
        let nameBytes = name.utf8.count
        if nameBytes < 1 || nameBytes > Self.maximumNameBytes {
            throw ModelFileError(.value, at: "name", "must be 1 to \(Self.maximumNameBytes) bytes of UTF-8, found \(nameBytes)")
        }
        if name.utf8.contains(0) {
            throw ModelFileError(.value, at: "name", "must not contain a NUL character")
        }
        try Self.checkSize(inputs, at: "inputs")
        try Self.checkSize(outputs, at: "outputs")
        if let scaling = inputScaling {
            try Self.checkCount(scaling.mean, inputs, at: "input_scaling.mean")
            try Self.checkCount(scaling.std, inputs, at: "input_scaling.std")
        }
        if let scaling = outputScaling {
            try Self.checkCount(scaling.mean, outputs, at: "output_scaling.mean")
            try Self.checkCount(scaling.std, outputs, at: "output_scaling.std")
        }
        if let featureNames, featureNames.count != inputs {
            throw ModelFileError(.shape, at: "feature_names", "expected \(inputs) names (one per input), found \(featureNames.count)")
        }
        if let labels {
            if labels.count != outputs && !(outputs == 1 && labels.count == 2) {
                let expected = outputs == 1 ? "1 or 2 labels" : "\(outputs) labels"
                throw ModelFileError(.shape, at: "labels", "expected \(expected) (one per output), found \(labels.count)")
            }
        }
        if let task, task != "classification", task != "regression" {
            throw ModelFileError(.value, at: "task", "must be \"classification\" or \"regression\", found \"\(task)\"")
        }
        if let training, case .object = training {} else if let training {
            throw ModelFileError(.field, at: "training", "expected an object, found \(training.kindDescription)")
        }
        if layers.isEmpty {
            throw ModelFileError(.value, at: "layers", "must hold at least one layer")
        }
        var width = inputs
        for (l, layer) in layers.enumerated() {
            let path = "layers[\(l)]"
            switch layer {
            case .dense(let d):
                try Self.checkShape(AffineRows(d), at: path)
            case .maxout(let m):
                try Self.checkShape(AffineRows(m), at: path)
            case .batchNorm(let b):
                try Self.checkSize(b.size, at: "\(path).size")
                try Self.checkCount(b.gamma, b.size, at: "\(path).gamma")
                try Self.checkCount(b.beta, b.size, at: "\(path).beta")
                try Self.checkCount(b.mean, b.size, at: "\(path).mean")
                try Self.checkCount(b.variance, b.size, at: "\(path).variance")
            }
            if layer.inputs != width {
                let field = if case .batchNorm = layer { "size" } else { "inputs" }
                throw ModelFileError(.shape, at: path, chainMessage(field, layer.inputs, layer: l, width: width))
            }
            try Self.checkActivation(layer.activation, outputs: layer.outputs, at: "\(path).activation")
            width = layer.outputs
        }
        if width != outputs {
            throw ModelFileError(.shape, at: "outputs", "is \(outputs) but the last layer gives \(width)")
        }
        if let selfTest {
            if selfTest.outputs.count != selfTest.inputs.count {
                throw ModelFileError(.shape, at: "self_test.outputs",
                                     "expected \(selfTest.inputs.count) vectors (one per input), found \(selfTest.outputs.count)")
            }
            for (k, v) in selfTest.inputs.enumerated() { try Self.checkCount(v, inputs, at: "self_test.inputs[\(k)]") }
            for (k, v) in selfTest.outputs.enumerated() { try Self.checkCount(v, outputs, at: "self_test.outputs[\(k)]") }
            if let layerOutputs = selfTest.layerOutputs {
                if layerOutputs.count != selfTest.inputs.count {
                    throw ModelFileError(.shape, at: "self_test.layer_outputs",
                                         "expected \(selfTest.inputs.count) entries (one per input), found \(layerOutputs.count)")
                }
                for (k, sample) in layerOutputs.enumerated() {
                    if sample.count != layers.count {
                        throw ModelFileError(.shape, at: "self_test.layer_outputs[\(k)]",
                                             "expected \(layers.count) vectors (one per layer), found \(sample.count)")
                    }
                    for (l, v) in sample.enumerated() {
                        try Self.checkCount(v, layers[l].outputs, at: "self_test.layer_outputs[\(k)][\(l)]")
                    }
                }
            }
        }
    }

    private func chainMessage(_ field: String, _ value: Int, layer l: Int, width: Int) -> String {
        l == 0 ? "\(field) is \(value) but the model's inputs is \(width)"
               : "\(field) is \(value) but the previous layer gives \(width)"
    }

    /// Sizes, then `pieces` (maxout only), then the counts of weights and biases:
    /// the order, and the words, are the same for dense and maxout layers.
    static func checkShape(_ rows: AffineRows, at path: String) throws(ModelFileError) {
        try checkSize(rows.inputs, at: "\(path).inputs")
        try checkSize(rows.outputs, at: "\(path).outputs")
        if let pieces = rows.pieces {
            try checkPieces(pieces, outputs: rows.outputs, at: "\(path).pieces")
        }
        if rows.weights.count != rows.inputs * rows.count {
            throw ModelFileError(.shape, at: "\(path).weights",
                                 "expected \(rows.count) × \(rows.inputs) = \(rows.count * rows.inputs) values, found \(rows.weights.count)")
        }
        try checkCount(rows.bias, rows.count, at: "\(path).bias")
    }

    static func checkFinite(_ rows: AffineRows, at path: String) throws(ModelFileError) {
        try checkFinite(rows.weights, at: "\(path).weights", rowLength: rows.inputs)
        try checkFinite(rows.bias, at: "\(path).bias")
    }

    static func checkSize(_ value: Int, at path: String) throws(ModelFileError) {
        if value < 1 {
            throw ModelFileError(.value, at: path, "must be an integer >= 1, found \(value)")
        }
        if value > maximumSize {
            throw ModelFileError(.value, at: path, "\(value) is larger than the format's largest size, \(maximumSize)")
        }
    }

    /// A maxout layer's `pieces`: at least 2, and `outputs × pieces` (its rows) a size.
    static func checkPieces(_ pieces: Int, outputs: Int, at path: String) throws(ModelFileError) {
        if pieces < MaxoutLayerSpec.minimumPieces {
            throw ModelFileError(.value, at: path, "must be an integer >= \(MaxoutLayerSpec.minimumPieces), found \(pieces)")
        }
        let (rows, overflow) = outputs.multipliedReportingOverflow(by: pieces)
        if overflow || rows > maximumSize {
            throw ModelFileError(.value, at: path,
                                 "outputs × pieces = \(outputs) × \(pieces) is larger than the format's largest size, \(maximumSize)")
        }
    }

    static func checkCount(_ values: [Float], _ expected: Int, at path: String) throws(ModelFileError) {
        if values.count != expected {
            throw ModelFileError(.shape, at: path, "expected \(expected) numbers, found \(values.count)")
        }
    }

    static func checkFinite(_ values: [Float], at path: String, rowLength: Int? = nil) throws(ModelFileError) {
        for (k, v) in values.enumerated() where !v.isFinite {
            let place: String
            if let rowLength, rowLength > 0 {
                place = "\(path)[\(k / rowLength)][\(k % rowLength)]"
            } else {
                place = "\(path)[\(k)]"
            }
            throw ModelFileError(.value, at: place, "must be finite, found \(v)")
        }
    }

    static func checkActivation(_ act: ActivationSpec, outputs: Int, at path: String) throws(ModelFileError) {
        func refuse(_ member: String) -> ModelFileError {
            ModelFileError(.field, at: "\(path).\(member)", "\(act.kind.rawValue) takes no \(member)")
        }
        switch act.kind {
        case .leakyReLU, .elu:
            if act.alpha == nil { throw ModelFileError(.field, at: "\(path).alpha", "missing (\(act.kind.rawValue) needs a number)") }
            if act.alphas != nil { throw ModelFileError(.field, at: "\(path).alpha", "\(act.kind.rawValue) takes one number, not an array") }
            if act.beta != nil { throw refuse("beta") }
        case .prelu:
            guard let alphas = act.alphas else {
                throw ModelFileError(.field, at: "\(path).alpha", "missing (prelu needs an array of one number per output)")
            }
            if act.alpha != nil { throw ModelFileError(.field, at: "\(path).alpha", "prelu takes an array, not one number") }
            if act.beta != nil { throw refuse("beta") }
            if alphas.count != outputs {
                throw ModelFileError(.shape, at: "\(path).alpha", "expected \(outputs) numbers (one per output), found \(alphas.count)")
            }
        case .swish:
            if act.beta == nil { throw ModelFileError(.field, at: "\(path).beta", "missing (swish needs a number)") }
            if act.alpha != nil || act.alphas != nil { throw refuse("alpha") }
        case .step, .identity, .sigmoid, .tanh, .relu, .selu, .softmax:
            if act.alpha != nil || act.alphas != nil { throw refuse("alpha") }
            if act.beta != nil { throw refuse("beta") }
        }
    }
}
