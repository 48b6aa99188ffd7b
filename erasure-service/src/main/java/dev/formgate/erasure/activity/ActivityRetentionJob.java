package dev.formgate.erasure.activity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Applies {@code formgate.activity.retention} and {@code .event-ids-retention}. */
@Component
class ActivityRetentionJob {

	private static final Logger log = LoggerFactory.getLogger(ActivityRetentionJob.class);

	private final Activity activity;

	ActivityRetentionJob(Activity activity) {
		this.activity = activity;
	}

	@Scheduled(initialDelayString = "${formgate.activity.purge-interval:1h}",
			fixedDelayString = "${formgate.activity.purge-interval:1h}")
	void apply() {
		try {
			activity.purge();
		}
		catch (RuntimeException e) {
			log.warn("Activity retention run failed ({}), will run again", e.getClass().getSimpleName());
		}
	}
}
