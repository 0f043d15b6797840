package dev.farewatch.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One simulated traveller: after the WebSocket handshake it subscribes to its flight, and from then
 * on checks every price against the window: latency from the quote's {@code ts}, the gap since its
 * previous price, and whether {@code seq} skipped. Runs on its channel's event loop only, so its state
 * needs no synchronisation and it tallies into that event loop's {@link LoadStats}.
 */
final class PriceSession extends SimpleChannelInboundHandler<WebSocketFrame> {

    /** How long connecting, the handshake and the {@code subscribed} reply may take together. */
    static final long SETTLE_SECONDS = 20;

    /** What the load process learns of each session: whether it got subscribed, and where it tallies. */
    interface Outcome {
        void subscribed();

        /** The WebSocket handshake completed, {@code micros} after the session was due to start connecting. */
        void handshook(long micros);

        void failed(String reason);

        /** True once the load process closes its sessions itself: closes after that are not the server's doing. */
        boolean closing();

        LoadStats statsFor(ChannelHandlerContext ctx);

        void unexpected(Throwable cause);
    }

    private final String subscribe;
    private final long dueNanos;
    private final Outcome outcome;
    private final MeasurementWindow window;
    private final ServerMessage message = new ServerMessage();
    private LoadStats stats;
    private ScheduledFuture<?> settleTimeout;
    private boolean resolved;
    private boolean subscribed;
    private long previousSeq = -1;
    private long previousInWindowMicros = -1;

    /** @param dueNanos when the session was due to start connecting ({@code System.nanoTime}), which its handshake time counts from */
    PriceSession(String flightId, Outcome outcome, MeasurementWindow window, long dueNanos) {
        super(true);
        this.dueNanos = dueNanos;
        this.subscribe = ServerMessage.subscribe(flightId);
        this.outcome = outcome;
        this.window = window;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        stats = outcome.statsFor(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        settleTimeout = ctx.executor().schedule(() -> fail(ctx, "not subscribed within " + SETTLE_SECONDS + " s"),
                SETTLE_SECONDS, TimeUnit.SECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            outcome.handshook((System.nanoTime() - dueNanos) / 1_000);
            ctx.writeAndFlush(new TextWebSocketFrame(subscribe));
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            fail(ctx, "handshake timed out");
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            long receivedMicros = nowMicros();
            message.read(text.text());
            switch (message.type) {
                case PRICE -> {
                    if (subscribed) {
                        price(receivedMicros);
                    }
                }
                case SUBSCRIBED -> {
                    if (!resolved) {
                        resolved = true;
                        subscribed = true;
                        settleTimeout.cancel(false);
                        outcome.subscribed();
                    }
                }
                case ERROR, UNREADABLE -> {
                    if (resolved) {
                        stats.errors++;
                    } else {
                        fail(ctx, "answered the subscribe with an error");
                    }
                }
                default -> { }
            }
        } else if (frame instanceof CloseWebSocketFrame close) {
            stats.closeCodes.merge(close.statusCode(), 1L, Long::sum);
            ctx.close();
        }
    }

    /** A price in the window is delivered; its latency, gap and seq are checked against the previous one. */
    private void price(long receivedMicros) {
        long ts = message.ts;
        long seq = message.seq;
        if (window.contains(ts)) {
            stats.delivered++;
            stats.latencyMicros.recordValue(Math.max(0, receivedMicros - ts * 1000));
            if (previousInWindowMicros >= 0) {
                stats.gapMicros.recordValue(Math.max(0, receivedMicros - previousInWindowMicros));
            }
            previousInWindowMicros = receivedMicros;
            if (previousSeq >= 0) {
                if (seq > previousSeq + 1) {
                    stats.seqGaps += seq - previousSeq - 1;
                } else if (seq <= previousSeq) {
                    stats.seqOutOfOrder++;
                }
            }
        }
        previousSeq = seq;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (settleTimeout != null) {
            settleTimeout.cancel(false);
        }
        if (!resolved) {
            fail(ctx, "closed before subscribed");
        } else if (subscribed && !outcome.closing()) {
            stats.closedDuringRun++;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (resolved) {
            outcome.unexpected(cause);
        }
        fail(ctx, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /** The connect itself failed (refused, timed out): the channel never became active. */
    void connectFailed(Throwable cause) {
        if (!resolved) {
            resolved = true;
            outcome.failed("connect: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        if (!resolved) {
            resolved = true;
            outcome.failed(reason);
        }
        ctx.close();
    }

    /** Now in epoch microseconds; on Linux the JDK's clock has microsecond precision. */
    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
