import Foundation
import Testing
@testable import SomaExportC

@Suite("Hexadecimal float literals")
struct HexFloatTests {
    static let known: [(Float, String)] = [
        (0.75, "0x1.8p-1f"), (1, "0x1p+0f"), (-2.5, "-0x1.4p+1f"), (0.1, "0x1.99999ap-4f"),
        (0, "0x0p+0f"), (-0.0, "-0x0p+0f"), (.greatestFiniteMagnitude, "0x1.fffffep+127f"),
        (.leastNormalMagnitude, "0x1p-126f"), (.leastNonzeroMagnitude, "0x0.000002p-126f"),
        (-Float(bitPattern: 0x0040_0000), "-0x0.8p-126f"),
    ]

    @Test("known values", arguments: known)
    func knownValue(_ value: Float, _ literal: String) {
        #expect(HexFloat.literal(value) == literal)
    }

    @Test("strtof reads every literal back to the same bits (100,000 seeded bit patterns)")
    func roundTrip() {
        var state: UInt64 = 42
        for _ in 0..<100_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: state >> 32))
            guard value.isFinite else { continue }
            let literal = HexFloat.literal(value)
            let back = String(literal.dropLast()).withCString { strtof($0, nil) }
            #expect(back.bitPattern == value.bitPattern, "\(literal) read back as \(back), not \(value)")
        }
    }
}
