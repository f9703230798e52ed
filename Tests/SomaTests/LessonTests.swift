import Foundation
import Testing
@testable import Soma

/// Each lesson's numbers against the course notes' own values.
@Suite("Lessons")
struct LessonTests {
    @Test("perceptron: the slides' weights give the AND, NAND and OR truth tables; b = -0.1 fires above 0.1")
    func perceptron() {
        let lesson = PerceptronLesson()
        let expected: [(Gate, [Float], Float, [Float])] = [
            (.and, [0.5, 0.5], -0.7, [0, 0, 0, 1]),
            (.nand, [-0.5, -0.5], 0.7, [1, 1, 1, 0]),
            (.or, [0.5, 0.5], -0.2, [0, 1, 1, 1]),
        ]
        #expect(lesson.gates.count == 3)
        for ((gate, p, outputs), (eGate, eWeights, eBias, eOutputs)) in zip(lesson.gates, expected) {
            #expect(gate == eGate)
            #expect(p.weights == eWeights && p.bias == eBias, "\(gate.rawValue) weights")
            #expect(outputs == eOutputs, "\(gate.rawValue) truth table")
        }
        #expect(lesson.biasNeuron.bias == -0.1)
        #expect(lesson.biasInputs == [0, 0.05, 0.1, 0.15, 0.2, 0.5])
        #expect(lesson.biasOutputs == [0, 0, 0, 1, 1, 1])
    }

    @Test("xor: no perceptron of the search or the rule fits; AND(NAND, OR) does")
    func xor() {
        let lesson = XORLesson()
        #expect(lesson.perceptronsTried == 21 * 21 * 21)
        #expect(lesson.bestRowsRight == 3)
        #expect(lesson.ruleErrorsPerEpoch.count == 100)
        #expect(lesson.ruleErrorsPerEpoch.allSatisfy { $0 > 0 })
        #expect(lesson.layered.map(\.s1) == [1, 1, 1, 0])
        #expect(lesson.layered.map(\.s2) == [0, 1, 1, 1])
        #expect(lesson.layered.map(\.y) == [0, 1, 1, 0])
        #expect(lesson.layered.map(\.x) == Gate.truthTableInputs)
    }

    @Test("activations: step [-1, 1, 2] → [false, true, true] → [0, 1, 1]; sigmoid, tanh and ReLU as in the notes")
    func activations() {
        let lesson = ActivationsLesson()
        #expect(lesson.x == [-1, 1, 2])
        #expect(lesson.fires == [false, true, true])
        #expect(lesson.step == [0, 1, 1])
        #expect(lesson.relu == [0, 1, 2])
        // The notes' float64 values; binary32 carries them to within 1e-7 (≤ 2 ulp here).
        let notesSigmoid = [0.26894142, 0.73105858, 0.88079708]
        let notesTanh = [-0.76159416, 0.76159416, 0.96402758]
        for k in 0..<3 {
            #expect(abs(Double(lesson.sigmoid[k]) - notesSigmoid[k]) < 1e-7, "sigmoid[\(k)] = \(lesson.sigmoid[k])")
            #expect(abs(Double(lesson.tanh[k]) - notesTanh[k]) < 1e-7, "tanh[\(k)] = \(lesson.tanh[k])")
        }
        #expect(lesson.lines.contains { $0.contains("[0.26894142, 0.73105858, 0.88079708]") })
    }

