import Foundation
import Soma
import SwiftProtobuf

/// Converts the multilayer-perceptron subset of ONNX into a Soma model
/// (docs/interop.md lists the ops). Weights are copied bit for bit; anything
/// outside the subset is refused with an error naming the node, its op type and why.
public enum ONNXImporter {
    /// How many self-test vectors an imported model carries, and the seed they are drawn from.
    static let selfTestCount = 4
    static let selfTestSeed: UInt64 = 0x4F4E_4E58

    /// Reads a serialized ONNX `ModelProto` and returns the Soma model it computes,
    /// with self-test vectors from Soma's reference forward pass.
    public static func importModel(_ data: Data, options: ONNXImportOptions = ONNXImportOptions()) throws(ONNXImportError) -> ModelFile {
        let proto: Onnx_ModelProto
        do {
            proto = try Onnx_ModelProto(serializedBytes: data)
        } catch {
            throw ONNXImportError(at: "file", "not a readable ONNX model (\(error))")
        }
        do {
            return try convert(proto, options: options)
        } catch let error as ONNXImportError {
            throw error
        } catch {
            throw ONNXImportError(at: "model", "\(error)")
        }
    }

    private static func convert(_ proto: Onnx_ModelProto, options: ONNXImportOptions) throws -> ModelFile {
        let graph = proto.graph
        let opset = proto.opsetImport.first { $0.domain.isEmpty || $0.domain == "ai.onnx" }.map { Int($0.version) } ?? 1
        let (input, shape) = try graphInput(graph)
        let output = try chosenOutput(graph, requested: options.outputName)
        let index = try GraphIndex(graph, output: output)
        if !index.needed.contains(input) {
            throw ONNXImportError(at: "graph", "the output \"\(output)\" does not depend on the input \"\(input)\"")
        }
        var walker = GraphWalker(graph: graph, index: index, opset: opset, input: input, shape: shape, output: output)
        try walker.walk()
        var assembler = walker.assembler
        let layers = assembler.finish()
        guard let first = layers.first else {
            throw ONNXImportError(at: "graph", "no Gemm, MatMul or BatchNormalization between \"\(input)\" and \"\(output)\": Soma needs at least one layer")
        }
        var scaling: InputScaling?
        if assembler.scalingMean != nil || assembler.scalingStd != nil {
            scaling = InputScaling(mean: assembler.scalingMean ?? Array(repeating: 0, count: first.inputs),
                                   std: assembler.scalingStd ?? Array(repeating: 1, count: first.inputs))
        }
        let outputScaling = assembler.outputStd.map { std in
            OutputScaling(mean: assembler.outputMean ?? Array(repeating: 0, count: std.count), std: std)
        }
        let metadata = Dictionary(proto.metadataProps.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        var model = ModelFile(name: modelName(options: options, graph: graph), layers: layers, inputScaling: scaling,
                              outputScaling: outputScaling,
                              labels: try options.labels ?? labels(metadata[MetadataKeys.labels]),
                              task: metadata[MetadataKeys.task],
                              training: provenance(proto, opset: opset, source: options.source))
        do {
            try model.validate()
            model = try model.addingSelfTest(inputs: selfTestInputs(for: model))
        } catch {
            throw ONNXImportError(at: "imported model", error.description)
        }
        return model
    }

    /// The graph's one input that is not an initializer, and its shape if stated.
    private static func graphInput(_ graph: Onnx_GraphProto) throws -> (String, [Int?]?) {
        let initializers = Set(graph.initializer.map(\.name))
        let inputs = graph.input.filter { !initializers.contains($0.name) }
        guard inputs.count == 1, let input = inputs.first else {
            throw ONNXImportError(at: "graph.input", "expected one input, found \(inputs.count) (\(inputs.map(\.name).joined(separator: ", "))); a Soma model takes one vector")
        }
        guard input.type.tensorType.elemType == ConstantTensor.float32 else {
            throw ONNXImportError(at: "graph.input \"\(input.name)\"",
                                  "has element type \(ConstantTensor.typeName(input.type.tensorType.elemType)); Soma's inputs are binary32 (FLOAT)")
        }
        guard input.type.tensorType.hasShape else { return (input.name, nil) }
        let dims: [Int?] = input.type.tensorType.shape.dim.map { dim in
            if case .dimValue(let v)? = dim.value, v > 0 { return Int(v) }
            return nil
        }
        guard (1...4).contains(dims.count) else {
            throw ONNXImportError(at: "graph.input \"\(input.name)\"", "has rank \(dims.count); Soma takes a vector per row")
        }
        return (input.name, dims)
    }

    /// The output to convert: the one asked for, else the graph's only FLOAT output.
    private static func chosenOutput(_ graph: Onnx_GraphProto, requested: String?) throws -> String {
        if let requested {
            let produced = graph.node.contains { $0.output.contains(requested) }
            guard produced else {
                throw ONNXImportError(at: "--output", "no node computes \"\(requested)\" (graph outputs: \(graph.output.map(\.name).joined(separator: ", ")))")
            }
            return requested
        }
        let floats = graph.output.filter { $0.type.tensorType.elemType == ConstantTensor.float32 }
        guard floats.count == 1 else {
            throw ONNXImportError(at: "graph.output", "\(floats.count) FLOAT outputs (\(floats.map(\.name).joined(separator: ", "))); say which one to convert")
        }
        return floats[0].name
    }

    private static func modelName(options: ONNXImportOptions, graph: Onnx_GraphProto) -> String {
        if let name = options.name { return name }
        let bytes = graph.name.utf8.count
        if bytes >= 1 && bytes <= ModelFile.maximumNameBytes && !graph.name.contains("\0") { return graph.name }
        return options.fallbackName
    }

    private static func labels(_ text: String?) throws -> [String]? {
        guard let text else { return nil }
        guard case .array(let items)? = try? JSONParser.parse(text) else {
            throw ONNXImportError(at: "metadata_props \"\(MetadataKeys.labels)\"", "expected a JSON array of strings")
        }
        return try items.map { item in
            guard let label = item.stringValue else {
                throw ONNXImportError(at: "metadata_props \"\(MetadataKeys.labels)\"", "expected a JSON array of strings")
            }
            return label
        }
    }

    /// The `training` metadata of an imported model: where it came from.
    private static func provenance(_ proto: Onnx_ModelProto, opset: Int, source: String?) -> JSONValue {
        var members: [(String, JSONValue)] = [("method", JSONValue("onnx-import"))]
        if let source { members.append(("source", JSONValue(source))) }
        let producer = [proto.producerName, proto.producerVersion].filter { !$0.isEmpty }.joined(separator: " ")
        if !producer.isEmpty { members.append(("producer", JSONValue(producer))) }
        members.append(("opset", JSONValue(opset)))
        return .object(members)
    }

    /// Seeded inputs for the self-test: uniform in [-2, 2] in the scaled space,
    /// mapped back through the input scaling when there is one, so they look like data.
    static func selfTestInputs(for model: ModelFile) -> [[Float]] {
        var generator = SplitMix64(seed: selfTestSeed)
        return (0..<selfTestCount).map { _ in
            (0..<model.inputs).map { i in
                let z = Float.random(in: -2...2, using: &generator)
                guard let scaling = model.inputScaling else { return z }
                return z * scaling.std[i] + scaling.mean[i]
            }
        }
    }
}
