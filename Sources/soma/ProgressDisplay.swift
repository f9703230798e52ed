import Foundation
import Soma

/// Shows training progress: a bar redrawn in place on a terminal, plain lines
/// (one every few epochs) when output goes to a file or pipe, nothing with --quiet.
final class ProgressDisplay {
    private let total: Int
    private let quiet: Bool
    /// "acc" for classification, "mae" for regression.
    private let metric: String
    private let terminal = isatty(STDOUT_FILENO) == 1
    private var elapsed: Double = 0
    private var drewBar = false

    init(total: Int, quiet: Bool, classification: Bool) {
        self.total = total
        self.quiet = quiet
        self.metric = classification ? "acc" : "mae"
    }

    func show(_ record: EpochRecord) {
        elapsed += record.seconds
        guard !quiet else { return }
        let measures = measures(record)
        if terminal {
            let width = 24
            let filled = min(width, width * record.epoch / max(total, 1))
            let remaining = elapsed / Double(record.epoch) * Double(total - record.epoch)
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let line = "epoch \(record.epoch)/\(total) [\(bar)] \(measures)  \(Self.duration(remaining)) left"
            FileHandle.standardOutput.write(Data(("\r" + line + "\u{1B}[K").utf8))
            drewBar = true
        } else if record.epoch == 1 || record.epoch % max(total / 20, 1) == 0 || record.epoch == total {
            print("epoch \(record.epoch)/\(total)  \(measures)")
        }
    }

    /// Ends the bar's line; early stopping may leave it short of the total.
    func finish() {
        if drewBar { print() }
    }

    private func measures(_ record: EpochRecord) -> String {
        func figure(_ value: Float) -> String { String(format: "%.4f", Double(value)) }
        var text = "loss \(figure(record.trainLoss)) \(metric) \(figure(record.trainMetric))"
        if let loss = record.validationLoss, let value = record.validationMetric {
            text += "  val loss \(figure(loss)) val \(metric) \(figure(value))"
        }
        return text
    }

    private static func duration(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.0fs", seconds) : String(format: "%.0fm%02.0fs", (seconds / 60).rounded(.down),
                                                                    seconds.truncatingRemainder(dividingBy: 60))
    }
}
