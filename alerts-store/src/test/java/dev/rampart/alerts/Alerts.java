package dev.rampart.alerts;

import java.nio.charset.StandardCharsets;

/** Test alerts. */
final class Alerts {
    private Alerts() {
    }

    static AlertRecord sample(AlertRecord a, long id, long sid, long tsNanos) {
        a.clear();
        a.alertId = id;
        a.timestampNanos = tsNanos;
        a.flowId = 1000 + id;
        a.pcapCnt = id * 3;
        a.srcV4(0x0A000001 + (int) (id % 5)).dstV4(0xC0A80101);
        a.srcPort = 40000 + (int) id % 1000;
        a.dstPort = 80;
        a.proto = 6;
        AlertRecord.set(a.appProto, "http");
        a.direction = AlertRecord.DIR_TO_SERVER;
        a.sid = sid;
        a.rev = 2;
        AlertRecord.set(a.msg, "ET MALWARE test \"quoted\" é \uD83D\uDE00 " + sid);
        AlertRecord.set(a.classtype, "trojan-activity");
        AlertRecord.set(a.category, "A Network Trojan was detected");
        a.severity = 1;
        AlertRecord.set(a.metadata, "signature_severity Major, attack_target Client_Endpoint");
        return a;
    }

    /** {@code a} with EVE fields as an engine alert has them (no line kept). */
    static AlertRecord withEveFields(AlertRecord a) {
        a.eveFields = true;
        a.txId = 0;
        byte[] http = "\"http\":{\"hostname\":\"example.com\",\"url\":\"/x\"}".getBytes(StandardCharsets.US_ASCII);
        a.appLayer(http, 0, http.length);
        a.pktsToServer = 3;
        a.pktsToClient = 2;
        a.bytesToServer = 400;
        a.bytesToClient = 300;
        a.flowStartNanos = a.timestampNanos - 1_500_000_000L;
        a.ruleEve(("\"gid\":1,\"signature_id\":" + a.sid + ",\"rev\":2,\"signature\":\"ET x\",\"category\":\"c\",\"severity\":1")
                .getBytes(StandardCharsets.UTF_8), ",\"metadata\":{\"k\":[\"v\"]}".getBytes(StandardCharsets.UTF_8),
                AlertRecord.TARGET_NONE);
        return a;
    }
}
