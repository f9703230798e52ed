import ArgumentParser
import Soma

/// `--activation`: one hidden activation for every layer, or one per layer,
/// comma-separated (`relu` or `tanh,relu`); or `maxout` alone, which makes every
/// hidden layer a maxout layer. Unknown names and empty items are refused.
struct ActivationList: ExpressibleByArgument, Equatable {
    /// The name that asks for maxout hidden layers (a layer kind, not an activation).
    static let maxoutName = "maxout"

    let kinds: [ActivationKind]
    /// True for `--activation maxout`.
    let isMaxout: Bool

    init?(argument: String) {
        if argument.trimmingCharacters(in: .whitespaces) == Self.maxoutName {
            kinds = [.identity]
            isMaxout = true
            return
        }
        isMaxout = false
        var kinds: [ActivationKind] = []
        for item in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let kind = ActivationKind(rawValue: item.trimmingCharacters(in: .whitespaces)) else { return nil }
            kinds.append(kind)
        }
        self.kinds = kinds
    }

    static var allValueStrings: [String] { ActivationKind.allCases.map(\.rawValue) + [maxoutName] }
}
