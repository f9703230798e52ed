/// An update rule for parameters, as a pure step per parameter tensor.
///
/// The optimizer holds only its settings; whatever it remembers between steps
/// (momentum, running averages) lives in a ``State`` per tensor that the caller
/// keeps (``OptimizerState``) and passes in. `step` is the 1-based count of
/// updates made so far including this one (Adam's bias correction uses it).
public protocol Optimizer: Sendable {
    /// What the rule remembers for one parameter tensor.
    associatedtype State: Sendable

    /// The state before the first step for a tensor of `count` values.
    func makeState(count: Int) -> State

    /// Updates `parameter` in place from its `gradient`.
    func update(_ parameter: inout [Float], gradient: [Float], state: inout State, step: Int)
}

/// The per-tensor states of an ``Optimizer`` for one network, and the step count.
public struct OptimizerState<O: Optimizer>: Sendable {
    /// Updates made so far.
    public var step = 0
    /// `slots[layer][tensor]`, created on the first update.
    public var slots: [[O.State]] = []

    /// An empty state (before the first step).
    public init() {}
}
