package dev.rampart.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The child JVMs of {@link NetnsBlockTest}, started with {@code ip netns exec}:
 * {@code serve <port>} accepts TCP (IPv4 and IPv6) and answers each connection with one line;
 * {@code probe} reads {@code <address> <port> <timeout ms>} lines and prints, for each, {@code ok}
 * (connected and read the server's line), {@code timeout}, {@code refused} or {@code error <message>}.
 */
public final class NetnsPeer {
    static final String GREETING = "rampart-peer";

    private NetnsPeer() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        if (args[0].equals("serve")) {
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(Integer.parseInt(args[1])));
                out.println("listening");
                while (true) {
                    try (Socket s = server.accept(); OutputStream o = s.getOutputStream()) {
                        o.write((GREETING + "\n").getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        out.println("ready");
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.trim().split(" ");
            out.println(probe(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2])));
        }
    }

    private static String probe(String address, int port, int timeoutMs) {
        try (Socket s = new Socket()) {
            // a literal address: no name lookup
            s.connect(new InetSocketAddress(InetAddress.getByName(address), port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            String got = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return GREETING.equals(got) ? "ok" : "error unexpected answer " + got;
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (ConnectException e) {
            // "Connection refused" from the peer; "Operation not permitted" when our own output hook drops the SYN
            return String.valueOf(e.getMessage()).contains("refused") ? "refused" : "error " + e.getMessage();
        } catch (IOException e) {
            return "error " + e;
        }
    }
}
