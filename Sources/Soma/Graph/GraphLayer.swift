/// A layer of the computational graph for batches: it remembers what its
/// backward pass needs during ``forward(_:)``, and ``backward(_:)`` turns the
/// gradient of the loss with respect to its output into the gradient with
/// respect to its input (keeping any parameter gradients itself).
public protocol GraphLayer: Sendable {
    /// The output for a batch, remembering what ``backward(_:)`` needs.
    mutating func forward(_ x: Matrix) -> Matrix
    /// `dL/dx` from `dL/dout` (`dout`), for the batch of the last forward pass.
    mutating func backward(_ dout: Matrix) -> Matrix
}
