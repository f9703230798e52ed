import Foundation
import Soma
import Testing
@testable import SomaExportC

@Suite("The runtime's parameter layout")
struct RuntimeLayoutTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/good")

    @Test("dense weights go input-major, each layer after the last, as soma.h says")
    func dense() throws {
        let model = try ModelFile(contentsOf: Self.fixtures.appendingPathComponent("layout_3_2_4.json"))
        let layout = RuntimeLayout(model)
        // layers[0]: 3 -> 2, rows [1 2 3] [4 5 6], bias [0.5 -0.5].
        #expect(Array(layout.params[0..<8]) == [1, 4, 2, 5, 3, 6, 0.5, -0.5])
        #expect(layout.layers[0].weights == 0 && layout.layers[0].bias == 6)
        #expect(layout.layers[1].weights == 8 && layout.layers[1].bias == 8 + 2 * 4)
        #expect(layout.params.count == 8 + 2 * 4 + 4)
        #expect(layout.widest == 4 && !layout.hasScaling)
    }

    @Test("batch norm keeps mean, gamma / sqrt(variance + epsilon), beta; scaling comes first")
    func batchNorm() throws {
        let model = try ModelFile(contentsOf: Self.fixtures.appendingPathComponent("scaled_batchnorm.json"))
        let layout = RuntimeLayout(model)
        #expect(layout.hasScaling && layout.scaleMean == 0 && layout.scaleStd == model.inputs)
        let index = try #require(model.layers.firstIndex { if case .batchNorm = $0 { true } else { false } })
        guard case .batchNorm(let b) = model.layers[index] else { return }
        let desc = layout.layers[index]
        #expect(desc.kind == "SOMA_LAYER_BATCHNORM")
        #expect(Array(layout.params[desc.weights..<desc.weights + b.size]) == b.mean)
        for k in 0..<b.size {
            let scale = layout.params[desc.weights + b.size + k]
            #expect(scale.bitPattern == (b.gamma[k] / (b.variance[k] + b.epsilon).squareRoot()).bitPattern)
        }
        #expect(Array(layout.params[desc.bias..<desc.bias + b.size]) == b.beta)
    }
}
