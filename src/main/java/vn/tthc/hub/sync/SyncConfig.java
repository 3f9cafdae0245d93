package vn.tthc.hub.sync;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.tthc.hub.catalogue.ProcedureCatalogue;
import vn.tthc.hub.catalogue.ProcedureRouting;
import vn.tthc.hub.dossier.DossierValidator;

/** Wires what the sync core builds from the plain-Java core: the intake's validator and the procedure router. */
@Configuration(proxyBeanMethods = false)
public class SyncConfig {

    /** Routing by procedure and reception date; a dossier without any date stays with the province. */
    @Bean
    ProcedureRouter procedureRouter(ProcedureRouting routing) {
        return (code, at) -> at == null ? ProcedureRouting.PROVINCE : routing.handlerFor(code, at);
    }

    @Bean
    DossierValidator dossierValidator(ProcedureCatalogue catalogue, Clock clock, SyncProperties props) {
        return new DossierValidator(catalogue::isKnownNational, clock, props.getClockSkew());
    }
}
