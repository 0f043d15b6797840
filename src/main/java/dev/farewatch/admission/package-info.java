/**
 * Who may connect: {@link dev.farewatch.admission.OriginPolicy}, which browser pages may open the
 * stream, and {@link dev.farewatch.admission.Handshake}, what a handshake told about the client.
 */
package dev.farewatch.admission;
