import Foundation

/// A computational graph drawn as the slides draw it: nodes as circles with
/// their operation, edges as arrows with the forward value above and the
/// gradient below (in red). ``svg`` gives the same bytes for the same diagram.
public struct GraphDiagram: Sendable {
    /// A circle with its operation (`×`, `+`) at its centre.
    public var nodes: [(symbol: String, x: Double, y: Double)] = []
    /// Free text: titles (bold, starting at x) and input names (ending at x).
    public var texts: [(text: String, x: Double, y: Double, bold: Bool)] = []
    /// Arrows; an end at a node stops at its circle. The labels sit at
    /// `labelAt` of the way along (½ between nodes, nearer the start for inputs,
    /// whose arrows converge).
    public var edges: [(from: (x: Double, y: Double), to: (x: Double, y: Double), fromNode: Bool, toNode: Bool,
                        labelAt: Double, forward: String, backward: String)] = []
    public var width: Double
    public var height: Double

    /// Radius of a node's circle.
    public static let radius = 18.0

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The diagram as an SVG document.
    public var svg: String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" \
            viewBox="0 0 \(f(width)) \(f(height))" font-family="sans-serif" font-size="14">
            <defs><marker id="arrow" markerWidth="10" markerHeight="8" refX="9" refY="4" orient="auto">\
            <path d="M0,0 L10,4 L0,8 z" fill="black"/></marker></defs>
            <rect width="100%" height="100%" fill="white"/>

            """
        for e in edges {
            let (dx, dy) = (e.to.x - e.from.x, e.to.y - e.from.y)
            let length = (dx * dx + dy * dy).squareRoot()
            let (ux, uy) = (dx / length, dy / length)
            let start = e.fromNode ? Self.radius : 0, end = e.toNode ? Self.radius + 2 : 0
            let (x1, y1) = (e.from.x + ux * start, e.from.y + uy * start)
            let (x2, y2) = (e.to.x - ux * end, e.to.y - uy * end)
            let (mx, my) = (x1 + (x2 - x1) * e.labelAt, y1 + (y2 - y1) * e.labelAt)
            out += "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"black\" "
                + "stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n"
            out += "<text x=\"\(f(mx))\" y=\"\(f(my - 7))\" text-anchor=\"middle\">\(escaped(e.forward))</text>\n"
            out += "<text x=\"\(f(mx))\" y=\"\(f(my + 19))\" text-anchor=\"middle\" fill=\"#c00000\">"
                + "\(escaped(e.backward))</text>\n"
        }
        for n in nodes {
            out += "<circle cx=\"\(f(n.x))\" cy=\"\(f(n.y))\" r=\"\(f(Self.radius))\" fill=\"white\" stroke=\"black\" "
                + "stroke-width=\"1.5\"/>\n"
            out += "<text x=\"\(f(n.x))\" y=\"\(f(n.y + 6))\" text-anchor=\"middle\" font-size=\"18\">"
                + "\(escaped(n.symbol))</text>\n"
        }
        for t in texts {
            out += "<text x=\"\(f(t.x))\" y=\"\(f(t.y))\"\(t.bold ? " font-weight=\"bold\"" : " text-anchor=\"end\"")>"
                + "\(escaped(t.text))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// A coordinate with one decimal: fixed bytes for fixed input.
    private func f(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    private func escaped(_ text: String) -> String { SVGDocument.escaped(text) }
}
