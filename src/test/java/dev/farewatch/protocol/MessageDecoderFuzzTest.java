package dev.farewatch.protocol;

import dev.farewatch.flight.FlightId;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Fuzzes {@link MessageCodec#decode(String)} with jqwik: whatever a client sends, decoding either returns a
 * {@link Request} or throws a {@link RequestError} with a declared {@link ErrorCode}, a non-blank message of at
 * most {@value #MAX_MESSAGE} chars and a flight id that is null or at most {@value #MAX_ECHOED_ID} chars. Any
 * other exception or error (RuntimeException, StackOverflowError, ...) fails, and so does a decode that takes
 * longer than {@value #DECODE_TIMEOUT_SECONDS} s (a hang): each decode runs on a watched thread.
 *
 * <p><b>Regression corpus.</b> {@code src/test/resources/fuzz/decoder/} holds one input per file;
 * {@link #corpusInputsKeepTheContract} runs each through the same check, plus the flight id round trip for a
 * decoded (un)subscribe, on every build and without jqwik's randomness. A {@code *.txt} file is the input itself
 * as UTF-8 bytes (a trailing newline is part of it). A {@code *.escaped.txt} file is for inputs that UTF-8 cannot
 * carry (lone surrogates) or that an editor would mangle (NUL, control chars, trailing whitespace):
 * <code>&#92;uXXXX</code> stands for that UTF-16 char, {@code \\} for one backslash, any other backslash is an
 * error, and the file's own line breaks are ignored.
 *
 * <p><b>When a property fails:</b> jqwik shrinks the input, and the failure message prints it Java-escaped
 * between {@code >>>} and {@code <<<}. Save that text as {@code src/test/resources/fuzz/decoder/<what-it-is>.escaped.txt}
 * (or its plain form as {@code .txt}), check that the corpus test now fails on it, then fix the decoder; the
 * corpus keeps the input after the random seeds have moved on.
 *
 * <p><b>Budget.</b> Tries are set per property (24,000 in all, plus the corpus) so that the class takes about ten
 * seconds on 2 cores. Seeds are random on purpose, so that each build explores new inputs; jqwik prints the seed
 * of a failing run, and {@code @Property(seed = "...")} replays it locally (do not commit a fixed seed). jqwik's
 * failure database goes to {@code target/jqwik-database} (see {@code src/test/resources/junit-platform.properties}).
 */
@PropertyDefaults(tries = 2_000)
class MessageDecoderFuzzTest {

    static final int MAX_MESSAGE = 300;
    static final int MAX_ECHOED_ID = 65;
    static final int MAX_TEXT = 4096;
    static final int DECODE_TIMEOUT_SECONDS = 5;

    private static final String CORPUS = "fuzz/decoder";
    private static final String LH400 = "LH400-2026-12-24";
    private static final List<String> TYPES = List.of("flights", "subscribe", "unsubscribe", "ping", "info");
    private static final Set<String> SPECIAL_KEYS = Set.of("type", "flightId", "flight_id");

    private static final MessageCodec CODEC = new MessageCodec();
    private static volatile ExecutorService decoderThread = newDecoderThread();

    // ---------------------------------------------------------------------------------------------------------
    // The contract

    /** What one decode gave: exactly one of the two is set. */
    record Decoded(Request request, RequestError error) {
    }

    /** Decodes on a watched thread and fails unless the outcome keeps the contract. */
    static Decoded decodeWithinContract(String input) {
        Future<Object> outcome = decoderThread.submit(() -> {
            try {
                return CODEC.decode(input);
            } catch (RequestError e) {
                return e;
            }
        });
        Object result;
        try {
            result = outcome.get(DECODE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            decoderThread.shutdownNow();
            decoderThread = newDecoderThread();
            throw broken(input, "did not return within " + DECODE_TIMEOUT_SECONDS + " s", null);
        } catch (ExecutionException e) {
            throw broken(input, "threw " + e.getCause() + " instead of returning a Request or throwing RequestError",
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while decoding", e);
        }
        if (result instanceof RequestError error) {
            if (error.code() == null || !List.of(ErrorCode.values()).contains(error.code())) {
                throw broken(input, "threw RequestError without a declared code: " + error.code(), error);
            }
            String message = error.getMessage();
            if (message == null || message.isBlank() || message.length() > MAX_MESSAGE) {
                throw broken(input, "threw RequestError whose message is blank or longer than " + MAX_MESSAGE
                        + " chars: " + (message == null ? null : message.length() + " chars"), error);
            }
            if (error.flightId() != null && error.flightId().length() > MAX_ECHOED_ID) {
                throw broken(input, "threw RequestError echoing a flight id of " + error.flightId().length()
                        + " chars, more than " + MAX_ECHOED_ID, error);
            }
            return new Decoded(null, error);
        }
        Request request = (Request) result;
        if (request == null) {
            throw broken(input, "returned null", null);
        }
        if (request instanceof Request.Subscribe s && s.flightId() == null
                || request instanceof Request.Unsubscribe u && u.flightId() == null) {
            throw broken(input, "returned " + request + " without a flight id", null);
        }
        return new Decoded(request, null);
    }

    private static AssertionError broken(String input, String what, Throwable cause) {
        return new AssertionError("decode(input) " + what + "\n  input (" + input.length()
                + " chars, Java-escaped; to keep it, save it in src/test/resources/" + CORPUS + "/<name>.escaped.txt):\n"
                + ">>>" + escape(input) + "<<<", cause);
    }

    private static ExecutorService newDecoderThread() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "decoder-under-fuzz");
            thread.setDaemon(true);
            return thread;
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Regression corpus (JUnit Jupiter, one test per file)

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusInputsKeepTheContract(String file, String input) {
        try {
            assertFlightIdRoundTrips(input, decodeWithinContract(input));
        } catch (AssertionError e) {
            throw new AssertionError(CORPUS + "/" + file + ": " + e.getMessage(), e.getCause());
        }
    }

    /** A decoded (un)subscribe names the flight id exactly as it was sent, read here with plain JSON-P. */
    static void assertFlightIdRoundTrips(String input, Decoded decoded) {
        FlightId decodedId = decoded.request() instanceof Request.Subscribe s ? s.flightId()
                : decoded.request() instanceof Request.Unsubscribe u ? u.flightId() : null;
        if (decodedId == null) {
            return;
        }
        JsonObject object;
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(input))) {
            object = reader.readObject();
        }
        JsonValue sent = object.containsKey("flightId") ? object.get("flightId") : object.get("flight_id");
        String sentId = sent instanceof JsonString text ? text.getString() : String.valueOf(sent);
        if (!decodedId.toString().equals(sentId)) {
            throw new AssertionError("Decoded flight id " + decodedId + " is not the one sent: >>>" + escape(sentId)
                    + "<<< in >>>" + escape(input) + "<<<");
        }
    }

    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        URL dir = MessageDecoderFuzzTest.class.getClassLoader().getResource(CORPUS);
        if (dir == null || !"file".equals(dir.getProtocol())) {
            throw new IllegalStateException("Fuzz corpus " + CORPUS + " not found as a directory on the test classpath: " + dir);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of(dir.toURI()))) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().collect(Collectors.toList());
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("Fuzz corpus " + CORPUS + " is empty");
        }
        return files.stream().map(file -> Arguments.of(file.getFileName().toString(), read(file)));
    }

    private static String read(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return file.getFileName().toString().endsWith(".escaped.txt") ? unescape(text, file) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java-style <code>&#92;uXXXX</code> for everything but printable ASCII, so that any input survives copy and paste. */
    static String escape(String input) {
        StringBuilder out = new StringBuilder(input.length() + 16);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    static String unescape(String text, Object source) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                continue;
            }
            if (c != '\\') {
                out.append(c);
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out.append('\\');
                i++;
            } else if (i + 5 < text.length() && text.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                throw new IllegalArgumentException(source + ": a backslash must start \\\\ or \\uXXXX, at char " + i);
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Any text at all

    @Property(tries = 2_000)
    void anyUnicodeTextKeepsTheContract(@ForAll("anyText") String text) {
        decodeWithinContract(text);
    }

    @Provide
    Arbitrary<String> anyText() {
        // All UTF-16 code units: lone surrogates, NUL, C0/C1 controls, noncharacters; up to the 4096 of a message.
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(64)),
                Tuple.of(3, Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(MAX_TEXT)
                        .withLengthDistribution(RandomDistribution.uniform())),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(32)));
    }

    @Property(tries = 3_000)
    void textOfJsonCharsKeepsTheContract(@ForAll("jsonishText") String text) {
        decodeWithinContract(text);
    }

    @Provide
    Arbitrary<String> jsonishText() {
        String alphabet = "{}[]:,\"\\ \t\r\n0123456789-+.eEtrufalsn/u'\u0000\uFEFF\uD800\uDC00typeflightId_";
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().withChars(alphabet).ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withChars(alphabet).ofMaxLength(MAX_TEXT)
                        .withLengthDistribution(RandomDistribution.uniform())));
    }

    @Property(tries = 2_000)
    void soupOfJsonTokensKeepsTheContract(@ForAll("tokenSoup") String text) {
        decodeWithinContract(text);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        Arbitrary<String> tokens = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of("{", "}", "[", "]", ":", ",", "\"type\"", "\"flightId\"", "\"flight_id\"",
                        "\"subscribe\"", "\"unsubscribe\"", "\"ping\"", "\"flights\"", "\"info\"", "\"" + LH400 + "\"",
                        "true", "false", "null", "\"", "\\", "\\u", "\\uD800", "\"\\u0000\"", "0", "-1", "1.5e3", "-0.0E-7",
                        " ", "\n", "\t", "\uFEFF", "\u0000", "'", "/*", "*/", "//", "NaN", "Infinity", "01", "1.", ".5")),
                Tuple.of(2, ordinaryNumbers()),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(4)));
        return tokens.list().ofMaxSize(300).map(list -> String.join("", list));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Well-formed JSON of every shape

    /** A JSON value to serialize: a {@link Str} knows its Java value, so that the expected outcome can be told. */
    sealed interface Json {
    }

    record Str(String value, boolean escapeAll) implements Json {
    }

    record Lit(String text) implements Json {
        static final Lit NULL = new Lit("null");
    }

    record Arr(List<Json> items) implements Json {
    }

    record Obj(List<Member> members) implements Json {
    }

    record Member(Str key, Json value) {
    }

    static String write(Json json, String ws) {
        StringBuilder out = new StringBuilder();
        write(json, ws, out);
        return out.toString();
    }

    private static void write(Json json, String ws, StringBuilder out) {
        if (json instanceof Str s) {
            out.append('"');
            for (int i = 0; i < s.value().length(); i++) {
                char c = s.value().charAt(i);
                if (c == '"') {
                    out.append("\\\"");
                } else if (c == '\\') {
                    out.append("\\\\");
                } else if (c < 0x20 || s.escapeAll()) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        } else if (json instanceof Lit l) {
            out.append(l.text());
        } else if (json instanceof Arr a) {
            out.append('[').append(ws);
            for (int i = 0; i < a.items().size(); i++) {
                out.append(i == 0 ? "" : "," + ws);
                write(a.items().get(i), ws, out);
            }
            out.append(ws).append(']');
        } else {
            Obj o = (Obj) json;
            out.append('{').append(ws);
            for (int i = 0; i < o.members().size(); i++) {
                out.append(i == 0 ? "" : "," + ws);
                write(o.members().get(i).key(), ws, out);
                out.append(ws).append(':').append(ws);
                write(o.members().get(i).value(), ws, out);
            }
            out.append(ws).append('}');
        }
    }

    static Arbitrary<String> whitespace() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.strings().withChars(" \t\r\n").ofMaxLength(3)));
    }

    static Arbitrary<String> ordinaryNumbers() {
        Arbitrary<String> sign = Arbitraries.of("", "", "-");
        Arbitrary<String> integer = Arbitraries.oneOf(Arbitraries.just("0"),
                Combinators.combine(Arbitraries.strings().withCharRange('1', '9').ofLength(1),
                        Arbitraries.strings().numeric().ofMaxLength(25)).as(String::concat));
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20).map("."::concat));
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                        Arbitraries.integers().between(0, 400)).as((e, s, n) -> e + s + n));
        return Combinators.combine(sign, integer, fraction, exponent).as((s, i, f, e) -> s + i + f + e);
    }

    static Arbitrary<Str> strings() {
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(TYPES)),
                Tuple.of(2, Arbitraries.of(LH400, "flight_id", "flightId", "type", "", " ", "\u0000", "\uD800", "\uDC00x",
                        "\uD83D\uDE00", "\u0660", "\u2028", "\\", "\"", "…")),
                Tuple.of(4, Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMinLength(60).ofMaxLength(300)));
        return Combinators.combine(value, Arbitraries.of(false, false, false, true)).as(Str::new);
    }

    static Arbitrary<Json> leaves() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, strings()),
                Tuple.of(3, ordinaryNumbers().map(Lit::new)),
                Tuple.of(2, Arbitraries.of("true", "false", "null").map(Lit::new)));
    }

    /** JSON values nested up to {@code maxDepth} levels of arrays and objects. */
    static Arbitrary<Json> jsonValues(int maxDepth) {
        return Arbitraries.recursive(MessageDecoderFuzzTest::leaves, inner -> Arbitraries.frequencyOf(
                Tuple.of(2, inner),
                Tuple.of(1, inner.list().ofMaxSize(4).map(Arr::new)),
                Tuple.of(1, Combinators.combine(keys(), inner).as(Member::new).list().ofMaxSize(4).map(Obj::new))),
                0, maxDepth);
    }

    static Arbitrary<Str> keys() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("type", "flightId", "flight_id", "Type", "flightid", "flightID", "type ", "")),
                Tuple.of(3, Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(8)));
        return Combinators.combine(name, Arbitraries.of(false, false, false, true)).as(Str::new);
    }

    @Property(tries = 2_000)
    void anyJsonValueKeepsTheContract(@ForAll("jsonTexts") String text) {
        decodeWithinContract(text);
    }

    @Provide
    Arbitrary<String> jsonTexts() {
        // Any value at the top (only an object can be a request), with whitespace, and sometimes a BOM in front or
        // something after it.
        Arbitrary<String> before = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of(" ", "\n", "\uFEFF", "\u0000", "\u00A0", "x")));
        Arbitrary<String> after = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of(" ", "\r\n", "}", "]", ",", "{}", "[]", "x", "\u0000", "//", " 1", "\"")));
        return Combinators.combine(before, jsonValues(6), whitespace(), after)
                .as((b, json, ws, a) -> b + write(json, ws) + a);
    }

    // ---------------------------------------------------------------------------------------------------------
    // What JSON parsers choke on: deep nesting and numbers beyond double, int exponents or BigDecimal

    @Property(tries = 1_000)
    void deeplyNestedJsonKeepsTheContract(@ForAll("deeplyNested") String text) {
        decodeWithinContract(text);
    }

    @Provide
    Arbitrary<String> deeplyNested() {
        Arbitrary<Integer> depth = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(990, 1010)),
                Tuple.of(2, Arbitraries.integers().between(1, MAX_TEXT)));
        Arbitrary<String> opener = Arbitraries.of("[", "{\"a\":", "[{\"type\":");
        Arbitrary<Boolean> closed = Arbitraries.of(true, false);
        Arbitrary<Boolean> inARequest = Arbitraries.of(true, true, false);
        return Combinators.combine(depth, opener, closed, inARequest).as((n, open, close, wrap) -> {
            String close1 = open.startsWith("[{") ? "}]" : open.startsWith("[") ? "]" : "}";
            String nested = open.repeat(n) + (open.endsWith(":") ? "1" : "") + (close ? close1.repeat(n) : "");
            return wrap ? "{\"type\":\"ping\",\"deep\":" + nested + (close ? "}" : "") : nested;
        });
    }

    @Property(tries = 2_000)
    void hugeAndOutOfRangeNumbersKeepTheContract(@ForAll("hostileNumbers") String number, @ForAll boolean inType) {
        decodeWithinContract(inType ? "{\"type\":" + number + "}" : "{\"type\":\"ping\",\"n\":" + number + "}");
    }

    @Provide
    Arbitrary<String> hostileNumbers() {
        Arbitrary<String> mantissa = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("0", "1", "-1", "0.1", "123.456", "-0.0", "9")),
                Tuple.of(2, Combinators.combine(Arbitraries.of("1", "9", "-1", "0."), Arbitraries.of('0', '9'),
                        Arbitraries.integers().between(0, MAX_TEXT - 64))
                        .as((head, digit, n) -> head + String.valueOf(digit).repeat(n))));
        Arbitrary<String> exponent = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just("")),
                Tuple.of(3, Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                        Arbitraries.of("999999", "2147483647", "2147483648", "2147483649", "9999999999", "4294967296",
                                "99999999999999999999", "0", "308", "309", "324", "325"))
                        .as((e, sign, n) -> e + sign + n)),
                Tuple.of(1, Arbitraries.longs().between(0, Long.MAX_VALUE).map(n -> "e-" + n)));
        return Combinators.combine(mantissa, exponent).as(String::concat);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Request-shaped objects: "type" and the flight id keys with values of every JSON type

    /** A request-shaped object: each special member is null when absent; {@code duplicate} repeats one of them. */
    record Shape(Json type, Json flightId, Json flightIdSnake, List<Member> extras, Member duplicate, long order,
                 String ws) {

        String text() {
            List<Member> members = new ArrayList<>(extras);
            if (type != null) {
                members.add(new Member(new Str("type", order % 7 == 0), type));
            }
            if (flightId != null) {
                members.add(new Member(new Str("flightId", order % 11 == 0), flightId));
            }
            if (flightIdSnake != null) {
                members.add(new Member(new Str("flight_id", false), flightIdSnake));
            }
            if (duplicate != null) {
                members.add(duplicate);
            }
            Collections.shuffle(members, new Random(order));
            return write(new Obj(members), ws);
        }

        @Override
        public String toString() {
            return escape(text());
        }
    }

    @Property(tries = 3_000)
    void requestShapedObjectsDecodeAsSpecified(@ForAll("shapes") Shape shape) {
        String text = shape.text();
        Decoded decoded = decodeWithinContract(text);
        if (shape.duplicate() != null) {
            return; // which of two equal keys counts is the parser's business; the contract is checked above
        }
        Object expected = expected(shape.type(), shape.flightId(), shape.flightIdSnake());
        if (expected instanceof Request request) {
            if (!request.equals(decoded.request())) {
                throw new AssertionError("Expected " + request + " but got " + describe(decoded) + " from >>>" + escape(text) + "<<<");
            }
        } else {
            Refusal refusal = (Refusal) expected;
            if (decoded.error() == null || decoded.error().code() != refusal.code()) {
                throw new AssertionError("Expected " + refusal.code() + " but got " + describe(decoded) + " from >>>" + escape(text) + "<<<");
            }
            if (refusal.sentId() != null) {
                assertEchoes(refusal.sentId(), decoded.error(), text);
            }
        }
    }

    record Refusal(ErrorCode code, String sentId) {
    }

    /**
     * The protocol as documented: {@code type} picks the request; with no {@code type} the original
     * {@code {"flight_id":...}} means subscribe; {@code flightId} wins over {@code flight_id} when both are there.
     */
    static Object expected(Json type, Json flightId, Json flightIdSnake) {
        Json id = flightId != null ? flightId : flightIdSnake;
        if (type == null) {
            return flightIdSnake != null ? expectedForId(id, true) : new Refusal(ErrorCode.UNKNOWN_TYPE, null);
        }
        if (!(type instanceof Str name)) {
            return new Refusal(ErrorCode.UNKNOWN_TYPE, null);
        }
        switch (name.value()) {
            case "flights":
                return new Request.ListFlights();
            case "ping":
                return new Request.Ping();
            case "info":
                return new Request.Info();
            case "subscribe":
                return expectedForId(id, true);
            case "unsubscribe":
                return expectedForId(id, false);
            default:
                return new Refusal(ErrorCode.UNKNOWN_TYPE, null);
        }
    }

    private static Object expectedForId(Json id, boolean subscribe) {
        if (!(id instanceof Str text)) {
            return new Refusal(ErrorCode.INVALID_FLIGHT_ID, null);
        }
        return FlightId.parse(text.value())
                .<Object>map(f -> subscribe ? new Request.Subscribe(f, null) : new Request.Unsubscribe(f))
                .orElse(new Refusal(ErrorCode.INVALID_FLIGHT_ID, text.value()));
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<Json> otherValues = jsonValues(3);
        Arbitrary<Json> type = Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(Arbitraries.of(TYPES), Arbitraries.of(false, false, true)).as(Str::new)),
                Tuple.of(2, Arbitraries.of("Ping", "PING", " ping", "ping ", "ping\u0000", "subscribe\n", "subscribé",
                        "\uFF50\uFF49\uFF4E\uFF47", "unsubscribe\uD800", "flight", "price", "error", "").map(s -> new Str(s, false))),
                Tuple.of(1, strings()),
                Tuple.of(2, otherValues));
        Arbitrary<Json> id = Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(flightIdTexts(), Arbitraries.of(false, false, true)).as(Str::new)),
                Tuple.of(1, strings()),
                Tuple.of(1, Arbitraries.just(Lit.NULL)),
                Tuple.of(2, otherValues));
        Arbitrary<Member> extra = Combinators.combine(keys().filter(k -> !SPECIAL_KEYS.contains(k.value())), otherValues)
                .as(Member::new);
        Arbitrary<Member> duplicate = Combinators.combine(Arbitraries.of("type", "flightId", "flight_id").map(k -> new Str(k, false)),
                Arbitraries.oneOf(type, id)).as(Member::new);
        return Combinators.combine(type.injectNull(0.2), id.injectNull(0.3), id.injectNull(0.6), extra.list().ofMaxSize(3),
                        duplicate.injectNull(0.9), Arbitraries.longs(), whitespace())
                .as(Shape::new);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Flight ids: valid ones and near misses of LH400-2026-12-24

    enum Kind { REPLACE_DIGIT_WITH_OTHER_SCRIPT, CHANGE_CASE, INSERT_SPACE, DELETE, DUPLICATE, INSERT_ANY, SWAP, TRUNCATE }

    record Mutation(Kind kind, int at, int pick) {
        private static final int[] ZEROS = {0x0660, 0x06F0, 0x0966, 0x09E6, 0xFF10, 0x1D7CE, 0x1D7EC};
        private static final String SPACES = " \t\n\r\u00A0\u2007\u200B\u3000\uFEFF\u000B\u0085";

        String applyTo(String id) {
            int i = id.isEmpty() ? 0 : Math.floorMod(at, id.length());
            switch (kind) {
                case REPLACE_DIGIT_WITH_OTHER_SCRIPT: {
                    for (int j = 0; j < id.length(); j++) {
                        int k = (i + j) % id.length();
                        char c = id.charAt(k);
                        if (c >= '0' && c <= '9') {
                            String digit = new String(Character.toChars(ZEROS[Math.floorMod(pick, ZEROS.length)] + (c - '0')));
                            return id.substring(0, k) + digit + id.substring(k + 1);
                        }
                    }
                    return id;
                }
                case CHANGE_CASE:
                    return id.isEmpty() ? id : id.substring(0, i) + (pick % 2 == 0
                            ? id.substring(i, i + 1).toLowerCase() : id.substring(i, i + 1).toUpperCase()) + id.substring(i + 1);
                case INSERT_SPACE:
                    return id.substring(0, Math.floorMod(at, id.length() + 1)) + SPACES.charAt(Math.floorMod(pick, SPACES.length()))
                            + id.substring(Math.floorMod(at, id.length() + 1));
                case DELETE:
                    return id.isEmpty() ? id : id.substring(0, i) + id.substring(i + 1);
                case DUPLICATE:
                    return id.isEmpty() ? id : id.substring(0, i + 1) + id.substring(i);
                case INSERT_ANY:
                    return id.substring(0, Math.floorMod(at, id.length() + 1)) + (char) Math.floorMod(pick, 0x10000)
                            + id.substring(Math.floorMod(at, id.length() + 1));
                case SWAP:
                    return id.length() < 2 || i + 1 >= id.length() ? id
                            : id.substring(0, i) + id.charAt(i + 1) + id.charAt(i) + id.substring(i + 2);
                default:
                    return id.substring(0, i);
            }
        }
    }

    /** Valid flight ids, numbers with leading zeros, and near misses: the texts sent as a flight id. */
    static Arbitrary<String> flightIdTexts() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, validFlightIds().map(ValidId::text)),
                Tuple.of(3, nearMissFlightIds()));
    }

    static Arbitrary<String> nearMissFlightIds() {
        Arbitrary<String> carrier = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("LH", "U2", "9W", "BA", "00", "ZZ")),
                Tuple.of(2, Arbitraries.of("lh", "Lh", "lH", "L", "LHA", "", "\uFF2C\uFF28", "L\u0130", "\u039BH", "LH\u0301")),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(3)));
        Arbitrary<String> number = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(1, 9999).map(String::valueOf)),
                Tuple.of(3, Arbitraries.of("400", "0", "00", "000", "0000", "0400", "040", "04", "0001", "00400", "10000",
                        "99999", "4OO", "-400", "+400", "4_00", "\u0664\u0660\u0660", "\u06F4\u06F0\u06F0", "\uFF14\uFF10\uFF10",
                        "\u096A\u0966\u0966", "", "400 ", " 400")));
        Arbitrary<String> separator = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just("-")),
                Tuple.of(1, Arbitraries.of("", "--", " ", "_", "/", "\u2010", "\u2011", "\u2212", "\u2013", "\uFF0D")));
        Arbitrary<String> date = Arbitraries.frequencyOf(
                Tuple.of(4, validDates().map(LocalDate::toString)),
                Tuple.of(4, Arbitraries.of("2026-12-24", "2026-02-30", "2026-02-29", "2024-02-29", "2100-02-29", "2000-02-29",
                        "2026-13-01", "2026-00-10", "2026-12-00", "2026-12-32", "2026-04-31", "0000-01-01", "9999-12-31",
                        "10000-01-01", "26-12-24", "2026-1-24", "2026-12-4", "+2026-12-24", "-2026-12-24", "2026/12/24",
                        "20261224", "2026-12-24T00:00", "2026-W52-4", "2026-358", "2026-12-24Z", "\u0662\u0660\u0662\u0666-12-24",
                        "2026-12-2\u0664", "\uFF12\uFF10\uFF12\uFF16-12-24")),
                Tuple.of(1, Arbitraries.strings().withChars("0123456789-").ofMaxLength(12)));
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 0xffff)).as(Mutation::new);
        return Combinators.combine(carrier, number, separator, date, mutation.list().ofMaxSize(3))
                .as((c, n, sep, d, mutations) -> {
                    String id = c + n + sep + d;
                    for (Mutation m : mutations) {
                        id = m.applyTo(id);
                    }
                    return id;
                });
    }

    /** A flight id as the protocol defines it, built without {@link FlightId#parse}. */
    record ValidId(String carrier, int number, LocalDate date) {
        String text() {
            return String.format("%s%d-%04d-%02d-%02d", carrier, number, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        }

        FlightId flightId() {
            return new FlightId(carrier, number, date);
        }
    }

    static Arbitrary<LocalDate> validDates() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(LocalDate.of(2024, 1, 1).toEpochDay(), LocalDate.of(2030, 12, 31).toEpochDay())
                        .map(LocalDate::ofEpochDay)),
                Tuple.of(1, Arbitraries.longs().between(LocalDate.of(0, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
                        .map(LocalDate::ofEpochDay)));
    }

    static Arbitrary<ValidId> validFlightIds() {
        Arbitrary<String> carrier = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').ofLength(2);
        Arbitrary<Integer> number = Arbitraries.integers().between(1, 9999);
        return Combinators.combine(carrier, number, validDates()).as(ValidId::new);
    }

    /** How a flight id is sent: {@code {"type":"subscribe","flightId":...}} and the other three spellings. */
    enum Envelope {
        SUBSCRIBE("{\"type\":\"subscribe\",\"flightId\":", true),
        UNSUBSCRIBE("{\"type\":\"unsubscribe\",\"flightId\":", false),
        SUBSCRIBE_SNAKE("{\"type\":\"subscribe\",\"flight_id\":", true),
        ORIGINAL("{\"flight_id\":", true);

        final String head;
        final boolean subscribe;

        Envelope(String head, boolean subscribe) {
            this.head = head;
            this.subscribe = subscribe;
        }

        String wrap(String id, boolean escapeAll) {
            return head + write(new Str(id, escapeAll), "") + "}";
        }
    }

    @Property(tries = 3_000)
    void nearMissFlightIdsAreRefusedAndWellFormedOnesAccepted(@ForAll("anyFlightIdText") String id,
                                                              @ForAll Envelope envelope, @ForAll boolean escapeAll) {
        String text = envelope.wrap(id, escapeAll);
        Decoded decoded = decodeWithinContract(text);
        boolean wellFormed = wellFormed(id);
        if (decoded.request() != null) {
            if (!wellFormed) {
                throw new AssertionError("Accepted a flight id that is not of the form LH400-2026-12-24: " + describe(decoded)
                        + " from >>>" + escape(text) + "<<<");
            }
            Class<?> expected = envelope.subscribe ? Request.Subscribe.class : Request.Unsubscribe.class;
            if (!expected.isInstance(decoded.request())) {
                throw new AssertionError("Expected a " + expected.getSimpleName() + " but got " + describe(decoded)
                        + " from >>>" + escape(text) + "<<<");
            }
        } else {
            if (wellFormed || decoded.error().code() != ErrorCode.INVALID_FLIGHT_ID) {
                throw new AssertionError((wellFormed ? "Refused a well-formed flight id: " : "Expected INVALID_FLIGHT_ID but got ")
                        + describe(decoded) + " from >>>" + escape(text) + "<<<");
            }
            assertEchoes(id, decoded.error(), text);
        }
    }

    @Provide
    Arbitrary<String> anyFlightIdText() {
        return flightIdTexts();
    }

    /**
     * The grammar of a flight id, written out by hand: two of ASCII {@code A-Z 0-9}, a flight number of one to four
     * ASCII digits without a leading zero, a hyphen and an ISO date {@code yyyy-MM-dd} that exists.
     */
    static boolean wellFormed(String id) {
        int dash = id.indexOf('-');
        if (dash < 3 || dash > 6 || id.length() != dash + 11) {
            return false;
        }
        for (int i = 0; i < 2; i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        String number = id.substring(2, dash);
        String date = id.substring(dash + 1);
        // One spelling per flight: no leading zero (LH0400 is refused, LH400 is the id).
        if (!asciiDigits(number) || number.charAt(0) == '0') {
            return false;
        }
        if (date.charAt(4) != '-' || date.charAt(7) != '-' || !asciiDigits(date.substring(0, 4))
                || !asciiDigits(date.substring(5, 7)) || !asciiDigits(date.substring(8, 10))) {
            return false;
        }
        try {
            LocalDate.of(Integer.parseInt(date.substring(0, 4)), Integer.parseInt(date.substring(5, 7)),
                    Integer.parseInt(date.substring(8, 10)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean asciiDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** A refused flight id comes back as sent, cut after 64 chars and marked with an ellipsis. */
    private static void assertEchoes(String sent, RequestError error, String text) {
        String echoed = error.flightId();
        boolean ok = echoed != null && (echoed.equals(sent)
                || sent.length() > 64 && echoed.endsWith("…") && sent.startsWith(echoed.substring(0, echoed.length() - 1)));
        if (!ok) {
            throw new AssertionError("Refused flight id should be echoed (shortened), but flightId() is "
                    + (echoed == null ? null : ">>>" + escape(echoed) + "<<<") + " for >>>" + escape(text) + "<<<");
        }
    }

    @Property(tries = 2_000)
    void aDecodedSubscribeGivesBackTheFlightIdItWasSent(@ForAll("anyFlightIdText") String id, @ForAll boolean snakeCase,
                                                         @ForAll boolean escapeAll) {
        String text = (snakeCase ? Envelope.SUBSCRIBE_SNAKE : Envelope.SUBSCRIBE).wrap(id, escapeAll);
        Decoded decoded = decodeWithinContract(text);
        if (decoded.request() instanceof Request.Subscribe subscribe && !subscribe.flightId().toString().equals(id)) {
            throw new AssertionError("Subscribed to " + subscribe.flightId() + ", which is not the flight id sent: >>>"
                    + escape(id) + "<<< in >>>" + escape(text) + "<<<");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Valid requests, and mutations of them

    /** A valid request as text, and the request it must decode to. */
    record ValidRequest(String text, Request expected) {
        @Override
        public String toString() {
            return escape(text) + " -> " + expected;
        }
    }

    @Property(tries = 2_000)
    void validRequestsDecodeToTheRequestTheyName(@ForAll("validRequests") ValidRequest valid) {
        Decoded decoded = decodeWithinContract(valid.text());
        if (!valid.expected().equals(decoded.request())) {
            throw new AssertionError("Expected " + valid.expected() + " but got " + describe(decoded) + " from >>>"
                    + escape(valid.text()) + "<<<");
        }
    }

    @Provide
    Arbitrary<ValidRequest> validRequests() {
        Arbitrary<Member> extra = Combinators.combine(keys().filter(k -> !SPECIAL_KEYS.contains(k.value())), jsonValues(3))
                .as(Member::new);
        Arbitrary<Integer> form = Arbitraries.integers().between(0, 6);
        return Combinators.combine(form, validFlightIds(), extra.list().ofMaxSize(3), Arbitraries.longs(), whitespace(),
                        Arbitraries.of(false, false, true))
                .as((f, id, extras, order, ws, escapeAll) -> {
                    List<Member> members = new ArrayList<>(extras);
                    Request expected;
                    Str idText = new Str(id.text(), escapeAll);
                    switch (f) {
                        case 0:
                            expected = new Request.ListFlights();
                            members.add(new Member(new Str("type", escapeAll), new Str("flights", escapeAll)));
                            break;
                        case 1:
                            expected = new Request.Ping();
                            members.add(new Member(new Str("type", escapeAll), new Str("ping", escapeAll)));
                            break;
                        case 2:
                            expected = new Request.Info();
                            members.add(new Member(new Str("type", escapeAll), new Str("info", escapeAll)));
                            break;
                        case 3:
                            expected = new Request.Subscribe(id.flightId(), null);
                            members.add(new Member(new Str("type", escapeAll), new Str("subscribe", escapeAll)));
                            members.add(new Member(new Str("flightId", escapeAll), idText));
                            break;
                        case 4:
                            expected = new Request.Subscribe(id.flightId(), null);
                            members.add(new Member(new Str("type", escapeAll), new Str("subscribe", escapeAll)));
                            members.add(new Member(new Str("flight_id", escapeAll), idText));
                            break;
                        case 5:
                            expected = new Request.Unsubscribe(id.flightId());
                            members.add(new Member(new Str("type", escapeAll), new Str("unsubscribe", escapeAll)));
                            members.add(new Member(new Str("flightId", escapeAll), idText));
                            break;
                        default:
                            expected = new Request.Subscribe(id.flightId(), null);
                            members.add(new Member(new Str("flight_id", escapeAll), idText));
                            break;
                    }
                    Collections.shuffle(members, new Random(order));
                    return new ValidRequest(ws + write(new Obj(members), ws) + ws, expected);
                });
    }

    @Property(tries = 2_000)
    void mutatedValidRequestsKeepTheContract(@ForAll("validRequests") ValidRequest valid,
                                             @ForAll("edits") List<Mutation> edits) {
        String text = valid.text();
        for (Mutation edit : edits) {
            text = edit.applyTo(text);
        }
        decodeWithinContract(text);
    }

    @Provide
    Arbitrary<List<Mutation>> edits() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 400),
                Arbitraries.integers().between(0, 0xffff)).as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    private static String describe(Decoded decoded) {
        return decoded.request() != null ? decoded.request().toString()
                : "RequestError " + decoded.error().code() + " \"" + escape(decoded.error().getMessage()) + "\" flightId="
                + (decoded.error().flightId() == null ? null : escape(decoded.error().flightId()));
    }
}
