package io.github.tokenstore.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault proxy in front of an echo server on loopback: pass, drop, reset and stall. */
class FaultProxyTest {

    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (true) {
                Socket s;
                try {
                    s = echo.accept();
                } catch (IOException closed) {
                    return;
                }
                Thread worker = new Thread(() -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException ignored) {
                        // reset by the proxy
                    }
                });
                worker.setDaemon(true);
                worker.start();
            }
        });
        t.setDaemon(true);
        t.start();
        proxy = FaultProxy.inFrontOf("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return new String(s.getInputStream().readNBytes(text.length()), StandardCharsets.UTF_8);
    }

    @Test
    void passesBytesBothWays() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "hello")).isEqualTo("hello");
            assertThat(proxy.open()).isOne();
        }
    }

    @Test
    void dropResetsNewConnectionsAndKeepsOpenOnes() throws IOException {
        try (Socket open = connect()) {
            assertThat(roundTrip(open, "before")).isEqualTo("before");
            proxy.drop();

            try (Socket refused = connect()) {
                InputStream in = refused.getInputStream();
                assertThatThrownBy(() -> {
                    refused.getOutputStream().write(1);
                    if (in.read() < 0) {
                        throw new SocketException("closed");
                    }
                }).isInstanceOf(SocketException.class);
            }
            assertThat(roundTrip(open, "still")).isEqualTo("still");

            proxy.pass();
            try (Socket again = connect()) {
                assertThat(roundTrip(again, "again")).isEqualTo("again");
            }
        }
    }

    @Test
    void resetBreaksEveryOpenConnection() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "x")).isEqualTo("x");
            proxy.reset();

            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
            Await.until("the proxy forgot the reset connection", () -> proxy.open() == 0);
        }
    }

    @Test
    void stallHoldsTheBytesUntilPass() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "a")).isEqualTo("a");
            proxy.stall();
            s.getOutputStream().write("held".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            s.setSoTimeout(300);
            assertThatThrownBy(() -> s.getInputStream().read()).as("nothing arrives while stalled")
                    .isInstanceOf(SocketTimeoutException.class);

            proxy.pass();
            s.setSoTimeout(10_000);
            assertThat(new String(s.getInputStream().readNBytes(4), StandardCharsets.UTF_8)).isEqualTo("held");
        }
    }

    @Test
    void rewritesTheHostAndPortOfAJdbcUrl() {
        try (FaultProxy pg = FaultProxy.inFrontOf("jdbc:postgresql://127.0.0.1:5432/tokenstore_test?currentSchema=x")) {
            assertThat(pg.jdbcUrl("jdbc:postgresql://127.0.0.1:5432/tokenstore_test?currentSchema=x"))
                    .isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/tokenstore_test?currentSchema=x");
        }
        try (FaultProxy maria = FaultProxy.inFrontOf("jdbc:mariadb://localhost/db")) {
            assertThat(maria.toString()).contains("localhost").contains(":3306");
            assertThat(maria.jdbcUrl("jdbc:mariadb://localhost/db"))
                    .isEqualTo("jdbc:mariadb://127.0.0.1:" + maria.port() + "/db");
        }
    }
}
