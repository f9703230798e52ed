import ArgumentParser
import Foundation
import Soma
import SomaRuntime

struct TrainXOR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xor",
        abstract: "Train a multilayer perceptron on XOR by backpropagation.",
        discussion: """
            A 2-H-1 network, sigmoid units, mean squared error, full-batch gradient descent. \
            One perceptron cannot learn XOR (it is not linearly separable); one hidden layer can. \
            With two hidden units some seeds stall in a local minimum; the defaults learn. \
            Writes the model only (no history file); the truth table printed at the end has \
            the inputs in the order a b.

            Example:
              soma train xor --hidden 2 --epochs 5000 --learning-rate 2 --seed 1 --out xor.json
            """)

    @Option(parsing: .unconditional, help: "Hidden units.")
    var hidden = 2

    @Option(parsing: .unconditional, help: "Gradient-descent steps over the four rows.")
    var epochs = 5000

    @Option(parsing: .unconditional, help: "Learning rate.")
    var learningRate: Float = 2

    @Option(help: "Seed of the initial weights (Xavier uniform).")
    var seed: UInt64 = Network.defaultXORSeed

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if hidden < 1 { throw ValidationError("--hidden must be at least 1, found \(hidden)") }
        if let problem = RuntimeLimits.problem(widths: [("--hidden", hidden)], layers: 2) {
            throw ValidationError(problem)
        }
        if epochs < 1 { throw ValidationError("--epochs must be at least 1, found \(epochs)") }
        if !(learningRate > 0) || !learningRate.isFinite { throw ValidationError("--learning-rate must be a positive number") }
    }

    func run() throws {
        let every = max(epochs / 10, 1)
        let result = Network.trainXOR(hidden: hidden, epochs: epochs, learningRate: learningRate, seed: seed) {
            epoch, loss in
            if epoch % every == 0 || epoch == 1 { output.say("epoch \(epoch)/\(epochs)  loss \(formatted(loss))") }
        }
        try at(output.out) { try result.modelFile.write(to: URL(fileURLWithPath: output.out)) }
        let table = try truthTable(result.modelFile)
        output.say(table)
        output.say("wrote \(output.out)")
    }
}
