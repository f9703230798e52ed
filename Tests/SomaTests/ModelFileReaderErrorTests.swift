import Foundation
import Testing
@testable import Soma

/// One malformed document and what the reader must say about it.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    let name: String
    let json: String
    let message: String
    let kind: ModelFileError.Kind
    var testDescription: String { name }
}

/// A valid 3 → 2 → 2 model; cases replace one piece of it.
let validDocument = """
{"format": "soma-model", "version": 1, "name": "t", "inputs": 3, "outputs": 2,
 "layers": [
  {"type": "dense", "inputs": 3, "outputs": 2, "layout": "output-major",
   "weights": [[1, 2, 3], [4, 5, 6]], "bias": [0.5, -0.5, ], "activation": {"name": "relu"}},
  {"type": "dense", "inputs": 2, "outputs": 2, "layout": "output-major",
   "weights": [[1, 0], [0, 1]], "bias": [0, 0], "activation": {"name": "softmax"}}
 ]}
""".replacingOccurrences(of: "-0.5, ]", with: "-0.5]")

func malformed(_ name: String, _ replace: String, _ with: String, _ message: String, _ kind: ModelFileError.Kind) -> MalformedCase {
    precondition(validDocument.contains(replace), "case \(name): \(replace) not in the document")
    return MalformedCase(name: name, json: validDocument.replacingOccurrences(of: replace, with: with), message: message, kind: kind)
}

