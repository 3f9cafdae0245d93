package vn.tthc.hub.config.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import vn.tthc.hub.dossier.Pii;

/** Stack traces with personal-data-like numbers masked (exception messages may quote input). */
public class MaskedThrowableConverter extends ExtendedThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return Pii.maskText(super.throwableProxyToString(tp));
    }
}
