// Trains XOR with Soma, exports it, loads the file with the C runtime through
// SomaRuntime and checks the truth table, as a user of the package would.
// Prints "consumer: N passed, N failed" and exits non-zero on any failure.
import Foundation
import Soma
import SomaRuntime

var passed = 0
var failed = 0

@MainActor func expect(_ condition: Bool, _ what: String) {
    if condition { passed += 1 } else { failed += 1; print("FAIL: \(what)") }
}

let trained = Network.trainXOR()  // 2-2-1, the default seed learns XOR
let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("soma-consumer-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let file = folder.appendingPathComponent("xor.json")
try trained.modelFile.write(to: file)

let runtime = try RuntimeModel(contentsOf: file.path)
expect(runtime.inputCount == 2 && runtime.outputCount == 1,
       "shape: \(runtime.inputCount) inputs, \(runtime.outputCount) outputs, expected 2 and 1")

let truthTable: [(input: [Float], expected: Float)] = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]
for row in truthTable {
    let fromC = try runtime.predict(row.input)[0]
    let fromSwift = try trained.modelFile.predict(row.input)[0]
    print("xor(\(row.input.map { Int($0) })) = \(fromC)")
    // Learned: within 0.1 of the target, not merely on the right side of 0.5.
    expect(abs(fromC - row.expected) < 0.1, "xor\(row.input): \(fromC), expected near \(row.expected)")
    expect(fromC.bitPattern == fromSwift.bitPattern,
           "xor\(row.input): C gives \(fromC), the Swift reference \(fromSwift): not the same bits")
}
print("consumer: \(passed) passed, \(failed) failed")
exit(failed == 0 ? 0 : 1)
