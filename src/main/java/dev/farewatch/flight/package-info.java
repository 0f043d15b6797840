/**
 * Flights: {@link dev.farewatch.flight.FlightId}, {@link dev.farewatch.flight.Flight}, the
 * {@link dev.farewatch.flight.FlightCatalog} travellers may follow, which changes while a node runs,
 * and the simulated {@link dev.farewatch.flight.Timetable} of real routes it starts with.
 */
package dev.farewatch.flight;
