import Foundation
import Storage

/// Commits one row per write through `Database` and prints each id once its commit returned,
/// until it is killed. The crash test then checks that every printed id is in the file.
enum DurabilityProbe {
    static func run(path: String) -> Int32 {
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                let database = try Database(path: path, migrations: [
                    Migration(version: 1, name: "acknowledged", sql: "CREATE TABLE acknowledged (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT"),
                ], readerCount: 1)
                print("ready")
                fflush(nil)
                var id = 0
                while true {
                    id += 1
                    let next = id
                    try await database.write { try $0.run("INSERT INTO acknowledged (id, payload) VALUES (?, ?)", next, String(repeating: "x", count: 200)) }
                    print(next)
                    fflush(nil)
                }
            } catch {
                FileHandle.standardError.write(Data("durability probe: \(error)\n".utf8))
                done.signal()
            }
        }
        done.wait()
        return 1
    }
}
