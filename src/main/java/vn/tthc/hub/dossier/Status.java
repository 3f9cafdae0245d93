package vn.tthc.hub.dossier;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The portal's dossier status set (TrangThaiHoSo 1–10) and which transitions between them are
 * legal. The transition table is assumed from PARTNERS.md: 1→2|3, 2→4, 4↔5, 4↔6, 4→9→10, 2|4→7|8.
 */
public final class Status {
    public static final int SUBMITTED = 1;
    public static final int RECEIVED = 2;
    public static final int REFUSED = 3;
    public static final int PROCESSING = 4;
    public static final int SUPPLEMENT_REQUESTED = 5;
    public static final int PAYMENT_REQUESTED = 6;
    public static final int WITHDRAWN = 7;
    public static final int STOPPED = 8;
    public static final int FINISHED = 9;
    public static final int RETURNED = 10;


    private static final Map<Integer, Set<Integer>> NEXT = Map.of(
            SUBMITTED, Set.of(RECEIVED, REFUSED),
            RECEIVED, Set.of(PROCESSING, WITHDRAWN, STOPPED),
            PROCESSING, Set.of(SUPPLEMENT_REQUESTED, PAYMENT_REQUESTED, FINISHED, WITHDRAWN, STOPPED),
            SUPPLEMENT_REQUESTED, Set.of(PROCESSING),
            PAYMENT_REQUESTED, Set.of(PROCESSING),
            FINISHED, Set.of(RETURNED));

    private Status() {
    }

    public static boolean isValid(Integer status) {
        return status != null && status >= 1 && status <= 10;
    }

    /** Staying in the same status is always allowed (a change of other fields). */
    public static boolean canMove(int from, int to) {
        return from == to || NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    /**
     * Whether {@code to} can follow {@code from} through any number of legal transitions: a receiver
     * that sees only some versions (intermediate ones coalesced) still sees a forward move.
     */
    public static boolean canReach(int from, int to) {
        java.util.Deque<Integer> todo = new java.util.ArrayDeque<>(List.of(from));
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            int s = todo.pop();
            if (s == to) {
                return true;
            }
            if (seen.add(s)) {
                todo.addAll(NEXT.getOrDefault(s, Set.of()));
            }
        }
        return false;
    }
}
