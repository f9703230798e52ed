import Foundation
import Testing
@testable import Soma

@Suite("Model file round trip")
struct ModelFileRoundTripTests {
    static let awkward: [Float] = [
        0.1, -0.7, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        -0.0, 0.0, 16_777_216, 16_777_218, 1.0, 1.0 / 3.0, .pi, 1e-7, 123_456_792, Float(bitPattern: 0x0020_AB36), .ulpOfOne,
    ]

    static func awkwardModel() -> ModelFile {
        let n = awkward.count
        let dense = DenseLayerSpec(inputs: n, outputs: 2, weights: awkward + awkward.reversed(),
                                   bias: [0.1, -0.0], activation: .prelu(alphas: [0.25, .leastNonzeroMagnitude]))
        let bn = BatchNormSpec(size: 2, epsilon: 1e-5, gamma: [1, 0.5], beta: [0, -0.1], mean: [0.3, -Float(bitPattern: 0x0020_AB36)],
                               variance: [0, 2.5], activation: .swish(beta: 1.5))
        let out = DenseLayerSpec(rows: [[0.2, -0.3]], bias: [0.05], activation: .elu(alpha: 0.9))
        return ModelFile(name: "awkward", layers: [.dense(dense), .batchNorm(bn), .dense(out)],
                         inputScaling: InputScaling(mean: awkward, std: awkward.map { $0 == 0 || $0 < 0 ? 1 : $0 }),
                         labels: ["no", "yes"], task: "classification",
                         training: .object([("seed", JSONValue(UInt64(7))), ("note", .string("tab\t\"q\" é ✓")),
                                            ("nested", .array([.object([("a", .null)]), .bool(true)]))]))
    }

    @Test("writing then reading gives every value back bit for bit", arguments: [false, true])
    func bitExact(packed: Bool) throws {
        let model = Self.awkwardModel()
        let data = try model.jsonData(packed: packed)
        let back = try ModelFile(jsonData: data)
        #expect(back.layers.count == 3)
        for (a, b) in zip(model.layers, back.layers) {
            expectSameBits(a.parameterValues, b.parameterValues)
        }
        expectSameBits(model.inputScaling!.mean, back.inputScaling!.mean)
        expectSameBits(model.inputScaling!.std, back.inputScaling!.std)
        #expect(back.training == model.training)
        #expect(back.labels == model.labels && back.task == model.task && back.name == model.name)
        #expect(back.checksum == model.computedChecksum)
        var copy = back
        copy.checksum = nil
        #expect(copy == model)
        #expect(try back.jsonData(packed: packed) == data)
    }

    @Test("the writer's layout: output-major rows on one line each, checksum last")
    func layout() throws {
        let model = ModelFile(name: "t", layers: [.dense(DenseLayerSpec(rows: [[1, 2, 3], [4, 5, 6]], bias: [0.5, -0.5],
                                                                       activation: .relu))])
        let text = try model.jsonText()
        #expect(text.contains("\"layout\": \"output-major\""))
        #expect(text.contains("\n        [1.0, 2.0, 3.0],\n        [4.0, 5.0, 6.0]\n"))
        #expect(text.contains("\"bias\": [0.5, -0.5]"))
        #expect(text.contains("\"activation\": {\"name\": \"relu\"}"))
        let lines = text.split(separator: "\n")
        #expect(lines[lines.count - 2].hasPrefix("  \"checksum\": \"fnv1a64:"))
        #expect(try JSONParser.parse(text)["checksum"] == .string(model.computedChecksum))
    }

    @Test("the writer refuses non-finite values", arguments: [Float.nan, .infinity, -.infinity])
    func refusesNonFinite(value: Float) {
        let model = ModelFile(name: "t", layers: [.dense(DenseLayerSpec(rows: [[1, value]], bias: [0], activation: .identity))])
        #expect(throws: ModelFileError.self) { try model.jsonData() }
        do {
            _ = try model.jsonData()
        } catch {
            #expect(error.description.hasPrefix("layers[0].weights[0][1]: must be finite"))
        }
    }

    @Test("checksum matches FNV-1a 64 over the parameters' little-endian bytes")
    func checksum() {
        #expect(ModelFile.fnv1a64([]) == 0xcbf2_9ce4_8422_2325)
        // 1.0f is 00 00 80 3F little-endian; FNV-1a of those four bytes.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte: UInt8 in [0x00, 0x00, 0x80, 0x3F] { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        #expect(ModelFile.fnv1a64([1.0]) == h)
        let model = Gate.and.handSetModel()
        #expect(model.computedChecksum == "fnv1a64:" + String(ModelFile.fnv1a64([0.5, 0.5, -0.7]), radix: 16).leftPadded(16))
    }

    @Test("a file with a wrong checksum is refused")
    func wrongChecksum() throws {
        var text = try Gate.and.handSetModel().jsonText()
        text = text.replacingOccurrences(of: "\"bias\": [-0.7]", with: "\"bias\": [-0.6]")
        #expect(throws: ModelFileError.self) { try ModelFile(jsonData: Data(text.utf8)) }
        do { _ = try ModelFile(jsonData: Data(text.utf8)) } catch {
            #expect(error.kind == .checksum)
            #expect(error.description.hasPrefix("checksum: the file says fnv1a64:"))
        }
    }

    @Test("self-test vectors written by the reference pass verify")
    func selfTest() throws {
        let model = try Network.trainXOR(epochs: 100).modelFile.addingSelfTest(inputs: Gate.truthTableInputs)
        let back = try ModelFile(jsonData: model.jsonData())
        #expect(back.selfTest == model.selfTest)
        try back.verifySelfTest()
        var broken = back
        broken.selfTest!.outputs[2][0] = broken.selfTest!.outputs[2][0].nextUp
        #expect(throws: ModelFileError.self) { try broken.verifySelfTest() }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

@Suite("Atomic write")
struct AtomicWriteTests {
    @Test("write replaces an existing file and leaves no temporary files")
    func replaces() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("model.json")
        try Data("old contents".utf8).write(to: url)
        try Gate.or.handSetModel().write(to: url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["model.json"])
        #expect(try ModelFile(contentsOf: url).layers == Gate.or.handSetModel().layers)
        try Gate.nand.handSetModel().write(to: url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["model.json"])
        #expect(try ModelFile(contentsOf: url).layers == Gate.nand.handSetModel().layers)
    }

    @Test("a refused model leaves the old file untouched and no temporary file")
    func failureKeepsOldFile() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("model.json")
        try Gate.or.handSetModel().write(to: url)
        let before = try Data(contentsOf: url)
        var bad = Gate.and.handSetModel()
        bad.layers = []
        #expect(throws: ModelFileError.self) { try bad.write(to: url) }
        #expect(try Data(contentsOf: url) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["model.json"])
    }

    @Test("writing into a missing directory fails with an I/O error")
    func missingDirectory() throws {
        let url = URL(fileURLWithPath: "/nonexistent-soma-dir/model.json")
        do {
            try Gate.or.handSetModel().write(to: url)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .io)
        }
    }
}
