#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A loss function, named as in a model file's `training` metadata.
///
/// **Reduction** (one convention for the value and its gradient): the loss of a
/// batch is the **mean over its rows** of a per-row loss. The per-row loss is
/// the **mean over the row's outputs** of an element-wise loss for `mse`, `mae`,
/// `huber`, `binaryCrossEntropy` and `hinge` (so for these the batch loss is the
/// mean over all `rows * outputs` elements, as Keras and PyTorch default to), and
/// the **sum over the classes** for `categoricalCrossEntropy` (the cross-entropy
/// of one distribution). Gradients are the exact derivatives of that value, so
/// they carry the factor `1 / (rows * outputs)` or, for CCE, `1 / rows`.
///
/// **Fused losses.** `binaryCrossEntropy` and `categoricalCrossEntropy` are
/// computed from the output layer's pre-activations (logits) `z`, stably, and
/// their gradient is taken with respect to `z`, skipping the activation's own
/// derivative: BCE needs a `sigmoid` output layer and gives `sigmoid(z) - t`;
/// CCE needs a `softmax` output layer and gives `softmax(z) - t`.
/// ``requiredOutputActivation`` names the activation; ``Network`` checks it with a
/// `precondition` before every training step, and ``check(outputActivation:)``
/// lets a caller test it beforehand.
public enum Loss: String, Sendable, Codable, CaseIterable {
    /// Mean squared error: element loss `(y - t)²`.
    case mse
    /// Mean absolute error: element loss `|y - t|` (gradient `sign(y - t)`, 0 at 0).
    case mae
    /// Huber loss with threshold `δ` (`huberDelta`, default 1): element loss
    /// `d²/2` if `|d| <= δ`, else `δ·(|d| - δ/2)`, with `d = y - t`.
    case huber
    /// Binary cross-entropy on a sigmoid output, from the logits `z`:
    /// element loss `max(z, 0) - z·t + log1p(exp(-|z|))`; targets in `[0, 1]`.
    case binaryCrossEntropy = "binary_cross_entropy"
    /// Categorical cross-entropy on a softmax output, from the logits `z` of a
    /// row: `Σₖ tₖ·(lse(z) - zₖ)` with `lse(z) = m + log(Σₖ exp(zₖ - m))`,
    /// `m = max z`; targets one-hot (or any distribution) per row.
    case categoricalCrossEntropy = "categorical_cross_entropy"
    /// Hinge loss, one-vs-all for several outputs: element loss `max(0, 1 - t·y)`
    /// with targets in `{-1, +1}` (identity or tanh outputs are typical).
    case hinge

    /// The output-layer activation the loss is fused with (`sigmoid` for BCE,
    /// `softmax` for CCE), or nil if any output activation is allowed.
    public var requiredOutputActivation: ActivationKind? {
        switch self {
        case .binaryCrossEntropy: return .sigmoid
        case .categoricalCrossEntropy: return .softmax
        default: return nil
        }
    }

    /// Whether the value and gradient come from the logits (BCE, CCE).
    public var isFused: Bool { requiredOutputActivation != nil }

    /// Throws ``LossError`` if a network whose last layer has `outputActivation`
    /// cannot be trained with this loss (BCE needs sigmoid, CCE needs softmax).
    public func check(outputActivation: ActivationKind) throws(LossError) {
        if let required = requiredOutputActivation, required != outputActivation {
            throw LossError(loss: self, outputActivation: outputActivation)
        }
    }

    /// The batch loss of the network outputs `y` against `targets` (rows of
    /// `width` values; `width` defaults to the whole buffer being one row per
    /// element for element-wise losses and is needed for CCE).
    ///
    /// For the fused losses this form works from probabilities, clamped to
    /// `[1e-7, 1 - 1e-7]` before the logarithm: use ``value(logits:targets:width:huberDelta:)``
    /// where the logits are at hand (training does).
    public func value(predictions y: [Float], targets t: [Float], width: Int? = nil, huberDelta: Float = 1) -> Float {
        precondition(y.count == t.count, "predictions and targets differ in length")
        guard !y.isEmpty else { return 0 }
        switch self {
        case .binaryCrossEntropy:
            var sum: Float = 0
            for k in y.indices {
                let p = min(max(y[k], 1e-7), 1 - 1e-7)
                sum += -(t[k] * logf(p) + (1 - t[k]) * logf(1 - p))
            }
            return sum / Float(y.count)
        case .categoricalCrossEntropy:
            let w = width ?? y.count
            precondition(w > 0 && y.count % w == 0, "predictions do not fill rows of \(w)")
            var sum: Float = 0
            for k in y.indices where t[k] != 0 {
                sum += -t[k] * logf(max(y[k], 1e-7))
            }
            return sum / Float(y.count / w)
        default:
            var none: [Float] = []
            return elementwise(y, t, huberDelta: huberDelta, gradient: &none)
        }
    }

    /// The batch loss for a fused loss (BCE, CCE) from the output layer's
    /// pre-activations `z` (rows of `width`); for the other losses `z` is taken
    /// as the network output, as in ``value(predictions:targets:width:huberDelta:)``.
    public func value(logits z: [Float], targets t: [Float], width: Int, huberDelta: Float = 1) -> Float {
        precondition(z.count == t.count, "logits and targets differ in length")
        guard !z.isEmpty else { return 0 }
        switch self {
        case .binaryCrossEntropy: return bce(z, t)
        case .categoricalCrossEntropy:
            var none: [Float] = []
            return cce(z, y: nil, t, width: width, gradient: &none)
        default:
            var none: [Float] = []
            return elementwise(z, t, huberDelta: huberDelta, gradient: &none)
        }
    }

