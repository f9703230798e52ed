import Foundation

/// Per-layer weight-gradient norms over training, from a history that recorded
/// them (`soma train … --record-gradient-norms`, ``TrainingSettings/recordGradientNorms``):
/// one line per layer on a log axis, since the norms of a deep network's first
/// and last layers can lie orders of magnitude apart.
public enum GradientNormsPlot {
    /// Each layer's `weight_grad_norm_layer<i>` column, in layer order.
    /// Throws, naming `source`, when a column's suffix is not a layer index.
    public static func norms(in history: TrainingHistory, source: String) throws(PlotError)
        -> [(layer: Int, values: [Double?])] {
        let prefix = EpochRecord.gradientNormColumnPrefix
        var found: [(layer: Int, values: [Double?])] = []
        for (name, values) in history.columns where name.hasPrefix(prefix) {
            guard let layer = Int(name.dropFirst(prefix.count)), layer >= 0 else {
                throw PlotError("\(source) line 1: column `\(name)`: expected a layer index after `\(prefix)`")
            }
            // Line k + 2 holds epoch k's row (line 1 is the header).
            if let (row, value) = values.enumerated().first(where: { ($0.element ?? 0) < 0 }) {
                throw PlotError("\(source) line \(row + 2): \(name) '\(value!)' is negative; a norm never is")
            }
            found.append((layer, values))
        }
        return found.sorted { $0.layer < $1.layer }
    }

    /// The figure: one panel, a line per layer (colours cycle through the
    /// palette, dashed on the second round), a note saying what was measured.
    public static func figure(_ history: TrainingHistory, title: String, source: String) throws(PlotError) -> Figure {
        let layers = try norms(in: history, source: source)
        guard !layers.isEmpty else {
            throw PlotError("\(source): no \(EpochRecord.gradientNormColumnPrefix)… columns; "
                            + "train with `soma train … --record-gradient-norms` to record them")
        }
        var chart = Chart(title: "‖∂L/∂W‖ per layer after each epoch", xLabel: "epoch",
                          yLabel: "weight-gradient norm (log scale)")
        chart.logScaleY = true
        for (k, layer) in layers.enumerated() {
            let round = k / Figure.palette.count
            chart.lines.append(Chart.Line("layers[\(layer.layer)]",
                                          zip(history.epochs, layer.values).map { (Double($0), $1 ?? .nan) },
                                          color: Figure.palette[k % Figure.palette.count], dashed: round % 2 == 1))
        }
        chart.xRange = Double(history.epochs.first!)...Double(max(history.epochs.last!, history.epochs.first! + 1))
        let zeros = layers.reduce(0) { $0 + $1.values.filter { $0 == 0 }.count }
        let positives = layers.flatMap { $0.values.compactMap { $0 } }.filter { $0 > 0 }
        if positives.isEmpty { chart.yRange = 1e-3...1 }
        var note = "Weights only (biases apart); gradient of the mean loss over the whole training split, after each epoch."
        if zeros > 0 { note += " \(zeros) zero norms not drawn." }
        return Figure(title: title, charts: [chart], columns: 1, panelWidth: 720, panelHeight: 400, note: note)
    }
}
