import CSomaCore

/// A failure reported by the C runtime: its status code and the message naming the place.
public struct RuntimeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The C runtime's status, e.g. `.field` for `layers[1].bias[2]: expected a number`.
    public let status: RuntimeStatus
    /// The runtime's message; names the JSON path or the argument at fault.
    public let message: String

    public init(status: RuntimeStatus, message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }
}

/// The C runtime's `soma_status` values, one to one.
public enum RuntimeStatus: UInt32, Sendable, CaseIterable {
    case ok = 0
    case argument = 1
    case io = 2
    case json = 3
    case format = 4
    case field = 5
    case value = 6
    case shape = 7
    case unsupported = 8
    case capacity = 9
    case checksum = 10
    case selfTest = 11
    case memory = 12

    /// The runtime's fixed one-line description of the status.
    public var summary: String {
        String(cString: soma_status_string(soma_status(rawValue: rawValue)))
    }
}

/// Turns a C status and its error record into a thrown `RuntimeError`.
@inline(__always)
func check(_ status: soma_status, _ error: inout soma_error) throws(RuntimeError) {
    guard status != SOMA_OK else { return }
    let message = withUnsafeBytes(of: &error.message) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    let known = RuntimeStatus(rawValue: status.rawValue)
    throw RuntimeError(
        status: known ?? .argument,
        message: message.isEmpty ? String(cString: soma_status_string(status)) : message)
}
