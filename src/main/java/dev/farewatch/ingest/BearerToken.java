package dev.farewatch.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The API's write token, checked against {@code Authorization: Bearer <token>}. Both sides are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, in time that tells nothing of how
 * much of a guess was right, or of the token's length. Its {@code toString} never shows it.
 */
final class BearerToken {

    private final byte[] digest;

    BearerToken(String token) {
        this.digest = sha256(token);
    }

    /** Whether the header carries this token; false for a missing header or another scheme. */
    boolean admits(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
