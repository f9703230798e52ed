extension JSONValue {
    /// The value as indented JSON, the way model files print it (arrays of
    /// scalars on one line), without a final newline.
    public var prettyText: String {
        String(JSONPrinter.pretty(self).dropLast())
    }
}
