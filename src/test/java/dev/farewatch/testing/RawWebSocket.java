package dev.farewatch.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client for the tests that knows only the wire: a plain {@link Socket}, the HTTP/1.1
 * opening handshake done by hand, and frames written exactly as a test builds them, however wrong.
 * What the server sends back is read frame by frame, and the end of the TCP connection is seen as
 * such, so a test can tell a closing handshake from a dropped connection. Nothing here is shared
 * with any WebSocket implementation.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private HttpHead handshake;
    private long closeNanos;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A TCP connection to the host and port of {@code uri}, with nothing sent yet. */
    public static RawWebSocket tcp(URI uri) {
        return tcp(uri, 0);
    }

    /** @param receiveBufferBytes the kernel's receive buffer, set before connecting; 0 leaves the default */
    private static RawWebSocket tcp(URI uri, int receiveBufferBytes) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.connect(new InetSocketAddress(uri.getHost(), port(uri)), (int) CONNECT_TIMEOUT.toMillis());
            return new RawWebSocket(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new AssertionError("Cannot connect to " + uri, e);
        }
    }

    /**
     * A WebSocket connection to {@code uri}: the opening handshake with a fresh random key, checked
     * for 101, the upgrade headers and the right Sec-WebSocket-Accept, and no extension negotiated.
     */
    public static RawWebSocket connect(URI uri) {
        return connect(uri, 0);
    }

    /**
     * A WebSocket connection whose kernel receive buffer is this small, for a client that stops reading:
     * the server then finds its sends stuck after kilobytes rather than megabytes.
     */
    public static RawWebSocket connect(URI uri, int receiveBufferBytes) {
        RawWebSocket ws = tcp(uri, receiveBufferBytes);
        try {
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            ws.write(("GET " + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + port(uri) + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            HttpHead head = ws.readHttpHead(Duration.ofSeconds(10));
            if (head == null) {
                throw new AssertionError("The server ended the connection instead of answering the handshake");
            }
            if (head.status() != 101) {
                throw new AssertionError("Handshake answered " + head.statusLine() + ", not 101");
            }
            if (!"websocket".equalsIgnoreCase(head.header("upgrade"))) {
                throw new AssertionError("Handshake answer has Upgrade: " + head.header("upgrade"));
            }
            if (head.header("connection") == null || !head.header("connection").toLowerCase(Locale.ROOT).contains("upgrade")) {
                throw new AssertionError("Handshake answer has Connection: " + head.header("connection"));
            }
            if (!accept(key).equals(head.header("sec-websocket-accept"))) {
                throw new AssertionError("Sec-WebSocket-Accept is " + head.header("sec-websocket-accept") + ", expected " + accept(key));
            }
            if (head.header("sec-websocket-extensions") != null) {
                throw new AssertionError("The server negotiated extensions nobody asked for: " + head.header("sec-websocket-extensions"));
            }
            ws.handshake = head;
            return ws;
        } catch (IOException | RuntimeException | AssertionError e) {
            ws.close();
            if (e instanceof AssertionError error) {
                throw error;
            }
            throw new AssertionError("Handshake with " + uri + " failed", e);
        }
    }

    /** The Sec-WebSocket-Accept a server must answer to {@code key} (RFC 6455, 4.2.2). */
    public static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's answer to the opening handshake; null for a connection opened by {@link #tcp}. */
    public HttpHead handshake() {
        return handshake;
    }

    /** Writes these bytes as they are. */
    public RawWebSocket write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    public RawWebSocket send(FrameBuilder frame) throws IOException {
        return write(frame.bytes());
    }

    /** A well-formed, masked, single-frame text message. */
    public RawWebSocket sendText(String text) throws IOException {
        return send(FrameBuilder.text(text));
    }

    /**
     * The next frame, within the timeout.
     *
     * @throws SocketTimeoutException if no whole frame arrived in time
     * @throws EOFException if the server ended the TCP connection
     * @throws SocketException if the connection was reset
     */
    public Frame readFrame(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int b0 = readByte(deadline);
        int b1 = readByte(deadline);
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte(deadline) << 8) | readByte(deadline);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(deadline);
            }
        }
        if (length < 0 || length > 16 * 1024 * 1024) {
            throw new IOException("Frame length " + length + " is beyond what a test expects");
        }
        byte[] mask = null;
        if ((b1 & 0x80) != 0) {
            mask = new byte[4];
            for (int i = 0; i < 4; i++) {
                mask[i] = (byte) readByte(deadline);
            }
        }
        byte[] payload = new byte[(int) length];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) readByte(deadline);
        }
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0x0F, mask != null, payload);
    }

    /**
     * Reads until the server refuses this connection or the timeout passes: every frame that comes
     * first, the close frame if one comes, and how the TCP connection ended. After a close frame the
     * server is given {@code grace} to end TCP by itself; if it does not, this answers with a close
     * frame, as a client should, and waits for the end until the timeout.
     */
    public Ending awaitEnding(Duration timeout, Duration grace) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<Frame> before = new ArrayList<>();
        Frame close = null;
        boolean replied = false;
        while (true) {
            long left = deadline - System.nanoTime();
            if (close != null && !replied) {
                left = Math.min(left, grace.toNanos() - (System.nanoTime() - closeNanos));
            }
            try {
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                Frame frame = readFrame(Duration.ofNanos(left));
                if (close == null && frame.opcode() == CLOSE) {
                    close = frame;
                    closeNanos = System.nanoTime();
                } else if (close == null) {
                    before.add(frame);
                } else {
                    return new Ending(before, close, TcpEnd.STILL_OPEN, replied, elapsed(start),
                            "a frame after the close frame: " + frame);
                }
            } catch (SocketTimeoutException e) {
                if (close != null && !replied && System.nanoTime() < deadline) {
                    replied = true;
                    try {
                        send(FrameBuilder.close(close.closeCode() < 0 ? 1000 : close.closeCode(), ""));
                    } catch (IOException writeFailed) {
                        return new Ending(before, close, TcpEnd.of(writeFailed), true, elapsed(start), null);
                    }
                    continue;
                }
                return new Ending(before, close, TcpEnd.STILL_OPEN, replied, elapsed(start), null);
            } catch (IOException e) {
                return new Ending(before, close, TcpEnd.of(e), replied, elapsed(start), null);
            }
        }
    }

    /**
     * The head of an HTTP response: status line and headers, read up to the blank line, within the
     * timeout; null if the server closed the connection before sending a byte.
     *
     * @throws SocketTimeoutException if no whole head arrived in time
     * @throws SocketException if the connection was reset
     */
    public HttpHead readHttpHead(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (head.size() < 4 || !endsWithBlankLine(head.toByteArray())) {
                head.write(readByte(deadline));
                if (head.size() > 64 * 1024) {
                    throw new IOException("An HTTP head over 64 KiB");
                }
            }
        } catch (EOFException e) {
            if (head.size() == 0) {
                return null;
            }
            throw new IOException("The connection ended inside an HTTP head: " + head.toString(StandardCharsets.ISO_8859_1), e);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new IOException("Not an HTTP status line: " + lines[0]);
        }
        return new HttpHead(lines[0], Integer.parseInt(status[1]), headers);
    }

    /**
     * How the TCP connection ends, reading and discarding whatever comes, within the timeout:
     * {@link TcpEnd#STILL_OPEN} if it did not.
     */
    public TcpEnd awaitTcpEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                readByte(deadline);
            }
        } catch (SocketTimeoutException e) {
            return TcpEnd.STILL_OPEN;
        } catch (IOException e) {
            return TcpEnd.of(e);
        }
    }

    private static boolean endsWithBlankLine(byte[] bytes) {
        int n = bytes.length;
        return bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }

    private int readByte(long deadlineNanos) throws IOException {
        if (in.available() == 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("Timed out");
            }
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
        }
        int b = in.read();
        if (b < 0) {
            throw new EOFException("The server ended the TCP connection");
        }
        return b;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "wss".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** An HTTP response's status line and headers (names in lower case). */
    public record HttpHead(String statusLine, int status, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A frame as received, its payload unmasked. */
    public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's status code; -1 if it has none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }

        /** A close frame's reason; empty if it has none. */
        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        @Override
        public String toString() {
            String kind = switch (opcode) {
                case CONTINUATION -> "continuation";
                case TEXT -> "text";
                case BINARY -> "binary";
                case CLOSE -> "close";
                case PING -> "ping";
                case PONG -> "pong";
                default -> "opcode 0x" + Integer.toHexString(opcode);
            };
            String body = opcode == CLOSE ? closeCode() + " \"" + closeReason() + "\""
                    : opcode == TEXT || opcode == CONTINUATION || opcode == PONG ? "\"" + text() + "\"" : payload.length + " bytes";
            return kind + (fin ? "" : " (FIN=0)") + (rsv != 0 ? " (RSV=" + rsv + ")" : "") + (masked ? " (masked)" : "") + ": " + body;
        }
    }

    /** How a TCP connection ended, as seen from the reading side. */
    public enum TcpEnd {
        /** read returned -1: the server closed its side. */
        EOF,
        /** the server reset the connection. */
        RESET,
        /** still open when the wait ended. */
        STILL_OPEN;

        static TcpEnd of(IOException e) {
            return e instanceof EOFException ? EOF : RESET;
        }

        public boolean ended() {
            return this != STILL_OPEN;
        }
    }

    /**
     * How the server ended (or did not end) a connection: the frames it sent first, its close
     * frame if any, how TCP ended, whether that needed our close reply, and how long it all took.
     */
    public record Ending(List<Frame> framesBefore, Frame close, TcpEnd tcp, boolean afterOurCloseReply, Duration took,
                         String anomaly) {

        public boolean closeFrameSent() {
            return close != null;
        }

        /** One line for the record: what the server did. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            if (!framesBefore.isEmpty()) {
                text.append("first sent ").append(framesBefore).append("; ");
            }
            if (close != null) {
                text.append("close frame ").append(close.closeCode()).append(" \"").append(close.closeReason()).append("\", then ");
            } else {
                text.append("no close frame; ");
            }
            text.append(switch (tcp) {
                case EOF -> "TCP closed (EOF)";
                case RESET -> "TCP reset";
                case STILL_OPEN -> "TCP STILL OPEN";
            });
            if (close != null && tcp.ended()) {
                text.append(afterOurCloseReply ? " after our close reply" : " by the server unprompted");
            }
            if (anomaly != null) {
                text.append("; ").append(anomaly);
            }
            return text.append(" (").append(took.toMillis()).append(" ms)").toString();
        }
    }

    /** Builds one frame's bytes, right or deliberately wrong. By default: FIN, masked, shortest length form. */
    public static final class FrameBuilder {

        /** How the payload length is written: 7 bits, 126 + 16 bits, or 127 + 64 bits. */
        public enum LengthForm { SEVEN_BIT, SIXTEEN_BIT, SIXTY_FOUR_BIT }

        private boolean fin = true;
        private int rsv;
        private int opcode;
        private boolean masked = true;
        private byte[] maskKey;
        private byte[] payload = new byte[0];
        private LengthForm lengthForm;

        private FrameBuilder(int opcode) {
            this.opcode = opcode;
        }

        public static FrameBuilder frame(int opcode) {
            return new FrameBuilder(opcode);
        }

        public static FrameBuilder text(String text) {
            return frame(TEXT).payload(text.getBytes(StandardCharsets.UTF_8));
        }

        public static FrameBuilder close(int code, String reason) {
            byte[] why = reason.getBytes(StandardCharsets.UTF_8);
            return frame(CLOSE).payload(ByteBuffer.allocate(2 + why.length).putShort((short) code).put(why).array());
        }

        public FrameBuilder fin(boolean fin) {
            this.fin = fin;
            return this;
        }

        public FrameBuilder rsv1(boolean set) {
            return rsv(0b100, set);
        }

        public FrameBuilder rsv2(boolean set) {
            return rsv(0b010, set);
        }

        public FrameBuilder rsv3(boolean set) {
            return rsv(0b001, set);
        }

        /** Sets the three reserved bits at once, RSV1 the highest. */
        public FrameBuilder rsv(int bits) {
            this.rsv = bits & 0b111;
            return this;
        }

        private FrameBuilder rsv(int bit, boolean set) {
            rsv = set ? rsv | bit : rsv & ~bit;
            return this;
        }

        public FrameBuilder opcode(int opcode) {
            this.opcode = opcode & 0x0F;
            return this;
        }

        public FrameBuilder masked(boolean masked) {
            this.masked = masked;
            return this;
        }

        /** A given masking key instead of a random one. */
        public FrameBuilder maskKey(byte[] key) {
            if (key.length != 4) {
                throw new IllegalArgumentException("A masking key has 4 bytes");
            }
            this.masked = true;
            this.maskKey = key.clone();
            return this;
        }

        public FrameBuilder payload(byte[] payload) {
            this.payload = payload.clone();
            return this;
        }

        public FrameBuilder lengthForm(LengthForm form) {
            this.lengthForm = form;
            return this;
        }

        public byte[] bytes() {
            LengthForm form = lengthForm != null ? lengthForm
                    : payload.length <= 125 ? LengthForm.SEVEN_BIT
                    : payload.length <= 0xFFFF ? LengthForm.SIXTEEN_BIT : LengthForm.SIXTY_FOUR_BIT;
            if (form == LengthForm.SEVEN_BIT && payload.length > 125 || form == LengthForm.SIXTEEN_BIT && payload.length > 0xFFFF) {
                throw new IllegalArgumentException(payload.length + " bytes do not fit the " + form + " length form");
            }
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
            frame.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
            int maskBit = masked ? 0x80 : 0;
            switch (form) {
                case SEVEN_BIT -> frame.write(maskBit | payload.length);
                case SIXTEEN_BIT -> {
                    frame.write(maskBit | 126);
                    frame.write(payload.length >> 8);
                    frame.write(payload.length);
                }
                case SIXTY_FOUR_BIT -> {
                    frame.write(maskBit | 127);
                    frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
                }
            }
            byte[] body = payload.clone();
            if (masked) {
                byte[] key = maskKey;
                if (key == null) {
                    key = new byte[4];
                    RANDOM.nextBytes(key);
                }
                frame.writeBytes(key);
                for (int i = 0; i < body.length; i++) {
                    body[i] ^= key[i % 4];
                }
            }
            frame.writeBytes(body);
            return frame.toByteArray();
        }
    }
}
