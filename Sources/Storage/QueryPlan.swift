/// Reads `EXPLAIN QUERY PLAN` output to find full scans, so tests can insist every hot query
/// uses an index.
public enum QueryPlan {
    /// The plan lines that scan all of one of `tables` (`SCAN t`, with or without a covering index).
    /// A search (`SEARCH t USING INDEX …`) is fine; so is a scan of a table not listed.
    public static func fullScans(in plan: [String], of tables: Set<String>) -> [String] {
        plan.filter { line in
            let words = line.split(separator: " ")
            guard words.first == "SCAN", words.count >= 2 else { return false }
            return tables.contains(String(words[1]))
        }
    }
}
