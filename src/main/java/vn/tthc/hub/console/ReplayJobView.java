package vn.tthc.hub.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.tthc.hub.sync.DeadLetterFilter;
import vn.tthc.hub.sync.ReplayJob;

/**
 * A bulk replay as the API and the pages show it: its filter, state and rate, the dry run's counts (in total, per
 * partner and per procedure: how many would be replayed and how many skipped as superseded), and its progress.
 */
public record ReplayJobView(long id, String state, DeadLetterFilter filter, int ratePerSecond, long total, long wouldReplay,
                            long wouldSkipSuperseded, List<Count> byTarget, List<Count> byProcedure, long replayed,
                            long skippedSuperseded, long failed, long processed, int percent, boolean finished, String createdBy,
                            Instant createdAt, Instant startedAt, Instant finishedAt, String lastError) {

    /** One partner's or procedure's count in the dry run. */
    public record Count(String key, long toReplay, long superseded) {
    }

    static ReplayJobView of(ReplayJob j) {
        return new ReplayJobView(j.id(), j.state(), j.filter(), j.ratePerSecond(), j.total(), j.total() - j.wouldSkip(), j.wouldSkip(),
                counts(j.byTarget()), counts(j.byProcedure()), j.replayed(), j.skippedSuperseded(), j.failed(), j.processed(),
                j.percent(), j.finished(), j.createdBy(), j.createdAt(), j.startedAt(), j.finishedAt(),
                vn.tthc.hub.dossier.Pii.maskText(j.lastError()));
    }

    private static List<Count> counts(Map<String, long[]> m) {
        return m.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }
}
