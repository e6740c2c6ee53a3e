package dev.rampart.perf.gen;

import dev.rampart.capture.synth.Dns;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A UDP DNS query from a client to a public resolver and the resolver's answer. */
final class DnsExchange implements Conversation {
    private final Peer client;
    private final int clientPort;
    private final Peer resolver;
    private final byte[] query;
    private final byte[] response;
    private final int clientIpId;
    private final int resolverIpId;
    private boolean answered;

    DnsExchange(SplittableRandom rng, Peer client, int clientPort, Peer resolver, String name) {
        this.client = client;
        this.clientPort = clientPort;
        this.resolver = resolver;
        int id = rng.nextInt(0x10000);
        int qtype = rng.nextInt(3) == 0 ? Dns.TYPE_AAAA : Dns.TYPE_A;
        this.query = Dns.query(id, name, qtype);
        List<Dns.Answer> answers = new ArrayList<>();
        boolean nx = name.startsWith("nx-");
        if (!nx) {
            int n = 1 + rng.nextInt(4);
            for (int i = 0; i < n; i++) {
                byte[] rdata = new byte[qtype == Dns.TYPE_A ? 4 : 16];
                rng.nextBytes(rdata);
                rdata[0] = (byte) (qtype == Dns.TYPE_A ? 104 + rng.nextInt(40) : 0x26);
                if (qtype == Dns.TYPE_AAAA) {
                    rdata[1] = 0x06;
                }
                answers.add(new Dns.Answer(qtype, 60 + rng.nextInt(3600), rdata));
            }
        }
        this.response = Dns.response(id, name, qtype, nx ? Dns.RCODE_NXDOMAIN : Dns.RCODE_NOERROR, answers);
        this.clientIpId = rng.nextInt(0x10000);
        this.resolverIpId = rng.nextInt(0x10000);
    }

    @Override
    public boolean step(FrameWriter w, long ts) {
        if (!answered) {
            System.arraycopy(query, 0, w.buffer(), w.udpPayloadAt(), query.length);
            w.udp(ts, client, resolver, clientIpId, clientPort, 53, query.length);
            answered = true;
            return true;
        }
        System.arraycopy(response, 0, w.buffer(), w.udpPayloadAt(), response.length);
        w.udp(ts, resolver, client, resolverIpId, 53, clientPort, response.length);
        return false;
    }
}
