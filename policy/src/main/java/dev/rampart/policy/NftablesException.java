package dev.rampart.policy;

import java.util.List;

/** nft refused or could not run; {@link #messages()} are its errors, one line each, without the echo of the script. */
public final class NftablesException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> messages;

    public NftablesException(String summary, List<String> messages) {
        super(messages.isEmpty() ? summary : summary + ": " + String.join("; ", messages));
        this.messages = List.copyOf(messages);
    }

    public NftablesException(String summary, Throwable cause) {
        super(summary + ": " + cause.getMessage(), cause);
        this.messages = List.of(String.valueOf(cause.getMessage()));
    }

    public List<String> messages() {
        return messages;
    }
}
