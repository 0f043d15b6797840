package dev.farewatch.bench;

import org.HdrHistogram.Histogram;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load process of the benchmark: {@code count} WebSocket sessions from one source address, on
 * two Netty event-loop threads, so a few thousand sessions cost two threads rather than thousands.
 * It speaks to the coordinator ({@link Benchmark}) over its standard streams:
 * <ol>
 *   <li>connects and subscribes every session, at most {@value #HANDSHAKES_IN_FLIGHT} handshakes at a time
 *       (a burst of thousands would measure the server's accept queue, not its streaming), without retries,
 *       then prints {@code ready <connected> <failed>};</li>
 *   <li>reads {@code <T0 epoch ms> <S seconds>} from stdin: prices with {@code ts} in [T0, T0+S) count;</li>
 *   <li>at T0+S+{@value #GRACE_SECONDS} s, when the last counted price has had time to arrive, prints its
 *       {@link ClientReport} as one JSON line, closes every session and exits.</li>
 * </ol>
 * Everything else it says goes to stderr. Arguments: stream URL, source address, first global session
 * index, session count, and a file of flight ids, one a line (session j follows flight j mod F).
 */
public final class LoadClient implements PriceSession.Outcome {

    static final int HANDSHAKES_IN_FLIGHT = 64;
    static final int GRACE_SECONDS = 3;
    private static final int MAX_LOGGED_EXCEPTIONS = 5;

    private final URI stream;
    private final InetAddress local;
    private final int first;
    private final int count;
    private final List<String> flights;
    private final MeasurementWindow window = new MeasurementWindow();
    private final Semaphore handshakes = new Semaphore(HANDSHAKES_IN_FLIGHT);
    /** Sessions started per second, paced; 0: as fast as {@value #HANDSHAKES_IN_FLIGHT} handshakes at a time allow. */
    private final double ramp;
    private final Histogram handshakeMicros = ClientReport.histogram();
    private final CountDownLatch settled;
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, Long> failures = new ConcurrentHashMap<>();
    private final Map<EventLoop, LoadStats> stats = new ConcurrentHashMap<>();
    private final AtomicInteger exceptionsLogged = new AtomicInteger();
    private volatile boolean closing;

    private LoadClient(URI stream, InetAddress local, int first, int count, List<String> flights, double ramp) {
        this.ramp = ramp;
        this.stream = stream;
        this.local = local;
        this.first = first;
        this.count = count;
        this.flights = flights;
        this.settled = new CountDownLatch(count);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: LoadClient <ws-url> <source-address> <first-session> <count> <flight-ids-file>"
                    + " <sessions-per-second, 0 for 64 handshakes at a time>");
            System.exit(2);
        }
        List<String> flights = Files.readAllLines(Path.of(args[4])).stream().filter(line -> !line.isBlank()).toList();
        new LoadClient(URI.create(args[0]), InetAddress.getByName(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), flights, Double.parseDouble(args[5])).run();
    }

    private void run() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        try {
            connectAll(group, channels);
            settled.await();
            say("ready " + connected.get() + " " + failed.get());
            if (!failures.isEmpty()) {
                log("sessions that failed, by reason: " + new TreeMap<>(failures));
            }
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            String line = stdin.readLine();
            if (line == null) {
                log("the coordinator went away before naming the window; closing");
                return;
            }
            String[] window = line.trim().split("\\s+");
            long t0 = Long.parseLong(window[0]);
            int seconds = Integer.parseInt(window[1]);
            this.window.open(t0, seconds);
            // The connect phase's garbage goes now, in the warm-up: with a young generation that outlasts
            // the window, no pause of this process lands in it (client-N-gc.log shows whether one did).
            System.gc();
            sleepUntil(t0 + (seconds + GRACE_SECONDS) * 1000L);
            closing = true;
            say(report(group).toJson().toString());
        } finally {
            closing = true;
            channels.close().await(10, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private void connectAll(EventLoopGroup group, ChannelGroup channels) throws InterruptedException {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(stream)
                .version(WebSocketVersion.V13)
                .allowExtensions(false)
                .generateOriginHeader(false)          // a script, not a browser: no Origin, as Farewatch lets in
                .handleCloseFrames(false)             // PriceSession records the server's close code
                .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
                .dropPongFrames(true)                 // pings are answered with pongs by the protocol handler
                .handshakeTimeoutMillis(10_000)
                .build();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.TCP_NODELAY, true);
        InetSocketAddress remote = new InetSocketAddress(stream.getHost(), stream.getPort() < 0 ? 80 : stream.getPort());
        InetSocketAddress source = new InetSocketAddress(local, 0);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due;
            if (ramp > 0) {
                due = start + (long) (i * 1e9 / ramp);
                for (long left; (left = due - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(left);
                }
            } else {
                handshakes.acquire();
                due = System.nanoTime();
            }
            PriceSession session = new PriceSession(flights.get((first + i) % flights.size()), this, window, due);
            ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65_536),
                            new WebSocketClientProtocolHandler(config), session);
                }
            }).connect(remote, source);
            Channel channel = connect.channel();
            channels.add(channel);
            connect.addListener(done -> {
                if (!done.isSuccess()) {
                    session.connectFailed(done.cause());
                }
            });
        }
    }

    /** Gathers each event loop's tallies on that event loop, so every write before is seen. */
    private ClientReport report(EventLoopGroup group) throws Exception {
        Histogram handshakeTimes;
        synchronized (handshakeMicros) {
            handshakeTimes = handshakeMicros.copy();
        }
        ClientReport total = new ClientReport(connected.get(), failed.get(), 0, 0, 0, 0, 0, Map.of(),
                ClientReport.histogram(), ClientReport.histogram(), handshakeTimes);
        for (Map.Entry<EventLoop, LoadStats> loop : stats.entrySet()) {
            total = total.plus(loop.getKey().submit(loop.getValue()::report).get(10, TimeUnit.SECONDS));
        }
        return total;
    }

    @Override
    public void subscribed() {
        connected.incrementAndGet();
        if (ramp == 0) {
            handshakes.release();
        }
        settled.countDown();
    }

    @Override
    public void handshook(long micros) {
        synchronized (handshakeMicros) {
            handshakeMicros.recordValue(micros);
        }
    }

    @Override
    public void failed(String reason) {
        failed.incrementAndGet();
        failures.merge(reason, 1L, Long::sum);
        if (ramp == 0) {
            handshakes.release();
        }
        settled.countDown();
    }

    @Override
    public boolean closing() {
        return closing;
    }

    @Override
    public LoadStats statsFor(ChannelHandlerContext ctx) {
        return stats.computeIfAbsent(ctx.channel().eventLoop(), loop -> new LoadStats());
    }

    @Override
    public void unexpected(Throwable cause) {
        if (exceptionsLogged.incrementAndGet() <= MAX_LOGGED_EXCEPTIONS) {
            log("session failed: " + cause);
        }
    }

    /** Sleeps until the wall clock reads {@code epochMillis}, which the coordinator and every load process share. */
    static void sleepUntil(long epochMillis) throws InterruptedException {
        for (long left; (left = epochMillis - System.currentTimeMillis()) > 0; ) {
            Thread.sleep(Math.min(left, 1_000));
        }
    }

    /** A line for the coordinator. */
    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private void log(String message) {
        System.err.println("[load " + local.getHostAddress() + "] " + message);
    }
}
