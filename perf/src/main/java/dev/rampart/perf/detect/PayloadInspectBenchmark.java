package dev.rampart.perf.detect;

import dev.rampart.engine.detect.payload.InspectScratch;
import dev.rampart.engine.detect.payload.PayloadProgram;
import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verification of one ET-style rule's payload options ({@link PayloadProgram#match}) against a
 * 1500-byte HTTP request payload, warm: what the detection engine pays per candidate rule after
 * the prefilter. {@code rule}: {@code hit} (4 relative contents + relative pcre, matches),
 * {@code negated} (absolute + relative + negated content + pcre, matches), {@code backtrack}
 * (a frequent first content whose chain fails late: the retry path, no match).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1)
public class PayloadInspectBenchmark {

    private static final String HIT = "content:\"POST\"; depth:4; content:\"/wp-login.php\"; distance:1; within:20; "
            + "content:\"User-Agent|3a 20|\"; distance:0; content:\"curl/\"; nocase; distance:0; within:30; "
            + "pcre:\"/^\\d+\\.\\d+[^\\r\\n]*\\r\\n/R\";";
    private static final String NEGATED = "content:\"POST \"; depth:5; content:\"log=admin\"; distance:0; "
            + "content:!\"&safe=\"; within:30; content:\"pwd=\"; distance:0; pcre:\"/pwd=[a-z0-9%]{4,}&/i\";";
    private static final String BACKTRACK = "content:\"a=\"; content:\"&b=\"; distance:0; within:12; "
            + "content:\"evil\"; distance:0; within:8; pcre:\"/^[0-9]+$/R\";";

    @Param({"hit", "negated", "backtrack"})
    public String rule;

    private PayloadProgram program;
    private InspectScratch scratch;
    private byte[] payload;

    @Setup
    public void setup() throws Exception {
        String options = switch (rule) {
            case "hit" -> HIT;
            case "negated" -> NEGATED;
            default -> BACKTRACK;
        };
        Rule r = new RuleParser().parse("alert tcp any any -> any any (msg:\"bench\"; " + options + " sid:1;)");
        List<PayloadOption> payloadOptions = r.optionsOf(PayloadOption.class).stream()
                .filter(o -> o.buffer().name().equals(Buffer.PAYLOAD_NAME)).map(o -> (PayloadOption) o).toList();
        program = PayloadProgram.compile(payloadOptions);
        if (!program.isCompilable()) {
            throw new IllegalStateException(program.uncompilableReason());
        }
        scratch = new InspectScratch();
        payload = request();
        boolean expected = !rule.equals("backtrack");
        if (program.match(payload, 0, payload.length, scratch) != expected) {
            throw new IllegalStateException(rule + ": unexpected result");
        }
    }

    /** A 1500-byte login POST with curl's User-Agent and a form body full of "a=" pairs. */
    static byte[] request() {
        StringBuilder sb = new StringBuilder();
        sb.append("POST /wp-login.php HTTP/1.1\r\n");
        sb.append("Host: www.example.com\r\n");
        sb.append("User-Agent: curl/7.88.1 (x86_64-pc-linux-gnu)\r\n");
        sb.append("Accept: */*\r\n");
        sb.append("Content-Type: application/x-www-form-urlencoded\r\n");
        sb.append("Cookie: wordpress_test_cookie=WP%20Cookie%20check; session=0123456789abcdef\r\n");
        sb.append("Content-Length: 1200\r\n\r\n");
        sb.append("log=admin&pwd=hunter2secret&");
        int i = 0;
        while (sb.length() < 1500) {
            sb.append("a=").append(i % 10).append("&b=x").append(i).append("&c=").append(i * 7).append('&');
            i++;
        }
        sb.setLength(1500);
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Benchmark
    public boolean inspect() {
        return program.match(payload, 0, payload.length, scratch);
    }
}
