/// Lesson 2: XOR. No single perceptron computes it — its two 1s, (0,1) and
/// (1,0), sit on a diagonal that one straight line cannot cut away from
/// (0,0) and (1,1) — but two layers of gates do: `XOR = AND(NAND, OR)`.
public struct XORLesson: Sendable {
    /// The values every weight and the bias take in the search: −1, −0.9, …, 1.
    public static let gridValues: [Float] = (-10...10).map { Float($0) / 10 }
    /// How many perceptrons the search tried (21³).
    public let perceptronsTried: Int
    /// The most truth-table rows any of them got right (3: never all 4).
    public let bestRowsRight: Int
    /// The perceptron learning rule on XOR from `SplitMix64(seed: 1)`, 100 epochs
    /// at rate 0.1: the wrong outputs in each epoch (never 0).
    public let ruleErrorsPerEpoch: [Int]
    /// XOR from gates: `(x1, x2, s1 = NAND, s2 = OR, y = AND(s1, s2))` per row.
    public let layered: [(x: [Float], s1: Float, s2: Float, y: Float)]

    public init() {
        let targets = Gate.xorGates.truthTable
        var best = 0, tried = 0
        for w1 in Self.gridValues {
            for w2 in Self.gridValues {
                for b in Self.gridValues {
                    let p = Perceptron(weights: [w1, w2], bias: b)
                    let right = zip(Gate.truthTableInputs, targets).filter { p.output($0) == $1 }.count
                    best = max(best, right)
                    tried += 1
                }
            }
        }
        perceptronsTried = tried
        bestRowsRight = best
        var generator = SplitMix64(seed: 1)
        ruleErrorsPerEpoch = Gate.trainPerceptron(targets: targets, epochs: 100, learningRate: 0.1,
                                                  using: &generator).errorsPerEpoch
        let (nand, or, and) = (Gate.nand.handSet!, Gate.or.handSet!, Gate.and.handSet!)
        layered = Gate.truthTableInputs.map { x in
            let s1 = nand.output(x), s2 = or.output(x)
            return (x, s1, s2, and.output([s1, s2]))
        }
    }

    /// What `soma lesson xor` prints.
    public var lines: [String] {
        var out = [
            "XOR is 1 for (0,1) and (1,0), 0 for (0,0) and (1,1).",
            "One perceptron draws one line w1·x1 + w2·x2 + b = 0. To fit XOR it would need",
            "  (0,1) and (1,0) fire:    w2 + b > 0 and w1 + b > 0, so w1 + w2 + 2b > 0;",
            "  (0,0) and (1,1) silent:  b <= 0 and w1 + w2 + b <= 0, so w1 + w2 + 2b <= 0.",
            "Both cannot hold. A search agrees: of \(perceptronsTried) perceptrons (w1, w2, b each in -1, -0.9, ..., 1),",
            "the best gets \(bestRowsRight) of 4 rows right.",
            "The perceptron rule never settles either: wrong outputs per epoch, last 10 of "
                + "\(ruleErrorsPerEpoch.count): " + LessonText.list(ruleErrorsPerEpoch.suffix(10).map(String.init)),
            "Two layers do it: s1 = NAND(x1, x2), s2 = OR(x1, x2), y = AND(s1, s2).",
            "  x1 x2 | s1 s2 | y",
        ]
        for row in layered {
            out.append("   \(Int(row.x[0]))  \(Int(row.x[1])) |  \(Int(row.s1))  \(Int(row.s2)) | \(Int(row.y))")
        }
        return out
    }
}
