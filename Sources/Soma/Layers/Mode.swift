/// Whether a forward pass is part of training or of inference.
///
/// Passed explicitly to every ``Layer/forward(_:batchSize:mode:)``; there is no
/// global learning phase. Batch normalisation uses batch statistics and updates
/// its running statistics in `.training`, and uses the running statistics in `.inference`.
public enum Mode: String, Sendable, Codable, CaseIterable {
    case training
    case inference
}
