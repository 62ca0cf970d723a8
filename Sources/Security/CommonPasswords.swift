/// Passwords people choose most often (lower-cased), refused when a password is set.
/// Drawn from public breach-frequency lists plus Dutch, Polish and hospitality favourites.
enum CommonPasswords {
    static let list: Set<String> = [
        "0000000000", "0123456789", "0987654321", "1111111111", "11223344556", "112233445566", "1212121212",
        "1231231234", "1234567890", "123456789012", "1234567890a", "12345678910", "123456789a",
        "1234qwerasdf", "123qweasd", "123qweasdzxc", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx3edc",
        "2222222222", "5555555555", "6666666666", "7777777777", "8888888888", "987654321", "9876543210",
        "9999999999", "a123456789", "aa12345678", "abc1234567", "abcd123456", "abcdefghij", "abcdefghijk",
        "admin12345", "administrator", "ajaxajax12", "amsterdam1", "andrew1234", "asdfghjkl1", "asdfghjkl123",
        "ashley1234", "baseball123", "batman1234", "buster1234", "changeme12", "changeme123", "charlie123",
        "chelsea123", "computer12", "daniel1234", "dragon1234", "februari26", "feyenoord1", "football12",
        "football123", "freedom123", "ginger1234", "harley1234", "haslo12345", "haslo123456", "herfst2025",
        "hockey1234", "holland123", "hotel12345", "hotelhotel", "hunter1234", "iloveyou12", "iloveyou123",
        "internet12", "januari2026", "jennifer12", "jessica123", "jordan2323", "killer1234", "kochamcie1",
        "lente20251", "letmein123", "liverpool1", "maart20261", "master1234", "matrix1234", "michael123",
        "monkey1234", "mustang123", "nederland1", "password01", "password10", "password12", "password123",
        "password1234", "password2024", "password2025", "password2026", "passwordpassword", "pepper1234",
        "pokemon123", "polska12345", "princess12", "q1w2e3r4t5", "q1w2e3r4t5y6", "qazwsxedcrfv", "qwerty1234",
        "qwerty12345", "qwerty123456", "qwertyqwerty", "qwertyuiop", "qwertyuiop1", "qwertyuiop123",
        "ranger1234", "receptie123", "rotterdam1", "samsung123", "shadow1234", "signaal123", "signaal2026",
        "soccer1234", "starwars12", "sunshine12", "superman12", "thomas1234", "tigger1234", "trustno1234",
        "voetbal123", "wachtwoord", "wachtwoord1", "wachtwoord12", "wachtwoord123", "welcome123",
        "welcome1234", "welkom1234", "welkom12345", "welkom2024", "welkom2025", "welkom2026", "welkomwelkom",
        "whatever12", "winter2025", "winter2026", "zaq12wsxcde", "zaq1xsw2cde3", "zomer2025", "zomer2026",
        "zxcvbnm123", "zxcvbnmasdf",
    ]
}
