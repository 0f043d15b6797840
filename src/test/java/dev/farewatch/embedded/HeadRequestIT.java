package dev.farewatch.embedded;

import dev.farewatch.testing.FarewatchServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** HEAD on the page's files answers as GET does, without the body. */
class HeadRequestIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer(Map.of());

    @Test
    void headOnAFileAnswersWithGetsHeadAndNoBody() throws IOException {
        long size = Files.size(Path.of(System.getProperty("farewatch.webapp", "webapp"), "app.js"));
        RawHttp get = request("GET", "/app.js");

        RawHttp head = request("HEAD", "/app.js");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Long.toString(size)).isEqualTo(get.header("Content-Length"));
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type")).startsWith("text/javascript");
        assertThat(head.header("Last-Modified")).isEqualTo(get.header("Last-Modified"));
        assertThat(head.body()).isEmpty();
        assertThat(get.body()).hasSize((int) size);
    }

    @Test
    void headOnTheRootAnswersForTheIndexPage() {
        RawHttp head = request("HEAD", "/");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).startsWith("text/html");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void headOnAMissingFileIs404WithoutBody() {
        RawHttp head = request("HEAD", "/no-such-file.js");

        assertThat(head.status()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
    }

    private static RawHttp request(String method, String path) {
        RawHttp answer = RawHttp.exchange(server.http("").getHost(), server.http("").getPort(),
                method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", WAIT);
        assertThat(answer.closedByServer()).as("the server ends a Connection: close exchange").isTrue();
        return answer;
    }
}
