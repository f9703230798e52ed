import Foundation

extension ModelFile {
    /// Reads a model from JSON text, strictly: see `docs/model-format.md`.
    ///
    /// Every number converts directly from its decimal text to the nearest
    /// binary32 (`Float(String)`), never through a `Double`. Throws a
    /// ``ModelFileError`` that names the place, e.g.
    /// `layers[1].bias[2]: expected a number, found a string`.
    /// When the file has a `checksum`, it is recomputed over the parsed values
    /// and must match. Unknown members are ignored, as the format requires.
    public init(jsonData: Data) throws(ModelFileError) {
        let root = try JSONParser.parse(jsonData)
        try self.init(json: root)
    }

    /// Reads a model file from disk (see ``init(jsonData:)``).
    public init(contentsOf url: URL) throws(ModelFileError) {
        let data: Data
        do {
            data = try FileContents.read(url.path)
        } catch {
            throw ModelFileError(.io, at: "", error.description)
        }
        try self.init(jsonData: data)
    }

    /// Builds a model from an already parsed JSON document, with the same checks as ``init(jsonData:)``.
    public init(json root: JSONValue) throws(ModelFileError) {
        guard case .object(let members) = root else {
            throw ModelFileError(.format, at: "",
                                 "the document: expected a JSON object (a Soma model), found \(root.kindDescription)")
        }
        let top = Reader.Object(members: members, path: "")
        let format = try Reader.string(top.required("format"), at: "format")
        if format != Self.formatName {
            throw ModelFileError(.format, at: "format", "expected \"\(Self.formatName)\", found \"\(format)\"")
        }
        let versionValue = try top.required("version")
        let version = try Reader.integer(versionValue, at: "version")
        if !Self.readableVersions.contains(version) {
            throw ModelFileError(.format, at: "version",
                                 "\(version) is not supported (this reader reads versions "
                                 + "\(Self.readableVersions.lowerBound) to \(Self.readableVersions.upperBound))")
        }
        if version < 2 {
            for member in ["output_scaling", "feature_names", "label_column"] where top[member] != nil {
                throw ModelFileError(.format, at: member, "is a version 2 member; this file says version \(version)")
            }
        }
        let name = try Reader.string(top.required("name"), at: "name")
        let inputs = try Reader.size(top.required("inputs"), at: "inputs")
        let outputs = try Reader.size(top.required("outputs"), at: "outputs")

        var scaling: InputScaling?
        if let value = top["input_scaling"] {
            let obj = try Reader.object(value, at: "input_scaling")
            scaling = InputScaling(
                mean: try Reader.floats(obj.required("mean"), count: inputs, at: "input_scaling.mean", packable: false),
                std: try Reader.floats(obj.required("std"), count: inputs, at: "input_scaling.std", packable: false))
        }
        var outputScaling: OutputScaling?
        if let value = top["output_scaling"] {
            let obj = try Reader.object(value, at: "output_scaling")
            outputScaling = OutputScaling(
                mean: try Reader.floats(obj.required("mean"), count: outputs, at: "output_scaling.mean", packable: false),
                std: try Reader.floats(obj.required("std"), count: outputs, at: "output_scaling.std", packable: false))
        }
        var featureNames: [String]?
        if let value = top["feature_names"] {
            featureNames = try Reader.strings(value, at: "feature_names")
        }
        var labelColumn: String?
        if let value = top["label_column"] {
            labelColumn = try Reader.string(value, at: "label_column")
        }
        var labels: [String]?
        if let value = top["labels"] {
            var names: [String] = []
            for (k, v) in try Reader.array(value, at: "labels").enumerated() {
                names.append(try Reader.string(v, at: "labels[\(k)]"))
            }
            labels = names
        }
        var task: String?
        if let value = top["task"] {
            task = try Reader.string(value, at: "task")
        }
        if let value = top["training"] {
            _ = try Reader.object(value, at: "training")
        }

        let layerValues = try Reader.array(top.required("layers"), at: "layers")
        var layers: [ModelLayer] = []
        layers.reserveCapacity(layerValues.count)
        for (l, value) in layerValues.enumerated() {
            layers.append(try Reader.layer(value, version: version, at: "layers[\(l)]"))
        }

        var selfTest: SelfTest?
        if let value = top["self_test"] {
            selfTest = try Reader.selfTest(value, at: "self_test")
        }
        var checksum: String?
        if let value = top["checksum"] {
            let text = try Reader.string(value, at: "checksum")
            if !Self.isWellFormedChecksum(text) {
                throw ModelFileError(.value, at: "checksum",
                                     "expected \"fnv1a64:\" and 16 lowercase hex digits, found \"\(text)\"")
            }
            checksum = text
        }

        self.init(name: name, inputs: inputs, outputs: outputs, layers: layers, inputScaling: scaling,
                  outputScaling: outputScaling, featureNames: featureNames, labelColumn: labelColumn,
                  labels: labels, task: task, training: top["training"], selfTest: selfTest, checksum: checksum)
        try validate()
        if let checksum {
            let computed = computedChecksum
            if computed != checksum {
                throw ModelFileError(.checksum, at: "checksum",
                                     "the file says \(checksum) but its parameters give \(computed)")
            }
        }
    }
}

