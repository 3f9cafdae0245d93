package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.sync.SyncProperties;
import vn.tthc.hub.dossier.DossierValidator;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.sync.IntakeResult;
import vn.tthc.hub.sync.IntakeService;
import vn.tthc.hub.sync.DeliveryStore;
import vn.tthc.hub.sync.QuarantineStore;
import vn.tthc.hub.sync.VersionStore;
import vn.tthc.hub.sync.TargetRegistry;

/**
 * A version that cannot be routed (its procedure's ministry is in the routing table but not configured)
 * is quarantined and nothing of it is stored; sent again once routing works, it is stored and delivered
 * — not taken for an "unchanged" copy of a version that never got deliveries.
 */
class IntakeRoutingFailureTest extends HubTestBase {
    @Autowired
    VersionStore versions;
    @Autowired
    DeliveryStore deliveries;
    @Autowired
    QuarantineStore quarantines;
    @Autowired
    MappingEngine mappings;
    @Autowired
    DossierValidator validator;
    @Autowired
    TargetRegistry targets;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    SyncProperties props;
    @Autowired
    Clock clock;

    @Test
    void anUnroutableVersionIsQuarantinedAndStoredWhenSentAgainAfterTheFix() throws Exception {
        TargetRegistry broken = spy(targets);
        doThrow(new TargetRegistry.RoutingException("procedure handled by ministry-G99, not configured"))
                .when(broken).targetsFor(eq("province"), any(), anyInt());
        ObjectNode d = WebhookIntakeTest.sample();
        String code = d.get("nationCode").asText();
        byte[] body = d.toString().getBytes(StandardCharsets.UTF_8);

        IntakeResult refused = new IntakeService(versions, deliveries, quarantines, mappings, validator, broken, tx, props, clock)
                .acceptRaw("province", "webhook", body, "application/json");
        assertThat(refused.outcome()).isEqualTo(IntakeResult.Outcome.REJECTED);
        assertThat(refused.httpStatus()).isEqualTo(422);
        assertThat(refused.quarantineId()).isNotNull();
        assertThat(refused.errors()).singleElement().satisfies(e -> assertThat(e.toString()).contains("procedureCode", "routing"));
        assertThat(get("/api/v1/dossiers/" + enc(code)).statusCode()).isEqualTo(404);

        IntakeResult stored = new IntakeService(versions, deliveries, quarantines, mappings, validator, targets, tx, props, clock)
                .acceptRaw("province", "webhook", body, "application/json");
        assertThat(stored.outcome()).isEqualTo(IntakeResult.Outcome.STORED);
        assertThat(getJson("/api/v1/dossiers/" + enc(code)).path("deliveries")).isNotEmpty();
    }
}
