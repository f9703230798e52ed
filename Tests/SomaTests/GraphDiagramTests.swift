import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Soma

/// The `graph` lesson's SVG: well-formed XML with the values above and the
/// gradients below each edge, the same bytes every time, written atomically,
/// and (where `rsvg-convert` and `python3` are installed) a picture with ink on it.
@Suite("Graph diagram")
struct GraphDiagramTests {
    /// Collects element names and the text of `<text>` elements.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String: Int] = [:]
        var texts: [(text: String, fill: String?)] = []
        private var current: (text: String, fill: String?)?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements[name, default: 0] += 1
            if name == "text" { current = ("", attributes["fill"]) }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current?.text += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text", let c = current { texts.append(c); current = nil }
        }
    }

    @Test("parses as XML, with each edge's value above and gradient (red) below")
    func wellFormed() throws {
        let svg = GraphLesson().diagram.svg
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "XML error: \(String(describing: parser.parserError))")
        #expect(collector.elements["svg"] == 1)
        #expect(collector.elements["circle"] == 6, "2 nodes + 4 nodes")
        #expect(collector.elements["line"] == 14, "5 edges + 9 edges")
        let values = collector.texts.filter { $0.fill == nil }.map(\.text)
        let gradients = collector.texts.filter { $0.fill == "#c00000" }.map(\.text)
        #expect(gradients.count == 14)
        for v in ["100", "2", "200", "1.1", "220", "150", "3", "450", "650", "715"] { #expect(values.contains(v), "\(v)") }
        #expect(gradients.sorted() == ["1", "1", "1.1", "1.1", "1.1", "1.1", "110", "110", "165", "2.2", "2.2", "200",
                                       "3.3", "650"])
    }

    @Test("the same bytes every time, and written atomically")
    func deterministic() throws {
        let svg = GraphLesson().diagram.svg
        #expect(GraphLesson().diagram.svg == svg)
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("graph.svg")
        try AtomicFile.write(Data(svg.utf8), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == svg)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["graph.svg"], "no temporary left")
    }

    @Test("renders to a PNG that is not blank", .enabled(if: SVGRendering.available,
                                                         "needs rsvg-convert (librsvg2-bin) and python3"))
    func renders() throws {
        // Pixels that are not white, of all pixels.
        let (ink, total) = try SVGRendering.ink(of: GraphLesson().diagram.svg)
        #expect(ink > 2000, "only \(ink) dark pixels")
        #expect(ink < total / 4, "mostly ink: \(ink) of \(total)")
    }
}