/// The typed accessors the reader uses; each names the path in its errors.
enum Reader {
    struct Object {
        let members: [(String, JSONValue)]
        let path: String

        subscript(key: String) -> JSONValue? {
            members.first(where: { $0.0 == key })?.1
        }

        func required(_ key: String) throws(ModelFileError) -> JSONValue {
            guard let value = self[key] else {
                throw ModelFileError(.field, at: Reader.join(path, key), "missing")
            }
            return value
        }

        func path(_ key: String) -> String { Reader.join(path, key) }
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    static func typeError(_ expected: String, _ value: JSONValue, at path: String) -> ModelFileError {
        let place = path.isEmpty ? "the document" : path
        return ModelFileError(.field, at: path.isEmpty ? "" : path,
                              (path.isEmpty ? "\(place): " : "") + "expected \(expected), found \(value.kindDescription)")
    }

    static func object(_ value: JSONValue, at path: String) throws(ModelFileError) -> Object {
        guard case .object(let members) = value else { throw typeError("an object", value, at: path) }
        return Object(members: members, path: path)
    }

    static func array(_ value: JSONValue, at path: String) throws(ModelFileError) -> [JSONValue] {
        guard case .array(let elements) = value else { throw typeError("an array", value, at: path) }
        return elements
    }

    static func string(_ value: JSONValue, at path: String) throws(ModelFileError) -> String {
        guard case .string(let text) = value else { throw typeError("a string", value, at: path) }
        return text
    }

    static func strings(_ value: JSONValue, at path: String) throws(ModelFileError) -> [String] {
        var names: [String] = []
        for (k, v) in try array(value, at: path).enumerated() {
            names.append(try string(v, at: "\(path)[\(k)]"))
        }
        return names
    }

    static func integer(_ value: JSONValue, at path: String) throws(ModelFileError) -> Int {
        guard case .number(let text) = value else { throw typeError("an integer", value, at: path) }
        guard let n = Int(text) else {
            if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                throw ModelFileError(.field, at: path, "expected an integer, found \(text)")
            }
            throw ModelFileError(.value, at: path, "\(text) is too large")
        }
        return n
    }

    static func size(_ value: JSONValue, at path: String) throws(ModelFileError) -> Int {
        let n = try integer(value, at: path)
        try ModelFile.checkSize(n, at: path)
        return n
    }

    static func float(_ value: JSONValue, at path: String) throws(ModelFileError) -> Float {
        guard case .number(let text) = value else { throw typeError("a number", value, at: path) }
        guard let f = Float(text), f.isFinite else {
            throw ModelFileError(.value, at: path, "\(text) is outside the binary32 range")
        }
        return f
    }

    /// An array of `count` numbers, or (inside a layer, where `packable`) a packed
    /// array of `count` values. Packing is a layer's option only (model format,
    /// "Packed numbers"): `input_scaling` is always plain numbers.
    static func floats(_ value: JSONValue, count: Int, at path: String,
                       packable: Bool = true) throws(ModelFileError) -> [Float] {
        switch value {
        case .array(let elements):
            if elements.count != count {
                throw ModelFileError(.shape, at: path, "expected \(count) numbers, found \(elements.count)")
            }
            var out: [Float] = []
            out.reserveCapacity(count)
            for (k, element) in elements.enumerated() {
                out.append(try float(element, at: "\(path)[\(k)]"))
            }
            return out
        case .object where packable:
            return try packed(value, count: count, at: path)
        default:
            throw typeError(packable ? "an array of numbers or a packed array" : "an array of \(count) numbers",
                            value, at: path)
        }
    }

