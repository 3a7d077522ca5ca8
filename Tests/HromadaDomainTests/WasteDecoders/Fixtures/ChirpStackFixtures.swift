import Foundation

/// HTTP-integration bodies shaped like ChirpStack v4 sends them with the JSON
/// marshaler: camelCase proto3 JSON of api/proto/integration/integration.proto,
/// zero values left out, times with a numeric offset.
enum ChirpStackFixtures {
    /// A DF702 alarm (full, fire, tilted) heard by two gateways; a codec is set
    /// in the device profile, so `object` is present.
    static let up = Data(#"""
    {
      "deduplicationId": "3ac7e3c4-4401-4b8d-9386-a5c902f9202d",
      "time": "2024-11-05T07:31:12.672463405+00:00",
      "deviceInfo": {
        "tenantId": "52f14cd4-c6f1-4fbd-8f87-4025e1d49242",
        "tenantName": "Hromada",
        "applicationId": "0d5c6f2e-8b1a-4c3d-9e7f-a1b2c3d4e5f6",
        "applicationName": "waste-bins",
        "deviceProfileId": "f7e6d5c4-b3a2-4918-8776-655443322110",
        "deviceProfileName": "Dingtek DF702 EU868",
        "deviceName": "bin-0042",
        "devEui": "70b3d57ed005a1b2",
        "deviceClassEnabled": "CLASS_A",
        "tags": { "district": "Halytskyi", "street": "Rynok Sq." }
      },
      "devAddr": "01d1b2c3",
      "adr": true,
      "dr": 3,
      "fCnt": 1583,
      "fPort": 3,
      "data": "gAABAhEAtAA8ASMREAYvAIE=",
      "object": {
        "alarmLevel": true,
        "alarmFire": true,
        "alarmFall": true,
        "alarmBattery": false,
        "level": 180.0,
        "temperature": 60.0,
        "angle": -35.0,
        "frameCounter": 1583.0
      },
      "rxInfo": [
        {
          "gatewayId": "b827ebfffe8a11c2",
          "uplinkId": 39144,
          "gwTime": "2024-11-05T07:31:12.627826+00:00",
          "nsTime": "2024-11-05T07:31:12.652918911+00:00",
          "timeSinceGpsEpoch": "1414827090.627s",
          "rssi": -97,
          "snr": 7.25,
          "channel": 4,
          "rfChain": 1,
          "location": { "latitude": 49.8397, "longitude": 24.0297, "altitude": 296.0 },
          "context": "wpTGcw==",
          "metadata": { "region_config_id": "eu868", "region_common_name": "EU868" },
          "crcStatus": "CRC_OK"
        },
        {
          "gatewayId": "7076ffffff019a2b",
          "uplinkId": 51822,
          "nsTime": "2024-11-05T07:31:12.655001127+00:00",
          "rssi": -97,
          "snr": 9.5,
          "channel": 4,
          "location": {},
          "context": "bS3qNQ==",
          "metadata": { "region_config_id": "eu868", "region_common_name": "EU868" },
          "crcStatus": "CRC_OK"
        }
      ],
      "txInfo": {
        "frequency": 867500000,
        "modulation": { "lora": { "bandwidth": 125000, "spreadingFactor": 9, "codeRate": "CR_4_5" } }
      },
      "regionConfigId": "eu868"
    }
    """#.utf8)

    /// First uplink after a join: `fCnt` 0 is left out, and so is `snr` 0 dB.
    static let firstUpAfterJoin = Data(#"""
    {
      "deduplicationId": "9f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
      "time": "2024-11-05T09:02:41.301900Z",
      "deviceInfo": {
        "tenantId": "52f14cd4-c6f1-4fbd-8f87-4025e1d49242",
        "tenantName": "Hromada",
        "applicationId": "0d5c6f2e-8b1a-4c3d-9e7f-a1b2c3d4e5f6",
        "applicationName": "waste-bins",
        "deviceProfileId": "f7e6d5c4-b3a2-4918-8776-655443322110",
        "deviceProfileName": "Dingtek DF702 EU868",
        "deviceName": "bin-0043",
        "devEui": "70b3d57ed005a1b3",
        "deviceClassEnabled": "CLASS_A"
      },
      "devAddr": "01d1b344",
      "adr": true,
      "fPort": 3,
      "data": "gAABAREH0AAZAAAAAAAAAIE=",
      "rxInfo": [
        {
          "gatewayId": "7076ffffff019a2b",
          "uplinkId": 11,
          "nsTime": "2024-11-05T09:02:41.262103+00:00",
          "rssi": -118,
          "channel": 1,
          "context": "bS3rAA==",
          "metadata": { "region_config_id": "eu868", "region_common_name": "EU868" },
          "crcStatus": "CRC_OK"
        }
      ],
      "txInfo": {
        "frequency": 868100000,
        "modulation": { "lora": { "bandwidth": 125000, "spreadingFactor": 12, "codeRate": "CR_4_5" } }
      },
      "regionConfigId": "eu868"
    }
    """#.utf8)

    static let join = Data(#"""
    {
      "deduplicationId": "c9dd3c6e-51a3-4e0e-9b1c-52f0a8f3b711",
      "time": "2024-11-05T09:02:41.301900Z",
      "deviceInfo": {
        "tenantId": "52f14cd4-c6f1-4fbd-8f87-4025e1d49242",
        "tenantName": "Hromada",
        "applicationId": "0d5c6f2e-8b1a-4c3d-9e7f-a1b2c3d4e5f6",
        "applicationName": "waste-bins",
        "deviceProfileId": "f7e6d5c4-b3a2-4918-8776-655443322110",
        "deviceProfileName": "Dingtek DF702 EU868",
        "deviceName": "bin-0043",
        "devEui": "70b3d57ed005a1b3",
        "deviceClassEnabled": "CLASS_A"
      },
      "devAddr": "01d1b344",
      "regionConfigId": "eu868"
    }
    """#.utf8)

    static let status = Data(#"""
    {
      "deduplicationId": "5e0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
      "time": "2024-11-05T10:00:03.118212+00:00",
      "deviceInfo": {
        "tenantId": "52f14cd4-c6f1-4fbd-8f87-4025e1d49242",
        "tenantName": "Hromada",
        "applicationId": "0d5c6f2e-8b1a-4c3d-9e7f-a1b2c3d4e5f6",
        "applicationName": "waste-bins",
        "deviceProfileId": "f7e6d5c4-b3a2-4918-8776-655443322110",
        "deviceProfileName": "Dingtek DF702 EU868",
        "deviceName": "bin-0042",
        "devEui": "70b3d57ed005a1b2"
      },
      "margin": 9,
      "batteryLevel": 88.18898
    }
    """#.utf8)

    static let log = Data(#"""
    {
      "time": "2024-11-05T10:04:51.004417+00:00",
      "deviceInfo": {
        "tenantId": "52f14cd4-c6f1-4fbd-8f87-4025e1d49242",
        "tenantName": "Hromada",
        "applicationId": "0d5c6f2e-8b1a-4c3d-9e7f-a1b2c3d4e5f6",
        "applicationName": "waste-bins",
        "deviceProfileId": "f7e6d5c4-b3a2-4918-8776-655443322110",
        "deviceProfileName": "Dingtek DF702 EU868",
        "deviceName": "bin-0042",
        "devEui": "70b3d57ed005a1b2"
      },
      "level": "ERROR",
      "code": "UPLINK_CODEC",
      "description": "TypeError: Cannot read properties of undefined (reading '5')",
      "context": { "deduplication_id": "3ac7e3c4-4401-4b8d-9386-a5c902f9202d" }
    }
    """#.utf8)

    static let txAck = Data(#"""
    {
      "downlinkId": 1983461224,
      "time": "2024-11-05T10:06:12.33641+00:00",
      "deviceInfo": {
        "tenantId": "52f14cd4-c6f1-4fbd-8f87-4025e1d49242",
        "tenantName": "Hromada",
        "applicationId": "0d5c6f2e-8b1a-4c3d-9e7f-a1b2c3d4e5f6",
        "applicationName": "waste-bins",
        "deviceProfileId": "f7e6d5c4-b3a2-4918-8776-655443322110",
        "deviceProfileName": "Dingtek DF702 EU868",
        "deviceName": "bin-0042",
        "devEui": "70b3d57ed005a1b2"
      },
      "queueItemId": "8a1d6a37-6c8e-4b0d-a1e7-9e2f4c11d0aa",
      "fCntDown": 12,
      "gatewayId": "b827ebfffe8a11c2",
      "txInfo": {
        "frequency": 869525000,
        "power": 27,
        "modulation": { "lora": { "bandwidth": 125000, "spreadingFactor": 9, "codeRate": "CR_4_5", "polarizationInversion": true } },
        "timing": { "delay": { "delay": "1s" } },
        "context": "wpTGcw=="
      }
    }
    """#.utf8)
}
