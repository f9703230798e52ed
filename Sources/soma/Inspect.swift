import ArgumentParser
import Foundation
import Soma
import SomaRuntime

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a model: layers, activations, parameters, runtime storage.")

    @Argument(help: "The model file (JSON).")
    var model: String

    func run() throws {
        let file = try at(model) { try ModelFile(contentsOf: URL(fileURLWithPath: model)) }
        print("model       \(file.name) (\(ModelFile.formatName) version \(ModelFile.formatVersion))")
        print("inputs      \(file.inputs)\(file.inputScaling == nil ? "" : ", standardised (input_scaling)")")
        print("outputs     \(file.outputs)\(file.labels.map { " — labels: " + $0.joined(separator: ", ") } ?? "")")
        if let task = file.task { print("task        \(task)") }
        print("layers")
        print("  #  type       inputs  outputs  activation   parameters")
        for (index, layer) in file.layers.enumerated() {
            print("  " + [pad("\(index)", 3), pad(layer.typeName, 11), pad("\(layer.inputs)", 8),
                          pad("\(layer.outputs)", 9), pad(activationText(layer.activation), 13),
                          "\(layer.parameterValues.count)"].joined())
        }
        print("parameters  \(file.parameterCount)")
        let needs = try at(model) { try RuntimeRequirements(contentsOf: model) }
        print("runtime     \(needs.bytes) bytes of parameter storage (\(needs.parameters) floats) "
              + "+ a \(RuntimeModel.structBytes)-byte soma_model; widest vector \(needs.widest)")
        if let limit = needs.exceeds { print("            over this build's \(limit): the C runtime will refuse it") }
        if let selfTest = file.selfTest { print("self-test   \(selfTest.inputs.count) vectors (soma verify \(model))") }
        if let training = file.training { print("training    \(training)") }
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
