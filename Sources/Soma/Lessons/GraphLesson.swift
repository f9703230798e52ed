/// Lesson 4: backpropagation on a computational graph, with the notes'
/// supermarket examples. Each node multiplies the gradient arriving from its
/// output by its local derivative: ``AddNode`` passes it through unchanged,
/// ``MultiplyNode`` hands each input the other input's value.
///
/// Scalars are `Double`: 2 × 100 × 1.1 is 220.00000000000003 there (1.1 has no
/// exact binary form), printed as `220` with 10 significant digits; the tests
/// compare with the notes' values within 1e-9, exactly where the value is exact.
public struct GraphLesson: Sendable {
    /// 2 apples at 100 with 10 % tax: forward values, then gradients of the price.
    public let apples: (applePrice: Double, appleCount: Double, tax: Double, subtotal: Double, price: Double,
                        dApplePrice: Double, dAppleCount: Double, dSubtotal: Double, dTax: Double)
    /// 2 apples at 100 and 3 oranges at 150, with tax.
    public let fruit: (applePrice: Double, appleCount: Double, orangePrice: Double, orangeCount: Double, tax: Double,
                       appleTotal: Double, orangeTotal: Double, subtotal: Double, price: Double,
                       dApplePrice: Double, dAppleCount: Double, dOrangePrice: Double, dOrangeCount: Double,
                       dAppleTotal: Double, dOrangeTotal: Double, dSubtotal: Double, dTax: Double)
    /// The add node and the multiply node on 10 and 5, backward from 1.3.
    public let add: (sum: Double, dx: Double, dy: Double)
    public let multiply: (product: Double, dx: Double, dy: Double)
    /// The chain rule on `z = t²`, `t = x + y` at x = 1, y = 2, as an add node
    /// then a multiply node `t × t`; ``chainCentralDifference`` checks dz/dx.
    public let chain: (x: Double, y: Double, t: Double, z: Double, dt: Double, dx: Double, dy: Double)
    public let chainCentralDifference: Double

    public init() {
        // Apples: price = (apple price × count) × tax.
        var mulApple = MultiplyNode(), mulTax = MultiplyNode()
        let subtotal = mulApple.forward(100, 2)
        let price = mulTax.forward(subtotal, 1.1)
        let (dSubtotal, dTax) = mulTax.backward(1)
        let (dApplePrice, dAppleCount) = mulApple.backward(dSubtotal)
        apples = (100, 2, 1.1, subtotal, price, dApplePrice, dAppleCount, dSubtotal, dTax)

        // Apples and oranges: price = (apple price × count + orange price × count) × tax.
        var mulA = MultiplyNode(), mulO = MultiplyNode(), mulT = MultiplyNode()
        let addFruit = AddNode()
        let appleTotal = mulA.forward(100, 2)
        let orangeTotal = mulO.forward(150, 3)
        let all = addFruit.forward(appleTotal, orangeTotal)
        let fruitPrice = mulT.forward(all, 1.1)
        let (dAll, dFruitTax) = mulT.backward(1)
        let (dAppleTotal, dOrangeTotal) = addFruit.backward(dAll)
        let (dApple, dAppleNum) = mulA.backward(dAppleTotal)
        let (dOrange, dOrangeNum) = mulO.backward(dOrangeTotal)
        fruit = (100, 2, 150, 3, 1.1, appleTotal, orangeTotal, all, fruitPrice,
                 dApple, dAppleNum, dOrange, dOrangeNum, dAppleTotal, dOrangeTotal, dAll, dFruitTax)

        // The two nodes side by side.
        let addNode = AddNode()
        var mulNode = MultiplyNode()
        let sum = addNode.forward(10, 5), product = mulNode.forward(10, 5)
        let (ax, ay) = addNode.backward(1.3), (mx, my) = mulNode.backward(1.3)
        add = (sum, ax, ay)
        multiply = (product, mx, my)

        // The chain rule: t = x + y, z = t · t; t feeds both inputs, so its gradients add.
        func z(_ x: Double, _ y: Double) -> (t: Double, z: Double, dt: Double, dx: Double, dy: Double) {
            let plus = AddNode()
            var square = MultiplyNode()
            let t = plus.forward(x, y)
            let z = square.forward(t, t)
            let (dLeft, dRight) = square.backward(1)
            let dt = dLeft + dRight
            let (dx, dy) = plus.backward(dt)
            return (t, z, dt, dx, dy)
        }
        let c = z(1, 2)
        chain = (1, 2, c.t, c.z, c.dt, c.dx, c.dy)
        let h = 1e-4  // exact for a quadratic up to rounding (≈1e-11)
        chainCentralDifference = (z(1 + h, 2).z - z(1 - h, 2).z) / (2 * h)
    }

    /// What `soma lesson graph` prints.
    public var lines: [String] {
        let n = LessonText.number as (Double) -> String
        let a = apples, f = fruit, c = chain
        return [
            "Buying \(n(a.appleCount)) apples at \(n(a.applePrice)) each with 10 % tax (two multiply nodes):",
            "  forward:  \(n(a.applePrice)) × \(n(a.appleCount)) = \(n(a.subtotal));  "
                + "\(n(a.subtotal)) × \(n(a.tax)) = \(n(a.price))",
            "  backward from dprice = 1:  d apple price = \(n(a.dApplePrice)),  d apple count = \(n(a.dAppleCount)),  "
                + "d tax = \(n(a.dTax))",
            "Apples and oranges, \(n(f.appleCount)) × \(n(f.applePrice)) + \(n(f.orangeCount)) × \(n(f.orangePrice)), "
                + "with tax (multiply, multiply, add, multiply):",
            "  forward:  \(n(f.appleTotal)) + \(n(f.orangeTotal)) = \(n(f.subtotal));  "
                + "\(n(f.subtotal)) × \(n(f.tax)) = \(n(f.price))",
            "  backward: d apple count = \(n(f.dAppleCount)),  d apple price = \(n(f.dApplePrice)),  "
                + "d orange count = \(n(f.dOrangeCount)),  d orange price = \(n(f.dOrangePrice)),  d tax = \(n(f.dTax))",
            "The add node passes the gradient through unchanged; the multiply node swaps its inputs:",
            "  add:       10 + 5 = \(n(add.sum));  backward(1.3) = (\(n(add.dx)), \(n(add.dy)))",
            "  multiply:  10 × 5 = \(n(multiply.product));  backward(1.3) = (1.3 × 5, 1.3 × 10) = "
                + "(\(n(multiply.dx)), \(n(multiply.dy)))",
            "The chain rule on z = t², t = x + y (an add node, then a multiply node t × t):",
            "  x = \(n(c.x)), y = \(n(c.y)):  t = \(n(c.t)),  z = \(n(c.z))",
            "  dz/dt = t + t = \(n(c.dt)) = 2t  (t enters the multiply node twice; its gradients add)",
            "  dz/dx = dz/dt · dt/dx = \(n(c.dt)) · 1 = \(n(c.dx)) = 2(x + y);  dz/dy = \(n(c.dy));  "
                + "central difference: \(n(chainCentralDifference))",
            "`soma lesson graph --svg FILE` draws both supermarket graphs: values above each edge, gradients below.",
        ]
    }
}
