import ArgumentParser
import Foundation
import Soma
import SomaRuntime

/// Which implementation computes a model's outputs.
enum Engine: String, ExpressibleByArgument, CaseIterable {
    case c, swift

    /// Loads `path` for this engine and returns its forward pass.
    func load(_ path: String) throws -> (inputs: Int, run: ([Float]) throws -> [Float]) {
        switch self {
        case .c:
            let model = try RuntimeModel(contentsOf: path)
            return (model.inputCount, model.predict)
        case .swift:
            let model = try ModelFile(contentsOf: URL(fileURLWithPath: path))
            return (model.inputs, model.predict)
        }
    }
}
