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

extension ActivationSpec {
    /// An activation of `kind` with non-default parameters (PReLU: one α per
    /// unit of a `width`-wide layer), so tests built on `ActivationKind.allCases`
    /// cover a new activation the day it is added.
    static func example(_ kind: ActivationKind, width: Int = 1) -> ActivationSpec {
        switch kind {
        case .leakyReLU: return .leakyReLU(alpha: 0.05)
        case .elu: return .elu(alpha: 0.8)
        case .prelu: return .prelu(alphas: (0..<width).map { 0.2 + 0.1 * Float($0) })
        case .swish: return .swish(beta: 1.5)
        case .step, .identity, .sigmoid, .tanh, .relu, .selu, .softmax: return ActivationSpec(kind)
        }
    }
}
