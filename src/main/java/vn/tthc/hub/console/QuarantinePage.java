package vn.tthc.hub.console;

import java.util.List;

/** The quarantine as the management API answers it: how many records there are, and the newest of them. */
public record QuarantinePage(long total, List<QuarantineItem> items) {
}
