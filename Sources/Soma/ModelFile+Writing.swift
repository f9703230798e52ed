import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ModelFile {
    /// The model as format-v2 JSON text: members in a fixed order, two-space
    /// indentation, each weight row and every other array of numbers on one
    /// line, numbers as the shortest text that reads back to the same binary32
    /// (`Float.description`), `"layout": "output-major"`, and always a
    /// `checksum` computed from the values (the ``checksum`` property is ignored).
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
        if let training { try JSONWriter.checkNumbers(training, at: "training") }

        var out = "{\n"
        var members: [String] = []
        members.append("\"format\": \(JSONWriter.escape(Self.formatName))")
        members.append("\"version\": \(Self.formatVersion)")
        members.append("\"name\": \(JSONWriter.escape(name))")
        members.append("\"inputs\": \(inputs)")
        members.append("\"outputs\": \(outputs)")
        if let featureNames {
            members.append("\"feature_names\": [" + featureNames.map(JSONWriter.escape).joined(separator: ", ") + "]")
        }
        if let labelColumn {
            members.append("\"label_column\": \(JSONWriter.escape(labelColumn))")
        }
        if let scaling = inputScaling {
            members.append("\"input_scaling\": {\n"
                + "    \"mean\": \(JSONWriter.numbers(scaling.mean)),\n"
                + "    \"std\": \(JSONWriter.numbers(scaling.std))\n  }")
        }
        if let scaling = outputScaling {
            members.append("\"output_scaling\": {\n"
                + "    \"mean\": \(JSONWriter.numbers(scaling.mean)),\n"
                + "    \"std\": \(JSONWriter.numbers(scaling.std))\n  }")
        }
        if let labels {
            members.append("\"labels\": [" + labels.map(JSONWriter.escape).joined(separator: ", ") + "]")
        }
        if let task {
            members.append("\"task\": \(JSONWriter.escape(task))")
        }
        var layerTexts: [String] = []
        for layer in layers {
            layerTexts.append(Self.layerText(layer, packed: packed))
        }
        members.append("\"layers\": [\n" + layerTexts.joined(separator: ",\n") + "\n  ]")
        if let training {
            var text = "\"training\": "
            JSONWriter.writePretty(training, indent: "  ", to: &text)
            members.append(text)
        }
        if let selfTest {
            var text = "\"self_test\": {\n"
            text += "    \"inputs\": " + Self.vectors(selfTest.inputs, indent: "    ") + ",\n"
            text += "    \"outputs\": " + Self.vectors(selfTest.outputs, indent: "    ")
            if let layerOutputs = selfTest.layerOutputs {
                text += ",\n    \"layer_outputs\": [\n"
                text += layerOutputs.map { "      " + Self.vectors($0, indent: "      ") }.joined(separator: ",\n")
                text += "\n    ]"
            }
            text += "\n  }"
            members.append(text)
        }
        members.append("\"checksum\": \(JSONWriter.escape(computedChecksum))")
        out += members.map { "  " + $0 }.joined(separator: ",\n")
        out += "\n}\n"
        return out
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

    static func array(_ values: [Float], packed: Bool) -> String {
        packed ? packedText(values) : JSONWriter.numbers(values)
    }

    static func packedText(_ values: [Float]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 4)
        for value in values {
            let bits = value.bitPattern
            bytes.append(UInt8(bits & 0xFF))
            bytes.append(UInt8((bits >> 8) & 0xFF))
            bytes.append(UInt8((bits >> 16) & 0xFF))
            bytes.append(UInt8(bits >> 24))
        }
        return "{\"encoding\": \"base64-f32le\", \"count\": \(values.count), \"data\": \"\(Data(bytes).base64EncodedString())\"}"
    }

    static func vectors(_ vectors: [[Float]], indent: String) -> String {
        if vectors.isEmpty { return "[]" }
        return "[\n" + vectors.map { indent + "  " + JSONWriter.numbers($0) }.joined(separator: ",\n") + "\n" + indent + "]"
    }

    static func activationText(_ act: ActivationSpec, packed: Bool) -> String {
        var text = "{\"name\": \(JSONWriter.escape(act.kind.rawValue))"
        if let alpha = act.alpha { text += ", \"alpha\": \(JSONWriter.number(alpha))" }
        if let alphas = act.alphas { text += ", \"alpha\": \(array(alphas, packed: packed))" }
        if let beta = act.beta { text += ", \"beta\": \(JSONWriter.number(beta))" }
        return text + "}"
    }

    static func layerText(_ layer: ModelLayer, packed: Bool) -> String {
        let i = "      "
        var lines: [String] = []
        switch layer {
        case .dense(let d):
            lines.append("\"type\": \"dense\"")
            lines.append("\"inputs\": \(d.inputs)")
            lines.append("\"outputs\": \(d.outputs)")
            lines.append("\"layout\": \"output-major\"")
            if packed {
                lines.append("\"weights\": " + packedText(d.weights))
            } else {
                var rows: [String] = []
                for o in 0..<d.outputs {
                    rows.append(i + "  " + JSONWriter.numbers(Array(d.weights[o * d.inputs ..< (o + 1) * d.inputs])))
                }
                lines.append("\"weights\": [\n" + rows.joined(separator: ",\n") + "\n" + i + "]")
            }
            lines.append("\"bias\": " + array(d.bias, packed: packed))
        case .batchNorm(let b):
            lines.append("\"type\": \"batchnorm\"")
            lines.append("\"size\": \(b.size)")
            lines.append("\"epsilon\": \(JSONWriter.number(b.epsilon))")
            lines.append("\"gamma\": " + array(b.gamma, packed: packed))
            lines.append("\"beta\": " + array(b.beta, packed: packed))
            lines.append("\"mean\": " + array(b.mean, packed: packed))
            lines.append("\"variance\": " + array(b.variance, packed: packed))
        }
        lines.append("\"activation\": " + activationText(layer.activation, packed: packed))
        return "    {\n" + lines.map { i + $0 }.joined(separator: ",\n") + "\n    }"
    }
}