    /// `dLoss/dy` for every element, for the non-fused losses. For BCE and CCE
    /// it is the gradient with respect to the logits instead, with `y` the
    /// sigmoid/softmax output: `(y - t) / elements` and `(y·Σt - t) / rows`.
    public func gradient(predictions y: [Float], targets t: [Float], width: Int? = nil, huberDelta: Float = 1) -> [Float] {
        precondition(y.count == t.count, "predictions and targets differ in length")
        var g = [Float](repeating: 0, count: y.count)
        guard !y.isEmpty else { return g }
        switch self {
        case .binaryCrossEntropy:
            let n = Float(y.count)
            for k in y.indices { g[k] = (y[k] - t[k]) / n }
        case .categoricalCrossEntropy:
            _ = cce(nil, y: y, t, width: width ?? y.count, gradient: &g)
        default:
            _ = elementwise(y, t, huberDelta: huberDelta, gradient: &g)
        }
        return g
    }

    /// The batch loss and its gradient, as training uses them: for the fused
    /// losses from the logits `z` (gradient with respect to `z`, using the
    /// layer's own output `y` for `sigmoid(z)`/`softmax(z)`), otherwise from the
    /// outputs `y` (gradient with respect to `y`).
    public func valueAndGradient(outputs y: [Float], logits z: [Float], targets t: [Float], width: Int,
                                 huberDelta: Float = 1) -> (value: Float, gradient: [Float]) {
        precondition(y.count == t.count && z.count == t.count, "outputs, logits and targets differ in length")
        var g = [Float](repeating: 0, count: y.count)
        guard !y.isEmpty else { return (0, g) }
        switch self {
        case .binaryCrossEntropy:
            let value = bce(z, t)
            let n = Float(y.count)
            for k in y.indices { g[k] = (y[k] - t[k]) / n }
            return (value, g)
        case .categoricalCrossEntropy:
            let value = cce(z, y: y, t, width: width, gradient: &g)
            return (value, g)
        default:
            let value = elementwise(y, t, huberDelta: huberDelta, gradient: &g)
            return (value, g)
        }
    }

    // MARK: - Kernels

    /// Element-wise losses: returns the mean; writes `slope / elements` into
    /// `gradient` when it has one slot per element (pass `[]` for none).
    private func elementwise(_ y: [Float], _ t: [Float], huberDelta delta: Float, gradient g: inout [Float]) -> Float {
        var sum: Float = 0
        let n = Float(y.count)
        let wantGradient = g.count == y.count
        for k in y.indices {
            let d = y[k] - t[k]
            let (value, slope): (Float, Float)
            switch self {
            case .mse: (value, slope) = (d * d, 2 * d)
            case .mae: (value, slope) = (abs(d), d > 0 ? 1 : (d < 0 ? -1 : 0))
            case .huber:
                if abs(d) <= delta { (value, slope) = (0.5 * d * d, d) }
                else { (value, slope) = (delta * (abs(d) - 0.5 * delta), d > 0 ? delta : -delta) }
            case .hinge:
                let margin = 1 - t[k] * y[k]
                (value, slope) = margin > 0 ? (margin, -t[k]) : (0, 0)
            case .binaryCrossEntropy, .categoricalCrossEntropy:
                preconditionFailure("fused losses are not element-wise")
            }
            sum += value
            if wantGradient { g[k] = slope / n }
        }
        return sum / n
    }

    /// BCE from logits, mean over elements.
    private func bce(_ z: [Float], _ t: [Float]) -> Float {
        var sum: Float = 0
        for k in z.indices {
            sum += max(z[k], 0) - z[k] * t[k] + log1pf(expf(-abs(z[k])))
        }
        return sum / Float(z.count)
    }

    /// CCE: the value from the logits `z` (0 if nil), and, if `gradient` has one
    /// slot per element, `(y·Σt - t) / rows` from the softmax `y`.
    private func cce(_ z: [Float]?, y: [Float]?, _ t: [Float], width: Int, gradient g: inout [Float]) -> Float {
        precondition(width > 0 && t.count % width == 0, "targets do not fill rows of \(width)")
        let rows = t.count / width
        let invRows = 1 / Float(rows)
        let wantGradient = g.count == t.count && y != nil
        var total: Float = 0
        for b in 0..<rows {
            let base = b * width
            if let z {
                var m = z[base]
                for k in 1..<width where z[base + k] > m { m = z[base + k] }
                var s: Float = 0
                for k in 0..<width { s += expf(z[base + k] - m) }
                let lse = m + logf(s)
                var rowLoss: Float = 0
                for k in 0..<width where t[base + k] != 0 { rowLoss += t[base + k] * (lse - z[base + k]) }
                total += rowLoss
            }
            if wantGradient, let y {
                var mass: Float = 0
                for k in 0..<width { mass += t[base + k] }
                for k in 0..<width { g[base + k] = (y[base + k] * mass - t[base + k]) * invRows }
            }
        }
        return total * invRows
    }
}

/// A loss that cannot be fused with the network's output activation.
public struct LossError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The loss asked for.
    public var loss: Loss
    /// The activation the network's last layer has.
    public var outputActivation: ActivationKind

    public var description: String {
        "\(loss.rawValue) needs a \(loss.requiredOutputActivation?.rawValue ?? "any") output layer, "
            + "but the last layer's activation is \(outputActivation.rawValue)"
    }
}
