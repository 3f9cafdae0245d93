package vn.tthc.hub.console;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * One dossier as the management API answers it: the first source's view inline on top, every
 * source's view under {@code views}, and every delivery made from it.
 */
public record DossierDetail(@JsonUnwrapped DossierView head, List<DossierView> views, List<DeliveryView> deliveries) {
}
