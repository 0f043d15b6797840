/** Without an application server: {@link dev.farewatch.embedded.EmbeddedServer} serves the page and the stream for {@code mvn compile exec:java}. Left out of the WAR. */
package dev.farewatch.embedded;