let malformedCases: [MalformedCase] = [
    malformed("packed input_scaling (packing is for layers only)", "\"outputs\": 2,\n \"layers\"",
              "\"outputs\": 2, \"input_scaling\": {\"mean\": {\"encoding\": \"base64-f32le\", \"count\": 3, \"data\": \"AAAAAAAAAAAAAAAA\"}, \"std\": [1, 1, 1]},\n \"layers\"",
              "input_scaling.mean: expected an array of 3 numbers, found an object", .field),
    malformed("bias element is a string", "[0.5, -0.5]", "[0.5, \"x\"]",
              "layers[0].bias[1]: expected a number, found a string", .field),
    malformed("wrong row count", "[[1, 2, 3], [4, 5, 6]]", "[[1, 2, 3]]",
              "layers[0].weights: expected 2 rows, found 1", .shape),
    malformed("row too short", "[4, 5, 6]", "[4, 5]",
              "layers[0].weights[1]: expected 3 numbers, found 2", .shape),
    malformed("version 4", "\"version\": 1", "\"version\": 4",
              "version: 4 is not supported (this reader reads versions 1 to 3)", .format),
    malformed("output_scaling in a version-1 file", "\"outputs\": 2,\n \"layers\"",
              "\"outputs\": 2, \"output_scaling\": {\"mean\": [1, 2], \"std\": [1, 1]},\n \"layers\"",
              "output_scaling: is a version 2 member; this file says version 1", .format),
    malformed("feature_names in a version-1 file", "\"outputs\": 2,\n \"layers\"",
              "\"outputs\": 2, \"feature_names\": [\"a\", \"b\", \"c\"],\n \"layers\"",
              "feature_names: is a version 2 member; this file says version 1", .format),
    malformed("output_scaling std 0", "\"version\": 1, \"name\": \"t\", \"inputs\": 3, \"outputs\": 2,\n \"layers\"",
              "\"version\": 2, \"name\": \"t\", \"inputs\": 3, \"outputs\": 2, \"output_scaling\": {\"mean\": [1, 2], \"std\": [1, 0]},\n \"layers\"",
              "output_scaling.std[1]: must be > 0, found 0.0", .value),
    malformed("output_scaling of the wrong length", "\"version\": 1, \"name\": \"t\", \"inputs\": 3, \"outputs\": 2,\n \"layers\"",
              "\"version\": 2, \"name\": \"t\", \"inputs\": 3, \"outputs\": 2, \"output_scaling\": {\"mean\": [1], \"std\": [1, 2]},\n \"layers\"",
              "output_scaling.mean: expected 2 numbers, found 1", .shape),
    malformed("feature_names of the wrong length", "\"version\": 1, \"name\": \"t\", \"inputs\": 3, \"outputs\": 2,\n \"layers\"",
              "\"version\": 2, \"name\": \"t\", \"inputs\": 3, \"outputs\": 2, \"feature_names\": [\"a\"],\n \"layers\"",
              "feature_names: expected 3 names (one per input), found 1", .shape),
    malformed("wrong format name", "\"soma-model\"", "\"other\"", "format: expected \"soma-model\"", .format),
    malformed("rows shorter than the layer's inputs", "\"inputs\": 2, \"outputs\": 2", "\"inputs\": 3, \"outputs\": 2",
              "layers[1].weights[0]: expected 3 numbers, found 2", .shape),
    malformed("shapes do not chain", "\"inputs\": 2, \"outputs\": 2, \"layout\": \"output-major\",\n   \"weights\": [[1, 0], [0, 1]]",
              "\"inputs\": 3, \"outputs\": 2, \"layout\": \"output-major\",\n   \"weights\": [[1, 0, 0], [0, 1, 0]]",
              "layers[1]: inputs is 3 but the previous layer gives 2", .shape),
    malformed("first layer differs from the model inputs", "\"inputs\": 3, \"outputs\": 2,\n", "\"inputs\": 4, \"outputs\": 2,\n",
              "layers[0]: inputs is 3 but the model's inputs is 4", .shape),
    malformed("model outputs differ from the last layer", "\"outputs\": 2,\n", "\"outputs\": 3,\n",
              "outputs: is 3 but the last layer gives 2", .shape),
    malformed("NaN literal", "[0.5, -0.5]", "[NaN, -0.5]", "NaN and Infinity are not JSON numbers", .json),
    malformed("Infinity literal", "[0.5, -0.5]", "[0.5, -Infinity]", "NaN and Infinity are not JSON numbers", .json),
    malformed("1e39 is beyond binary32", "[0.5, -0.5]", "[0.5, 1e39]",
              "layers[0].bias[1]: 1e39 is outside the binary32 range", .value),
    malformed("duplicate key", "\"name\": \"t\"", "\"name\": \"t\", \"name\": \"u\"", "name: the key appears twice in one object (line 1, column 53)", .field),
    malformed("duplicate key in a layer", "\"layout\": \"output-major\",\n   \"weights\": [[1, 2, 3]",
              "\"layout\": \"output-major\", \"layout\": \"output-major\",\n   \"weights\": [[1, 2, 3]",
              "layers[0].layout: the key appears twice in one object", .field),
    malformed("trailing garbage", "]}", "]} x", "line 7, column 5: unexpected 'x' after the end of the document", .json),
    malformed("truncated", "]}", "]", "unexpected end of the document", .json),
    malformed("missing bias", "\"bias\": [0.5, -0.5], ", "", "layers[0].bias: missing", .field),
    malformed("unknown activation", "\"relu\"", "\"gelu\"", "layers[0].activation.name: unknown activation \"gelu\"", .unsupported),
    malformed("unknown layer type", "\"type\": \"dense\", \"inputs\": 3", "\"type\": \"conv\", \"inputs\": 3",
              "layers[0].type: unknown layer type \"conv\"", .unsupported),
    malformed("size as a fraction", "\"inputs\": 3, \"outputs\": 2, \"layout\"", "\"inputs\": 3.0, \"outputs\": 2, \"layout\"",
              "layers[0].inputs: expected an integer, found 3.0", .field),
    malformed("size zero", "\"outputs\": 2,\n", "\"outputs\": 0,\n", "outputs: must be an integer >= 1, found 0", .value),
    malformed("leading zero", "[0.5, -0.5]", "[05, -0.5]", "a number must not have a leading zero", .json),
    malformed("leaky_relu without alpha", "\"relu\"", "\"leaky_relu\"", "layers[0].activation.alpha: missing", .field),
    malformed("prelu with too few alphas", "{\"name\": \"relu\"}", "{\"name\": \"prelu\", \"alpha\": [0.1]}",
              "layers[0].activation.alpha: expected 2 numbers, found 1", .shape),
    malformed("packed count wrong", "[[1, 2, 3], [4, 5, 6]]", "{\"encoding\": \"base64-f32le\", \"count\": 5, \"data\": \"\"}",
              "layers[0].weights.count: is 5 but 6 values are needed", .shape),
    malformed("packed data not base64", "[0.5, -0.5]", "{\"encoding\": \"base64-f32le\", \"count\": 2, \"data\": \"!!\"}",
              "layers[0].bias.data: not valid base64", .value),
    malformed("packed NaN", "[0.5, -0.5]", "{\"encoding\": \"base64-f32le\", \"count\": 2, \"data\": \"AAAAPwAAwH8=\"}",
              "layers[0].bias[1]: packed value is not finite", .value),
    malformed("bad checksum text", "\"name\": \"t\"", "\"name\": \"t\", \"checksum\": \"crc:1\"",
              "checksum: expected \"fnv1a64:\" and 16 lowercase hex digits", .value),
    malformed("name too long", "\"name\": \"t\"", "\"name\": \"\(String(repeating: "n", count: 64))\"",
              "name: must be 1 to 63 bytes of UTF-8, found 64", .value),
    malformed("std zero", "\"outputs\": 2,\n", "\"outputs\": 2, \"input_scaling\": {\"mean\": [0, 0, 0], \"std\": [1, 0, 1]},\n",
              "input_scaling.std[1]: must be > 0", .value),
    malformed("negative variance", "{\"type\": \"dense\", \"inputs\": 2, \"outputs\": 2, \"layout\": \"output-major\",\n   \"weights\": [[1, 0], [0, 1]], \"bias\": [0, 0], \"activation\": {\"name\": \"softmax\"}}",
              "{\"type\": \"batchnorm\", \"size\": 2, \"epsilon\": 0.001, \"gamma\": [1, 1], \"beta\": [0, 0], \"mean\": [0, 0], \"variance\": [1, -1], \"activation\": {\"name\": \"identity\"}}",
              "layers[1].variance[1]: must be >= 0", .value),
    malformed("unescaped control character", "\"name\": \"t\"", "\"name\": \"t\u{01}\"", "control character", .json),
    malformed("not an object", "{\"format\"", "[{\"format\"", "expected ',' or ']' in an array", .json),
    MalformedCase(name: "empty document", json: "  ", message: "line 1, column 3: the document is empty", kind: .json),
    MalformedCase(name: "top level is an array", json: "[]", message: "the document: expected a JSON object (a Soma model), found an array", kind: .format),
    MalformedCase(name: "nesting too deep", json: String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
                  message: "nest deeper than 32 levels", kind: .json),
]

