package dev.formgate.erasure.retention;

import dev.formgate.erasure.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Applies {@code formgate.erasure.export.retention}: the stores' sealed access data leaves the ledger once its
 * period has passed. Logged with request ids only.
 */
@Component
class ExportRetentionJob {

	private static final Logger log = LoggerFactory.getLogger(ExportRetentionJob.class);

	private final Ledger ledger;

	ExportRetentionJob(Ledger ledger) {
		this.ledger = ledger;
	}

	@Scheduled(initialDelayString = "${formgate.erasure.export.purge-interval:1h}",
			fixedDelayString = "${formgate.erasure.export.purge-interval:1h}")
	void apply() {
		try {
			List<String> purged = ledger.purgeExpiredExports();
			if (!purged.isEmpty()) {
				log.info("Retention: access data of {} requests deleted {}", purged.size(), purged);
			}
		}
		catch (RuntimeException e) {
			log.warn("Export retention run failed ({}), will run again", e.getClass().getSimpleName());
		}
	}
}
