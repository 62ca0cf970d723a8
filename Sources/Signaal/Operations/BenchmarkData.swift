import Foundation
import Learning
import Security
import Storage

/// Seeds a large realistic data set straight into the database for `signaal-bench`.
public enum BenchmarkData {
    /// What was seeded, for the benchmark to aim its requests at.
    public struct Seeded: Sendable {
        public let bigBusinessID: String
        /// A valid certificate's code.
        public let certificateCode: String
        /// Every business's certificate: valid where the rule holds, expired a year ago elsewhere.
        public let certificateCodes: [String]
        public let businesses: Int
        public let employees: Int
    }

    /// `businesses` businesses with `employees` staff in all; one of them has `bigBusinessStaff`.
    /// About two thirds of staff have a completion; businesses over 60 percent hold a valid certificate,
    /// the others one that expired a year ago, so every business has one to look up.
    public static func seed(_ application: Application, businesses: Int, employees: Int, bigBusinessStaff: Int) async throws -> Seeded {
        let now = application.configuration.now()
        let sectors = Sector.allCases
        let cities = ["Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Eindhoven", "Groningen", "Maastricht", "Zwolle", "Texel", "Arnhem"]
        let perBusiness = max(1, (employees - bigBusinessStaff) / max(1, businesses - 1))
        let bigID = "biz_bench_big"
        var certificateCode = ""
        var certificateCodes: [String] = []
        certificateCodes.reserveCapacity(businesses)
        let chunk = 500
        for start in stride(from: 0, to: businesses, by: chunk) {
            let range = start..<min(start + chunk, businesses)
            let (code, codes) = try await application.database.write { db -> (String, [String]) in
                var firstCode = ""
                var codes: [String] = []
                for index in range {
                    let id = index == 0 ? bigID : "biz_bench_\(index)"
                    let sector = sectors[index % sectors.count]
                    let staff = index == 0 ? bigBusinessStaff : perBusiness
                    try db.run("""
                        INSERT INTO businesses (id, name, sector, city, kvk, declared_headcount, status, created_at, approved_at)
                        VALUES (?, ?, ?, ?, '12345678', ?, ?, ?, ?)
                        """, id, "Business \(index)", sector.rawValue, cities[index % cities.count], staff,
                        index % 10 == 0 ? "pending" : "approved", now, now)
                    let completed = index % 3 == 0 ? staff / 2 : staff * 2 / 3
                    for person in 0..<staff {
                        let user = "usr_\(index)_\(person)"
                        try db.run("INSERT INTO users (id, role, business_id, name, confirmed, created_at) VALUES (?, 'employee', ?, ?, 1, ?)",
                                   user, id, "Person \(person)", now)
                        if person < completed {
                            try CompletionRecord.insert(db, userID: user, businessID: id, sector: sector.rawValue, courseVersion: 1,
                                                        at: now.addingTimeInterval(-Double(person % 300) * 86_400))
                        }
                    }
                    let valid = completed * 100 >= 60 * staff && index % 10 != 0
                    let code = VerificationCode.make()
                    if valid, firstCode.isEmpty { firstCode = code }
                    codes.append(code)
                    let issued = valid ? now : now.addingTimeInterval(-2 * 365 * 86_400)
                    try db.run("""
                        INSERT INTO certificates (code, business_id, business_name, sector, city, issued_at, expires_at, denominator, completed)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, code, id, "Business \(index)", sector.rawValue, cities[index % cities.count], issued,
                        issued.addingTimeInterval(365 * 86_400), staff, completed)
                }
                return (firstCode, codes)
            }
            if certificateCode.isEmpty { certificateCode = code }
            certificateCodes += codes
        }
        return Seeded(bigBusinessID: bigID, certificateCode: certificateCode, certificateCodes: certificateCodes, businesses: businesses,
                      employees: bigBusinessStaff + perBusiness * (businesses - 1))
    }
}
