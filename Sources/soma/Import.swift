import ArgumentParser
import Foundation
import Soma
import SomaONNX

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert an ONNX multilayer perceptron into a Soma model file.",
        discussion: """
            Reads the MLP subset of ONNX: Gemm, MatMul + Add, Relu, LeakyRelu, Sigmoid, Tanh, Elu, \
            Selu (standard constants), PRelu, Softmax (last axis), BatchNormalization (inference), \
            Flatten/Reshape that keep one vector per row, Identity, Dropout, Cast to float, \
            x * Sigmoid(x) as swish, Greater(x, 0) + Cast as step, and input scaling from a leading \
            Sub/Div/Mul/Add or scikit-learn's Scaler. Weights are copied bit for bit. Anything else \
            is refused with a message naming the node, its op type and why; nothing is written then. \
            The model gets self-test vectors from Soma's reference forward pass and a checksum. \
            The graph's one float output is converted, or the tensor --output-name names (needed \
            when there are several; it may be an inner tensor). See docs/interop.md.
            """)

    @Argument(help: "The ONNX model (.onnx).")
    var model: String

    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("output-name"), help: "The tensor to convert: needed when the graph has several float outputs; may be an inner tensor.")
    var outputName: String?

    @Option(help: "The Soma model's name (default: the ONNX graph's name, else the file's name).")
    var name: String?

    @Option(help: "Class names, comma-separated, one per output.")
    var labels: String?

    @Flag(help: "Write layer arrays packed (base64 binary32), smaller and faster to load.")
    var packed = false

    func run() throws {
        let url = URL(fileURLWithPath: model)
        let data = try at(model) { try Data(contentsOf: url) }
        let options = ONNXImportOptions(
            name: name, fallbackName: url.deletingPathExtension().lastPathComponent, outputName: outputName,
            labels: labels.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) },
            source: url.lastPathComponent)
        let imported = try at(model) { try ONNXImporter.importModel(data, options: options) }
        try at(output.out) { try imported.write(to: URL(fileURLWithPath: output.out), packed: packed) }
        let shapes = imported.layers.map { layer -> String in
            switch layer {
            case .dense(let d): return "dense \(d.inputs)→\(d.outputs) \(d.activation.kind.rawValue)"
            case .batchNorm(let b): return "batchnorm \(b.size) \(b.activation.kind.rawValue)"
            case .maxout(let m): return "maxout \(m.inputs)→\(m.outputs)×\(m.pieces) \(m.activation.kind.rawValue)"
            }
        }
        output.say("\(output.out): \(imported.layers.count) layers (\(shapes.joined(separator: ", ")))"
                   + (imported.inputScaling == nil ? "" : ", input scaling") + ", \(imported.parameterCount) parameters")
    }
}
