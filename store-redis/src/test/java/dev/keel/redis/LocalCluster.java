package dev.keel.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Three redis-server nodes on 127.0.0.1, joined into a cluster with redis-cli, for the cluster
 * tests; stopped and their scratch directory removed on close.
 */
final class LocalCluster implements AutoCloseable {
    private final List<Process> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Path directory;

    LocalCluster(int size) throws IOException, InterruptedException {
        directory = Files.createTempDirectory("keel-cluster-");
        try {
            for (int i = 0; i < size; i++) {
                int port = freePort();
                Path dir = Files.createDirectories(directory.resolve("node-" + port));
                nodes.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--dir", dir.toString(), "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--save", "", "--appendonly", "no")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start());
                ports.add(port);
            }
            for (int port : ports) {
                waitFor(List.of("redis-cli", "-p", Integer.toString(port), "PING"), "PONG");
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            for (int port : ports) {
                create.add("127.0.0.1:" + port);
            }
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            run(create);
            for (int port : ports) {
                waitFor(List.of("redis-cli", "-p", Integer.toString(port), "CLUSTER", "INFO"), "cluster_state:ok");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Returns the URI of the first node. */
    String uri() {
        return "redis://127.0.0.1:" + ports.get(0);
    }

    /** Returns the URI of every node. */
    List<String> nodeUris() {
        return ports.stream().map(port -> "redis://127.0.0.1:" + port).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return output;
    }

    private static void waitFor(List<String> command, String expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String output = "";
        while (System.nanoTime() < deadline) {
            output = run(command);
            if (output.contains(expected)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(command + " never answered " + expected + "; last: " + output);
    }

    @Override
    public void close() {
        for (Process node : nodes) {
            node.destroy();
        }
        for (Process node : nodes) {
            try {
                if (!node.waitFor(5, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            } catch (InterruptedException e) {
                node.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // scratch files left in /tmp are harmless
        }
    }
}
