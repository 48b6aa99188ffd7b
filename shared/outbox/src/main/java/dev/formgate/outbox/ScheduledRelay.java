package dev.formgate.outbox;

import org.springframework.context.SmartLifecycle;

/**
 * A relay bean whose work an {@link OutboxScheduler} drives: it starts with the application and stops like a crash
 * would, since the documents still hold what is owed.
 */
public abstract class ScheduledRelay implements SmartLifecycle {

	protected abstract OutboxScheduler scheduler();

	@Override
	public void start() {
		scheduler().start();
	}

	@Override
	public void stop() {
		scheduler().stop();
	}

	@Override
	public boolean isRunning() {
		return scheduler().isRunning();
	}
}
