package dev.farewatch.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * One HTTP request written as raw bytes, however malformed, on a connection of its own, and all the
 * server sends back until it closes the connection or the timeout passes.
 *
 * @param head           the status line and headers, without the blank line
 * @param body           every byte after the blank line
 * @param closedByServer whether the server ended the connection within the timeout
 */
record RawHttp(String head, byte[] body, boolean closedByServer) {

    static RawHttp exchange(String host, int port, String request, Duration timeout) {
        return exchange(host, port, request.getBytes(StandardCharsets.ISO_8859_1), timeout);
    }

    static RawHttp exchange(String host, int port, byte[] request, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            long deadline = System.nanoTime() + timeout.toNanos();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            boolean closed = readUntilEnd(socket, deadline, received);
            byte[] bytes = received.toByteArray();
            int end = indexOfBlankLine(bytes);
            if (end < 0) {
                throw new AssertionError("No whole HTTP head in: " + new String(bytes, StandardCharsets.ISO_8859_1));
            }
            return new RawHttp(new String(bytes, 0, end, StandardCharsets.ISO_8859_1), Arrays.copyOfRange(bytes, end + 4, bytes.length),
                    closed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int status() {
        return Integer.parseInt(head.split(" ", 3)[1]);
    }

    /** The header's value, the name matched case-insensitively; null if absent. */
    String header(String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static boolean readUntilEnd(Socket socket, long deadline, ByteArrayOutputStream received) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return true;
                }
                received.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                // A reset ends the connection too.
                return true;
            }
        }
    }

    private static int indexOfBlankLine(byte[] bytes) {
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