    /// `rows` arrays of `columns` numbers each, or a packed array of `rows * columns` values.
    static func matrix(_ value: JSONValue, rows: Int, columns: Int, at path: String) throws(ModelFileError) -> [Float] {
        switch value {
        case .array(let rowValues):
            if rowValues.count != rows {
                throw ModelFileError(.shape, at: path, "expected \(rows) rows, found \(rowValues.count)")
            }
            var out: [Float] = []
            out.reserveCapacity(rows * columns)
            for (o, rowValue) in rowValues.enumerated() {
                let row = try array(rowValue, at: "\(path)[\(o)]")
                if row.count != columns {
                    throw ModelFileError(.shape, at: "\(path)[\(o)]", "expected \(columns) numbers, found \(row.count)")
                }
                for (i, element) in row.enumerated() {
                    out.append(try float(element, at: "\(path)[\(o)][\(i)]"))
                }
            }
            return out
        case .object:
            return try packed(value, count: rows * columns, at: path)
        default:
            throw typeError("an array of rows or a packed array", value, at: path)
        }
    }

    static func packed(_ value: JSONValue, count expected: Int, at path: String) throws(ModelFileError) -> [Float] {
        let obj = try object(value, at: path)
        let encoding = try string(obj.required("encoding"), at: obj.path("encoding"))
        if encoding != "base64-f32le" {
            throw ModelFileError(.unsupported, at: obj.path("encoding"), "unknown encoding \"\(encoding)\" (expected \"base64-f32le\")")
        }
        let count = try size(obj.required("count"), at: obj.path("count"))
        if count != expected {
            throw ModelFileError(.shape, at: obj.path("count"), "is \(count) but \(expected) values are needed")
        }
        let text = try string(obj.required("data"), at: obj.path("data"))
        guard let data = Data(base64Encoded: text) else {
            throw ModelFileError(.value, at: obj.path("data"), "not valid base64 (RFC 4648, with padding, no line breaks)")
        }
        // Canonical only (RFC 4648 §3.5): bits after the last byte must be zero,
        // so one byte string has one text. Re-encoding shows any that are not.
        if data.base64EncodedString() != text {
            throw ModelFileError(.value, at: obj.path("data"), "not canonical base64: the pad bits of the last group are not zero")
        }
        if data.count != 4 * count {
            throw ModelFileError(.shape, at: obj.path("data"), "holds \(data.count) bytes but count \(count) needs \(4 * count)")
        }
        let bytes = [UInt8](data)
        var out = [Float](repeating: 0, count: count)
        for k in 0..<count {
            var bits = UInt32(bytes[4 * k + 3])
            bits = bits << 8 | UInt32(bytes[4 * k + 2])
            bits = bits << 8 | UInt32(bytes[4 * k + 1])
            bits = bits << 8 | UInt32(bytes[4 * k])
            out[k] = Float(bitPattern: bits)
        }
        for (k, v) in out.enumerated() where !v.isFinite {
            throw ModelFileError(.value, at: "\(path)[\(k)]", "packed value is not finite (\(v))")
        }
        return out
    }

    static func activation(_ value: JSONValue, outputs: Int, at path: String) throws(ModelFileError) -> ActivationSpec {
        let obj = try object(value, at: path)
        let name = try string(obj.required("name"), at: obj.path("name"))
        guard let kind = ActivationKind(rawValue: name) else {
            throw ModelFileError(.unsupported, at: obj.path("name"), "unknown activation \"\(name)\"")
        }
        var spec = ActivationSpec(kind)
        let takesAlpha = [.leakyReLU, .elu, .prelu].contains(kind)
        for (member, allowed) in [("alpha", takesAlpha), ("beta", kind == .swish)] where !allowed && obj[member] != nil {
            throw ModelFileError(.field, at: obj.path(member), "\(name) takes no \(member)")
        }
        switch kind {
        case .leakyReLU, .elu:
            spec.alpha = try float(obj.required("alpha"), at: obj.path("alpha"))
        case .prelu:
            spec.alphas = try floats(obj.required("alpha"), count: outputs, at: obj.path("alpha"))
        case .swish:
            spec.beta = try float(obj.required("beta"), at: obj.path("beta"))
        case .step, .identity, .sigmoid, .tanh, .relu, .selu, .softmax:
            break
        }
        return spec
    }

