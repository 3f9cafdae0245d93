package vn.tthc.hub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** A source's own listing of the dossiers it changed in a time range, page by page, for the reconciliation. */
public interface SourceListing {
    /** The source id (as in {@code hub.flows}). */
    String source();

    /** The mapping its records go through at intake. */
    String mapping();

    /** Hands every record changed in {@code [from, to]} to {@code page}, one page at a time (never the whole range in memory). */
    void changed(Instant from, Instant to, Consumer<List<JsonNode>> page);
}
