/// Why C could not be generated or written, as one line for the user.
public struct ExportCError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String

    public init(_ description: String) { self.description = description }
}
