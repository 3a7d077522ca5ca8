import Foundation

/// Webhook bodies shaped like The Things Stack v3 sends them: snake_case,
/// proto3 JSON with zero values left out, nanosecond times, and the many fields
/// the parser ignores. Based on the "Data Formats" page of the TTS docs and
/// api/ttn/lorawan/v3/messages.proto and metadata.proto.
enum TheThingsStackFixtures {
    /// A DF702 heartbeat (the vendor's first example) heard by a town-hall
    /// gateway and, through Packet Broker, by a weaker one. A device-repository
    /// formatter ran, so `decoded_payload` holds the vendor's strings.
    static let uplink = Data(#"""
    {
      "end_device_ids": {
        "device_id": "df702-bin-0042",
        "application_ids": { "application_id": "hromada-waste" },
        "dev_eui": "70B3D57ED005A1B2",
        "join_eui": "0000000000000000",
        "dev_addr": "260B1C2D"
      },
      "correlation_ids": [
        "as:up:01JC2W4Q0PZ4N7D6G3RQ8V5T2M",
        "gs:conn:01JC2TZ3YB6X8M1Q0S5K7C9D4E",
        "gs:up:host:01JC2TZ3YJ5R2V7W9A0B3C4D6F",
        "gs:uplink:01JC2W4PZ8Q1R4S7T0V3W6X9Y2",
        "ns:uplink:01JC2W4PZAB2C5D8E1F4G7H0J3",
        "rpc:/ttn.lorawan.v3.GsNs/HandleUplink:01JC2W4PZA1K4M7N0P3Q6R9S2T",
        "rpc:/ttn.lorawan.v3.NsAs/HandleUplink:01JC2W4Q0N5P8Q1R4S7T0V3W6X"
      ],
      "received_at": "2024-11-05T07:31:12.884103121Z",
      "uplink_message": {
        "session_key_id": "AZLm0m9Hcm3xKp1y6Jq8Bw==",
        "f_port": 3,
        "f_cnt": 1587,
        "frm_payload": "gAABAREH0AAZAAAAAAAAAIE=",
        "decoded_payload": {
          "angle": "0 °",
          "battery": false,
          "fire": false,
          "full": false,
          "level": "2000 mm",
          "temperature": "25 ℃",
          "tilt": false
        },
        "rx_metadata": [
          {
            "gateway_ids": { "gateway_id": "packetbroker" },
            "packet_broker": {
              "message_id": "01JC2W4PYR6S9T2V5W8X1Y4Z7A",
              "forwarder_net_id": "000013",
              "forwarder_tenant_id": "ttn",
              "forwarder_cluster_id": "eu1.cloud.thethings.network",
              "forwarder_gateway_eui": "A840411F2A3C4150",
              "forwarder_gateway_id": "eui-a840411f2a3c4150",
              "home_network_net_id": "000013",
              "home_network_tenant_id": "ttn",
              "home_network_cluster_id": "eu1.cloud.thethings.network"
            },
            "time": "2024-11-05T07:31:12.627826Z",
            "rssi": -112,
            "channel_rssi": -112,
            "snr": -4.5,
            "frequency_offset": "-2461",
            "location": { "latitude": 49.8412, "longitude": 24.0316, "altitude": 301 },
            "uplink_token": "eyJnIjoiWlhsS2FHSkhZMmxQYVVwQ1RWUkpORkl3VGs1VE1XTnBURU5LYkdKdFRXbFBhVXBDVFZSSk5GSXdUazFKYVhkcFlWaFphVTlwU2pWaE1VNTJZekJhVWxwRlVsaE9NVmt5VkcxbmNFUTJiR05sV0VWcFRFTktNRmxYWTJsUGFVcFFZMVpLUTFWSFpHNU9WMDVTV2tWU01VMVdTbGRVVlUxNFdVTktPUzV4TVc5SmRHdEdVVVZJVFdOMFNIZzVSVzEyVW10Qkxuc3hOR0pUVlVaSWVGVTRVemRYWWpNMGRESmxNRzV4V21keVJrdzBPVEl6V2pOdU9FcG1aVmRYZUhaVlJsVnhOR0U1Y2pSb1NXWk5lbVJhVkRGNllpNTJUbFpHYWtsUVRIZHVMWEJSUmpsbVkzWjZPV3BCIiwiYSI6eyJmbmlkIjoiMDAwMDEzIiwiZnRpZCI6InR0biIsImZjaWQiOiJldTEuY2xvdWQudGhldGhpbmdzLm5ldHdvcmsifX0=",
            "received_at": "2024-11-05T07:31:12.661537893Z"
          },
          {
            "gateway_ids": { "gateway_id": "hromada-gw-town-hall", "eui": "B827EBFFFE8A11C2" },
            "time": "2024-11-05T07:31:12.627826Z",
            "timestamp": 3264115651,
            "rssi": -97,
            "channel_rssi": -97,
            "snr": 7.25,
            "location": { "latitude": 49.8397, "longitude": 24.0297, "altitude": 296, "source": "SOURCE_REGISTRY" },
            "uplink_token": "CiIKIAoUaHJvbWFkYS1ndy10b3duLWhhbGwSCLgn6//+ihHCEMOf0ZUMGgwIoOmmuQYQ7M/LygIgmNmxqoTyBQ==",
            "channel_index": 4,
            "gps_time": "2024-11-05T07:31:12.627826Z",
            "received_at": "2024-11-05T07:31:12.652918911Z"
          }
        ],
        "settings": {
          "data_rate": { "lora": { "bandwidth": 125000, "spreading_factor": 9, "coding_rate": "4/5" } },
          "frequency": "867500000",
          "timestamp": 3264115651,
          "time": "2024-11-05T07:31:12.627826Z"
        },
        "received_at": "2024-11-05T07:31:12.672463405Z",
        "consumed_airtime": "0.205824s",
        "locations": {
          "user": { "latitude": 49.8399, "longitude": 24.0301, "altitude": 290, "source": "SOURCE_REGISTRY" }
        },
        "version_ids": {
          "brand_id": "dingtek",
          "model_id": "df702",
          "hardware_version": "1.3",
          "firmware_version": "1.0",
          "band_id": "EU_863_870"
        },
        "network_ids": {
          "net_id": "000013",
          "ns_id": "EC656E0000000181",
          "tenant_id": "ttn",
          "cluster_id": "eu1",
          "cluster_address": "eu1.cloud.thethings.network"
        },
        "last_battery_percentage": { "f_cnt": 1560, "value": 92.5, "received_at": "2024-11-04T19:31:09.113251687Z" }
      }
    }
    """#.utf8)

    /// The first uplink after a join: FCnt is 0, so proto3 JSON leaves `f_cnt`
    /// out. The only gateway measured an SNR of exactly 0 dB, also left out.
    static let firstUplinkAfterJoin = Data(#"""
    {
      "end_device_ids": {
        "device_id": "df702-bin-0043",
        "application_ids": { "application_id": "hromada-waste" },
        "dev_eui": "70b3d57ed005a1b3",
        "join_eui": "0000000000000000",
        "dev_addr": "260B44F1"
      },
      "correlation_ids": ["as:up:01JC3A0B1C2D3E4F5G6H7J8K9M", "ns:uplink:01JC3A0B0Z1Y2X3W4V5T6S7R8Q"],
      "received_at": "2024-11-05T09:02:41.50721Z",
      "uplink_message": {
        "session_key_id": "AZLnR1x8mQ2v9c0T4kLw3A==",
        "f_port": 3,
        "frm_payload": "gAABAhEAtAA8ASMREAYvAIE=",
        "rx_metadata": [
          {
            "gateway_ids": { "gateway_id": "hromada-gw-school-7", "eui": "7076FFFFFF019A2B" },
            "time": "2024-11-05T09:02:41.23Z",
            "timestamp": 1822374211,
            "rssi": -118,
            "channel_rssi": -118,
            "uplink_token": "Ch8KHQoTaHJvbWFkYS1ndy1zY2hvb2wtNxIIcHb///8BmisQw/CmpgYaDAjB7am5BhCgj+5t",
            "channel_index": 1,
            "received_at": "2024-11-05T09:02:41.262103Z"
          }
        ],
        "settings": {
          "data_rate": { "lora": { "bandwidth": 125000, "spreading_factor": 12, "coding_rate": "4/5" } },
          "frequency": "868100000",
          "timestamp": 1822374211
        },
        "received_at": "2024-11-05T09:02:41.3019Z",
        "consumed_airtime": "1.482752s",
        "network_ids": { "net_id": "000013", "tenant_id": "ttn", "cluster_id": "eu1" }
      }
    }
    """#.utf8)

    /// From the TTS "Data Formats" page.
    static let joinAccept = Data(#"""
    {
      "end_device_ids": {
        "device_id": "dev1",
        "application_ids": { "application_id": "app1" },
        "dev_eui": "0004A30B001C0530",
        "join_eui": "800000000000000C",
        "dev_addr": "01497ECC"
      },
      "correlation_ids": ["as:up:01E191YN5F2HMBQCBCVRF731VY", "ns:uplink:01E191YMZ2J64K6FEW5F0WE7TQ"],
      "received_at": "2020-02-17T07:49:09.935284891Z",
      "join_accept": {
        "session_key_id": "AXBSH1Pk6Z0G166RlH16CQ==",
        "received_at": "2020-02-17T07:49:09.736532315Z"
      }
    }
    """#.utf8)

    /// From the TTS "Data Formats" page.
    static let downlinkAck = Data(#"""
    {
      "end_device_ids": {
        "device_id": "dev1",
        "application_ids": { "application_id": "app1" },
        "dev_eui": "0004A30B001C0530",
        "join_eui": "800000000000000C",
        "dev_addr": "00C30DFA"
      },
      "correlation_ids": ["as:downlink:01E19B99501X84X6CV471TVSZ1"],
      "received_at": "2020-02-17T10:32:24.590413417Z",
      "downlink_ack": {
        "session_key_id": "AXBSp8v2brG0jqkri+sIkw==",
        "f_port": 15,
        "f_cnt": 1,
        "frm_payload": "vu8=",
        "confirmed": true,
        "priority": "NORMAL",
        "correlation_ids": ["as:downlink:01E19B99501X84X6CV471TVSZ1"]
      }
    }
    """#.utf8)

    /// From the TTS "Data Formats" page; this one has no `received_at`.
    static let downlinkFailed = Data(#"""
    {
      "end_device_ids": { "device_id": "dev1", "application_ids": { "application_id": "app1" } },
      "correlation_ids": ["as:downlink:01E19Z5W3BZBG7CXSJE9C0A3CE"],
      "downlink_failed": {
        "downlink": {
          "f_port": 15,
          "frm_payload": "vu8=",
          "confirmed": true,
          "priority": "NORMAL",
          "correlation_ids": ["as:downlink:01E19Z5W3BZBG7CXSJE9C0A3CE"]
        },
        "error": {
          "namespace": "pkg/networkserver",
          "name": "application_downlink_too_long",
          "message_format": "application downlink payload is too long",
          "correlation_id": "2e7f786912e946e597894e381d0ad7b0",
          "code": 3
        }
      }
    }
    """#.utf8)

    static let locationSolved = Data(#"""
    {
      "end_device_ids": {
        "device_id": "df702-bin-0042",
        "application_ids": { "application_id": "hromada-waste" },
        "dev_eui": "70B3D57ED005A1B2"
      },
      "correlation_ids": ["as:up:01JC2W4Q0PZ4N7D6G3RQ8V5T2M"],
      "received_at": "2024-11-05T07:31:13.01Z",
      "location_solved": {
        "service": "frm-payload",
        "location": { "latitude": 49.8399, "longitude": 24.0301, "accuracy": 12, "source": "SOURCE_GPS" }
      }
    }
    """#.utf8)

    static let serviceData = Data(#"""
    {
      "end_device_ids": {
        "device_id": "df702-bin-0042",
        "application_ids": { "application_id": "hromada-waste" },
        "dev_eui": "70B3D57ED005A1B2"
      },
      "correlation_ids": ["as:packages:loraclouddmsv1:01JC2W4R5S6T7V8W9X0Y1Z2A3B"],
      "received_at": "2024-11-05T07:31:13.2Z",
      "service_data": { "service": "lora-cloud-device-management-v1-clock-sync", "data": { "ok": true } }
    }
    """#.utf8)
}
