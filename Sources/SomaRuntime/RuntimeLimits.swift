import CSomaCore

/// The C runtime's compiled-in limits (`include/soma.h`), read from the header
/// itself so Swift and C cannot disagree: training checks a network against
/// them before it starts, rather than exporting a model the runtime refuses.
public enum RuntimeLimits {
    /// Most values in any vector: the inputs, or any layer's outputs (`SOMA_MAX_WIDTH`).
    public static let maxWidth = Int(SOMA_MAX_WIDTH)
    /// Most layers, batch-norm layers included (`SOMA_MAX_LAYERS`).
    public static let maxLayers = Int(SOMA_MAX_LAYERS)

    /// Why a network of these sizes would be refused, or nil if it fits.
    /// `widths` are the inputs, then each layer's outputs; `layers` counts every layer.
    public static func problem(widths: [(what: String, size: Int)], layers: Int) -> String? {
        if let wide = widths.first(where: { $0.size > maxWidth }) {
            return "\(wide.what) of \(wide.size) is wider than the C runtime allows "
                + "(SOMA_MAX_WIDTH = \(maxWidth) in include/soma.h)"
        }
        if layers > maxLayers {
            return "\(layers) layers are more than the C runtime allows (SOMA_MAX_LAYERS = \(maxLayers) in include/soma.h)"
        }
        return nil
    }
}
