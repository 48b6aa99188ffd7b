package dev.formgate.erasure.activity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies {@code formgate.activity.retention} and {@code .event-ids-retention}. At start, before the consumers run,
 * it takes over the ids that days written by an earlier version list, so that their redeliveries count once.
 */
@Component
class ActivityRetentionJob implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ActivityRetentionJob.class);

	private final Activity activity;

	ActivityRetentionJob(Activity activity) {
		this.activity = activity;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			activity.takeOverLegacyIds();
		}
		catch (RuntimeException e) {
			log.warn("Taking over the activity days' event ids failed ({}), the next purge tries again",
					e.getClass().getSimpleName());
		}
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
