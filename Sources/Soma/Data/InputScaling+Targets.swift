extension InputScaling {
    /// Fits one mean and population standard deviation over a regression data
    /// set's target values (summed in Double; a constant target gets std 1).
    public init(fittingTargetsOf data: Dataset) {
        guard case .values(let values) = data.targets else {
            preconditionFailure("target standardisation is for regression targets")
        }
        if values.isEmpty {
            self.init(mean: [0], std: [1])
        } else {
            self.init(fitting: Dataset(name: data.name, featureNames: ["target"],
                                       features: values, targets: .values(values)))
        }
    }

    /// A copy of `data` whose target values are standardised: `(y - mean) / std`.
    public func applyToTargets(_ data: Dataset) -> Dataset {
        guard case .values(let values) = data.targets else { return data }
        var scaled = data
        scaled.targets = .values(values.map { apply($0, column: 0) })
        return scaled
    }

    /// The output scaling a model file stores to undo this standardisation.
    public var outputScaling: OutputScaling { OutputScaling(mean: mean, std: std) }
}
