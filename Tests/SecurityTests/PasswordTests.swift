@testable import Security
import Testing

struct PasswordTests {
    let hasher = PasswordHasher()

    @Test func yescryptHash_verifiesOnlyTheRightPassword() async throws {
        let hash = try await hasher.hash("correct horse battery")
        #expect(hash.hasPrefix("$y$"))
        #expect(await hasher.verify("correct horse battery", against: hash))
        #expect(await !hasher.verify("correct horse batterY", against: hash))
        let again = try await hasher.hash("correct horse battery")
        #expect(again != hash)  // a fresh salt each time
    }

    @Test func nonYescryptSettings_areRefused_evenWhenLibcryptWouldAccept() async {
        // "ab" is a traditional DES setting: libcrypt would hash with it and the output would "match".
        #expect(await !hasher.verify("password", against: "abJnggxhB/yWI"))
        #expect(await !hasher.verify("anything", against: "*0"))
        #expect(await !hasher.verify("anything", against: "$y$"))
        #expect(await !hasher.verify("anything", against: "$y$garbage$"))
        #expect(await !hasher.verify("anything", against: ""))
        #expect(await !hasher.verify("anything", against: "$6$saltsalt$abc"))
    }

    @Test func policy_refusesShortAndCommonPasswords() {
        #expect(PasswordPolicy.problem(with: "kort") == .tooShort)
        #expect(PasswordPolicy.problem(with: "123456789") == .tooShort)
        #expect(PasswordPolicy.problem(with: "Wachtwoord123") == .tooCommon)
        #expect(PasswordPolicy.problem(with: "qwertyuiop") == .tooCommon)
        #expect(PasswordPolicy.problem(with: "groene fiets op de dijk") == nil)
    }

    @Test func policy_refusesRepeatsSpacesAndOverlongPasswords() {
        #expect(PasswordPolicy.problem(with: "aaaaaaaaaa") == .tooSimple)
        #expect(PasswordPolicy.problem(with: String(repeating: " ", count: 10)) == .tooSimple)
        #expect(PasswordPolicy.problem(with: "ab ab ab ab ab") == .tooSimple)
        #expect(PasswordPolicy.problem(with: "abc dabc dabc") == nil)
        #expect(PasswordPolicy.problem(with: String(repeating: "fiets-", count: 42) + "ab12") == nil)  // 256 characters
        #expect(PasswordPolicy.problem(with: String(repeating: "fiets-", count: 42) + "ab123") == .tooLong)
        #expect(PasswordPolicy.problem(with: String(repeating: "🚕🏨🍷", count: 43)) == .tooLong)  // 129 characters, 516 bytes
    }
}
