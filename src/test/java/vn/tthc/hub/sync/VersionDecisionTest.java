package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.tthc.hub.sync.VersionDecision.Decision;

/**
 * The version decision at intake, row by row: the stored head (or none) and the incoming version and
 * content hash give what intake does and what it answers.
 */
class VersionDecisionTest {

    @ParameterizedTest(name = "head v{0} {1}, incoming v{2} {3} -> {4} ({5}, HTTP {6})")
    @CsvSource(nullValues = "none", textBlock = """
            # head version, head hash, version, hash, decision,    outcome,   HTTP
              none,         none,      1,       A,    NEW_VERSION, STORED,    202
              none,         none,      9,       A,    NEW_VERSION, STORED,    202
              3,            A,         4,       B,    NEW_VERSION, STORED,    202
              3,            A,         10,      B,    NEW_VERSION, STORED,    202
              3,            A,         4,       A,    UNCHANGED,   UNCHANGED, 202
              3,            A,         3,       A,    UNCHANGED,   UNCHANGED, 202
              3,            A,         3,       B,    CONFLICT,    REJECTED,  409
              3,            A,         2,       B,    STALE,       STALE,     202
              3,            A,         2,       A,    STALE,       STALE,     202
              3,            A,         0,       B,    STALE,       STALE,     202
            """)
    void decidesFromTheHeadAndTheIncomingVersion(Long headVersion, String headHash, long version, String hash,
                                                 Decision expected, IntakeResult.Outcome outcome, int httpStatus) {
        VersionStore.DossierHead head = headVersion == null ? null : new VersionStore.DossierHead("X", headVersion, headHash, 4, 2);

        Decision d = VersionDecision.decide(head, version, hash);

        assertThat(d).isEqualTo(expected);
        assertThat(d.outcome()).isEqualTo(outcome);
        assertThat(d.httpStatus()).isEqualTo(httpStatus);
    }

    @Test
    void acceptedDecisionsAnswerWhatIntakeAnswers() {
        // IntakeService answers accepted outcomes through IntakeResult.ok: the decision's status must be the same
        for (Decision d : Decision.values()) {
            if (d.outcome() != IntakeResult.Outcome.REJECTED) {
                assertThat(IntakeResult.ok(d.outcome(), "X", 1).httpStatus()).as("%s", d).isEqualTo(d.httpStatus());
            }
        }
    }

    @ParameterizedTest(name = "head with {0} steps, incoming {1} steps -> new steps from {2}")
    @CsvSource(nullValues = "none", textBlock = """
            # head steps, incoming steps, steps from
              none,       0,              0
              none,       5,              0
              0,          3,              0
              2,          5,              2
              3,          3,              3
              5,          3,              3
              4,          0,              0
            """)
    void newStepsStartAfterThoseTheHeadHad(Integer headSteps, int steps, int expected) {
        VersionStore.DossierHead head = headSteps == null ? null : new VersionStore.DossierHead("X", 3, "A", 4, headSteps);

        assertThat(VersionDecision.stepsFrom(head, steps)).isEqualTo(expected);
    }
}
