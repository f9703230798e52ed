import Foundation
import Soma

/// Shows training progress: a bar redrawn in place on a terminal (fitted to its
/// width), plain lines (one every few epochs, each flushed as it is printed)
/// when output goes to a file or pipe, nothing with --quiet.
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
            let remaining = elapsed / Double(record.epoch) * Double(total - record.epoch)
            let line = Self.barLine(epoch: record.epoch, total: total, train: trainMeasures(record),
                                    validation: validationMeasures(record),
                                    left: "\(Self.duration(remaining)) left", columns: terminalColumns())
            FileHandle.standardOutput.write(Data(("\r" + line + "\u{1B}[K").utf8))
            drewBar = true
        } else if record.epoch == 1 || record.epoch % max(total / 20, 1) == 0 || record.epoch == total {
            print("epoch \(record.epoch)/\(total)  \(measures)")
            fflush(nil)  // into a pipe or file too, each line as it is printed
        }
    }

    /// True when progress is a bar redrawn on one terminal line (Ctrl-C's message then starts a new line).
    var isTerminal: Bool { terminal && !quiet }

    /// The bar line, at most `columns - 1` characters. Kept in this order of
    /// priority: the epoch, the training measures and the time left; then the
    /// validation measures if they fit; the bar takes the room left (24 cells
    /// at most, left out below 5); a line still too long is cut.
    static func barLine(epoch: Int, total: Int, train: String, validation: String?, left: String,
                        columns: Int) -> String {
        let limit = columns - 1
        let head = "epoch \(epoch)/\(total)"
        var tail = " \(train)"
        if let validation, (head + tail + "  " + validation + "  " + left).count + 8 <= limit {
            tail += "  " + validation
        }
        tail += "  " + left
        let width = min(24, limit - head.count - tail.count - 3)
        var line = head + tail
        if width >= 5 {
            let filled = min(width, width * epoch / max(total, 1))
            line = head + " [" + String(repeating: "#", count: filled)
                + String(repeating: ".", count: width - filled) + "]" + tail
        }
        return line.count > limit ? String(line.prefix(max(limit, 0))) : line
    }

    /// Ends the bar's line; early stopping may leave it short of the total.
    func finish() {
        if drewBar { print() }
    }

    private func measures(_ record: EpochRecord) -> String {
        [trainMeasures(record), validationMeasures(record)].compactMap { $0 }.joined(separator: "  ")
    }

    private func trainMeasures(_ record: EpochRecord) -> String {
        "loss \(Self.figure(record.trainLoss)) \(metric) \(Self.figure(record.trainMetric))"
    }

    private func validationMeasures(_ record: EpochRecord) -> String? {
        guard let loss = record.validationLoss, let value = record.validationMetric else { return nil }
        return "val loss \(Self.figure(loss)) val \(metric) \(Self.figure(value))"
    }

    private static func figure(_ value: Float) -> String { String(format: "%.4f", Double(value)) }

    private static func duration(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.0fs", seconds) : String(format: "%.0fm%02.0fs", (seconds / 60).rounded(.down),
                                                                    seconds.truncatingRemainder(dividingBy: 60))
    }
}
