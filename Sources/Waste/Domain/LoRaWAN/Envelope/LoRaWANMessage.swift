/// What a network server posted to the webhook.
public enum LoRaWANMessage: Sendable, Equatable {
    /// A data uplink from a device.
    case uplink(LoRaWANUplink)
    /// A valid message that is not an uplink (join, downlink acknowledgement,
    /// status, log, location...). The caller answers 200 and ignores it, so the
    /// server does not retry or disable the webhook. `kind` is the server's own
    /// name for it: the TTS field name or the ChirpStack event.
    case other(kind: String)
}
