package kg.neo4jserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * A real Neo4j Community server (Bolt + HTTP + Neo4j Browser) for tests and development, started
 * in-process through the official test harness, since Maven Central has no server tarball.
 *
 * <p>Usage: {@code java -jar neo4j-server.jar --state-dir DIR [--bolt-port N] [--http-port N]
 * [--page-cache-mb N] [--watch-pid PID]}, with the password of user {@code neo4j} in the
 * environment variable {@code NEO4J_SERVER_PASSWORD} (kept out of argv so it does not show in
 * {@code ps}). Both connectors listen on 127.0.0.1; port 0 (the default) lets the OS pick a free
 * port. Auth is on. The database lives in {@code DIR/home} and survives restarts with the same
 * DIR. Once Bolt accepts connections the server writes {@code DIR/endpoints} (atomically) and
 * prints one {@code READY bolt=... http=...} line. SIGTERM (or SIGINT) shuts it down cleanly, and
 * so does the end of process PID when {@code --watch-pid} is given.
 */
public final class Neo4jServer {
    private static final String PASSWORD_ENV = "NEO4J_SERVER_PASSWORD";

    private Neo4jServer() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            // Neo4j's non-daemon threads would otherwise keep a half-started JVM alive.
            System.err.println("neo4j-server: failed to start: " + t);
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path stateDir = null;
        int boltPort = 0;
        int httpPort = 0;
        long pageCacheMb = 64;
        long watchPid = -1;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--state-dir" -> stateDir = Path.of(require(args[i], value));
                case "--bolt-port" -> boltPort = Integer.parseInt(require(args[i], value));
                case "--http-port" -> httpPort = Integer.parseInt(require(args[i], value));
                case "--page-cache-mb" -> pageCacheMb = Long.parseLong(require(args[i], value));
                case "--watch-pid" -> watchPid = Long.parseLong(require(args[i], value));
                default -> fail("unknown argument: " + args[i]);
            }
            i++;
        }
        if (stateDir == null) {
            fail("--state-dir DIR is required");
        }
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.length() < 8) {
            fail(PASSWORD_ENV + " must be set to a password of at least 8 characters");
        }

        stateDir = stateDir.toAbsolutePath();
        Path home = stateDir.resolve("home");
        Path harnessDir = stateDir.resolve("harness");
        Path endpoints = stateDir.resolve("endpoints");
        Files.createDirectories(home);
        Files.createDirectories(harnessDir);
        Files.deleteIfExists(endpoints);
        removeStaleHarnessFolders(harnessDir);

        if (watchPid > 0) {
            watch(watchPid);
        }
        long started = System.nanoTime();
        // The harness keeps its own log in a random folder under harnessDir (deleted on close);
        // pointing neo4j_home elsewhere keeps the database itself across restarts.
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(harnessDir)
                .withConfig(GraphDatabaseSettings.neo4j_home, home)
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .withConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // No phoning home (there is no network beyond package registries anyway).
                .withConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt otherwise waits 5 s + 5 s on shutdown for connections that are long gone.
                .withConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .withConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .withConfig(HttpConnector.enabled, true)
                .withConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", httpPort))
                .withConfig(HttpConnector.advertised_address, new SocketAddress("127.0.0.1", httpPort))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("STOPPING");
                            try {
                                Files.deleteIfExists(endpoints);
                                neo4j.close();
                            } catch (Throwable t) {
                                t.printStackTrace();
                            } finally {
                                System.out.println("STOPPED");
                                System.out.flush();
                                stopped.countDown();
                            }
                        },
                        "neo4j-server-shutdown"));

        long built = System.nanoTime();
        System.out.println("LOGS " + home.resolve("logs").resolve("debug.log"));
        System.out.printf("STARTED in %d ms, setting password%n", Duration.ofNanos(built - started).toMillis());
        setPassword(neo4j, password);
        System.out.printf("PASSWORD set in %d ms%n", Duration.ofNanos(System.nanoTime() - built).toMillis());

        URI bolt = neo4j.boltURI();
        URI http = neo4j.httpURI();
        waitForPort(bolt.getHost(), bolt.getPort(), Duration.ofSeconds(30));

        String boltUri = "bolt://127.0.0.1:" + bolt.getPort();
        String httpUrl = "http://127.0.0.1:" + http.getPort();
        Path tmp = stateDir.resolve("endpoints.tmp");
        Files.writeString(
                tmp,
                "BOLT_PORT=" + bolt.getPort() + "\nHTTP_PORT=" + http.getPort() + "\n",
                StandardCharsets.UTF_8);
        Files.move(tmp, endpoints, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf(
                "READY bolt=%s http=%s version=%s startup_ms=%d%n",
                boltUri, httpUrl, org.neo4j.kernel.internal.Version.getNeo4jVersion(), millis);
        System.out.flush();

        stopped.await();
    }

    /** Shuts the server down once process {@code pid} is gone (e.g. a test run that was killed). */
    private static void watch(long pid) {
        Thread watcher = new Thread(
                () -> {
                    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        try {
                            Thread.sleep(2000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    System.out.println("watched process " + pid + " is gone, shutting down");
                    System.exit(0);
                },
                "neo4j-server-watch-pid");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Gives user neo4j the wanted password (auth is on, so this is what clients must use). */
    private static void setPassword(Neo4j neo4j, String password) {
        GraphDatabaseService system =
                neo4j.databaseManagementService().database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Restart of an existing state dir with the same password: Neo4j refuses to "change" a
            // password to itself, which means it is already what we want.
            if (!String.valueOf(rootMessage(e)).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static void waitForPort(String host, int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    fail("Bolt did not accept connections on " + host + ":" + port + ": " + e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Folders the harness left behind when a previous run was killed without shutdown. */
    private static void removeStaleHarnessFolders(Path harnessDir) throws IOException {
        try (Stream<Path> children = Files.list(harnessDir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (Files.isDirectory(child) && child.getFileName().toString().matches("[0-9a-f]{32}")) {
                    deleteRecursively(child);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String require(String flag, String value) {
        if (value == null) {
            fail(flag + " needs a value");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("neo4j-server: " + message);
        System.exit(2);
    }
}
