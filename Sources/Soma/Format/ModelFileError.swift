/// An error reading, checking or writing a model file.
///
/// `description` names the place first, as a path into the document, then what
/// is wrong: `layers[1].bias[2]: expected a number`,
/// `version: 2 is not supported (this reader reads version 1)`. Syntax errors
/// give the line and column instead: `line 3, column 14: expected ',' or ']'`.
public struct ModelFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, one case per status of the C runtime (`include/soma.h`),
    /// so a test can check that both refuse a file for the same reason.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Wrong count or non-finite input handed to a forward pass (`SOMA_E_ARGUMENT`).
        case argument
        /// The file could not be read or written (`SOMA_E_IO`).
        case io
        /// The text is not JSON: a syntax error, an empty document, `NaN` or
        /// `Infinity`, invalid UTF-8, an unpaired surrogate escape, nesting
        /// deeper than 32 (`SOMA_E_JSON`).
        case json
        /// Not a Soma model: the document is not an object, the `format` name is
        /// wrong, or the `version` unsupported (`SOMA_E_FORMAT`).
        case format
        /// A member is missing, has the wrong JSON type (`2.0` for a size),
        /// appears twice, or is a parameter its activation does not take (`SOMA_E_FIELD`).
        case field
        /// A value out of range: non-finite, beyond binary32, a size outside 1 ... 2³¹ − 1,
        /// std or epsilon <= 0, an empty `layers`, non-canonical base64, an unknown
        /// `task`, a bad name (`SOMA_E_VALUE`).
        case value
        /// Layers do not chain, or an array's length disagrees with the sizes (`SOMA_E_SHAPE`).
        case shape
        /// An unknown layer type, activation name, layout or packed encoding (`SOMA_E_UNSUPPORTED`).
        case unsupported
        /// The parameters do not match the file's checksum (`SOMA_E_CHECKSUM`).
        case checksum
        /// The model's self-test vectors disagree with the reference forward pass (`SOMA_E_SELFTEST`).
        case selfTest = "self-test"
    }

    /// The kind of failure.
    public var kind: Kind
    /// Where: a path into the document such as `layers[1].bias[2]`; empty for
    /// the whole document or for syntax errors (whose message gives line and column).
    public var path: String
    /// What is wrong, without the path.
    public var message: String

    /// Creates an error of `kind` at `path`.
    public init(_ kind: Kind, at path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// `path: message`, or just the message when there is no path.
    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}
