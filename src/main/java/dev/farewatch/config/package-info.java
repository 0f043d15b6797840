/**
 * The settings: {@link dev.farewatch.config.FarewatchConfig}, read from system properties and the
 * environment, and the {@link dev.farewatch.config.Limits} each connection and the server keep to.
 */
package dev.farewatch.config;
