import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Checks an SVG the way a reader sees it: it parses as XML, and (where
/// `rsvg-convert` and `python3` are installed) renders to a PNG of the stated
/// size with ink on it (counted by Tests/lessons/png_ink.py).
enum SVGRendering {
    static let renderer = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var available: Bool { renderer != nil && python != nil }

    /// Element names and how often each occurs; nil if the text is not well-formed XML.
    static func elements(of svg: String) -> [String: Int]? {
        final class Counter: NSObject, XMLParserDelegate {
            var counts: [String: Int] = [:]
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                counts[name, default: 0] += 1
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = Counter()
        parser.delegate = counter
        return parser.parse() ? counter.counts : nil
    }

    /// Renders `svg` and returns (dark pixels, all pixels).
    static func ink(of svg: String) throws -> (ink: Int, total: Int) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("soma-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("plot.svg"), png = dir.appendingPathComponent("plot.png")
        try Data(svg.utf8).write(to: input)
        let render = try run(renderer!, [input.path, "-o", png.path])
        guard render.status == 0 else { throw RenderError(description: "rsvg-convert: \(render.output)") }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lessons/png_ink.py")
        let (status, output) = try run(python!, [script.path, png.path])
        let numbers = output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard status == 0, numbers.count == 2 else { throw RenderError(description: "png_ink.py: \(output)") }
        return (numbers[0], numbers[1])
    }

    struct RenderError: Error, CustomStringConvertible { let description: String }

    private static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
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
