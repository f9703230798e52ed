/// The decision regions of a two-input classifier over the input plane, computed
/// with the reference forward pass (``ModelFile/predict(_:)``), with a data
/// set's rows drawn on top in their true classes' colours.
public struct BoundaryPlot: Sendable {
    public let model: ModelFile
    /// Raw (unscaled) rows to draw; nil draws the regions alone.
    public let data: Dataset?
    /// Cells per side of the grid the model is evaluated on.
    public var resolution = 120

    /// Refuses models that do not take two inputs or do not classify.
    public init(model: ModelFile, data: Dataset?) throws(PlotError) {
        guard model.inputs == 2 else {
            throw PlotError("a decision boundary needs a model with 2 inputs; \(model.name) takes \(model.inputs)")
        }
        guard model.task != "regression" else {
            throw PlotError("a decision boundary needs a classifier; \(model.name) is a regression model")
        }
        if let data, data.featureCount != 2 {
            throw PlotError("\(data.name) has \(data.featureCount) features; the model takes 2")
        }
        (self.model, self.data) = (model, data)
    }

    /// The plane shown: the data's extent with a margin; without data, three
    /// standard deviations around the model's input mean, or [-0.5, 1.5]².
    public var extents: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        func padded(_ low: Double, _ high: Double) -> ClosedRange<Double> {
            let margin = max((high - low) * 0.12, 0.25)
            return (low - margin)...(high + margin)
        }
        if let data, data.count > 0 {
            let xs = (0..<data.count).map { Double(data.features[$0 * 2]) }
            let ys = (0..<data.count).map { Double(data.features[$0 * 2 + 1]) }
            return (padded(xs.min()!, xs.max()!), padded(ys.min()!, ys.max()!))
        }
        if let scaling = model.inputScaling {
            let range = { (i: Int) in
                Double(scaling.mean[i] - 3 * scaling.std[i])...Double(scaling.mean[i] + 3 * scaling.std[i])
            }
            return (range(0), range(1))
        }
        return (-0.5...1.5, -0.5...1.5)
    }

    /// The class predicted at the centre of each grid cell, row by row from the bottom.
    public func regions() throws(ModelFileError) -> [[Int]] {
        let (xr, yr) = extents
        let (dx, dy) = ((xr.upperBound - xr.lowerBound) / Double(resolution),
                        (yr.upperBound - yr.lowerBound) / Double(resolution))
        var grid: [[Int]] = []
        for row in 0..<resolution {
            let y = yr.lowerBound + (Double(row) + 0.5) * dy
            var classes: [Int] = []
            for column in 0..<resolution {
                let x = xr.lowerBound + (Double(column) + 0.5) * dx
                classes.append(predictedClass(try model.predict([Float(x), Float(y)])))
            }
            grid.append(classes)
        }
        return grid
    }

    /// The chart: regions as pale cells (runs of one class merged), data on top.
    public func chart(title: String) throws(ModelFileError) -> Chart {
        let (xr, yr) = extents
        let grid = try regions()
        let (dx, dy) = ((xr.upperBound - xr.lowerBound) / Double(resolution),
                        (yr.upperBound - yr.lowerBound) / Double(resolution))
        var chart = Chart(title: title, xLabel: data?.featureNames[0] ?? "x₁", yLabel: data?.featureNames[1] ?? "x₂")
        chart.xRange = xr
        chart.yRange = yr
        chart.zeroLines = false
        for (row, classes) in grid.enumerated() {
            var start = 0
            for column in 1...classes.count where column == classes.count || classes[column] != classes[start] {
                chart.cells.append(Chart.Cell(x0: xr.lowerBound + Double(start) * dx, y0: yr.lowerBound + Double(row) * dy,
                                              x1: xr.lowerBound + Double(column) * dx,
                                              y1: yr.lowerBound + Double(row + 1) * dy,
                                              color: Figure.paleColors[classes[start] % Figure.paleColors.count]))
                start = column
            }
        }
        if let data, case .classes(let labels, let names) = data.targets {
            // Class by class, so the legend lists the classes in order.
            for row in (0..<data.count).sorted(by: { (labels[$0], $0) < (labels[$1], $1) }) {
                let label = labels[row]
                let outputClass = model.labels?.firstIndex(of: names[label]) ?? label
                chart.dots.append(Chart.Dot(x: Double(data.features[row * 2]), y: Double(data.features[row * 2 + 1]),
                                            color: Figure.palette[outputClass % Figure.palette.count],
                                            name: "class \(names[label])"))
            }
        }
        return chart
    }

    /// The figure: one panel, and a note saying what is drawn.
    public func figure() throws(ModelFileError) -> Figure {
        let source = data.map { "dots: \($0.name), \($0.count) rows, true class" } ?? "no data set recorded"
        return Figure(title: "Decision regions of \(model.name)",
                      charts: [try chart(title: "the class predicted at each point")], columns: 1,
                      panelWidth: 560, panelHeight: 520,
                      note: "Regions: Swift reference forward pass, \(resolution)×\(resolution) grid; \(source).")
    }
}
