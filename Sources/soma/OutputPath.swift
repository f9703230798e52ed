import Foundation

/// A file a command will write, checked before any work: its directory exists
/// and is writable, and the path is not a directory. Errors name the user's path
/// and the option, never a temporary file.
struct OutputPath {
    let option: String
    let path: String

    func check() throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIError("\(option) \(path): is a directory; give a file name")
        }
        let directory = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw CLIError("\(option) \(path): the directory \(directory) does not exist")
        }
        guard isDirectory.boolValue else { throw CLIError("\(option) \(path): \(directory) is not a directory") }
        guard access(directory, W_OK) == 0 else {
            throw CLIError("\(option) \(path): cannot write in \(directory) (\(String(cString: strerror(errno))))")
        }
    }
}
