import CSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child program started with `posix_spawn`, its standard output and error read through pipes.
///
/// Tests use this instead of Foundation's `Process`, which on Linux can close a descriptor twice
/// under concurrency; in a test process that also runs servers and clients, the second close hits
/// whatever socket reused that number. Every descriptor here is closed exactly once, and the child
/// is always reaped. Use one instance from one thread at a time.
public final class ChildProcess: @unchecked Sendable {
    /// How a child ended and what it printed.
    public struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that ended it, or -1 when it could not be collected.
        public let status: Int32
        public let output: String
        public let error: String
    }

    /// Why a child could not be started.
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
        defer { for fd in [outputPipe[1], errorPipe[1]] where fd >= 0 { close(fd) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var prepared = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let logFile {
            prepared |= posix_spawn_file_actions_addopen(&actions, 1, logFile, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            prepared |= posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            prepared |= posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
            prepared |= posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        }
        if let directory { prepared |= posix_spawn_file_actions_addchdir_np(&actions, directory) }
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
        prepared |= posix_spawnattr_setsigmask(&attributes, &noSignals)
        prepared |= posix_spawnattr_setsigdefault(&attributes, &defaults)
        prepared |= posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let closeReadEnds = { for fd in [outputPipe[0], errorPipe[0]] where fd >= 0 { close(fd) } }
        guard prepared == 0 else {
            closeReadEnds()
            throw Failure(description: "cannot prepare \(executable)")
        }
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var spawned: pid_t = 0
        let result = posix_spawn(&spawned, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            closeReadEnds()
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
            reap(blocking: true)
        }
    }

    /// Runs a program to its end and returns what it printed.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           directory: String? = nil) throws -> Outcome {
        try ChildProcess(executable, arguments, environment: environment, directory: directory).finish()
    }

    /// Reads standard output and error until `enough` holds for the output so far, both streams
    /// end, or `timeout` seconds pass. Returns the output read so far.
    @discardableResult
    public func read(until enough: (String) -> Bool, timeout: Double = 60) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while !enough(String(decoding: output, as: UTF8.self)), outputFD >= 0 || errorFD >= 0, Date() < deadline {
            readAvailable(waitingMilliseconds: 100)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether the child has exited (it is then reaped).
    public var hasEnded: Bool { reap(blocking: false) != nil }

    /// Sends `number` to the child if it still runs.
    public func signal(_ number: Int32) {
        if status == nil { kill(pid, number) }
    }

    /// Asks the child to stop with SIGTERM, reading its output meanwhile, and kills it if it has not
    /// ended after `grace` seconds.
    public func stop(grace: Double = 10) {
        guard status == nil else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while reap(blocking: false) == nil {
            if Date() > deadline {
                kill(pid, SIGKILL)
                reap(blocking: true)
                return
            }
            readAvailable(waitingMilliseconds: 20)
        }
    }

    /// Reads both streams to their end, waits for the child and returns how it ended.
    public func finish() -> Outcome {
        while outputFD >= 0 || errorFD >= 0 { readAvailable(waitingMilliseconds: -1) }
        let ended = status ?? reap(blocking: true) ?? -1
        return Outcome(status: ended, output: String(decoding: output, as: UTF8.self), error: String(decoding: error, as: UTF8.self))
    }

    /// Collects the child's exit once, retrying on EINTR; nil while it still runs (not blocking).
    @discardableResult
    private func reap(blocking: Bool) -> Int32? {
        if let status { return status }
        var raw: Int32 = 0
        while true {
            let result = waitpid(pid, &raw, blocking ? 0 : WNOHANG)
            if result == pid { break }
            if result == 0 { return nil }
            if errno == EINTR { continue }
            status = -1  // ECHILD: nothing left to collect.
            return status
        }
        let signalled = raw & 0x7f
        status = signalled == 0 ? (raw >> 8) & 0xff : 128 + signalled
        return status
    }

    /// Waits up to `waitingMilliseconds` (-1: without limit) for either stream and appends what
    /// arrived; a stream that ends is closed once.
    private func readAvailable(waitingMilliseconds: Int32) {
        var watched = [outputFD, errorFD].filter { $0 >= 0 }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard !watched.isEmpty else { return }
        guard poll(&watched, nfds_t(watched.count), waitingMilliseconds) > 0 else { return }
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
