/// The outcome of ``Trainer/train(_:settings:name:progress:)``.
public struct TrainingResult: Sendable {
    /// The network with the best weights seen (lowest validation loss, or the last
    /// epoch's without a validation split).
    public var network: Network
    /// The network exported, with `training` metadata: settings, seed, split sizes,
    /// best epoch, final measures and the per-epoch history (no timings, so the
    /// file is the same bits on every run).
    public var modelFile: ModelFile
    /// One record per epoch run.
    public var history: [EpochRecord]
    /// The epoch whose weights were kept.
    public var bestEpoch: Int
    /// True when early stopping ended the run before the last epoch.
    public var stoppedEarly: Bool
    /// The split, in raw (unstandardised) units.
    public var split: DataSplit
    public var task: TrainingTask
    /// Loss and metric (accuracy, or MAE for regression) of the kept weights on the test split.
    public var testLoss: Float?
    public var testMetric: Float?

    /// The history as CSV: `epoch,train_loss,train_<metric>,validation_loss,validation_<metric>`
    /// (metric: accuracy, or mae for regression), then, when they were recorded, one
    /// `weight_grad_norm_layer<i>` column per weight matrix (``EpochRecord/weightGradientNorms``).
    /// No timings: the same run writes the same file.
    public var historyCSV: String {
        let layers = history.first?.weightGradientNorms.keys.sorted() ?? []
        var lines = [(["epoch", "train_loss", "train_\(task.metricName)", "validation_loss",
                       "validation_\(task.metricName)"] + layers.map(EpochRecord.gradientNormColumn))
            .joined(separator: ",")]
        for record in history {
            lines.append(([
                "\(record.epoch)", "\(record.trainLoss)", "\(record.trainMetric)",
                record.validationLoss.map { "\($0)" } ?? "", record.validationMetric.map { "\($0)" } ?? "",
            ] + layers.map { record.weightGradientNorms[$0].map { "\($0)" } ?? "" }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
