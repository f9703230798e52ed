/// Reads a CSV field as a `Float` with exactly the value `Float(String)` gives.
///
/// Plain decimals with at most 24 bits of digits and at most 10 after the point
/// (`12`, `-0.5`, `3.1416`: every value in the shipped data sets) are read
/// directly: the digits form an exact `Float`, `10^k` is exact for `k ≤ 10`,
/// so one correctly rounded division gives the correctly rounded value
/// (Clinger's fast path). Anything else (exponents, long fractions, `inf`,
/// hexadecimal) goes to `Float(String)`, which is correctly rounded too.
enum DecimalFloat {
    private static let powersOfTen: [Float] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]

    /// The value of `bytes` (ASCII, already trimmed), or nil where `Float(String)` gives nil.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Float? {
        if let value = fastPath(bytes) { return value }
        return Float(String(decoding: bytes, as: UTF8.self))
    }

    /// `[+-]?[0-9]+(\.[0-9]+)?` within the exact range, else nil (not "not a number": "not this way").
    private static func fastPath(_ bytes: UnsafeBufferPointer<UInt8>) -> Float? {
        var k = 0
        let n = bytes.count
        var negative = false
        if k < n && (bytes[k] == UInt8(ascii: "-") || bytes[k] == UInt8(ascii: "+")) {
            negative = bytes[k] == UInt8(ascii: "-")
            k += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        while k < n, bytes[k] &- UInt8(ascii: "0") < 10, digits < 18 {
            mantissa = mantissa * 10 + UInt64(bytes[k] &- UInt8(ascii: "0"))
            digits += 1
            k += 1
        }
        guard digits > 0 else { return nil }
        var fraction = 0
        if k < n && bytes[k] == UInt8(ascii: ".") {
            k += 1
            while k < n, bytes[k] &- UInt8(ascii: "0") < 10, digits < 18 {
                mantissa = mantissa * 10 + UInt64(bytes[k] &- UInt8(ascii: "0"))
                digits += 1
                fraction += 1
                k += 1
            }
            guard fraction > 0 else { return nil }
        }
        guard k == n, mantissa <= 1 << 24, fraction < powersOfTen.count else { return nil }
        let magnitude = fraction == 0 ? Float(mantissa) : Float(mantissa) / powersOfTen[fraction]
        return negative ? -magnitude : magnitude
    }
}
