@testable import Learning
import Testing

/// The 60 percent rule at its boundaries, as integers, without a server.
struct CertificationPolicyTests {
    let policy = CertificationPolicy(thresholdPercent: 60)

    @Test(arguments: [
        (5, 0, 3, true, 0), (5, 0, 2, false, 1), (9, 0, 5, false, 1), (9, 0, 6, true, 0),
        (10, 0, 6, true, 0), (10, 0, 5, false, 1), (1, 0, 1, true, 0), (1, 0, 0, false, 1),
        (3, 10, 6, true, 0), (3, 10, 5, false, 1), (100, 0, 59, false, 1), (100, 0, 60, true, 0),
    ])
    func eligibility_atEveryBoundary(declared: Int, active: Int, completed: Int, eligible: Bool, needed: Int) {
        let progress = policy.progress(declaredHeadcount: declared, activeEmployees: active, completed: completed)
        #expect(progress.eligible == eligible)
        #expect(progress.needed == needed)
        #expect(progress.denominator == max(declared, active))
    }

    @Test func theLargerCountIsTheDenominator_soRegisteringOnlyTheTrainedCannotReachIt() {
        let onlyTrained = policy.progress(declaredHeadcount: 10, activeEmployees: 5, completed: 5)
        #expect(onlyTrained.denominator == 10 && !onlyTrained.eligible && onlyTrained.needed == 1 && onlyTrained.percent == 50)
        let moreOnRoster = policy.progress(declaredHeadcount: 2, activeEmployees: 8, completed: 4)
        #expect(moreOnRoster.denominator == 8 && !moreOnRoster.eligible && moreOnRoster.needed == 1)
    }

    @Test func nobodyCounted_isNeverEligible() {
        let empty = policy.progress(declaredHeadcount: 0, activeEmployees: 0, completed: 0)
        #expect(!empty.eligible && empty.needed == 1 && empty.percent == 0)
    }

    @Test func theThresholdIsConfiguration() {
        let stricter = CertificationPolicy(thresholdPercent: 80)
        #expect(!stricter.progress(declaredHeadcount: 5, activeEmployees: 0, completed: 3).eligible)
        #expect(stricter.progress(declaredHeadcount: 5, activeEmployees: 0, completed: 4).eligible)
        #expect(stricter.progress(declaredHeadcount: 5, activeEmployees: 0, completed: 3).threshold == 80)
    }
}
