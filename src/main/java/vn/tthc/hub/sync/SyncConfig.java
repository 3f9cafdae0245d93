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

    @Bean
    DossierValidator dossierValidator(CatalogueHolder catalogue, Clock clock, SyncProperties props) {
        return new DossierValidator(code -> catalogue.catalogue().isKnownNational(code), clock, props.getClockSkew());
    }
}
