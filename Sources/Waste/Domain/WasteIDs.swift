import HromadaDomain

/// A place where containers stand (майданчик для контейнерів).
public struct CollectionSiteID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// One container (контейнер), underground or on the surface.
public struct ContainerID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A fill-level sensor, bound to at most one container at a time.
public struct SensorID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A depot where trucks start and end, or a transfer station where they unload.
public struct FacilityID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct TruckID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// One alert: a rule that fired for a container.
public struct WasteAlertID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// One day's collection plan.
public struct CollectionPlanID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// One stop of a day's plan: a container, on a truck's route.
public struct PlanStopID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}
