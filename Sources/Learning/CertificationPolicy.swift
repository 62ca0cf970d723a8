/// The 60 percent rule (DESIGN §4): how far a business is from its responsibility certificate.
///
/// All arithmetic is on integers: 3 of 5 is eligible (300 ≥ 300), 5 of 9 is not (500 < 540).
public struct CertificationPolicy: Sendable, Equatable {
    /// Percent of the denominator that must have a valid completion. The default is 60.
    public let thresholdPercent: Int

    public init(thresholdPercent: Int = 60) {
        precondition((1...100).contains(thresholdPercent), "the threshold is a percentage")
        self.thresholdPercent = thresholdPercent
    }

    /// A business's standing against the rule.
    public struct Progress: Sendable, Equatable, Codable {
        /// The larger of the declared headcount and the active roster, so registering only the
        /// staff who finished cannot reach the threshold.
        public let denominator: Int
        public let declaredHeadcount: Int
        public let activeEmployees: Int
        /// Active staff with a completion that still counts.
        public let completed: Int
        /// `completed` as a whole percent of `denominator`, rounded down.
        public let percent: Int
        public let threshold: Int
        public let eligible: Bool
        /// How many more staff must complete to reach the threshold (0 when eligible).
        public let needed: Int
    }

    public func progress(declaredHeadcount: Int, activeEmployees: Int, completed: Int) -> Progress {
        let denominator = max(declaredHeadcount, activeEmployees)
        let eligible = denominator > 0 && completed * 100 >= thresholdPercent * denominator
        let required = denominator == 0 ? 1 : (thresholdPercent * denominator + 99) / 100
        return Progress(denominator: denominator, declaredHeadcount: declaredHeadcount, activeEmployees: activeEmployees,
                        completed: completed, percent: denominator == 0 ? 0 : completed * 100 / denominator,
                        threshold: thresholdPercent, eligible: eligible, needed: eligible ? 0 : max(0, required - completed))
    }
}
