import Foundation

/// Writes files so that a reader sees the old contents or the new, never a part.
public enum AtomicFile {
    /// A write that failed, with the reason; `url` is untouched.
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Writes `data` to a temporary file in `url`'s directory, flushes it to disk,
    /// then renames it over `url`. On failure the temporary file is removed.
    public static func write(_ data: Data, to url: URL) throws(WriteError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary, options: .withoutOverwriting)
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(description: "cannot write \(temporary.path): \(error.localizedDescription)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(description: "cannot replace \(url.path): \(reason)")
        }
    }
}
