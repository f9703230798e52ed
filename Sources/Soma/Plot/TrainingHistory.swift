import Foundation

/// A training history as the trainer writes it (`NAME.history.csv`): an `epoch`
/// column, then measures named `train_<measure>` and `validation_<measure>`
/// (loss, accuracy, mae, …). Other columns are kept but not plotted here (the
/// `weight_grad_norm_layer<i>` ones are ``GradientNormsPlot``'s); empty
/// cells (no validation split) are missing values.
public struct TrainingHistory: Sendable, Equatable {
    public var epochs: [Int]
    /// Column name → one value per epoch (nil where the cell is empty).
    public var columns: [(name: String, values: [Double?])]

    public static func == (a: TrainingHistory, b: TrainingHistory) -> Bool {
        a.epochs == b.epochs && a.columns.map(\.name) == b.columns.map(\.name)
            && zip(a.columns, b.columns).allSatisfy { $0.values == $1.values }
    }

    public init(epochs: [Int], columns: [(name: String, values: [Double?])]) {
        (self.epochs, self.columns) = (epochs, columns)
    }

    /// Parses the CSV text; errors name `source` and the line.
    public init(csv text: String, source: String) throws(PlotError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let header = lines.first, !header.isEmpty else { throw PlotError("\(source): empty file, expected a header line") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let epochColumn = names.firstIndex(of: "epoch") else {
            throw PlotError("\(source) line 1: no `epoch` column (found \(names.joined(separator: ", ")))")
        }
        if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw PlotError("\(source) line 1: column `\(duplicate)` appears twice")
        }
        var epochs: [Int] = []
        var values = [[Double?]](repeating: [], count: names.count)
        for (index, line) in lines.enumerated().dropFirst() {
            if line.isEmpty && index == lines.count - 1 { break }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == names.count else {
                throw PlotError("\(source) line \(index + 1): \(cells.count) columns, expected \(names.count)")
            }
            for (column, cell) in cells.enumerated() {
                if column == epochColumn {
                    guard let epoch = Int(cell), epoch >= 0 else {
                        throw PlotError("\(source) line \(index + 1): epoch '\(cell)' is not a whole number")
                    }
                    if let last = epochs.last, epoch <= last {
                        throw PlotError("\(source) line \(index + 1): epoch \(epoch) after epoch \(last)")
                    }
                    epochs.append(epoch)
                } else if cell.isEmpty {
                    values[column].append(nil)
                } else {
                    guard let value = Double(cell), value.isFinite else {
                        throw PlotError("\(source) line \(index + 1): \(names[column]) '\(cell)' is not a finite number")
                    }
                    values[column].append(value)
                }
            }
        }
        guard !epochs.isEmpty else { throw PlotError("\(source): no epochs after the header") }
        self.epochs = epochs
        self.columns = names.indices.filter { $0 != epochColumn }.map { (names[$0], values[$0]) }
    }

    /// Reads and parses a file.
    public init(contentsOf url: URL) throws(PlotError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw PlotError("\(url.path): cannot read: \(error.localizedDescription)")
        }
        try self.init(csv: text, source: url.path)
    }

    /// The measures with a `train_` or `validation_` column, in order of first appearance.
    public var measures: [String] {
        var found: [String] = []
        for (name, _) in columns {
            for prefix in ["train_", "validation_"] where name.hasPrefix(prefix) {
                let measure = String(name.dropFirst(prefix.count))
                if !found.contains(measure) { found.append(measure) }
            }
        }
        return found
    }

    public func column(_ name: String) -> [Double?]? { columns.first { $0.name == name }?.values }

    /// One panel per measure, training solid and validation dashed.
    public func figure(title: String) throws(PlotError) -> Figure {
        let measures = self.measures
        guard !measures.isEmpty else {
            throw PlotError("no train_… or validation_… columns to plot (found \(columns.map(\.name).joined(separator: ", ")))")
        }
        let charts = measures.map { measure in
            var chart = Chart(title: Self.title(of: measure), xLabel: "epoch", yLabel: measure)
            for (k, split) in ["train", "validation"].enumerated() {
                guard let values = column("\(split)_\(measure)"), values.contains(where: { $0 != nil }) else { continue }
                chart.lines.append(Chart.Line(split == "train" ? "training" : "validation",
                                              zip(epochs, values).map { (Double($0), $1 ?? .nan) },
                                              color: Figure.palette[k], dashed: k == 1))
            }
            chart.xRange = Double(epochs.first!)...Double(max(epochs.last!, epochs.first! + 1))
            if measure == "accuracy" { chart.yRange = 0...1.02; chart.legendAtBottom = true }
            return chart
        }
        return Figure(title: title, charts: charts, columns: min(charts.count, 2), panelWidth: 380, panelHeight: 280)
    }

    private static func title(of measure: String) -> String {
        switch measure {
        case "loss": "Loss per epoch"
        case "accuracy": "Accuracy per epoch"
        case "mae": "Mean absolute error per epoch"
        default: "\(measure) per epoch"
        }
    }
}
