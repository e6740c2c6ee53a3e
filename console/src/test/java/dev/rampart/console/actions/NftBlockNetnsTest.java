package dev.rampart.console.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block end to end: two network namespaces joined by a veth pair, a TCP service in one, and
 * the generated policy applied with the real {@code nft} in the service's namespace: connections
 * stop while it is applied and work again once it is removed. Needs root, {@code ip}, {@code nft}
 * and {@code python3} (the service and the client); skipped otherwise.
 */
class NftBlockNetnsTest {
    @TempDir
    Path dir;

    private static CommandRunner.Result run(String... argv) throws Exception {
        return CommandRunner.process().run(List.of(argv), null);
    }

    private static boolean connects(String ns, String host) throws Exception {
        CommandRunner.Result r = run("ip", "netns", "exec", ns, "python3", "-c",
                "import socket,sys\ntry:\n s=socket.create_connection(('" + host + "',8080),timeout=2)\n"
                        + " sys.stdout.write(s.recv(2).decode())\nexcept OSError as e:\n sys.stdout.write('fail '+str(e))");
        return r.output().strip().equals("ok");
    }

    @Test
    void appliedPolicyStopsTheIncidentsTrafficAndRemovingItRestoresIt() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: needs root for network namespaces and nft");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nft")) || Files.isExecutable(Path.of("/sbin/nft")), "skipped: no nft");
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String client = "rc-c-" + suffix;
        String server = "rc-s-" + suffix;
        CommandRunner.Result made = run("ip", "netns", "add", client);
        assumeTrue(made.exitCode() == 0, "skipped: cannot create a network namespace: " + made.output());
        Process service = null;
        List<String> cleanup = new ArrayList<>(List.of(client));
        try {
            assertEquals(0, run("ip", "netns", "add", server).exitCode());
            cleanup.add(server);
            String[][] setup = {
                {"ip", "link", "add", "vc" + suffix, "netns", client, "type", "veth", "peer", "name", "vs" + suffix, "netns", server},
                {"ip", "-n", client, "addr", "add", "10.77.0.1/24", "dev", "vc" + suffix},
                {"ip", "-n", server, "addr", "add", "10.77.0.2/24", "dev", "vs" + suffix},
                {"ip", "-n", client, "link", "set", "vc" + suffix, "up"},
                {"ip", "-n", server, "link", "set", "vs" + suffix, "up"},
                {"ip", "-n", client, "link", "set", "lo", "up"},
                {"ip", "-n", server, "link", "set", "lo", "up"},
            };
            for (String[] s : setup) {
                CommandRunner.Result r = run(s);
                assumeTrue(r.exitCode() == 0, "skipped: " + String.join(" ", s) + ": " + r.output());
            }
            service = new ProcessBuilder("ip", "netns", "exec", server, "python3", "-c",
                    "import socket\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
                            + "s.bind(('10.77.0.2',8080))\ns.listen(8)\nwhile True:\n c,_=s.accept()\n c.sendall(b'ok')\n c.close()")
                    .redirectErrorStream(true).start();
            boolean up = false;
            for (int i = 0; i < 50 && !up; i++) {
                up = connects(client, "10.77.0.2");
                if (!up) {
                    Thread.sleep(100);
                }
            }
            assumeTrue(up, "skipped: the test service did not come up");

            // nft runs in the server's namespace: the policy drops traffic between the two hosts there
            CommandRunner inServerNs = (argv, stdin) -> {
                List<String> a = new ArrayList<>(List.of("ip", "netns", "exec", server));
                a.addAll(argv);
                return CommandRunner.process().run(a, stdin);
            };
            NftBlockService block = new NftBlockService(dir.resolve("policies"), inServerNs, "nft");
            BlockService.Policy p = block.generate(new BlockService.Target(7, "10.77.0.1", "10.77.0.2", List.of(8080)));
            assertTrue(connects(client, "10.77.0.2"), "generating applies nothing");
            BlockService.Policy applied = block.apply(p.id());
            assertTrue(applied.applied(), applied.lastResult());
            assertFalse(connects(client, "10.77.0.2"), "traffic stops");
            CommandRunner.Result listed = inServerNs.run(List.of("nft", "list", "table", "inet", "rampart_block_7"), null);
            assertTrue(listed.output().contains("10.77.0.1"), listed.output());
            assertTrue(block.remove(p.id()));
            assertTrue(connects(client, "10.77.0.2"), "traffic flows again once removed");
        } finally {
            if (service != null) {
                service.destroyForcibly();
            }
            for (String ns : cleanup) {
                run("ip", "netns", "del", ns);
            }
        }
    }
}
