package vn.tthc.hub.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.tthc.hub.catalogue.CatalogueHolder;
import vn.tthc.hub.catalogue.CsvFormatException;

/**
 * Checks the catalogue folder every {@code hub.catalogue-refresh} (30 s) and takes the files when they changed on disk:
 * with several instances sharing the folder, an import on one reaches the others within that time. A changed file that
 * is not valid is logged with its line and left unused.
 */
@Component
class CatalogueRefresh {
    private static final Logger log = LoggerFactory.getLogger(CatalogueRefresh.class);
    private final CatalogueHolder holder;
    private final HubProperties props;
    private ScheduledExecutorService timer;

    CatalogueRefresh(CatalogueHolder holder, HubProperties props) {
        this.holder = holder;
        this.props = props;
    }

    @PostConstruct
    void start() {
        long ms = props.getCatalogueRefresh() == null ? 0 : props.getCatalogueRefresh().toMillis();
        if (ms <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalogue-refresh");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
    }

    void check() {
        try {
            if (holder.reloadIfChanged()) {
                log.info("catalogue: {} changed on disk, now in use", holder.dir());
            }
        } catch (CsvFormatException e) {
            log.error("catalogue: a changed file is not valid, the tables in use stay: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("catalogue: checking {} failed: {}", holder.dir(), e.toString());
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
