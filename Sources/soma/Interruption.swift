import Foundation

/// Ctrl-C during training: one clear line on stderr, exit status 130. The model
/// file is written only after training ends (atomically), so an interrupted run
/// leaves any old file exactly as it was; the line says so.
enum Interruption {
    /// The message, prepared before training: a signal handler may only call
    /// async-signal-safe functions (write, _exit), so it cannot build a string.
    nonisolated(unsafe) private static var message: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var messageLength = 0

    /// Installs the SIGINT handler for a run that would write `out`.
    static func install(writing out: String, afterProgressBar: Bool) {
        let existing = FileManager.default.fileExists(atPath: out)
        let text = (afterProgressBar ? "\n" : "") + "interrupted: training stopped; "
            + (existing ? "\(out) was not changed\n" : "no model was written\n")
        message = strdup(text)
        messageLength = text.utf8.count
        signal(SIGINT) { _ in
            if let message = Interruption.message { _ = write(STDERR_FILENO, message, Interruption.messageLength) }
            _exit(130)
        }
    }
}