    static func layer(_ value: JSONValue, version: Int, at path: String) throws(ModelFileError) -> ModelLayer {
        let obj = try object(value, at: path)
        let type = try string(obj.required("type"), at: obj.path("type"))
        switch type {
        case "dense":
            let (rows, act) = try affine(obj, hasPieces: false)
            return .dense(DenseLayerSpec(inputs: rows.inputs, outputs: rows.outputs, weights: rows.weights,
                                         bias: rows.bias, activation: act))
        case "batchnorm":
            let n = try size(obj.required("size"), at: obj.path("size"))
            let epsilon = try float(obj.required("epsilon"), at: obj.path("epsilon"))
            let gamma = try floats(obj.required("gamma"), count: n, at: obj.path("gamma"))
            let beta = try floats(obj.required("beta"), count: n, at: obj.path("beta"))
            let mean = try floats(obj.required("mean"), count: n, at: obj.path("mean"))
            let variance = try floats(obj.required("variance"), count: n, at: obj.path("variance"))
            let act = try activation(obj.required("activation"), outputs: n, at: obj.path("activation"))
            return .batchNorm(BatchNormSpec(size: n, epsilon: epsilon, gamma: gamma, beta: beta, mean: mean,
                                            variance: variance, activation: act))
        case "maxout" where version >= 3:
            let (rows, act) = try affine(obj, hasPieces: true)
            return .maxout(MaxoutLayerSpec(inputs: rows.inputs, outputs: rows.outputs, pieces: rows.pieces ?? 0,
                                           weights: rows.weights, bias: rows.bias, activation: act))
        case "maxout":
            // A version-2 reader refuses the type as unknown; so does this one, saying why.
            throw ModelFileError(.unsupported, at: obj.path("type"),
                                 "\"maxout\" is a version 3 layer type; this file says version \(version)")
        default:
            throw ModelFileError(.unsupported, at: obj.path("type"), "unknown layer type \"\(type)\"")
        }
    }

    /// A dense or maxout layer's members, in one order for both (as the C loader
    /// reads them): sizes, `pieces` ≥ 2 (maxout only), the layout, then one row of
    /// weights and one bias per row (`outputs`, or `outputs × pieces`), then the activation.
    static func affine(_ obj: Object, hasPieces: Bool) throws(ModelFileError) -> (AffineRows, ActivationSpec) {
        let inputs = try size(obj.required("inputs"), at: obj.path("inputs"))
        let outputs = try size(obj.required("outputs"), at: obj.path("outputs"))
        var pieces: Int?
        if hasPieces {
            let count = try integer(obj.required("pieces"), at: obj.path("pieces"))
            try ModelFile.checkPieces(count, outputs: outputs, at: obj.path("pieces"))
            pieces = count
        }
        let layout = try string(obj.required("layout"), at: obj.path("layout"))
        if layout != "output-major" {
            throw ModelFileError(.unsupported, at: obj.path("layout"), "expected \"output-major\", found \"\(layout)\"")
        }
        let rows = outputs * (pieces ?? 1)
        let weights = try matrix(obj.required("weights"), rows: rows, columns: inputs, at: obj.path("weights"))
        let bias = try floats(obj.required("bias"), count: rows, at: obj.path("bias"))
        let act = try activation(obj.required("activation"), outputs: outputs, at: obj.path("activation"))
        return (AffineRows(inputs: inputs, outputs: outputs, pieces: pieces, weights: weights, bias: bias), act)
    }

    static func vectors(_ value: JSONValue, at path: String) throws(ModelFileError) -> [[Float]] {
        var out: [[Float]] = []
        for (k, v) in try array(value, at: path).enumerated() {
            var vector: [Float] = []
            for (i, x) in try array(v, at: "\(path)[\(k)]").enumerated() {
                vector.append(try float(x, at: "\(path)[\(k)][\(i)]"))
            }
            out.append(vector)
        }
        return out
    }

    static func selfTest(_ value: JSONValue, at path: String) throws(ModelFileError) -> SelfTest {
        let obj = try object(value, at: path)
        let inputs = try vectors(obj.required("inputs"), at: obj.path("inputs"))
        let outputs = try vectors(obj.required("outputs"), at: obj.path("outputs"))
        var layerOutputs: [[[Float]]]?
        if let lo = obj["layer_outputs"] {
            let p = obj.path("layer_outputs")
            var all: [[[Float]]] = []
            for (k, v) in try array(lo, at: p).enumerated() {
                all.append(try vectors(v, at: "\(p)[\(k)]"))
            }
            layerOutputs = all
        }
        return SelfTest(inputs: inputs, outputs: outputs, layerOutputs: layerOutputs)
    }
}
