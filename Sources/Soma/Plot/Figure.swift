/// Charts laid out as small multiples (a grid, row by row) under a title, with
/// an optional note at the bottom; ``svg`` gives the same bytes for the same figure.
public struct Figure: Sendable {
    public var title: String
    public var charts: [Chart]
    public var columns: Int
    public var panelWidth: Double
    public var panelHeight: Double
    /// A line of small print under the panels (what is drawn, where it came from).
    public var note: String?

    public init(title: String, charts: [Chart], columns: Int, panelWidth: Double = 300, panelHeight: Double = 230,
                note: String? = nil) {
        precondition(columns >= 1, "a figure needs at least one column")
        (self.title, self.charts, self.columns, self.panelWidth, self.panelHeight, self.note)
            = (title, charts, columns, panelWidth, panelHeight, note)
    }

    /// Width and height of the whole figure, in points.
    public var size: (width: Double, height: Double) {
        let rows = (charts.count + columns - 1) / columns
        return (Double(min(columns, max(charts.count, 1))) * panelWidth + 20,
                Double(rows) * panelHeight + 44 + (note == nil ? 0 : 20))
    }

    /// The figure as an SVG document.
    public var svg: String {
        var document = SVGDocument(width: size.width, height: size.height)
        draw(into: &document)
        return document.text
    }

    /// Draws the title and the panels into `document` (whose size is ``size``).
    public func draw(into document: inout SVGDocument) {
        document.text(title, size.width / 2, 26, anchor: .middle, size: 16, bold: true)
        for (k, chart) in charts.enumerated() {
            let (row, column) = (k / columns, k % columns)
            chart.draw(into: &document, left: 10 + Double(column) * panelWidth, top: 40 + Double(row) * panelHeight,
                       width: panelWidth, height: panelHeight)
        }
        if let note {
            document.text(note, 14, size.height - 10, size: 10, fill: "#555555")
        }
    }

    /// Line colours that stay apart in print and for common colour blindness (Okabe–Ito).
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
                                 "#000000"]
    /// Pale versions of ``palette`` for filled regions.
    public static let paleColors = ["#BFDCEC", "#F4D3BF", "#BFE7DC", "#F2DDE9", "#F9E7BF", "#D5ECF9", "#FBF8CF",
                                    "#D9D9D9"]
}
