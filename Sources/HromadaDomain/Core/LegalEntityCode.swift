/// A Ukrainian legal entity's ЄДРПОУ code: eight digits, the last a check
/// digit over the first seven (the Derzhstat algorithm). A typo in a
/// company's code is caught at the bid, not at the contract; a city
/// council's code names the publisher of its open data.
public enum LegalEntityCode {
    public static func isValid(_ code: String) -> Bool {
        let digits = code.compactMap(\.wholeNumberValue)
        guard code.count == 8, digits.count == 8, code.allSatisfy(\.isASCII) else { return false }
        let value = digits.reduce(0) { $0 * 10 + $1 }
        // Codes between 30 000 000 and 60 000 000 weigh their first digit last.
        let weights = (30_000_000...60_000_000).contains(value) ? [7, 1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5, 6, 7]
        func remainder(adding extra: Int) -> Int {
            zip(digits, weights).reduce(0) { $0 + $1.0 * ($1.1 + extra) } % 11
        }
        var check = remainder(adding: 0)
        if check == 10 {
            // A remainder of 10 is tried again with every weight raised by two; 10 again means 0.
            check = remainder(adding: 2)
            if check == 10 { check = 0 }
        }
        return check == digits[7]
    }
}
