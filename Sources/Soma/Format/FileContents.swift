import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file, with the C runtime's wording for what goes wrong
/// ("cannot open the file: No such file or directory", "cannot read the file:
/// Is a directory"), so one problem gets one message whichever side reads it.
enum FileContents {
    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ path: String) throws(ReadError) -> Data {
        guard let file = fopen(path, "rb") else {
            throw ReadError(description: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { data.append(buffer, count: count) }
            if count < buffer.count {
                if ferror(file) != 0 {
                    throw ReadError(description: "cannot read the file: \(String(cString: strerror(errno)))")
                }
                return data
            }
        }
    }
}
