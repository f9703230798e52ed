/// Distance between two binary32 values in units in the last place: the number of
/// representable floats between them (0 for identical bits; +0 and -0 are 0 apart).
public func ulpDistance(_ a: Float, _ b: Float) -> UInt32 {
    if a.isNaN || b.isNaN { return a.bitPattern == b.bitPattern ? 0 : .max }
    let (x, y) = (orderedBits(a), orderedBits(b))
    let distance = x > y ? x - y : y - x
    return distance > Int64(UInt32.max) ? .max : UInt32(distance)
}

/// Maps a float's bits onto integers in the same order as the floats.
private func orderedBits(_ value: Float) -> Int64 {
    let bits = Int64(value.bitPattern & 0x7FFF_FFFF)
    return value.sign == .minus ? -bits : bits
}
