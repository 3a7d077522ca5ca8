/// How a reading came in: the device API, a network server's webhook, or the MQTT broker.
public enum ReadingDoor: String, Sendable, Codable, CaseIterable {
    case api, ttn, chirpstack, mqtt
}
