package vn.tthc.hub.console;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One delivery in the deliveries list: its state inline, then the dossier it belongs to (the list spans dossiers). */
public record DeliveryListItem(@JsonUnwrapped DeliveryView delivery, String dossierCode) {
}