@Suite("Model file reader errors")
struct ModelFileReaderErrorTests {
    @Test("the valid document reads")
    func validDocumentReads() throws {
        let model = try ModelFile(jsonData: Data(validDocument.utf8))
        #expect(model.layers.count == 2 && model.inputs == 3 && model.outputs == 2)
        #expect(model.parameterCount == 6 + 2 + 4 + 2)
    }

    @Test("a malformed document is refused with a message naming the place", arguments: malformedCases)
    func refused(_ c: MalformedCase) {
        do {
            let model = try ModelFile(jsonData: Data(c.json.utf8))
            Issue.record("accepted: \(model.name)")
        } catch {
            #expect(error.description.contains(c.message), "got: \(error.description)")
            #expect(error.kind == c.kind, "got: \(error.description)")
        }
    }

    @Test("1e-50 rounds to 0 and is accepted; numbers convert straight to binary32")
    func directConversion() throws {
        let text = validDocument.replacingOccurrences(of: "[0.5, -0.5]", with: "[1e-50, 1.00000005960464477539062500001]")
        let model = try ModelFile(jsonData: Data(text.utf8))
        guard case .dense(let d) = model.layers[0] else { Issue.record("not dense"); return }
        #expect(d.bias[0] == 0)
        // Just above the midpoint between 1 and 1 + 2^-23: binary32 rounds up; via Double it would round to 1.
        #expect(d.bias[1] == Float(1).nextUp)
    }

    @Test("unknown members are ignored")
    func unknownMembers() throws {
        let text = validDocument.replacingOccurrences(of: "\"name\": \"t\"", with: "\"name\": \"t\", \"x-extra\": {\"a\": [1, {}]}")
        #expect(try ModelFile(jsonData: Data(text.utf8)).name == "t")
    }
}
