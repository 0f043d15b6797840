/**
 * What an operator and a load balancer ask a node: whether it is alive and ready to be sent clients
 * ({@link dev.farewatch.monitoring.NodeHealth}, {@code /api/health/live} and {@code /api/health/ready}),
 * and how it is doing, for Prometheus ({@link dev.farewatch.monitoring.NodeMetrics}, {@code /api/metrics}).
 * {@link dev.farewatch.monitoring.MonitoringApi} answers those paths ahead of the ingest API.
 */
package dev.farewatch.monitoring;
