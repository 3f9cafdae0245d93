package vn.tthc.hub.config;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.tthc.hub.catalogue.ProcedureCatalogue;
import vn.tthc.hub.catalogue.ProcedureRouting;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.DossierValidator;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.sync.SyncProperties;

/** Wires the plain-Java building blocks (mappings, catalogue, validator, clock) as beans. */
@Configuration(proxyBeanMethods = false)
public class HubConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MappingEngine mappingEngine(HubProperties props) {
        return new MappingEngine(Path.of(props.getMappingsDir()), CanonicalJson.mapper());
    }

    /** Loaded and validated at start: a bad catalogue line stops the hub with the line named. */
    @Bean
    ProcedureCatalogue procedureCatalogue(HubProperties props) {
        return ProcedureCatalogue.load(Path.of(props.getMappingsDir(), "catalogue", "procedures.csv"));
    }

    /** Which system handles which procedure since when; validated at start against the catalogue, a bad line stops the hub. */
    @Bean
    ProcedureRouting procedureRouting(HubProperties props, ProcedureCatalogue catalogue) {
        return ProcedureRouting.load(Path.of(props.getMappingsDir(), "catalogue", "routing.csv"), catalogue);
    }

    /** Routing by procedure and reception date; a dossier without any date stays with the province. */
    @Bean
    vn.tthc.hub.sync.ProcedureRouter procedureRouter(ProcedureRouting routing) {
        return (code, at) -> at == null ? ProcedureRouting.PROVINCE : routing.handlerFor(code, at);
    }

    @Bean
    DossierValidator dossierValidator(ProcedureCatalogue catalogue, Clock clock, SyncProperties props) {
        return new DossierValidator(catalogue::isKnownNational, clock, props.getClockSkew());
    }
}
