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

    static let renderer = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("renders to a PNG that is not blank", .enabled(if: renderer != nil && python != nil,
                                                         "needs rsvg-convert (librsvg2-bin) and python3"))
    func renders() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("graph.svg"), png = dir.appendingPathComponent("graph.png")
        try AtomicFile.write(Data(GraphLesson().diagram.svg.utf8), to: svg)
        #expect(try run(Self.renderer!, [svg.path, "-o", png.path]).status == 0)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lessons/png_ink.py")
        let (status, output) = try run(Self.python!, [script.path, png.path])
        #expect(status == 0, "\(output)")
        // "ink total": pixels that are not white, of all pixels.
        let numbers = output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(numbers.count == 2)
        if numbers.count == 2 {
            #expect(numbers[0] > 2000, "only \(numbers[0]) dark pixels")
            #expect(numbers[0] < numbers[1] / 4, "mostly ink: \(numbers[0]) of \(numbers[1])")
        }
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
