import Foundation
import Testing
@testable import Soma

/// Fails with the caller's location unless `a` and `b` hold the same bits, element by element.
func expectSameBits(_ a: [Float], _ b: [Float], _ comment: Comment? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, comment, sourceLocation: sourceLocation)
    for (k, (x, y)) in zip(a, b).enumerated() where x.bitPattern != y.bitPattern {
        Issue.record("element \(k): \(x) (0x\(String(x.bitPattern, radix: 16))) vs \(y) (0x\(String(y.bitPattern, radix: 16))) \(comment.map { "— \($0)" } ?? "")",
                     sourceLocation: sourceLocation)
        return
    }
}

/// A fresh empty directory under the system's temporary directory.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("soma-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Outputs of `model` for the four truth-table rows (one output each).
func truthTable(of model: ModelFile, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Float] {
    try Gate.truthTableInputs.map { try model.predict($0)[0] }
}
