import CSoma

/// The outcome of checking a model against its own `self_test` vectors in the C
/// runtime (`soma_verify_file`).
public struct VerificationReport: Equatable, Sendable {
    /// Self-test vectors checked (0 when the model has none).
    public let vectors: Int
    /// Layers compared per vector (0 when the file has no layer outputs).
    public let layers: Int
    /// True when every value agreed bit for bit (also when there are no vectors).
    public let passed: Bool
    /// The largest distance seen, in units in the last place.
    public let maxULPs: UInt32
    /// The runtime's one-line account: "self-test passed (4 vectors, 2 layers)" or
    /// the first divergence with its place, values, ULP and absolute difference.
    public let message: String

    init(_ report: soma_verify_report) {
        vectors = report.vectors
        layers = report.layers
        passed = report.passed != 0
        maxULPs = report.max_ulps
        var copy = report
        message = withUnsafeBytes(of: &copy.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

extension RuntimeModel {
    /// Loads the model file at `path` and checks it against its self-test vectors.
    /// A divergence is a report with `passed == false`; a model that cannot be
    /// loaded, or whose `self_test` is malformed, throws.
    public static func verify(contentsOf path: String) throws(RuntimeError) -> VerificationReport {
        var report = soma_verify_report()
        let needs = try RuntimeRequirements(contentsOf: path)
        _ = try RuntimeModel(parameterCount: needs.storageFloats) { model, params, count, error in
            let status = soma_verify_file(model, params, count, path, &report, error)
            return status == SOMA_E_SELFTEST ? SOMA_OK : status
        }
        return VerificationReport(report)
    }
}
