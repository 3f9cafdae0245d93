package vn.tthc.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.tthc.hub.reconcile.Comparison.DeliveryView;
import vn.tthc.hub.reconcile.Comparison.HubView;
import vn.tthc.hub.reconcile.Comparison.SourceView;
import vn.tthc.hub.sync.DeliveryState;
import vn.tthc.hub.sync.TargetLookup.Held;

/** Each category from its three views, and no difference for dossiers in sync or still on their way. */
class ComparisonTest {
    static final Instant NOW = Instant.parse("2026-11-23T18:00:00Z");
    static final Duration STUCK_AFTER = Duration.ofHours(1);
    static final String H2 = "b".repeat(64);
    static final HubView HUB = new HubView(2, 4, H2, "2.000477", "000.00.06.H56");
    static final SourceView SAME = new SourceView(2, 4, H2);

    static DeliveryView delivery(String target, DeliveryState state, Instant updated) {
        return new DeliveryView(7, target, 2, 4, state, updated);
    }

    static DeliveryView delivered(String target) {
        return delivery(target, DeliveryState.DELIVERED, NOW.minusSeconds(30));
    }

    static Held held(int status, boolean same) {
        return new Held(true, status, same);
    }

    static Stream<Arguments> cases() {
        Instant recent = NOW.minusSeconds(60);
        Instant old = NOW.minus(Duration.ofHours(2));
        return Stream.of(
                // name, source, hub, latest deliveries, what the targets hold, expected "category@target"
                Arguments.of("in sync everywhere", SAME, HUB, List.of(delivered("dvcqg"), delivered("emc")),
                        Map.of("dvcqg", held(4, true)), List.of()),
                Arguments.of("not in the source's listing, in sync at the target", null, HUB, List.of(delivered("dvcqg")),
                        Map.of("dvcqg", held(4, true)), List.of()),
                Arguments.of("newer revision with the same content (intake's UNCHANGED)", new SourceView(3, 4, H2), HUB,
                        List.of(delivered("dvcqg")), Map.of("dvcqg", held(4, true)), List.of()),
                Arguments.of("older revision in the listing (the hub is ahead)", new SourceView(1, 2, "a".repeat(64)), HUB,
                        List.of(delivered("dvcqg")), Map.of("dvcqg", held(4, true)), List.of()),
                Arguments.of("pending delivery in flight: the target may not have it yet", SAME, HUB,
                        List.of(delivery("dvcqg", DeliveryState.PENDING, recent)), Map.of(), List.of()),
                Arguments.of("failed delivery retrying", SAME, HUB, List.of(delivery("dvcqg", DeliveryState.FAILED, recent)), Map.of(),
                        List.of()),
                Arguments.of("target without a look-up (EMC) is not guessed at", SAME, HUB, List.of(delivered("emc")), Map.of(),
                        List.of()),
                Arguments.of("missing in hub: a newer revision with other content", new SourceView(3, 5, "c".repeat(64)), HUB,
                        List.of(delivered("dvcqg")), Map.of("dvcqg", held(4, true)), List.of("missingInHub@-")),
                Arguments.of("missing in hub: never stored", SAME, null, List.of(), Map.of(), List.of("missingInHub@-")),
                Arguments.of("same revision, other content than the hub's", new SourceView(2, 4, "d".repeat(64)), HUB,
                        List.of(delivered("dvcqg")), Map.of("dvcqg", held(4, true)), List.of("contentMismatch@-")),
                Arguments.of("missing at the target", SAME, HUB, List.of(delivered("dvcqg")), Map.of("dvcqg", Held.absent()),
                        List.of("missingAtTarget@dvcqg")),
                Arguments.of("status mismatch at the target", SAME, HUB, List.of(delivered("dvcqg")), Map.of("dvcqg", held(2, false)),
                        List.of("statusMismatch@dvcqg")),
                Arguments.of("unreadable status at the target", SAME, HUB, List.of(delivered("dvcqg")),
                        Map.of("dvcqg", new Held(true, null, false)), List.of("statusMismatch@dvcqg")),
                Arguments.of("content mismatch at the target", SAME, HUB, List.of(delivered("dvcqg")), Map.of("dvcqg", held(4, false)),
                        List.of("contentMismatch@dvcqg")),
                Arguments.of("stuck: open and untouched past the budget", SAME, HUB, List.of(delivery("emc", DeliveryState.FAILED, old)),
                        Map.of(), List.of("stuck@emc")),
                Arguments.of("dead-lettered", SAME, HUB, List.of(delivery("emc", DeliveryState.DEAD, recent), delivered("dvcqg")),
                        Map.of("dvcqg", held(4, true)), List.of("deadLettered@emc")),
                Arguments.of("discarded by a person: closed, not re-reported", SAME, HUB,
                        List.of(delivery("emc", DeliveryState.DISCARDED, old), delivered("dvcqg")), Map.of("dvcqg", held(4, true)), List.of()),
                Arguments.of("discarded, the source's newer change is still reported", new SourceView(3, 5, "c".repeat(64)), HUB,
                        List.of(delivery("emc", DeliveryState.DISCARDED, recent)), Map.of(), List.of("missingInHub@-")),
                Arguments.of("several at once, each once", new SourceView(3, 5, "c".repeat(64)), HUB,
                        List.of(delivered("dvcqg"), delivery("emc", DeliveryState.DEAD, recent)), Map.of("dvcqg", Held.absent()),
                        List.of("missingInHub@-", "deadLettered@emc", "missingAtTarget@dvcqg")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void categories(String name, SourceView source, HubView hub, List<DeliveryView> latest, Map<String, Held> held, List<String> expected) {
        List<String> found = Comparison.compare(source, hub, latest, held, NOW, STUCK_AFTER).stream()
                .map(f -> f.category().key() + "@" + (f.target() == null ? "-" : f.target())).toList();
        assertThat(found).as(name).containsExactlyInAnyOrderElementsOf(expected);
    }
}
