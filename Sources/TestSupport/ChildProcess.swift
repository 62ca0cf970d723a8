import CSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child program started with `posix_spawn`, its standard output and error read through pipes.
///
/// Tests use this instead of Foundation's `Process`, which on Linux can close a descriptor twice
/// under concurrency; in a test process that also runs servers and clients, the second close hits
/// whatever socket reused that number. Every descriptor here is closed exactly once, by `finish`.
public final class ChildProcess: @unchecked Sendable {
    /// How a child ended: its exit status, or 128 + the signal that stopped it.
    public struct Outcome: Sendable {
        public let status: Int32
        public let output: String
        public let error: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public let pid: pid_t
    private var outputFD: Int32
    private var errorFD: Int32
    private var output: [UInt8] = []
    private var error: [UInt8] = []
    private var status: Int32?

    /// Starts `executable` with `arguments`. `environment` entries are added to this process's own;
    /// when `logFile` is given, both output streams go to that file instead of pipes.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                directory: String? = nil, logFile: String? = nil) throws {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        if logFile == nil {
            guard pipe2(&outputPipe, O_CLOEXEC) == 0 else { throw Failure(description: "pipe: errno \(errno)") }
            guard pipe2(&errorPipe, O_CLOEXEC) == 0 else {
                close(outputPipe[0]); close(outputPipe[1])
                throw Failure(description: "pipe: errno \(errno)")
            }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let logFile {
            posix_spawn_file_actions_addopen(&actions, 1, logFile, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        }
        if let directory { posix_spawn_file_actions_addchdir_np(&actions, directory) }
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        // The child starts with no blocked signals and default handlers, whatever this process set
        // (servers ignore SIGPIPE; a signal-waiting thread blocks SIGTERM).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var spawned: pid_t = 0
        let result = posix_spawn(&spawned, executable, &actions, &attributes, argv, envp)
        for fd in [outputPipe[1], errorPipe[1]] where fd >= 0 { close(fd) }
        guard result == 0 else {
            for fd in [outputPipe[0], errorPipe[0]] where fd >= 0 { close(fd) }
            throw Failure(description: "cannot start \(executable): errno \(result)")
        }
        pid = spawned
        outputFD = outputPipe[0]
        errorFD = errorPipe[0]
    }

    deinit {
        for fd in [outputFD, errorFD] where fd >= 0 { close(fd) }
        if status == nil {
            kill(pid, SIGKILL)
            var raw: Int32 = 0
            waitpid(pid, &raw, 0)
        }
    }

    /// Runs a program to its end and returns what it printed.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           directory: String? = nil) throws -> Outcome {
        try ChildProcess(executable, arguments, environment: environment, directory: directory).finish()
    }

    /// Reads standard output and error until `enough` holds for the output so far, or both end.
    /// Returns the output read so far.
    @discardableResult
    public func read(until enough: (String) -> Bool) -> String {
        while !enough(String(decoding: output, as: UTF8.self)), outputFD >= 0 || errorFD >= 0 {
            readAvailable()
        }
        return String(decoding: output, as: UTF8.self)
    }

    public func signal(_ number: Int32) {
        if status == nil { kill(pid, number) }
    }

    /// Asks the child to stop with SIGTERM, and kills it if it has not ended after `grace` seconds.
    public func stop(grace: Double = 5) {
        guard status == nil else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        var raw: Int32 = 0
        while waitpid(pid, &raw, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &raw, 0)
                break
            }
            usleep(20_000)
        }
        status = Self.status(raw)
    }

    private static func status(_ raw: Int32) -> Int32 {
        let signalled = raw & 0x7f
        return signalled == 0 ? (raw >> 8) & 0xff : 128 + signalled
    }

    /// Reads both streams to their end, waits for the child and returns how it ended.
    public func finish() -> Outcome {
        while outputFD >= 0 || errorFD >= 0 { readAvailable() }
        if status == nil {
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0, errno == EINTR {}
            status = Self.status(raw)
        }
        return Outcome(status: status ?? -1, output: String(decoding: output, as: UTF8.self),
                       error: String(decoding: error, as: UTF8.self))
    }

    /// Waits for either stream to have data and appends it; a stream that ends is closed once.
    private func readAvailable() {
        var watched = [outputFD, errorFD].filter { $0 >= 0 }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard !watched.isEmpty else { return }
        let ready = poll(&watched, nfds_t(watched.count), -1)
        guard ready > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 65536)
        for entry in watched where entry.revents != 0 {
            let count = Glibc.read(entry.fd, &chunk, chunk.count)
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            if count > 0 {
                if entry.fd == outputFD { output += chunk[..<count] } else { error += chunk[..<count] }
                continue
            }
            close(entry.fd)
            if entry.fd == outputFD { outputFD = -1 } else { errorFD = -1 }
        }
    }
}
