import Foundation

/// An SVG document built element by element. Coordinates are printed with one
/// decimal and text is escaped, so the same drawing gives the same bytes.
/// ``GraphDiagram`` and every plot write through it.
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    private var body = ""

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The whole document: header, a white background, the elements, the closing tag.
    public var text: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.number(width))" height="\(Self.number(height))" \
        viewBox="0 0 \(Self.number(width)) \(Self.number(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>

        """ + body + "</svg>\n"
    }

    /// The elements alone, for embedding in another document.
    public var elements: String { body }

    /// Appends raw markup (already escaped).
    public mutating func append(_ markup: String) {
        body += markup
        if !markup.hasSuffix("\n") { body += "\n" }
    }

    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "black",
                              width: Double = 1, dashed: Bool = false) {
        append("<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" "
               + "y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\""
               + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>")
    }

    public mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, fill: String,
                              stroke: String? = nil, opacity: Double? = nil) {
        append("<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" "
               + "height=\"\(Self.number(height))\" fill=\"\(fill)\""
               + (stroke.map { " stroke=\"\($0)\"" } ?? "")
               + (opacity.map { " fill-opacity=\"\(Self.number($0, decimals: 2))\"" } ?? "") + "/>")
    }

    public mutating func circle(_ x: Double, _ y: Double, radius: Double, fill: String, stroke: String = "black",
                                strokeWidth: Double = 0.5) {
        append("<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" "
               + "fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(strokeWidth))\"/>")
    }

    /// A polyline through `points`; a non-finite point breaks it into pieces.
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1.5,
                                  dashed: Bool = false) {
        var pieces: [[(x: Double, y: Double)]] = [[]]
        for p in points {
            if p.x.isFinite && p.y.isFinite { pieces[pieces.count - 1].append(p) } else if !pieces.last!.isEmpty {
                pieces.append([])
            }
        }
        for piece in pieces where !piece.isEmpty {
            let coordinates = piece.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
            append("<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(stroke)\" "
                   + "stroke-width=\"\(Self.number(width))\" stroke-linejoin=\"round\""
                   + (dashed ? " stroke-dasharray=\"5 3\"" : "") + "/>")
        }
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    /// Text at (x, y) (the baseline); `rotated` turns it a quarter anticlockwise about that point.
    public mutating func text(_ string: String, _ x: Double, _ y: Double, anchor: Anchor = .start,
                              size: Double? = nil, bold: Bool = false, fill: String? = nil, rotated: Bool = false) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if let size { attributes += " font-size=\"\(Self.number(size))\"" }
        if bold { attributes += " font-weight=\"bold\"" }
        if let fill { attributes += " fill=\"\(fill)\"" }
        if rotated { attributes += " transform=\"rotate(-90 \(Self.number(x)) \(Self.number(y)))\"" }
        append("<text \(attributes)>\(Self.escaped(string))</text>")
    }

    /// A number with a fixed count of decimals ("-0.0" printed as "0.0"): fixed bytes for fixed input.
    public static func number(_ value: Double, decimals: Int = 1) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    /// `&`, `<`, `>` and `"` escaped for element text and attribute values.
    public static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
