package dev.formgate.newsletter.campaign;

import org.springframework.scheduling.annotation.Scheduled;

/** Reads the bounce mailbox every {@code formgate.newsletter.bounces.interval}, when it is enabled. */
final class BounceMailboxJob {

	private final BounceMailbox mailbox;
	private final boolean enabled;

	BounceMailboxJob(BounceMailbox mailbox, boolean enabled) {
		this.mailbox = mailbox;
		this.enabled = enabled;
	}

	@Scheduled(initialDelayString = "${formgate.newsletter.bounces.interval:1m}",
			fixedDelayString = "${formgate.newsletter.bounces.interval:1m}")
	void read() {
		if (enabled) {
			mailbox.readOnce();
		}
	}
}
