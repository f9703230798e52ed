extension Experiment {
    static func softmaxHiddenResult() -> ExperimentResult {
        typealias K = ExperimentKit
        var result = ExperimentResult(experiment: .softmaxHidden)
        var table = ExperimentTable(header: ["data", "hidden", "test accuracy", "‖∂L/∂W‖ per layer at start",
                                             "‖∂L/∂W‖ per layer after training"])
        var accuracy: [String: Float] = [:]
        var startNorms: [String: [Double]] = [:]
        for (data, _) in gridProblems {
            let dataset = K.load(data)
            for activation in [ActivationSpec.softmax, .relu] {
                let settings = gridSettings(width: 32, activation: activation)
                let start = K.initialNetwork(dataset, settings: settings)
                let before = K.weightGradientNorms(start.network, data: start.split.train, task: start.task)
                let run = K.train(dataset, activation.kind.rawValue, settings)
                let after = run.trained.map { K.weightGradientNorms($0.network, data: $0.split.train, task: $0.task) }
                table.rows.append([data.rawValue, activation.kind.rawValue, run.testAccuracy,
                                   before.map { K.f($0, 4) }.joined(separator: " / "),
                                   after?.map { K.f($0, 4) }.joined(separator: " / ") ?? "diverged"])
                let key = "\(data.rawValue) \(activation.kind.rawValue)"
                accuracy[key] = run.trained?.testMetric
                startNorms[key] = before
            }
        }
        result.tables.append(("Two hidden layers of 32, Adam 0.01 (layers listed input to output):", table))
        for (data, _) in gridProblems {
            let d = data.rawValue
            guard let s = accuracy["\(d) softmax"], let r = accuracy["\(d) relu"],
                  let sn = startNorms["\(d) softmax"], let rn = startNorms["\(d) relu"] else { continue }
            result.findings.append("On \(d): softmax hidden layers reach \(K.percent(s)) test accuracy against "
                                   + "ReLU's \(K.percent(r)); at the start the first layer's weight gradient is "
                                   + "\(K.f(sn[0], 4)) with softmax against \(K.f(rn[0], 4)) with ReLU (\(K.f(rn[0] / sn[0], 0)) times "
                                   + "larger): 32 softmax outputs share a sum of 1, so each is small and moves little.")
        }
        return result
    }
}
