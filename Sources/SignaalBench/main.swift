import Foundation

/// `signaal-bench`: benchmark figures for the README, and the durability probe the crash test runs.
let usage = """
    Usage: signaal-bench COMMAND

    Commands:
      storage                   point select, autocommit insert and batched insert: our wrapper vs raw sqlite3 calls
      learning                  quiz submissions/s through HTTP, and GET /api/v1/course vs /health (wrk)
      certification             10,000 businesses / 300,000 staff: progress, admin list, verification vs /health
      write-until-killed FILE   commit rows one by one and print each acknowledged id (for the crash test)
    """

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "storage":
    exit(StorageBenchmark.run())
case "learning":
    exit(LearningBenchmark.run())
case "certification":
    exit(CertificationBenchmark.run())
case "write-until-killed" where arguments.count == 2:
    exit(DurabilityProbe.run(path: arguments[1]))
default:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
