import Foundation

/// Calendar months as the businesses live them, in the Netherlands' time zone ("reminded this month").
enum CalendarMonth {
    /// Midnight on the first of the month that `date` falls in.
    static func start(of date: Date) -> Date {
        var start = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/Amsterdam")!, from: date)
        start.day = 1
        start.hour = 0
        start.minute = 0
        start.second = 0
        start.nanosecond = 0
        return start.date ?? date
    }
}
