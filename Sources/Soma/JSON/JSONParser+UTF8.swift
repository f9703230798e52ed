extension JSONParser {
    /// The offset of the first byte that does not belong to well-formed UTF-8
    /// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF),
    /// or `nil`. The whole document is checked before it is parsed, as the C
    /// loader does, so both name the same byte.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var k = 0
        while k < bytes.count {
            let lead = bytes[k]
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // range of the second byte
            switch lead {
            case 0x00...0x7F: k += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return k  // a continuation byte, C0, C1 or F5...FF cannot start a character
            }
            guard k + length <= bytes.count, (low...high).contains(bytes[k + 1]) else { return k }
            for j in 2..<length where !(0x80...0xBF).contains(bytes[k + j]) { return k }
            k += length
        }
        return nil
    }
}
