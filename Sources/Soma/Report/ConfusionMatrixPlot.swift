/// A confusion matrix as a grid of cells shaded by their share of the true
/// class's rows, with the count in each cell (rows: true class, columns: predicted).
public enum ConfusionMatrixPlot {
    public static func svg(confusion: [[Int]], trueNames: [String], predictedNames: [String], title: String) -> SVGDocument {
        let cell = predictedNames.count > 6 ? 36.0 : 56.0
        let (left, top) = (110.0, 70.0)
        var document = SVGDocument(width: left + Double(predictedNames.count) * cell + 30,
                                   height: top + Double(trueNames.count) * cell + 50)
        document.text(title, document.width / 2, 22, anchor: .middle, size: 14, bold: true)
        document.text("predicted", left + Double(predictedNames.count) * cell / 2, 44, anchor: .middle, size: 11)
        document.text("true class", 16, top + Double(trueNames.count) * cell / 2, anchor: .middle, size: 11, rotated: true)
        for (c, name) in predictedNames.enumerated() {
            document.text(name, left + (Double(c) + 0.5) * cell, top - 8, anchor: .middle, size: 11)
        }
        for (r, row) in confusion.enumerated() {
            let total = max(row.reduce(0, +), 1)
            document.text(trueNames[r], left - 8, top + (Double(r) + 0.5) * cell + 4, anchor: .end, size: 11)
            for (c, count) in row.enumerated() {
                let share = Double(count) / Double(total)
                // From white to the palette's blue, by share.
                let channel = { (full: Double) in Int((255 - (255 - full) * share).rounded()) }
                let fill = "rgb(\(channel(0)),\(channel(114)),\(channel(178)))"
                document.rect(left + Double(c) * cell, top + Double(r) * cell, cell, cell, fill: fill, stroke: "#888888")
                document.text("\(count)", left + (Double(c) + 0.5) * cell, top + (Double(r) + 0.5) * cell + 4,
                              anchor: .middle, size: 11, fill: share > 0.5 ? "white" : "black")
            }
        }
        return document
    }
}
