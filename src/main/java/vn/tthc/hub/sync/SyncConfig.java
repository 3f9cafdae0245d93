package vn.tthc.hub.sync;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.tthc.hub.catalogue.CatalogueHolder;
import vn.tthc.hub.catalogue.ProcedureRouting;
import vn.tthc.hub.dossier.DossierValidator;

/** Wires what the sync core builds from the plain-Java core: the intake's validator and the procedure router. */
@Configuration(proxyBeanMethods = false)
public class SyncConfig {

    /** Routing by procedure and reception date; a dossier without any date stays with the province. */
    @Bean
    ProcedureRouter procedureRouter(CatalogueHolder catalogue) {
        // the table in use at each call: an import from the console replaces it while the hub runs
        return (code, at) -> at == null ? ProcedureRouting.PROVINCE : catalogue.routing().handlerFor(code, at);
    }

    /**
     * The targets' circuits (this instance's); when a target is healthy again its waiting deliveries are made due now
     * by a database update, so those of every instance resume.
     */
    @Bean
    PartnerCircuits partnerCircuits(TargetRegistry targets, DeliveryStore store, Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
        PartnerCircuits circuits = new PartnerCircuits(t -> {
            try {
                return targets.adapter(t).settings().getCircuit();
            } catch (IllegalArgumentException e) {
                return new CircuitSettings(); // a target gone from configuration: its last deliveries still end
            }
        }, clock, meters, t -> {
            int n = store.wakeTarget(t, clock.instant(), WAKE_LIMIT);
            org.slf4j.LoggerFactory.getLogger(PartnerCircuits.class).info("{} answers again: {} waiting deliveries made due now", t, n);
        });
        targets.allTargets().forEach(circuits::register);
        return circuits;
    }

    /** The most deliveries one wake-up makes due (the rest keep their own, bounded, due times). */
    static final int WAKE_LIMIT = 10_000;

    @Bean
    DossierValidator dossierValidator(CatalogueHolder catalogue, Clock clock, SyncProperties props) {
        return new DossierValidator(code -> catalogue.catalogue().isKnownNational(code), clock, props.getClockSkew());
    }
}
