package dev.farewatch.config;

import java.time.Duration;

/**
 * What one connection, and the whole server, may use. Enforced by Farewatch's own code, so that they
 * hold alike in the embedded server, Payara and WildFly.
 *
 * @param maxSubscriptions         flights one connection may follow at once
 * @param maxMessageBytes          largest text message a client may send; a larger one closes it with 1009
 * @param messagesPerSecond        sustained rate of client messages a connection may send
 * @param messageBurst             how many messages a connection may send at once after a quiet spell
 * @param maxConnections           open connections on this server; more are closed with 1013
 * @param maxConnectionsPerAddress open connections from one remote address; more are closed with 1013
 * @param subscribeWithin          how long a connection may follow no flight, and have no alert, before it is closed with 1008
 * @param slowConsumerAfter        how long a send may make no progress before the connection is closed with 4008
 * @param pingEvery                how often the server pings an idle connection
 * @param pongWithin               how long the server waits for the pong before closing with 4008
 */
public record Limits(int maxSubscriptions, int maxMessageBytes, int messagesPerSecond, int messageBurst,
                     int maxConnections, int maxConnectionsPerAddress, Duration subscribeWithin,
                     Duration slowConsumerAfter, Duration pingEvery, Duration pongWithin) {

    /** The endpoints' own buffer bound: no configuration may accept more. */
    public static final int MAX_MESSAGE_BYTES = 65_536;
}
