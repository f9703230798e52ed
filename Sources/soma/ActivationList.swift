import ArgumentParser
import Soma

/// `--activation`: one hidden activation for every layer, or one per layer,
/// comma-separated (`relu` or `tanh,relu`). Unknown names and empty items are refused.
struct ActivationList: ExpressibleByArgument, Equatable {
    let kinds: [ActivationKind]

    init?(argument: String) {
        var kinds: [ActivationKind] = []
        for item in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let kind = ActivationKind(rawValue: item.trimmingCharacters(in: .whitespaces)) else { return nil }
            kinds.append(kind)
        }
        self.kinds = kinds
    }

    static var allValueStrings: [String] { ActivationKind.allCases.map(\.rawValue) }
}
