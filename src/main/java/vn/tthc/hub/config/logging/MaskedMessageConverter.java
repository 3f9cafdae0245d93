package vn.tthc.hub.config.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import vn.tthc.hub.dossier.Pii;

/** Log message with CCCD/CMND/phone-like numbers masked: the last line of defence for personal data in logs. */
public class MaskedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Pii.maskText(super.convert(event));
    }
}
