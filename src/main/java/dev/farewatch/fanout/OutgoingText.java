package dev.farewatch.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A text message on its way to clients: its JSON, and its WebSocket frame as a server sends it
 * (unmasked, final, opcode text), encoded to UTF-8 and framed once, on first use, then shared by every
 * send. A price goes to thousands of followers: a runtime that can take the finished bytes skips
 * encoding and framing the same string once per follower. Thread-safe: the frame is immutable once
 * built, and two threads that build it at once build equal ones.
 */
public final class OutgoingText {

    private static final byte FIN_TEXT = (byte) 0x81;

    private final String json;
    /** The whole frame, header then payload; built on first use. */
    private volatile byte[] frame;
    private int headerLength;

    public OutgoingText(String json) {
        this.json = json;
    }

    public String text() {
        return json;
    }

    /** The whole frame, header and payload, as a buffer of its own: a runtime may move its position. */
    public ByteBuffer frame() {
        return ByteBuffer.wrap(frameBytes());
    }

    /** The UTF-8 payload alone, for a runtime that frames it itself, as a buffer of its own. */
    public ByteBuffer payload() {
        byte[] bytes = frameBytes();
        return ByteBuffer.wrap(bytes, headerLength, bytes.length - headerLength).slice();
    }

    private byte[] frameBytes() {
        byte[] built = frame;
        if (built == null) {
            built = build();
        }
        return built;
    }

    private byte[] build() {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] bytes = new byte[header + length];
        bytes[0] = FIN_TEXT;
        if (header == 2) {
            bytes[1] = (byte) length;
        } else if (header == 4) {
            bytes[1] = 126;
            bytes[2] = (byte) (length >>> 8);
            bytes[3] = (byte) length;
        } else {
            bytes[1] = 127;
            long wide = length;
            for (int i = 0; i < 8; i++) {
                bytes[2 + i] = (byte) (wide >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, bytes, header, length);
        // Written before the volatile frame, so a thread that sees the frame sees its header's length.
        headerLength = header;
        frame = bytes;
        return bytes;
    }

    @Override
    public String toString() {
        return json;
    }
}
