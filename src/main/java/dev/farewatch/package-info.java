/**
 * The node itself: {@link dev.farewatch.Farewatch} puts the parts together and starts and stops them;
 * {@link dev.farewatch.Host} says where it runs. Nothing below this package depends on it.
 */
package dev.farewatch;
