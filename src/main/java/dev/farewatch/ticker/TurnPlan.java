package dev.farewatch.ticker;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * On which turn of the second each flight ticks. A flight keeps its turn for as long as it is in the
 * catalog, so it ticks exactly once a second even while flights come and go; a new flight takes the
 * least busy turn, so that a catalog read in order is dealt round the turns like cards and each
 * turn's sends stay about equal. Not thread-safe: the ticker's turns run one at a time.
 */
final class TurnPlan {

    private final int turns;
    private final Map<FlightId, Integer> turnOf = new HashMap<>();
    private final List<List<Flight>> flightsByTurn = new ArrayList<>();
    /** Where the next least-busy search starts, so that ties go round the turns in order. */
    private int cursor;
    private List<Flight> planned = List.of();

    TurnPlan(int turns) {
        this.turns = turns;
        for (int turn = 0; turn < turns; turn++) {
            flightsByTurn.add(new ArrayList<>());
        }
    }

    /**
     * Brings the plan up to the catalog's flights: a new flight takes a turn, a replaced one keeps its
     * own, a removed one frees it.
     *
     * @return the flights that left
     */
    List<FlightId> follow(List<Flight> catalog) {
        if (catalog == planned) {
            return List.of();
        }
        Map<FlightId, Flight> current = new HashMap<>();
        catalog.forEach(flight -> current.put(flight.flightId(), flight));
        List<FlightId> left = new ArrayList<>();
        for (List<Flight> turn : flightsByTurn) {
            turn.removeIf(flight -> {
                Flight now = current.get(flight.flightId());
                if (now == null) {
                    left.add(flight.flightId());
                }
                return now == null;
            });
            turn.replaceAll(flight -> current.get(flight.flightId()));
        }
        left.forEach(turnOf::remove);
        for (Flight flight : catalog) {
            if (!turnOf.containsKey(flight.flightId())) {
                int turn = leastBusy();
                turnOf.put(flight.flightId(), turn);
                flightsByTurn.get(turn).add(flight);
            }
        }
        planned = catalog;
        return left;
    }

    /** The flights that tick on this turn, in the order they joined it. */
    List<Flight> flightsOn(int turn) {
        return flightsByTurn.get(turn);
    }

    int turnOf(FlightId flight) {
        return turnOf.get(flight);
    }

    private int leastBusy() {
        int best = cursor;
        for (int i = 1; i < turns; i++) {
            int turn = (cursor + i) % turns;
            if (flightsByTurn.get(turn).size() < flightsByTurn.get(best).size()) {
                best = turn;
            }
        }
        cursor = (best + 1) % turns;
        return best;
    }
}
