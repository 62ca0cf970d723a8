import Foundation

/// `signaal-bench`: benchmark figures for the README, and the durability probe the crash test runs.
let usage = """
    Usage: signaal-bench COMMAND

    Commands:
      storage                   point select, autocommit insert and batched insert: our wrapper vs raw sqlite3 calls
      learning                  quiz submissions/s through HTTP, and GET /api/v1/course vs /health (wrk)
      certification             10,000 businesses / 300,000 staff: progress, admin list, verification vs /health
      documents                 certificate PDF and window sticker with Polish, Romanian, Turkish and Cyrillic names
      idle-connections PID PORT [COUNT]
                                hold COUNT (default 1,000) idle keep-alive connections to a running server; print its memory
      soak PID PORT [SECONDS]   64 ordinary clients against 200 hostile ones (pipelining without reading, slow bodies,
                                slow heads) on a running server: ordinary latency and the server's peak memory
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
case "documents":
    exit(DocumentsBenchmark.run())
case "idle-connections" where arguments.count >= 3:
    guard let pid = Int(arguments[1]), let port = Int(arguments[2]), let count = Int(arguments.count > 3 ? arguments[3] : "1000") else {
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
    exit(IdleConnectionsBenchmark.run(pid: pid, port: port, count: count))
case "soak" where arguments.count >= 3:
    guard let pid = Int(arguments[1]), let port = Int(arguments[2]), let seconds = Double(arguments.count > 3 ? arguments[3] : "30") else {
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
    exit(SoakBenchmark.run(pid: pid, port: port, seconds: seconds))
case "write-until-killed" where arguments.count == 2:
    exit(DurabilityProbe.run(path: arguments[1]))
default:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
