/// ChirpStack v4's MQTT integration topic of an uplink:
/// `application/{application id}/device/{DevEUI}/event/up`.
public struct ChirpStackTopic: Sendable, Equatable {
    public let application: String
    public let devEUI: String

    /// The filter that takes every application's uplinks.
    public static let uplinks = "application/+/device/+/event/up"

    /// The topic's parts, or nil for any other topic (another event, another shape).
    public init?(_ topic: String) {
        let parts = topic.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "application", parts[2] == "device", parts[4] == "event", parts[5] == "up",
              !parts[1].isEmpty, parts[1].utf8.count <= 64, parts[3].utf8.count == 16
        else { return nil }
        application = parts[1].lowercased()
        devEUI = parts[3].uppercased()
    }
}
