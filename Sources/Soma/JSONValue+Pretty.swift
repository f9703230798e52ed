extension JSONValue {
    /// The value as indented JSON, the way model files print it (arrays of
    /// scalars on one line).
    public var prettyText: String {
        var text = ""
        JSONWriter.writePretty(self, indent: "", to: &text)
        return text
    }
}
