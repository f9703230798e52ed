// soma-check-math: Soma's Swift exp, expm1 and tanh (CorrectlyRounded) against
// the C runtime's (soma_math.c), bit for bit, on every binary32 input or on a
// sample, and the time the Swift function alone takes over them. `make check-math` runs it after Tests/math/check_math.c has proven the
// C functions against MPFR; equal bits make the Swift functions proven too.
//
//   soma-check-math                all 2^32 inputs per function
//   soma-check-math --sample N     N seeded random inputs, every subnormal and
//                                  the special inputs
import CSomaMath
import Foundation
import Soma

/// The sample size from `--sample N`, or 0 for every input.
func parseSample() -> UInt64 {
    let arguments = CommandLine.arguments.dropFirst()
    guard let flag = arguments.first else { return 0 }
    guard flag == "--sample", arguments.count == 2, let n = UInt64(arguments.last!), n > 0 else {
        FileHandle.standardError.write("usage: soma-check-math [--sample N]\n".data(using: .utf8)!)
        exit(2)
    }
    return n
}

let sample = parseSample()

let functions: [(name: String, swift: (Float) -> Float, c: (Float) -> Float)] = [
    ("exp", CorrectlyRounded.exp, { soma_expf($0) }),
    ("expm1", CorrectlyRounded.expm1, { soma_expm1f($0) }),
    ("tanh", CorrectlyRounded.tanh, { soma_tanhf($0) }),
]

/// Floats near each threshold where a function's rounding or code path changes.
let thresholds: [Float] = [
    88.72283935546875, -87.33654022216797, -103.27892303466797, -103.97207641601562,
    89, -104, -18, -17.328679, -16.635532, 9.010913, 9.5, 0.010830425, -0.010830425,
    0.0054152127, -0.0054152127, 0x1p-24, -0x1p-24, 0x1p-25, -0x1p-25, 0x1p-12, -0x1p-12,
    0x1p-11, 0x1p-13, 1, -1, 0.5, 0.34657359,
]
let fixed: [UInt32] = [
    0x0000_0000, 0x8000_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000,
    0x7F80_0001, 0xFFBF_FFFF, 0x0000_0001, 0x8000_0001, 0x007F_FFFF, 0x807F_FFFF,
    0x0080_0000, 0x8080_0000, 0x7F7F_FFFF, 0xFF7F_FFFF,
]

/// Calls `body` with every input bit pattern of this run.
func forEachInput(_ body: (UInt32) -> Void) {
    if sample == 0 {
        for bits in UInt32.min...UInt32.max { body(bits) }
        return
    }
    var generator = SplitMix64(seed: 8)
    for _ in 0..<sample { body(UInt32(truncatingIfNeeded: generator.next())) }
    for bits in UInt32(1)..<0x0080_0000 {
        body(bits)
        body(bits | 0x8000_0000)
    }
    for bits in fixed { body(bits) }
    for t in thresholds {
        for d in -2000...2000 { body(t.bitPattern &+ UInt32(bitPattern: Int32(d))) }
    }
}

/// Seconds spent in `body`.
func timed(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

print("soma-check-math: \(sample == 0 ? "every binary32 input" : "sampled inputs"), Swift against C")
var failed = false
for function in functions {
    // The Swift function alone, timed (check_math times the C side).
    var swiftSum: UInt64 = 0
    let swiftTime = timed { forEachInput { swiftSum &+= UInt64(function.swift(Float(bitPattern: $0)).bitPattern) } }
    var inputs: UInt64 = 0, mismatches: UInt64 = 0
    forEachInput { bits in
        let x = Float(bitPattern: bits)
        let s = function.swift(x), c = function.c(x)
        inputs += 1
        if s.bitPattern != c.bitPattern && !(s.isNaN && c.isNaN) {
            mismatches += 1
            if mismatches <= 20 {
                print("  MISMATCH \(function.name)(\(x) = 0x\(String(bits, radix: 16))): Swift \(s), C \(c)")
            }
        }
    }
    failed = failed || mismatches > 0
    let name = function.name.padding(toLength: 6, withPad: " ", startingAt: 0)
    print("\(name) \(inputs) inputs: \(mismatches) mismatches against C; "
          + String(format: "Swift %.1f s for the function alone", swiftTime)
          + " (checksum \(String(swiftSum, radix: 16)))")
    fflush(nil)  // every stream: a full run takes minutes per function, show each as it ends
}
print("soma-check-math: \(failed ? "FAILED" : "0 mismatches")")
exit(failed ? 1 : 0)
