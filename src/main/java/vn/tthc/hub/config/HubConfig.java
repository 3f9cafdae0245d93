package vn.tthc.hub.config;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.tthc.hub.catalogue.CatalogueHolder;
import vn.tthc.hub.mapping.CodeTables;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.mapping.MappingEngine;

/** The composition root: wires the plain-Java building blocks (clock, mappings, catalogue, routing table) as beans. */
@Configuration(proxyBeanMethods = false)
public class HubConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The mappings see the catalogue in use ($national), also after an import replaced it. */
    @Bean
    MappingEngine mappingEngine(HubProperties props, CatalogueHolder catalogue) {
        Path mappings = Path.of(props.getMappingsDir());
        return new MappingEngine(mappings, CanonicalJson.mapper(), CodeTables.load(mappings.resolve("codes")), catalogue::catalogue);
    }

    /**
     * The procedure catalogue and which system handles which procedure since when, loaded and validated at start (a
     * bad line stops the hub with the line named); replaced as a whole by an import from the console. Users read it
     * per call ({@code holder.catalogue()}, {@code holder.routing()}), never keep a table.
     */
    @Bean
    CatalogueHolder catalogueHolder(HubProperties props, Clock clock) {
        String dir = props.getCatalogueDir();
        return CatalogueHolder.load(dir.isBlank() ? Path.of(props.getMappingsDir(), "catalogue") : Path.of(dir), clock);
    }
}
