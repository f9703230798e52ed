import ArgumentParser

/// `--hidden`: hidden layer sizes, comma-separated (`64,32`), or `0` for none.
/// Every item must be a whole number; `4,,4` and `4,x` are refused.
struct HiddenSizes: ExpressibleByArgument, Equatable {
    let sizes: [Int]

    init?(argument: String) {
        let items = argument.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var sizes: [Int] = []
        for item in items {
            guard let size = Int(item), size >= 0 else { return nil }
            sizes.append(size)
        }
        if sizes == [0] { sizes = [] } else if sizes.contains(0) { return nil }
        self.sizes = sizes
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
