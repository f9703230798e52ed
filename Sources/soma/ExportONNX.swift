import ArgumentParser
import Foundation
import Soma
import SomaONNX

struct ExportONNX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-onnx",
        abstract: "Write a Soma model as an ONNX graph, to run it anywhere ONNX runs.",
        discussion: """
            Input scaling becomes Sub and Div, dense layers Gemm (transB=1), batch norm \
            BatchNormalization, and each activation standard ops (step: Greater + Cast; \
            swish: Sigmoid + Mul). The graph takes `input` [N, inputs] and gives `output` \
            [N, outputs], both float32; weights keep their bits. Written atomically. \
            See docs/interop.md.
            """)

    @Argument(help: "The Soma model file (JSON).")
    var model: String

    @OptionGroup var output: OutputOptions

    @Option(help: "The ONNX opset to declare (\(ONNXExporter.minimumOpset) or later).")
    var opset = ONNXExporter.defaultOpset

    func validate() throws {
        if opset < ONNXExporter.minimumOpset {
            throw ValidationError("--opset must be \(ONNXExporter.minimumOpset) or later (Softmax over the last axis)")
        }
    }

    func run() throws {
        let soma = try at(model) { try ModelFile(contentsOf: URL(fileURLWithPath: model)) }
        let data = try at(model) {
            try ONNXExporter.export(soma, opset: opset, producerVersion: SomaCommand.configuration.version)
        }
        try at(output.out) { try AtomicFile.write(data, to: URL(fileURLWithPath: output.out)) }
        output.say("\(output.out): ONNX opset \(opset), \(soma.layers.count) layers, \(soma.parameterCount) parameters")
    }
}
