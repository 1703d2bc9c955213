package io.github.tokenstore.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of one server (a database), which a test can make fail the way networks
 * and servers do, without touching the server itself:
 *
 * <ul>
 *   <li>{@link #drop()}: new connections are accepted and at once reset, as a stopped server's port
 *       refuses them; connections already open go on working;</li>
 *   <li>{@link #reset()}: every open connection is reset (TCP RST to both ends), as when the server
 *       process dies;</li>
 *   <li>{@link #stall()}: the bytes of every connection, open or new, are held, as in a network partition
 *       or a hung server: nothing arrives, nothing fails, until {@link #pass()};</li>
 *   <li>{@link #pass()}: back to normal; held bytes are delivered.</li>
 * </ul>
 *
 * A server outage is {@code drop()} then {@code reset()}; its end is {@code pass()}. Plain JDK sockets, one
 * pair of daemon threads per connection: for the few connections of a test's pool.
 */
public final class FaultProxy implements AutoCloseable {

    private enum Mode { PASS, DROP, STALL }

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("postgresql", 5432, "mariadb", 3306,
            "mysql", 3306);

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Object modeChanged = new Object();
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy, passing everything, in front of {@code host:port}. */
    public static FaultProxy inFrontOf(String host, int port) {
        try {
            return new FaultProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
    }

    /**
     * A proxy in front of the server of a JDBC URL of the form {@code jdbc:<scheme>://host[:port]/...}
     * (PostgreSQL, MariaDB); {@link #jdbcUrl(String)} gives the URL that goes through it.
     */
    public static FaultProxy inFrontOf(String jdbcUrl) {
        URI uri = serverOf(jdbcUrl);
        return inFrontOf(uri.getHost(), uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme()));
    }

    /** {@code jdbcUrl} (of the server this proxy is in front of) with the proxy as its host and port. */
    public String jdbcUrl(String jdbcUrl) {
        URI uri = serverOf(jdbcUrl);
        String authority = uri.getRawAuthority();
        int at = jdbcUrl.indexOf("//" + authority);
        return jdbcUrl.substring(0, at) + "//127.0.0.1:" + port() + jdbcUrl.substring(at + 2 + authority.length());
    }

    /** The loopback port the proxy listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections the proxy has accepted so far (dropped ones included). */
    public int accepted() {
        return accepted.get();
    }

    /** How many connections are open through the proxy now. */
    public int open() {
        return links.size();
    }

    /** New connections are reset as soon as they are accepted; open ones still pass. */
    public void drop() {
        setMode(Mode.DROP);
    }

    /** Every open connection is reset, at both ends. New ones are handled as the mode says. */
    public void reset() {
        for (Link link : links) {
            link.reset();
        }
    }

    /** Bytes of every connection are held until {@link #pass()}. */
    public void stall() {
        setMode(Mode.STALL);
    }

    /** Everything passes again, held bytes first. */
    public void pass() {
        setMode(Mode.PASS);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        reset();
        setMode(Mode.PASS);
    }

    @Override
    public String toString() {
        return "FaultProxy[127.0.0.1:" + port() + " -> " + target + ", " + mode + "]";
    }

    private void setMode(Mode m) {
        synchronized (modeChanged) {
            mode = m;
            modeChanged.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (mode == Mode.DROP) {
                resetQuietly(client);
                continue;
            }
            Socket server = new Socket();
            try {
                server.connect(target, 10_000);
            } catch (IOException e) {
                resetQuietly(client);
                closeQuietly(server);
                continue;
            }
            Link link = new Link(client, server);
            links.add(link);
            link.start();
        }
    }

    /** One proxied connection: two pumps, one per direction. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private final AtomicInteger pumps = new AtomicInteger(2);

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            pump(client, server, "up");
            pump(server, client, "down");
        }

        private void pump(Socket from, Socket to, String direction) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                // Not closed per direction: closing a socket's stream closes the socket, both directions.
                try {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        awaitPassing();
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                    // An orderly close on one side is passed on as one.
                    to.shutdownOutput();
                } catch (IOException | InterruptedException e) {
                    // reset, closed, or the proxy closed: the other pump sees it too
                } finally {
                    if (pumps.decrementAndGet() == 0 || from.isClosed() || to.isClosed()) {
                        closeQuietly(client);
                        closeQuietly(server);
                        links.remove(this);
                    }
                }
            }, "fault-proxy-" + port() + "-" + direction);
            t.setDaemon(true);
            t.start();
        }

        /** Holds the bytes read while the proxy stalls, unless this connection is reset meanwhile. */
        private void awaitPassing() throws InterruptedException, IOException {
            synchronized (modeChanged) {
                while (mode == Mode.STALL && !client.isClosed() && !server.isClosed()) {
                    modeChanged.wait();
                }
            }
            if (client.isClosed() || server.isClosed()) {
                throw new IOException("reset while stalled");
            }
        }

        void reset() {
            resetQuietly(client);
            resetQuietly(server);
            links.remove(this);
            synchronized (modeChanged) {
                modeChanged.notifyAll();
            }
        }
    }

    private static URI serverOf(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:") || !jdbcUrl.contains("://")) {
            throw new IllegalArgumentException("not a jdbc:<scheme>://host[:port]/... URL: " + jdbcUrl);
        }
        String rest = jdbcUrl.substring("jdbc:".length());
        int end = rest.indexOf('/', rest.indexOf("://") + 3);
        return URI.create(end < 0 ? rest : rest.substring(0, end));
    }

    private static int defaultPort(String scheme) {
        Integer port = DEFAULT_PORTS.get(scheme);
        if (port == null) {
            throw new IllegalArgumentException("no default port known for jdbc:" + scheme);
        }
        return port;
    }

    /** Closes with SO_LINGER 0: the peer gets a TCP RST ("connection reset"), not an orderly end. */
    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
