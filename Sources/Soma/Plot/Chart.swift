import Foundation

/// One panel of a figure: axes with ticks and labels, a title, and marks in data
/// coordinates — lines, bars (histograms), filled cells (decision regions) and
/// dots (data points) — with a legend for named lines and dots.
public struct Chart: Sendable {
    /// A line through points in data coordinates; a non-finite y breaks it.
    public struct Line: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var color: String
        public var dashed: Bool
        public init(_ name: String, _ points: [(x: Double, y: Double)], color: String, dashed: Bool = false) {
            (self.name, self.points, self.color, self.dashed) = (name, points, color, dashed)
        }
    }

    /// A filled rectangle in data coordinates (a histogram bar, a region cell).
    public struct Cell: Sendable {
        public var x0, y0, x1, y1: Double
        public var color: String
        public init(x0: Double, y0: Double, x1: Double, y1: Double, color: String) {
            (self.x0, self.y0, self.x1, self.y1, self.color) = (x0, y0, x1, y1, color)
        }
    }

    /// A data point; points sharing a name share a legend entry.
    public struct Dot: Sendable {
        public var x, y: Double
        public var color: String
        public var name: String
        public init(x: Double, y: Double, color: String, name: String) {
            (self.x, self.y, self.color, self.name) = (x, y, color, name)
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var lines: [Line] = []
    public var cells: [Cell] = []
    public var dots: [Dot] = []
    /// The axes' extents; nil fits the marks (with a margin, and rounded to ticks).
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// Draws the y = 0 and x = 0 lines when they fall inside the axes.
    public var zeroLines = true
    /// Puts the legend bottom right instead of top right (for curves that rise, like accuracy).
    public var legendAtBottom = false
    /// A base-10 logarithmic y axis (for values spanning orders of magnitude): ticks at
    /// powers of ten, labelled 10ⁿ; values that are not positive break lines.
    public var logScaleY = false

    public init(title: String, xLabel: String, yLabel: String) {
        (self.title, self.xLabel, self.yLabel) = (title, xLabel, yLabel)
    }

    /// The extents the axes will show.
    public var extents: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        var xs: [Double] = [], ys: [Double] = []
        for line in lines {
            for p in line.points where p.x.isFinite && p.y.isFinite { xs.append(p.x); ys.append(p.y) }
        }
        for c in cells { xs += [c.x0, c.x1]; ys += [c.y0, c.y1] }
        for d in dots { xs.append(d.x); ys.append(d.y) }
        let fittedY = logScaleY ? Self.fittedDecades(ys.filter { $0 > 0 }) : Self.fitted(ys, pad: true)
        return (xRange ?? Self.fitted(xs, pad: false), yRange ?? fittedY)
    }

    /// Whole decades covering the positive `values` (at least two), for a log axis.
    static func fittedDecades(_ values: [Double]) -> ClosedRange<Double> {
        guard let low = values.min(), let high = values.max() else { return 0.1...10 }
        var (first, last) = (log10(low).rounded(.down), log10(high).rounded(.up))
        if last - first < 1 { (first, last) = (first - 1, last + 1) }
        return pow(10, first)...pow(10, last)
    }

    /// The smallest range covering `values` (a little wider when `pad`), never empty.
    static func fitted(_ values: [Double], pad: Bool) -> ClosedRange<Double> {
        guard var low = values.min(), var high = values.max() else { return 0...1 }
        if high - low < 1e-9 { (low, high) = (low - 0.5, high + 0.5) }
        if pad { let m = (high - low) * 0.05; (low, high) = (low - m, high + m) }
        return low...high
    }

    /// Draws the panel into the rectangle at (left, top), `width` × `height` points.
    public func draw(into svg: inout SVGDocument, left: Double, top: Double, width: Double, height: Double) {
        let (xr, yr) = extents
        // The plot area inside the panel: room for the title, tick labels and axis labels.
        let area = (x: left + 52, y: top + 24, w: width - 64, h: height - 62)
        func px(_ x: Double) -> Double { area.x + (x - xr.lowerBound) / (xr.upperBound - xr.lowerBound) * area.w }
        // On a log axis y is placed by its logarithm; y ≤ 0 has no place (NaN breaks a line).
        func scaled(_ y: Double) -> Double { logScaleY ? (y > 0 ? log10(y) : .nan) : y }
        let (yLow, yHigh) = (scaled(yr.lowerBound), scaled(yr.upperBound))
        func py(_ y: Double) -> Double { area.y + area.h - (scaled(y) - yLow) / (yHigh - yLow) * area.h }
        func clampX(_ x: Double) -> Double { min(max(x, xr.lowerBound), xr.upperBound) }
        func clampY(_ y: Double) -> Double { min(max(y, yr.lowerBound), yr.upperBound) }

        svg.text(title, left + width / 2, top + 15, anchor: .middle, size: 13, bold: true)
        svg.rect(area.x, area.y, area.w, area.h, fill: "#fafafa")
        // Crisp edges: adjacent cells meet without anti-aliased seams.
        if !cells.isEmpty { svg.append("<g shape-rendering=\"crispEdges\">") }
        for c in cells {
            let (x0, x1) = (px(clampX(c.x0)), px(clampX(c.x1)))
            let (y0, y1) = (py(clampY(c.y1)), py(clampY(c.y0)))
            if x1 > x0 && y1 > y0 { svg.rect(x0, y0, x1 - x0, y1 - y0, fill: c.color) }
        }
        if !cells.isEmpty { svg.append("</g>") }
        let xTicks = Self.ticks(xr), yTicks = logScaleY ? Self.decadeTicks(yr) : Self.ticks(yr)
        for t in xTicks { svg.line(px(t), area.y, px(t), area.y + area.h, stroke: "#e4e4e4", width: 0.6) }
        for t in yTicks { svg.line(area.x, py(t), area.x + area.w, py(t), stroke: "#e4e4e4", width: 0.6) }
        if zeroLines && !logScaleY {
            if yr.contains(0) { svg.line(area.x, py(0), area.x + area.w, py(0), stroke: "#9a9a9a", width: 0.8) }
            if xr.contains(0) { svg.line(px(0), area.y, px(0), area.y + area.h, stroke: "#9a9a9a", width: 0.8) }
        }
        for line in lines {
            let points = line.points.map { p -> (x: Double, y: Double) in
                guard p.x.isFinite && p.y.isFinite else { return (.nan, .nan) }
                return (px(clampX(p.x)), py(clampY(p.y)))  // NaN for y ≤ 0 on a log axis
            }
            svg.polyline(points, stroke: line.color, width: 1.8, dashed: line.dashed)
        }
        for d in dots where xr.contains(d.x) && yr.contains(d.y) {
            svg.circle(px(d.x), py(d.y), radius: 3, fill: d.color, stroke: "white", strokeWidth: 0.7)
        }
        svg.rect(area.x, area.y, area.w, area.h, fill: "none", stroke: "#444444")
        let decimalsX = Self.decimals(xTicks), decimalsY = Self.decimals(yTicks)
        for t in xTicks {
            svg.line(px(t), area.y + area.h, px(t), area.y + area.h + 4, stroke: "#444444")
            svg.text(Self.label(t, decimalsX), px(t), area.y + area.h + 16, anchor: .middle, size: 10)
        }
        for t in yTicks {
            svg.line(area.x - 4, py(t), area.x, py(t), stroke: "#444444")
            svg.text(logScaleY ? Self.powerOfTen(t) : Self.label(t, decimalsY), area.x - 6, py(t) + 3.5, anchor: .end,
                     size: 10)
        }
        svg.text(xLabel, area.x + area.w / 2, area.y + area.h + 31, anchor: .middle, size: 11)
        svg.text(yLabel, left + 13, area.y + area.h / 2, anchor: .middle, size: 11, rotated: true)
        drawLegend(into: &svg, right: area.x + area.w - 6, top: area.y + 6, bottom: area.y + area.h - 6)
    }

    /// Named lines and named dot groups, in order of appearance, top (or bottom) right.
    private func drawLegend(into svg: inout SVGDocument, right: Double, top areaTop: Double, bottom: Double) {
        var entries: [(name: String, color: String, dashed: Bool, dot: Bool)] = []
        for line in lines where !line.name.isEmpty && !entries.contains(where: { $0.name == line.name }) {
            entries.append((line.name, line.color, line.dashed, false))
        }
        for d in dots where !d.name.isEmpty && !entries.contains(where: { $0.name == d.name }) {
            entries.append((d.name, d.color, false, true))
        }
        guard !entries.isEmpty else { return }
        let width = Double(entries.map(\.name.count).max()!) * 6 + 34
        let left = right - width
        let top = legendAtBottom ? bottom - Double(entries.count) * 15 - 6 : areaTop
        svg.rect(left, top, width, Double(entries.count) * 15 + 6, fill: "white", stroke: "#bbbbbb", opacity: 0.9)
        for (k, e) in entries.enumerated() {
            let y = top + 12 + Double(k) * 15
            if e.dot {
                svg.circle(left + 14, y - 3.5, radius: 3.5, fill: e.color, stroke: "white")
            } else {
                svg.line(left + 5, y - 3.5, left + 23, y - 3.5, stroke: e.color, width: 2, dashed: e.dashed)
            }
            svg.text(e.name, left + 28, y, size: 10)
        }
    }

    /// Round tick values inside `range`: steps of 1, 2 or 5 times a power of ten, about five of them.
    static func ticks(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return [range.lowerBound] }
        let raw = span / 5
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        var ticks: [Double] = []
        var k = (range.lowerBound / step).rounded(.up)
        while k * step <= range.upperBound + step * 1e-9 {
            ticks.append(k * step)
            k += 1
        }
        return ticks
    }

    /// Powers of ten inside a positive `range`: every decade up to eight of them,
    /// beyond that every 2nd, 5th, 10th… (about five ticks).
    static func decadeTicks(_ range: ClosedRange<Double>) -> [Double] {
        guard range.lowerBound > 0 else { return [] }
        let (low, high) = (log10(range.lowerBound), log10(range.upperBound))
        let (first, last) = (low.rounded(.up), high.rounded(.down))
        guard first <= last else { return [] }
        let exponents = last - first <= 8 ? Array(stride(from: first, through: last, by: 1))
            : ticks(low...high).filter { abs($0 - $0.rounded()) < 1e-9 }.map { $0.rounded() }
        return exponents.map { pow(10, $0) }
    }

    /// `10ⁿ` with the exponent in superscript digits.
    static func powerOfTen(_ value: Double) -> String {
        let superscripts: [Character: Character] = ["-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴",
                                                     "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
        return "10" + String(String(Int(log10(value).rounded())).map { superscripts[$0] ?? $0 })
    }

    /// Enough decimals to tell the ticks apart.
    static func decimals(_ ticks: [Double]) -> Int {
        guard ticks.count > 1 else { return 2 }
        let step = ticks[1] - ticks[0]
        return max(0, min(6, Int(-floor(log10(step) + 1e-9))))
    }

    static func label(_ value: Double, _ decimals: Int) -> String {
        SVGDocument.number(value, decimals: decimals)
    }
}
