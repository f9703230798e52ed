import Foundation

/// Lesson 3: activation functions, on the notes' inputs `[-1, 1, 2]`, computed
/// by the library's own activations (``ReferenceMath/activate(_:_:offset:count:)``,
/// binary32, the code the trainer and the exported models run).
public struct ActivationsLesson: Sendable {
    public let x: [Float] = [-1, 1, 2]
    /// `x > 0`: the step function's test, as booleans.
    public let fires: [Bool]
    /// The step function: the booleans as 0 and 1.
    public let step: [Float]
    public let sigmoid: [Float]
    public let tanh: [Float]
    public let relu: [Float]

    public init() {
        let x = self.x
        func apply(_ spec: ActivationSpec) -> [Float] {
            var y = x
            ReferenceMath.activate(spec, &y)
            return y
        }
        fires = x.map { $0 > 0 }
        step = apply(.step)
        sigmoid = apply(.sigmoid)
        tanh = apply(.tanh)
        relu = apply(.relu)
    }

    /// What `soma lesson activations` prints.
    public var lines: [String] {
        func show(_ values: [Float]) -> String { LessonText.list(values.map(LessonText.number)) }
        func float64(_ f: (Double) -> Double) -> String {
            LessonText.list(x.map { String(format: "%.8f", f(Double($0))) })
        }
        return [
            "x                    = " + show(x),
            "x > 0                = " + LessonText.list(fires.map(String.init)),
            "step(x)              = " + show(step) + "   (the booleans as numbers)",
            "sigmoid(x)           = " + show(sigmoid) + "   1 / (1 + exp(-x))",
            "  in float64         = " + float64 { 1 / (1 + Foundation.exp(-$0)) } + "   (the notes' NumPy digits)",
            "tanh(x)              = " + show(tanh),
            "  in float64         = " + float64 { Foundation.tanh($0) },
            "relu(x)              = " + show(relu) + "   max(0, x)",
            "The library computes in binary32 (printed in the fewest digits that read back the same float);",
            "float64 gives the notes' eight decimals, and the two agree to within 1e-7.",
        ]
    }
}
