package vn.tthc.hub.config;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.tthc.hub.catalogue.ProcedureCatalogue;
import vn.tthc.hub.catalogue.ProcedureRouting;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.mapping.MappingEngine;

/** The composition root: wires the plain-Java building blocks (clock, mappings, catalogue, routing table) as beans. */
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
}
