package dev.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Generated and applied block policies, one JSON file per policy ({@code <name>.json}) in a state
 * directory, so the console lists and removes them across restarts. Files are replaced atomically
 * (written beside, then renamed). What is read back is validated again exactly like operator input:
 * an edited file cannot smuggle text into an nft script, it just fails to load.
 */
public final class PolicyStore {
    static final int FORMAT = 1;
    private static final String SUFFIX = ".json";

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Every policy that loaded, by creation time, and one message per file that did not. */
    public record Listing(List<StoredPolicy> policies, List<String> problems) {
    }

    public PolicyStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create policy directory " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Writes (or replaces) the stored state of {@code p}'s policy. */
    public void put(StoredPolicy p) {
        Path file = file(p.name());
        Path tmp = dir.resolve("." + p.name() + SUFFIX + ".tmp");
        try {
            Files.write(tmp, json.writeValueAsBytes(toJson(p)));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store block policy " + p.name() + " in " + dir, e);
        }
    }

    /** The stored policy called {@code name}, if any. */
    public Optional<StoredPolicy> get(String name) {
        Path file = file(BlockPolicy.validateName(name));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Changes a stored policy's status; returns the new state. */
    public StoredPolicy mark(String name, StoredPolicy.Status status, Instant at) {
        StoredPolicy p = get(name).orElseThrow(() -> new IllegalArgumentException("no stored block policy " + name));
        StoredPolicy next = p.with(status, at);
        put(next);
        return next;
    }

    /** Forgets a policy; returns false when there was none. */
    public boolean delete(String name) {
        try {
            return Files.deleteIfExists(file(BlockPolicy.validateName(name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete block policy " + name + " from " + dir, e);
        }
    }

    public Listing list() {
        List<StoredPolicy> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "[a-z0-9_]*" + SUFFIX)) {
            for (Path f : files) {
                try {
                    out.add(read(f));
                } catch (IOException | RuntimeException e) {
                    problems.add(f.getFileName() + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(Comparator.comparing((StoredPolicy p) -> p.policy().createdAt()).thenComparing(StoredPolicy::name));
        problems.sort(null);
        return new Listing(List.copyOf(out), List.copyOf(problems));
    }

    private Path file(String name) {
        return dir.resolve(name + SUFFIX);
    }

    private ObjectNode toJson(StoredPolicy s) {
        BlockPolicy p = s.policy();
        ObjectNode o = json.createObjectNode();
        o.put("format", FORMAT);
        o.put("name", p.name());
        ArrayNode addresses = o.putArray("addresses");
        p.addresses().forEach(a -> addresses.add(a.toString()));
        ArrayNode ports = o.putArray("ports");
        p.ports().forEach(r -> ports.add(r.toString()));
        o.put("protocol", p.protocol().name());
        o.put("direction", p.direction().name());
        o.put("createdAt", p.createdAt().toString());
        o.put("reason", p.reason());
        o.put("status", s.status().name());
        o.put("updatedAt", s.updatedAt().toString());
        return o;
    }

    private StoredPolicy read(Path file) throws IOException {
        JsonNode o = json.readTree(file.toFile());
        if (o == null || !o.isObject()) {
            throw new PolicyValidationException("not a JSON object");
        }
        int format = o.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new PolicyValidationException("policy file format " + format + ", this build reads " + FORMAT);
        }
        String name = text(o, "name");
        String expected = file.getFileName().toString();
        if (!expected.equals(name + SUFFIX)) {
            throw new PolicyValidationException("holds policy " + IpNet.quote(name) + ", not the one its file name says");
        }
        BlockPolicy.Builder b = BlockPolicy.builder(name);
        for (JsonNode a : array(o, "addresses")) {
            b.address(a.asText());
        }
        for (JsonNode r : array(o, "ports")) {
            b.port(r.asText());
        }
        BlockPolicy p = b.protocol(constant(BlockProtocol.class, text(o, "protocol")))
                .direction(constant(BlockDirection.class, text(o, "direction")))
                .createdAt(instant(text(o, "createdAt")))
                .reason(o.path("reason").asText(""))
                .build();
        return new StoredPolicy(p, constant(StoredPolicy.Status.class, text(o, "status")), instant(text(o, "updatedAt")));
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new PolicyValidationException("field " + field + " missing or not text");
        }
        return v.asText();
    }

    private static JsonNode array(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isArray()) {
            throw new PolicyValidationException("field " + field + " missing or not an array");
        }
        return v;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String s) {
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new PolicyValidationException(type.getSimpleName() + " " + IpNet.quote(s) + " unknown");
        }
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new PolicyValidationException("time " + IpNet.quote(s) + " is not an ISO-8601 instant");
        }
    }
}
