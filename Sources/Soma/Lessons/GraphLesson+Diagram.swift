extension GraphLesson {
    /// Both supermarket graphs, one above the other, with this lesson's values
    /// above each edge and gradients (of the price) below.
    public var diagram: GraphDiagram {
        let n = LessonText.number as (Double) -> String
        var d = GraphDiagram(width: 880, height: 570)
        typealias Point = (x: Double, y: Double)
        // An input's arrow starts at `at`, its name just left of it.
        func input(_ name: String, _ at: Point, to node: Point, _ value: Double, _ gradient: Double) {
            d.texts.append((name, at.x - 8, at.y + 5, false))
            d.edges.append((at, node, false, true, 0.4, n(value), n(gradient)))
        }
        func link(_ from: Point, _ to: Point, _ value: Double, _ gradient: Double) {
            d.edges.append((from, to, true, true, 0.5, n(value), n(gradient)))
        }
        func output(_ from: Point, _ to: Point, _ value: Double) {
            d.edges.append((from, to, true, false, 0.5, n(value), "1"))
            d.texts.append(("price", to.x + 50, to.y + 5, false))
        }

        // 2 apples at 100, 10 % tax.
        let a = apples
        d.texts.append(("2 apples at 100, 10 % tax: values above the edges, gradients of the price below", 16, 26, true))
        let mulApple: Point = (280, 105), mulTax: Point = (500, 140)
        input("apple", (120, 60), to: mulApple, a.applePrice, a.dApplePrice)
        input("apple count", (120, 160), to: mulApple, a.appleCount, a.dAppleCount)
        input("tax", (380, 215), to: mulTax, a.tax, a.dTax)
        link(mulApple, mulTax, a.subtotal, a.dSubtotal)
        output(mulTax, (680, 140), a.price)
        d.nodes += [("×", mulApple.x, mulApple.y), ("×", mulTax.x, mulTax.y)]

        // 2 apples at 100 and 3 oranges at 150, 10 % tax.
        let f = fruit, top = 250.0
        d.texts.append(("2 apples at 100, 3 oranges at 150, 10 % tax", 16, top + 26, true))
        let mulA: Point = (280, top + 90), mulO: Point = (280, top + 220), plus: Point = (470, top + 155)
        let mulT: Point = (650, top + 190)
        input("apple", (120, top + 55), to: mulA, f.applePrice, f.dApplePrice)
        input("apple count", (120, top + 130), to: mulA, f.appleCount, f.dAppleCount)
        input("orange", (120, top + 185), to: mulO, f.orangePrice, f.dOrangePrice)
        input("orange count", (120, top + 265), to: mulO, f.orangeCount, f.dOrangeCount)
        input("tax", (540, top + 280), to: mulT, f.tax, f.dTax)
        link(mulA, plus, f.appleTotal, f.dAppleTotal)
        link(mulO, plus, f.orangeTotal, f.dOrangeTotal)
        link(plus, mulT, f.subtotal, f.dSubtotal)
        output(mulT, (790, top + 190), f.price)
        d.nodes += [("×", mulA.x, mulA.y), ("×", mulO.x, mulO.y), ("+", plus.x, plus.y), ("×", mulT.x, mulT.y)]
        return d
    }
}
