/// Binary32 `exp`, `expm1` and `tanh`, correctly rounded: the exact result
/// rounded to nearest-even, for every input, as `docs/model-format.md` defines
/// them. Soma's C runtime has its own implementation (`CRuntime/core/soma_math.c`);
/// `make check-math` runs all 2^32 inputs through both and against MPFR.
///
/// Each function forms its exact result as an unevaluated pair of doubles
/// `hi + lo` with relative error below 2^-55, then rounds the pair to binary32
/// by rounding to odd in binary64 first (two spare bits make the second
/// rounding exact). `e^z = 2^m · 2^(j/32) · e^r`, `k = 32m + j = round(z·32/ln2)`,
/// `r = z − k·ln2/32`: `ln2/32` is split so that `k·ln2Hi` and `z − k·ln2Hi`
/// are exact, and `2^(j/32)` so that `tableHi[j] · rHi` is exact.
public enum CorrectlyRounded {
    /// `e^x`.
    public static func exp(_ x: Float) -> Float {
        if x.isNaN { return x + x }
        if x > 89 { return .infinity }  // e^89 > Float.greatestFiniteMagnitude
        if x < -104 { return 0 }  // e^-104 < 2^-150
        return roundToFloat(expPair(Double(x)))
    }

    /// `e^x − 1`.
    public static func expm1(_ x: Float) -> Float {
        if x.isNaN || x == 0 { return x + x }
        if x > 89 { return .infinity }
        if x < -18 { return -1 }  // e^x < 2^-25
        return roundToFloat(expm1Pair(Double(x)))
    }

    /// `tanh(x)`.
    public static func tanh(_ x: Float) -> Float {
        if x.isNaN || x == 0 { return x + x }
        let a = x.magnitude
        // 1 − tanh(a) = 2 / (e^2a + 1) < 2^-25 beyond a ≈ 9.02: rounds to 1.
        if a > 9.5 { return x < 0 ? -1 : 1 }
        // tanh(a) = n / (n + 2), n = e^2a − 1, as a division of pairs.
        let n = expm1Pair(2 * Double(a))
        let d0 = twoSum(n.hi, 2)
        let d = fastTwoSum(d0.hi, d0.lo + n.lo)
        let q0 = n.hi / d.hi
        let p = exactProduct(q0, d.hi)
        let remainder = (((n.hi - p.hi) - p.lo) + n.lo) - q0 * d.lo
        let t = roundToFloat(fastTwoSum(q0, remainder / d.hi))
        return x < 0 ? -t : t
    }

    // MARK: - Pairs

    private typealias Pair = (hi: Double, lo: Double)

    /// `hi + lo = a + b` exactly, given `|a| ≥ |b|`.
    @inline(__always) private static func fastTwoSum(_ a: Double, _ b: Double) -> Pair {
        let s = a + b
        return (s, b - (s - a))
    }

    /// `hi + lo = a + b` exactly.
    @inline(__always) private static func twoSum(_ a: Double, _ b: Double) -> Pair {
        let s = a + b
        let bVirtual = s - a
        let aVirtual = s - bVirtual
        return (s, (a - aVirtual) + (b - bVirtual))
    }

    /// `hi + lo = a · b` exactly, by Veltkamp splitting (no fma needed).
    @inline(__always) private static func exactProduct(_ a: Double, _ b: Double) -> Pair {
        let splitter = 134_217_729.0  // 2^27 + 1
        let sa = splitter * a, sb = splitter * b
        let aHigh = sa - (sa - a), bHigh = sb - (sb - b)
        let aLow = a - aHigh, bLow = b - bHigh
        let product = a * b
        return (product, ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow)
    }

    /// The pair (with `hi` = RN(hi + lo)) rounded to binary32: round to odd, then to nearest.
    @inline(__always) private static func roundToFloat(_ v: Pair) -> Float {
        var bits = v.hi.bitPattern
        if v.lo != 0 && bits & 1 == 0 {
            // The odd neighbour on lo's side: away from zero when lo has hi's sign.
            bits = (v.lo > 0) == (v.hi > 0) ? bits + 1 : bits - 1
        }
        return Float(Double(bitPattern: bits))
    }

    // MARK: - The exponential

    /// `e^z`, relative error below 2^-62, for |z| ≤ 110.
    private static func expPair(_ z: Double) -> Pair {
        let (k, rHi, rLo) = reduce(z)
        let j = k & 31, m = k >> 5
        let tHi = tableHi[j], tLo = tableLo[j]
        let r = rHi + rLo
        let tail = expTail(r)
        let exactPart = tHi * rHi  // 15 bits times 38 bits: exact
        let rest = tHi * (rLo + tail) + tLo * (1 + (r + tail))
        let s0 = fastTwoSum(tHi, exactPart)
        let s = fastTwoSum(s0.hi, s0.lo + rest)
        let scale = Double(sign: .plus, exponent: m, significand: 1)
        return (s.hi * scale, s.lo * scale)
    }

