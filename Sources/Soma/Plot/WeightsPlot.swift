/// Per-layer histograms of a model's dense and maxout weights (biases apart), as in the file.
public enum WeightsPlot {
    /// Bars per histogram.
    public static let bins = 24

    /// `bins` equal-width counts over `[min, max]` of `values` (a value equal to max lands in the last bin).
    public static func histogram(_ values: [Float], bins: Int = bins) -> (low: Double, high: Double, counts: [Int]) {
        let low = Double(values.min() ?? 0), high = Double(values.max() ?? 0)
        let width = high > low ? (high - low) / Double(bins) : 1
        var counts = [Int](repeating: 0, count: bins)
        for v in values {
            counts[min(Int((Double(v) - low) / width), bins - 1)] += 1
        }
        return (low, high > low ? high : low + 1, counts)
    }

    public static func figure(_ model: ModelFile) throws(PlotError) -> Figure {
        var charts: [Chart] = []
        for (index, layer) in model.layers.enumerated() {
            let weights: [Float], title: String
            switch layer {
            case .dense(let d):
                (weights, title) = (d.weights, "dense \(d.inputs)→\(d.outputs), \(d.activation.kind.rawValue)")
            case .maxout(let m):
                (weights, title) = (m.weights, "maxout \(m.inputs)→\(m.outputs), \(m.pieces) pieces")
            case .batchNorm:
                continue
            }
            let (low, high, counts) = histogram(weights)
            let width = (high - low) / Double(counts.count)
            let mean = weights.reduce(0.0) { $0 + Double($1) } / Double(weights.count)
            let std = (weights.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(weights.count)).squareRoot()
            var chart = Chart(title: "layers[\(index)]: \(title)",
                              xLabel: "weight (mean \(SVGDocument.number(mean, decimals: 3)), sd \(SVGDocument.number(std, decimals: 3)))",
                              yLabel: "count")
            for (k, count) in counts.enumerated() where count > 0 {
                chart.cells.append(Chart.Cell(x0: low + Double(k) * width, y0: 0, x1: low + Double(k + 1) * width,
                                              y1: Double(count), color: Figure.palette[0]))
            }
            chart.xRange = low...high
            chart.yRange = 0...(Double(counts.max()!) * 1.1)
            charts.append(chart)
        }
        guard !charts.isEmpty else { throw PlotError("\(model.name) has no dense layers") }
        return Figure(title: "Weights of \(model.name), layer by layer", charts: charts, columns: min(charts.count, 3),
                      panelWidth: 320, panelHeight: 240,
                      note: "Dense and maxout weights only, \(bins) equal-width bins between each layer's smallest and largest weight.")
    }
}
