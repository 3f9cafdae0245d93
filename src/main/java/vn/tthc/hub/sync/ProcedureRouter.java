package vn.tthc.hub.sync;

import java.time.Instant;

/** Which system handles a national procedure at a given time: {@code province} or {@code ministry-Gnn}. */
@FunctionalInterface
public interface ProcedureRouter {
    String handlerFor(String nationalProcedureCode, Instant at);
}
