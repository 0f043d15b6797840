package dev.farewatch.ingest;

import java.util.Map;

/** A request refused as a whole, with the problem it is answered with and any headers the status calls for. */
final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    Refusal(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    Refusal(int status, String code, String detail) {
        this(Problem.of(status, code, detail), Map.of());
    }

    Refusal(Problem problem) {
        this(problem, Map.of());
    }

    Problem problem() {
        return problem;
    }

    Map<String, String> headers() {
        return headers;
    }
}
