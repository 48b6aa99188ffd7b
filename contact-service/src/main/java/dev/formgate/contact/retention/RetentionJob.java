package dev.formgate.contact.retention;

import dev.formgate.contact.request.ContactRequestService;
import dev.formgate.contact.request.PurgeReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies {@code formgate.contact.retention}: closed requests past their period are purged unless under legal hold.
 * Each run is recorded in the log with counts and request ids only; each purge also as a ContactRequestPurged event.
 */
@Component
class RetentionJob {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private final ContactRequestService requests;

	RetentionJob(ContactRequestService requests) {
		this.requests = requests;
	}

	@Scheduled(initialDelayString = "${formgate.contact.retention.interval:1h}",
			fixedDelayString = "${formgate.contact.retention.interval:1h}")
	void apply() {
		try {
			PurgeReport report = requests.purgeClosed();
			long overdue = requests.countOverdue();
			requests.purgeAcknowledgementCooldowns();
			if (!report.purged().isEmpty() || report.keptUnderLegalHold() > 0 || overdue > 0) {
				log.info("Retention: {} closed contact requests purged {}, {} kept under legal hold; {} open requests overdue",
						report.purged().size(), report.purged(), report.keptUnderLegalHold(), overdue);
			}
		}
		catch (RuntimeException e) {
			log.warn("Retention run failed ({}), will run again", e.getClass().getSimpleName());
		}
	}
}
