package vn.tthc.hub.console;

/** One reason a quarantined input was refused: the field, the rule it broke and the sentence for people (masked). */
public record QuarantineError(String field, String rule, String message) {
}
