/// "soma trian iris": the first word is neither a command nor an option. Without
/// this check the parser reports whatever comes next (`Unknown option '--out'`).
enum CommandSuggestion {
    static var commands: [String] {
        SomaCommand.configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// The message for an unknown first word, or nil when `word` is a command or an option.
    static func unknownCommandMessage(_ word: String) -> String? {
        guard !word.hasPrefix("-"), !commands.contains(word) else { return nil }
        let closest = commands.min { distance(word, $0) < distance(word, $1) }!
        let hint = distance(word, closest) <= 2 ? " Did you mean '\(closest)'?" : ""
        return "Error: unknown command '\(word)'.\(hint) Commands: \(commands.dropLast().joined(separator: ", ")) "
            + "(soma --help)."
    }

    /// Levenshtein distance, with a swap of two neighbours counted as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
