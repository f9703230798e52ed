import Soma

/// A failure the command reports as one line on stderr before exiting non-zero.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`, prefixing any error with `place` (a file or "stdin line 3").
func at<T>(_ place: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CLIError {
        throw error
    } catch let error as DataError {
        // A data error already names its file and line.
        throw CLIError(error.description)
    } catch {
        throw CLIError("\(place): \(error)")
    }
}
