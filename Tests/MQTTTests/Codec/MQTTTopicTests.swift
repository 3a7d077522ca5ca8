import MQTT
import Testing

@Suite("Topic names and filters (§4.7)")
struct MQTTTopicTests {
    @Test(arguments: ["application/1/device/abc/event/up", "/", "громада/сміття", "a//b"])
    func ordinaryTopicsAreValidNames(topic: String) {
        #expect(MQTTTopic.isValidName(topic))
    }

    @Test(arguments: ["", "a/+/b", "a/#", "nul\u{0}"])
    func emptyOrWildcardTopicsAreNotNames(topic: String) {
        #expect(!MQTTTopic.isValidName(topic))
    }

    @Test(arguments: ["application/+/device/+/event/up", "#", "+", "a/#", "+/+", "/+", "a/b"])
    func wildcardsFillingWholeLevelsAreValidFilters(filter: String) {
        #expect(MQTTTopic.isValidFilter(filter))
    }

    @Test(arguments: ["", "a/#/b", "a#", "a/b#", "a+", "a/+b", "##"])
    func wildcardsInsideALevelAreNotFilters(filter: String) {
        #expect(!MQTTTopic.isValidFilter(filter))
    }
}
