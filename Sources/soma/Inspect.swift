import ArgumentParser
import Foundation
import Soma
import SomaRuntime

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a model: layers, activations, parameters, runtime storage, how it was trained.",
        discussion: """
            The training record is summarised (settings, split, best epoch, final measures; the \
            per-epoch history as its length); --json prints the whole record as JSON instead.

            Examples:
              soma inspect models/iris.json
              soma inspect models/iris.json --json
            """)

    @Argument(help: "The model file (JSON).")
    var model: String

    @Flag(help: "Print the model's whole training record as JSON (nothing else).")
    var json = false

    func run() throws {
        let file = try at(model) { try ModelFile(contentsOf: URL(fileURLWithPath: model)) }
        if json {
            print(file.training?.prettyText ?? "null")
            return
        }
        print("model       \(file.name) (\(ModelFile.formatName), version \(file.writtenVersion))")
        print("inputs      \(file.inputs)\(file.inputScaling == nil ? "" : ", standardised (input_scaling)")"
              + (file.featureNames.map { ": " + $0.joined(separator: ", ") } ?? ""))
        print("outputs     \(file.outputs)\(file.labels.map { " — labels: " + $0.joined(separator: ", ") } ?? "")"
              + (file.labelColumn.map { " — predicts column \($0)" } ?? "")
              + (file.outputScaling == nil ? "" : ", in the data's units (output_scaling)"))
        if let task = file.task { print("task        \(task)") }
        print("layers")
        print("  #  type       inputs  outputs  activation   parameters")
        for (index, layer) in file.layers.enumerated() {
            print("  " + [pad("\(index)", 3), pad(typeText(layer), 11), pad("\(layer.inputs)", 8),
                          pad("\(layer.outputs)", 9), pad(activationText(layer.activation), 13),
                          "\(layer.parameterValues.count)"].joined())
        }
        print("parameters  \(file.parameterCount)")
        let needs = try at(model) { try RuntimeRequirements(contentsOf: model) }
        print("runtime     \(needs.bytes) bytes of parameter storage (\(needs.parameters) floats) "
              + "+ a \(RuntimeModel.structBytes)-byte soma_model; widest vector \(needs.widest)")
        if let limit = needs.exceeds { print("            over this build's \(limit): the C runtime will refuse it") }
        if let selfTest = file.selfTest { print("self-test   \(selfTest.inputs.count) vectors (soma verify \(model))") }
        if let training = file.training {
            print("training")
            TrainingSummary.lines(training).forEach { print($0) }
        }
    }

    /// The layer's type; a maxout layer with its pieces per output, `maxout×2`.
    private func typeText(_ layer: ModelLayer) -> String {
        if case .maxout(let m) = layer { return "maxout×\(m.pieces)" }
        return layer.typeName
    }

    private func activationText(_ activation: ActivationSpec) -> String {
        if let alpha = activation.alpha { return "\(activation.kind.rawValue)(\(alpha))" }
        if let beta = activation.beta { return "\(activation.kind.rawValue)(\(beta))" }
        return activation.kind.rawValue
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
