package vn.tthc.hub.retention;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the plain pruner over its store. */
@Configuration
public class RetentionConfig {
    @Bean
    public RetentionPruner retentionPruner(RetentionStore store, TransactionTemplate tx, RetentionProperties props, Clock clock) {
        return new RetentionPruner(store, tx, props, clock);
    }
}