    /// Within 1e-9 of the notes' value (1.1 is inexact in binary, so 2 × 100 × 1.1 is 220.00000000000003).
    func near(_ a: Double, _ b: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(a - b) <= 1e-9, "\(a) vs the notes' \(b)", sourceLocation: sourceLocation)
    }

    @Test("graph: 220; d apple price 2.2, d apple count 110, d tax 200")
    func apples() {
        let a = GraphLesson().apples
        #expect(a.subtotal == 200)
        near(a.price, 220)
        near(a.dApplePrice, 2.2)
        near(a.dAppleCount, 110)
        #expect(a.dTax == 200)
        near(a.dSubtotal, 1.1)
    }

    @Test("graph: apples and oranges 650, 715; d 110, 2.2, 165, 3.3, tax 650")
    func applesAndOranges() {
        let f = GraphLesson().fruit
        #expect(f.appleTotal == 200 && f.orangeTotal == 450 && f.subtotal == 650)
        near(f.price, 715)
        near(f.dAppleCount, 110)
        near(f.dApplePrice, 2.2)
        near(f.dOrangeCount, 165)
        near(f.dOrangePrice, 3.3)
        #expect(f.dTax == 650)
        // The add node hands both branches the same gradient.
        #expect(f.dAppleTotal == f.dSubtotal && f.dOrangeTotal == f.dSubtotal)
    }

    @Test("graph: the add node passes gradients through; the multiply node swaps its inputs")
    func nodes() {
        let lesson = GraphLesson()
        #expect(lesson.add.sum == 15 && lesson.add.dx == 1.3 && lesson.add.dy == 1.3)
        #expect(lesson.multiply.product == 50)
        near(lesson.multiply.dx, 6.5)  // 1.3 × 5: the other input
        near(lesson.multiply.dy, 13)   // 1.3 × 10
        var m = MultiplyNode()
        _ = m.forward(3, 7)
        #expect(m.backward(2) == (14, 6))
        #expect(AddNode().backward(2) == (2, 2))
    }

    @Test("graph: the chain rule on z = t², t = x + y gives dz/dx = 2t")
    func chainRule() {
        let lesson = GraphLesson()
        let c = lesson.chain
        #expect(c.t == 3 && c.z == 9)
        #expect(c.dt == 2 * c.t && c.dx == 2 * (c.x + c.y) && c.dy == c.dx)
        #expect(abs(lesson.chainCentralDifference - 6) < 1e-8)
    }

    @Test("graph: the printed lines show the notes' numbers")
    func graphText() {
        let text = GraphLesson().lines.joined(separator: "\n")
        for shown in ["200 × 1.1 = 220", "d apple price = 2.2", "d apple count = 110", "d tax = 200",
                      "650 × 1.1 = 715", "d orange count = 165", "d orange price = 3.3", "d tax = 650",
                      "backward(1.3) = (1.3, 1.3)", "= (6.5, 13)", "dz/dx = dz/dt · dt/dx = 6 · 1 = 6"] {
            #expect(text.contains(shown), "missing: \(shown)")
        }
    }

    @Test("mlp: the lesson's step is the trainer's step, bit for bit, and lowers the loss")
    func mlp() {
        let lesson = MLPLesson()
        let net = lesson.before
        var trainer = Network(layers: [
            Dense(inputSize: 2, outputSize: 3, weights: net.affine1.W.transposed.values, bias: net.affine1.b,
                  activation: .relu),
            Dense(inputSize: 3, outputSize: 2, weights: net.affine2.W.transposed.values, bias: net.affine2.b,
                  activation: .softmax),
        ])
        var state = OptimizerState<SGD>()
        let loss = trainer.trainStep(inputs: lesson.x.values, targets: lesson.t.values, batchSize: 4,
                                     loss: .categoricalCrossEntropy, optimizer: SGD(learningRate: MLPLesson.learningRate),
                                     state: &state)
        expectSameBits([lesson.pass.loss], [loss], "loss")
        expectSameBits(lesson.after.affine1.W.transposed.values, trainer.layers[0].parameters[0], "W1")
        expectSameBits(lesson.after.affine1.b, trainer.layers[0].parameters[1], "b1")
        expectSameBits(lesson.after.affine2.W.transposed.values, trainer.layers[1].parameters[0], "W2")
        expectSameBits(lesson.after.affine2.b, trainer.layers[1].parameters[1], "b2")
        #expect(lesson.lossAfter < lesson.pass.loss)
        #expect(MLPLesson().lines == lesson.lines, "seeded: the same every run")
    }

    @Test("every lesson has a transcript ending in what it shows", arguments: Lesson.allCases)
    func transcript(_ lesson: Lesson) {
        let lines = lesson.transcript
        #expect(lines.first?.hasPrefix("Lesson ") == true)
        #expect(lines.last == "What it shows: \(lesson.shows)")
        #expect(lines.count > 6)
    }
}
