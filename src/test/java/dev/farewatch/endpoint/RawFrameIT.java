package dev.farewatch.endpoint;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.RawWebSocket;
import dev.farewatch.testing.RawWebSocket.Ending;
import dev.farewatch.testing.RawWebSocket.Frame;
import dev.farewatch.testing.RawWebSocket.FrameBuilder;
import dev.farewatch.testing.RawWebSocket.FrameBuilder.LengthForm;
import dev.farewatch.testing.RawWebSocket.HttpHead;
import dev.farewatch.testing.RawWebSocket.TcpEnd;
import dev.farewatch.testing.Target;
import dev.farewatch.testing.WsClient;
import dev.farewatch.testing.WsClient.Received;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static dev.farewatch.testing.RawWebSocket.CONTINUATION;
import static dev.farewatch.testing.RawWebSocket.PING;
import static dev.farewatch.testing.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames and handshakes no WebSocket library would send, written byte by byte: the server refuses
 * the connection that sent them (a close frame with a protocol-error code, or simply the end of the
 * TCP connection; either will do, but the connection must not stay usable) and every other
 * connection goes on streaming, tick after tick. Each test prints what the server did.
 */
class RawFrameIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** How long a refused connection may take to end, close frame and TCP. */
    private static final Duration REFUSAL = Duration.ofSeconds(10);
    /** How long the server may keep TCP open after its close frame before we answer it. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    private static final String PING_REQUEST = "{\"type\":\"ping\"}";
    /**
     * Close codes that refuse a frame that breaks RFC 6455's framing rules: 1002, protocol error;
     * and 1003, which Undertow (WildFly) sends for every framing error instead, its reason naming
     * the error ("UT002034: Web socket frame was not masked"). Anything else, e.g. 1000 or 1011,
     * would say the server saw nothing wrong with the frame or failed on it.
     */
    private static final Set<Integer> PROTOCOL_ERROR = Set.of(1002, 1003);
    private static final Set<Integer> INVALID_DATA = Set.of(1007);

    private static String flight;

    private WsClient healthy;
    private String testName;

    @BeforeAll
    static void pickAFlight() {
        flight = server.flightIds().get(3);
    }

    /** Before each attack, another connection follows a flight and has its opening price. */
    @BeforeEach
    void aHealthySessionFollowsAFlight(TestInfo test) {
        String method = test.getTestMethod().orElseThrow().getName();
        testName = test.getDisplayName().startsWith(method) ? method : method + " [" + test.getDisplayName() + "]";
        healthy = server.connect();
        healthy.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}").next("subscribed", WAIT);
        healthy.prices(flight, 1, WAIT);
    }

    @AfterEach
    void closeHealthySession() {
        healthy.close();
    }

    // --- The raw client itself is right: a well-formed frame is understood. ---

    @Test
    void aMaskedPingTextFrameIsAnsweredWithAPongTextFrame() throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(server.stream())) {
            Frame answer = ws.sendText(PING_REQUEST).readFrame(WAIT);

            assertPong(answer);
        }
    }

    @Test
    void aMaskedTextFrameInTheSixteenBitLengthFormIsRead() throws IOException {
        String request = "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(300) + "\"}";
        try (RawWebSocket ws = RawWebSocket.connect(server.stream())) {
            Frame answer = ws.send(FrameBuilder.text(request).lengthForm(LengthForm.SIXTEEN_BIT)).readFrame(WAIT);

            assertPong(answer);
        }
    }

    @Test
    void aTextFrameOver4KiBInTheSixtyFourBitLengthFormIsClosedWith1009() throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(server.stream())) {
            ws.send(FrameBuilder.text("x".repeat(70_000)).lengthForm(LengthForm.SIXTY_FOUR_BIT));

            Ending ending = ws.awaitEnding(REFUSAL, CLOSE_GRACE);
            record(ending.describe());
            assertThat(ending.close()).as("close frame; the server did: %s", ending.describe()).isNotNull();
            assertThat(ending.close().closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void aCloseFrameIsEchoedAndTheServerEndsTheConnection() throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(server.stream())) {
            ws.send(FrameBuilder.close(1000, "done"));

            Ending ending = ws.awaitEnding(REFUSAL, CLOSE_GRACE);
            record(ending.describe());
            assertThat(ending.framesBefore()).isEmpty();
            assertThat(ending.close()).as("the server's close frame; it did: %s", ending.describe()).isNotNull();
            assertThat(ending.close().closeCode()).isEqualTo(1000);
            assertThat(ending.tcp().ended()).as("TCP ended; the server did: %s", ending.describe()).isTrue();
        }
    }

    // --- Frames the protocol forbids: the sender is refused, the healthy session streams on. ---

    /**
     * RFC 6455 §5.1: a server must close a connection that sends an unmasked frame. Undertow (WildFly)
     * does; Tyrus 2.1.5 (embedded and Payara) reads the frame as if it were masked, before any
     * endpoint code runs, so Farewatch cannot refuse it there. This pins both behaviours, so that a
     * Tyrus upgrade that starts refusing shows up, and checks that either way no one else notices.
     */
    @Test
    void anUnmaskedClientFrameIsRefusedByUndertowAndReadByTyrusWithoutDisturbingOthers() throws IOException {
        FrameBuilder unmasked = FrameBuilder.text(PING_REQUEST).masked(false);
        if (Target.current() == Target.WILDFLY) {
            assertRefused(PROTOCOL_ERROR, unmasked);
            return;
        }
        try (RawWebSocket socket = RawWebSocket.connect(server.stream())) {
            socket.send(unmasked);
            assertPong(socket.readFrame(WAIT));
        }
        assertHealthyKeepsStreaming(System.nanoTime());
    }

    @ParameterizedTest(name = "RSV{0}")
    @ValueSource(ints = {1, 2, 3})
    void aFrameWithAReservedBitSetIsRefused(int rsv) throws IOException {
        assertRefused(PROTOCOL_ERROR, FrameBuilder.text(PING_REQUEST).rsv(0b1000 >> rsv));
    }

    @ParameterizedTest(name = "opcode 0x{0}")
    @ValueSource(strings = {"3", "B"})
    void aFrameWithAnUnknownOpcodeIsRefused(String opcode) throws IOException {
        assertRefused(PROTOCOL_ERROR, FrameBuilder.text(PING_REQUEST).opcode(Integer.parseInt(opcode, 16)));
    }

    @Test
    void aPingOver125BytesIsRefused() throws IOException {
        assertRefused(PROTOCOL_ERROR, FrameBuilder.frame(PING).payload(new byte[126]).lengthForm(LengthForm.SIXTEEN_BIT));
    }

    @Test
    void aFragmentedPingIsRefused() throws IOException {
        assertRefused(PROTOCOL_ERROR, FrameBuilder.frame(PING).fin(false).payload("are you there".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "bytes {0}")
    @ValueSource(strings = {"c328", "c0af"})
    void aTextFrameThatIsNotUtf8IsRefused(String invalid) throws IOException {
        byte[] prefix = "{\"type\":\"ping\",\"x\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] bad = HexFormat.of().parseHex(invalid);
        byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(bad, 0, payload, prefix.length, bad.length);
        System.arraycopy(suffix, 0, payload, prefix.length + bad.length, suffix.length);

        assertRefused(INVALID_DATA, FrameBuilder.frame(TEXT).payload(payload));
    }

    @Test
    void aContinuationFrameWithNoMessageStartedIsRefused() throws IOException {
        assertRefused(PROTOCOL_ERROR, FrameBuilder.text(PING_REQUEST).opcode(CONTINUATION));
    }

    // --- No WebSocket at all: an HTTP error or a closed connection, and the server goes on. ---

    @Test
    void bytesThatAreNotHttpAreRefusedAndTheServerGoesOn() throws IOException {
        byte[] garbage = new byte[512];
        new Random(6455).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[garbage.length - 4] = '\r';
        garbage[garbage.length - 3] = '\n';
        garbage[garbage.length - 2] = '\r';
        garbage[garbage.length - 1] = '\n';
        long refused;
        try (RawWebSocket tcp = RawWebSocket.tcp(server.stream())) {
            tcp.write(garbage);

            HttpAnswer answer = awaitHttpAnswer(tcp);
            refused = System.nanoTime();
            record(answer.describe());
            if (answer.head() != null) {
                assertThat(answer.head().status()).as("the answer to garbage: %s", answer.describe()).isBetween(400, 499);
            }
            // The embedded server's Grizzly waits for more of a request it cannot parse instead of
            // answering 400 as Payara's and WildFly's do: the connection idles, the server goes on.
            if (Target.current() != Target.EMBEDDED) {
                assertThat(answer.end().ended()).as("the connection that sent garbage ends; the server: %s", answer.describe()).isTrue();
            }
        }
        assertStillAcceptsWebSockets();
        assertHealthyKeepsStreaming(refused);
    }

    @Test
    void aRequestForTheStreamWithoutUpgradeHeadersIsAnsweredWithAnHttpError() throws IOException {
        URI stream = server.stream();
        long refused;
        try (RawWebSocket tcp = RawWebSocket.tcp(stream)) {
            // What a proxy that drops hop-by-hop headers would pass on: no Upgrade, no Connection: Upgrade.
            tcp.write(("GET " + stream.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + stream.getHost() + ":" + stream.getPort() + "\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Connection: close\r\n"
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));

            HttpAnswer answer = awaitHttpAnswer(tcp);
            refused = System.nanoTime();
            record(answer.describe());
            assertThat(answer.head()).as("an HTTP answer; the server: %s", answer.describe()).isNotNull();
            assertThat(answer.head().status()).as("the answer to a plain GET of the stream").isBetween(400, 499);
            assertThat(answer.end().ended()).as("the connection ends, as the request asked; the server: %s", answer.describe()).isTrue();
        }
        assertStillAcceptsWebSockets();
        assertHealthyKeepsStreaming(refused);
    }

    // --- helpers ---

    /**
     * Opens a WebSocket, sends the frame, and asserts the server refuses that connection: no frame
     * before its close frame (if it sends one, with one of {@code codes}) and the TCP connection
     * ends; then that the healthy session keeps streaming.
     */
    private void assertRefused(Set<Integer> codes, FrameBuilder attack) throws IOException {
        long refused;
        try (RawWebSocket ws = RawWebSocket.connect(server.stream())) {
            ws.send(attack);

            Ending ending = ws.awaitEnding(REFUSAL, CLOSE_GRACE);
            refused = System.nanoTime();
            record(ending.describe());
            assertThat(ending.framesBefore()).as("frames the server sent instead of refusing; it did: %s", ending.describe()).isEmpty();
            if (ending.closeFrameSent()) {
                assertThat(ending.close().closeCode()).as("close code; the server did: %s", ending.describe()).isIn(codes);
            }
            assertThat(ending.anomaly()).as("the server did: %s", ending.describe()).isNull();
            assertThat(ending.tcp().ended()).as("the refused connection ends within %s; the server did: %s", REFUSAL, ending.describe()).isTrue();
        }
        assertHealthyKeepsStreaming(refused);
    }

    /** Three prices reach the healthy session after the attack, each the next tick: seq grows by exactly 1. */
    private void assertHealthyKeepsStreaming(long refusedNanos) {
        List<Received> prices = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (prices.stream().filter(price -> price.nanos() > refusedNanos).count() < 3) {
            prices.addAll(healthy.prices(flight, 1, Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        }
        List<Long> seqs = prices.stream().map(price -> price.json().getJsonNumber("seq").longValue()).toList();
        record("healthy session's seqs since the attack " + seqs);
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("seq of the healthy session's prices %s", seqs).isEqualTo(seqs.get(0) + i);
        }
        assertThat(healthy.closed()).as("the healthy session is not closed").isNotDone();
    }

    private static void assertStillAcceptsWebSockets() throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(server.stream())) {
            assertPong(ws.sendText(PING_REQUEST).readFrame(WAIT));
        }
    }

    /** The server's HTTP answer, if any, and how the connection ended, all within {@link #REFUSAL}. */
    private static HttpAnswer awaitHttpAnswer(RawWebSocket tcp) throws IOException {
        long start = System.nanoTime();
        HttpHead head;
        try {
            head = tcp.readHttpHead(REFUSAL);
        } catch (SocketTimeoutException e) {
            return new HttpAnswer(null, TcpEnd.STILL_OPEN, Duration.ofNanos(System.nanoTime() - start));
        } catch (SocketException e) {
            return new HttpAnswer(null, TcpEnd.RESET, Duration.ofNanos(System.nanoTime() - start));
        }
        if (head != null) {
            assertThat(head.status()).as("never an upgrade: %s", head.statusLine()).isNotEqualTo(101);
        }
        TcpEnd end = head == null ? TcpEnd.EOF : tcp.awaitTcpEnd(REFUSAL.minusNanos(System.nanoTime() - start));
        return new HttpAnswer(head, end, Duration.ofNanos(System.nanoTime() - start));
    }

    /** What the server answered on the HTTP level (null head: nothing) and how TCP ended. */
    private record HttpAnswer(HttpHead head, TcpEnd end, Duration took) {
        String describe() {
            return (head == null ? "no HTTP answer" : "answered " + head.statusLine()) + ", then "
                    + (end == TcpEnd.STILL_OPEN ? "TCP STILL OPEN" : "TCP " + end) + " (" + took.toMillis() + " ms)";
        }
    }

    private static void assertPong(Frame answer) {
        assertThat(answer.opcode()).as("opcode of %s", answer).isEqualTo(TEXT);
        assertThat(answer.fin()).isTrue();
        assertThat(answer.rsv()).isZero();
        assertThat(answer.masked()).as("a server's frames are unmasked").isFalse();
        try (var reader = Json.createReader(new StringReader(answer.text()))) {
            assertThat(reader.readObject().getString("type")).isEqualTo("pong");
        }
    }

    /** What the server did, for the record: one line per test in the test's output. */
    private void record(String what) {
        System.out.println("RawFrameIT [" + Target.current().name().toLowerCase(Locale.ROOT) + "] " + testName + ": " + what);
    }
}
