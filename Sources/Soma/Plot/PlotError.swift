/// A plot that cannot be drawn, with the reason (naming the file and line where there is one).
public struct PlotError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
