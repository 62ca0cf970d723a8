import Foundation
import Threads

// First, before any thread exists: SIGTERM and SIGINT stay pending for `SignalWaiter`.
// (This file has no top-level `await`, so no runtime threads are started before this line.)
SignalWaiter.blockTerminationSignals()

let usage = """
    Usage: signaal COMMAND [options]

    Commands:
      serve          start the server (signaal serve --help)
      migrate        create or update the database schema
      backup FILE    write a consistent copy of the database
      admin create   create an admin account (password from standard input)
      modules check  validate the course content (file:line: message per problem)
      audit verify   check the audit log's hash chain
      tasks run      run the daily upkeep now (for cron; never at the same time as the server's own)

    Every command takes --help.

    Exit codes: 0 ok, 1 failure, 2 usage error.
    """

/// Runs an async command from synchronous `main`, blocking only the main thread.
func runCommand(_ command: @escaping @Sendable () async -> Int32) -> Int32 {
    let done = DispatchSemaphore(value: 0)
    let result = ResultBox()
    Task {
        result.status = await command()
        done.signal()
    }
    done.wait()
    return result.status
}

/// Carries the exit status from the command's task to the main thread (the semaphore orders the accesses).
final class ResultBox: @unchecked Sendable {
    var status: Int32 = 0
}

let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
switch arguments.first {
case "serve":
    status = runCommand { await ServeCommand.run(Array(arguments.dropFirst())) }
case "migrate":
    status = runCommand { await OperatorCommands.migrate(Array(arguments.dropFirst())) }
case "backup":
    status = runCommand { await OperatorCommands.backup(Array(arguments.dropFirst())) }
case "admin":
    status = runCommand { await OperatorCommands.admin(Array(arguments.dropFirst())) }
case "audit":
    status = runCommand { await OperatorCommands.audit(Array(arguments.dropFirst())) }
case "modules":
    status = runCommand { await ModulesCommand.run(Array(arguments.dropFirst())) }
case "tasks":
    status = runCommand { await TasksCommand.run(Array(arguments.dropFirst())) }
case "--help", "-h", "help":
    print(usage)
    status = 0
case let other:
    printError(other.map { "signaal: unknown command '\($0)'\n\n\(usage)" } ?? usage)
    status = 2
}
exit(status)