    /// `e^z − 1`, relative error below 2^-56, for |z| ≤ 110.
    private static func expm1Pair(_ z: Double) -> Pair {
        if reduce(z).k == 0 {
            // |z| ≤ ln2/64: z plus a tail far smaller than z.
            return fastTwoSum(z, expTail(z))
        }
        let e = expPair(z)
        let d = twoSum(e.hi, -1)
        return fastTwoSum(d.hi, d.lo + e.lo)
    }

    /// `k = round(z·32/ln2)`, `r = z − k·ln2/32 = rHi + rLo` with `rHi` exact.
    @inline(__always) private static func reduce(_ z: Double) -> (k: Int, rHi: Double, rLo: Double) {
        let k = Int((z * inverseLn2Over32).rounded(.toNearestOrAwayFromZero))
        let kd = Double(k)
        return (k, z - kd * ln2Over32Hi, -(kd * ln2Over32Lo))
    }

    /// `e^r − 1 − r` for |r| ≤ ln2/64, the Taylor series to r^7 (truncation < 2^-67).
    @inline(__always) private static func expTail(_ r: Double) -> Double {
        let c7 = 1.0 / 5040, c6 = 1.0 / 720, c5 = 1.0 / 120, c4 = 1.0 / 24, c3 = 1.0 / 6
        return (r * r) * (0.5 + r * (c3 + r * (c4 + r * (c5 + r * (c6 + r * c7)))))
    }

    // MARK: - Constants (Tests/math/gen_exp_table.py, mpmath at 200 bits)

    /// ln2/32 to 38 bits, so `k · ln2Over32Hi` is exact for |k| < 2^15.
    private static let ln2Over32Hi = 0x1.62e42fefa0000p-6
    private static let ln2Over32Lo = 0x1.cf79abc9e3b3ap-45
    private static let inverseLn2Over32 = 0x1.71547652b82fep+5

    /// 2^(j/32) to 15 bits.
    private static let tableHi: [Double] = [
        0x1.0000000000000p+0, 0x1.059c000000000p+0, 0x1.0b54000000000p+0, 0x1.1130000000000p+0,
        0x1.172c000000000p+0, 0x1.1d48000000000p+0, 0x1.2388000000000p+0, 0x1.29e8000000000p+0,
        0x1.3070000000000p+0, 0x1.371c000000000p+0, 0x1.3dec000000000p+0, 0x1.44e0000000000p+0,
        0x1.4bfc000000000p+0, 0x1.5344000000000p+0, 0x1.5ab0000000000p+0, 0x1.6248000000000p+0,
        0x1.6a08000000000p+0, 0x1.71f8000000000p+0, 0x1.7a10000000000p+0, 0x1.8258000000000p+0,
        0x1.8ad0000000000p+0, 0x1.9374000000000p+0, 0x1.9c48000000000p+0, 0x1.a550000000000p+0,
        0x1.ae88000000000p+0, 0x1.b7f8000000000p+0, 0x1.c198000000000p+0, 0x1.cb74000000000p+0,
        0x1.d580000000000p+0, 0x1.dfc8000000000p+0, 0x1.ea4c000000000p+0, 0x1.f508000000000p+0,
    ]
    /// 2^(j/32) − tableHi[j].
    private static let tableLo: [Double] = [
        0.0, -0x1.e59d4f5178a30p-17,
        0x1.86cf9890f6299p-16, 0x1.d0125b50a4ebcp-20,
        -0x1.f0e0aba148c82p-18, 0x1.cc5a2e6a9e017p-18,
        -0x1.6462a771e64f8p-18, 0x1.df51fdee12c26p-16,
        -0x1.f5ce48ead2173p-20, -0x1.8c8c5563558ecp-16,
        -0x1.9b3edcbddca4cp-16, 0x1.0c0c3125a0627p-17,
        0x1.ad5362a271d44p-16, -0x1.4a962b07e20f5p-16,
        0x1.f752150a56325p-18, -0x1.4fc5aa7b4e0f0p-20,
        0x1.e667f3bcc908bp-16, -0x1.42e27411845b9p-17,
        0x1.473eb0186d7d5p-16, 0x1.332999c25159fp-17,
        -0x1.abdd55f24a458p-16, -0x1.09e6474361760p-17,
        0x1.182a3f0901c7cp-16, 0x1.d91f12ae45a12p-19,
        0x1.f995ad3ad5e87p-16, -0x1.21a0943722ab1p-17,
        0x1.bdd85529c2221p-16, -0x1.f23106f96eafcp-16,
        0x1.8dcfba48725dap-16, 0x1.7337b9b5eb969p-16,
        -0x1.05d5b6f267a71p-16, -0x1.34923757f3161p-17,
    ]
}
