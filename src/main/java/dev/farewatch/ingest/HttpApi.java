package dev.farewatch.ingest;

/** Everything under {@code /api}, as the servers carrying it see it: a request in, an answer out. */
@FunctionalInterface
public interface HttpApi {

    /** Answers one request; never throws for anything the client sent. */
    ApiResponse handle(ApiRequest request);
}
