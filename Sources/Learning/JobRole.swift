/// The job a person does at their business; it picks the role module of their course.
public enum JobRole: String, Sendable, Codable, CaseIterable, Hashable {
    case reception
    case housekeeping
    /// Maintenance and technical staff.
    case maintenance
    /// Bar and restaurant.
    case bar
    /// Security and night shift.
    case security
    case management
    /// Taxi driver.
    case driver
    /// Taxi dispatcher (call centre).
    case dispatcher
}

extension Catalog {
    /// The roles a sector's course has a role module for, in `JobRole` order.
    public func roles(for sector: Sector) -> [JobRole] {
        let offered = Set(modules(for: sector).filter { $0.kind == .role }.flatMap(\.roles))
        return JobRole.allCases.filter { offered.contains($0.rawValue) }
    }

    /// A person's path through the sector's course: every core and sector module, and the role module of
    /// their role (none while the role is not known yet), in course order.
    public func path(for sector: Sector, role: JobRole?) -> [Module] {
        modules(for: sector).filter { module in
            module.kind != .role || (role.map { module.roles.isEmpty || module.roles.contains($0.rawValue) } ?? false)
        }
    }

    /// Whether the person still has to say which job they do before their course is known.
    public func needsRole(for sector: Sector, role: JobRole?) -> Bool {
        guard let role else { return !roles(for: sector).isEmpty }
        return !roles(for: sector).isEmpty && !roles(for: sector).contains(role)
    }
}
