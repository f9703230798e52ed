/// How closely the Swift reference network and the C runtime agreed on one model.
public struct ParityReport: Sendable {
    /// The model's name.
    public let model: String
    /// Inputs run through both implementations.
    public internal(set) var samples = 0
    /// Inputs whose whole output vector had identical bits in both.
    public internal(set) var identical = 0
    /// The largest distance between two corresponding outputs, in units in the last place.
    public internal(set) var maxULP: UInt64 = 0
    /// The largest absolute difference between two corresponding outputs.
    public internal(set) var maxAbsolute: Float = 0
    /// Inputs for which both picked the same class (the argmax; for one output, the side of 0.5).
    public internal(set) var sameClass = 0
    /// The ULP distance this comparison allows (docs/model-format.md, "Parity bound").
    public let boundULP: UInt64
    /// The first input whose outputs differed, with both outputs.
    public internal(set) var firstDifference: (input: [Float], swift: [Float], c: [Float])?

    public init(model: String, boundULP: UInt64) {
        self.model = model
        self.boundULP = boundULP
    }

    /// True when every output stayed within the bound.
    public var withinBound: Bool { maxULP <= boundULP }
}
