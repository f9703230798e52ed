/// The lines of a CSV file's bytes, as `String.split` on the Characters "\n"
/// and "\r\n" would give them (a "\r" right before "\n" belongs to the line
/// ending), without the empty lines at the end.
struct CSVLines {
    /// Each line's bytes, without its ending.
    private(set) var ranges: [Range<Int>] = []
    /// Whether each line is ASCII without a double quote, so bytes are Characters and no field is quoted.
    private(set) var plain: [Bool] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var simple = true
        for k in 0..<bytes.count {
            let byte = bytes[k]
            if byte == UInt8(ascii: "\n") {
                let end = k > start && bytes[k - 1] == UInt8(ascii: "\r") ? k - 1 : k
                ranges.append(start..<end)
                plain.append(simple)
                start = k + 1
                simple = true
            } else if byte >= 0x80 || byte == UInt8(ascii: "\"") {
                simple = false
            }
        }
        ranges.append(start..<bytes.count)
        plain.append(simple)
        while let last = ranges.last, last.isEmpty {
            ranges.removeLast()
            plain.removeLast()
        }
    }
}
