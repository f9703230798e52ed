import ArgumentParser
import Foundation
import Soma

extension Gate: ExpressibleByArgument {}

struct TrainGate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Train a logic gate with the perceptron learning rule.",
        discussion: """
            and, or and nand are single perceptrons (a weighted sum plus a bias, then a step), \
            trained from their truth tables. xor-gates is XOR built from gates: NAND and OR \
            feeding AND, one two-layer step network, each gate trained the same way. Initial \
            weights come from the seed. Writes the model only (no history file); the truth \
            table printed at the end has the inputs in the order a b.

            Examples:
              soma train gate --gate and --out and.json
              soma train gate --gate xor-gates --out xg.json
            """)

    @Option(help: "The gate: \(Gate.allCases.map(\.rawValue).joined(separator: ", ")).")
    var gate: Gate

    @Option(help: "Seed of the initial weights.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Most passes over the truth table (training stops at the first with no error).")
    var epochs = 100

    @Option(parsing: .unconditional, help: "The perceptron rule's learning rate.")
    var learningRate: Float = 0.1

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if epochs < 1 { throw ValidationError("--epochs must be at least 1, found \(epochs)") }
        if !(learningRate > 0) || !learningRate.isFinite { throw ValidationError("--learning-rate must be a positive number") }
    }

    func run() throws {
        let model = gate.trainedModel(seed: seed, epochs: epochs, learningRate: learningRate)
        for (name, record) in perGateRecords(model) {
            let errors = record?["errors_per_epoch"].map(\.description) ?? "?"
            let converged = record?["converged"] == .bool(true)
            output.say("\(name): errors per epoch \(errors) — \(converged ? "converged" : "did NOT converge")")
        }
        try at(output.out) { try model.write(to: URL(fileURLWithPath: output.out)) }
        let table = try truthTable(model)
        output.say(table)
        output.say("wrote \(output.out)")
    }

    /// The training records of each perceptron in the model (three for xor-gates).
    private func perGateRecords(_ model: ModelFile) -> [(String, JSONValue?)] {
        gate == .xorGates
            ? [Gate.nand, .or, .and].map { ($0.rawValue, model.training?[$0.rawValue]) }
            : [(gate.rawValue, model.training)]
    }
}

/// The model's outputs on the four truth-table rows, one line each.
func truthTable(_ model: ModelFile) throws -> String {
    var lines = ["  a b | out"]
    for input in Gate.truthTableInputs {
        let output = try model.predict(input)
        lines.append("  \(formatted(input[0])) \(formatted(input[1])) | \(output.map(formatted).joined(separator: " "))")
    }
    return lines.joined(separator: "\n")
}
