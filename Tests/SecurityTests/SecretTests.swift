@testable import Security
import Testing

struct SecretTests {
    @Test func tokens_areRandom256Bits_inBase64URL() {
        let first = SecretToken()
        let second = SecretToken()
        #expect(first != second)
        #expect(first.text.count == 43)
        #expect(Base64URL.decode(first.text)?.count == 32)
        #expect(SecretToken(text: first.text) == first)
        #expect(first.hash == SHA256.hash(Array(first.text.utf8)))
        #expect(!"\(first)".contains(first.text))
        #expect(SecretToken(text: "too-short") == nil)
        #expect(SecretToken(text: String(repeating: "!", count: 43)) == nil)
    }

    @Test func base64URL_roundTripsEveryLength() {
        for length in 0..<40 {
            let bytes = SecureRandom.bytes(length)
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
        #expect(Base64URL.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
    }

    @Test func constantTimeEquals_comparesContentAndLength() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
    }

    @Test func randomIntegers_stayInRange() {
        for _ in 0..<1000 { #expect(SecureRandom.integer(below: 7) < 7) }
    }
}
