import Foundation
import Testing
@testable import Soma

@Suite("Reading numbers from CSV fields")
struct DecimalFloatTests {
    private func parse(_ text: String) -> Float? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalFloat.parse($0) }
    }

    @Test("the same Float as Float(String), bit for bit, or nil where it gives nil", arguments: [
        "0", "-0", "+0", "1", "16", "-7", "+5", "0.1", "-0.5", "3.1416", "5.1", "0.0063542495", "16777216",
        "16777217", "16777215.5", "0.1234567891", "0.12345678912", "1.5e3", "1e-45", "3.4028236e38", "1e39",
        "0x1p-3", "inf", "-inf", "nan", "infinity", "1.", ".5", "-.5", "", "-", "+", ".", "1..2", "1.2.3",
        "12a", "a12", "1 2", "١", "00000000000000000000001", "1.0000000000000000000001", "999999999999999999999",
        "0.000000000000000000000000000000000000000000001", "8388608.5", "8388609.5", "2.5000000",
    ])
    func sameAsFloatString(_ text: String) {
        let expected = Float(text)
        let got = parse(text)
        #expect(got?.bitPattern == expected?.bitPattern, "'\(text)': \(String(describing: got)) vs \(String(describing: expected))")
    }

    @Test("every short decimal: the fast path agrees with Float(String)")
    func shortDecimals() {
        var g = SplitMix64(seed: 13)
        for _ in 0..<20000 {
            let whole = Int(g.next() % 20_000_000)
            let places = Int(g.next() % 12)
            let fraction = String(g.next() % 10_000_000_000_000).prefix(places)
            let sign = g.next() % 3 == 0 ? "-" : ""
            let text = places == 0 || fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
            #expect(parse(text)?.bitPattern == Float(text)?.bitPattern, "'\(text)'")
        }
    }

    @Test("the shipped data sets read exactly as Float(String) reads their fields",
          arguments: [BuiltinDataset.iris, .digits, .diabetes])
    func shippedFiles(_ dataset: BuiltinDataset) throws {
        let data = try dataset.load()
        let url = try BuiltinDataset.dataFile("\(dataset.rawValue).csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var expected: [Float] = []
        for line in text.split(separator: "\n").dropFirst() {
            expected += line.split(separator: ",", omittingEmptySubsequences: false).dropLast().map { Float(String($0))! }
        }
        #expect(data.features.map(\.bitPattern) == expected.map(\.bitPattern))
    }
}
