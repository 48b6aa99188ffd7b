package dev.formgate.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How an outbox relay polls, batches and backs off; each service binds it under its own prefix (e.g.
 * {@code formgate.newsletter.relay}).
 *
 * @param pollInterval how long the relay sleeps when nothing woke it (default 250 ms)
 * @param batchSize documents per round: their events are sent together, their mails share connections (default 100)
 * @param maxBackoff longest wait of a document after failures in a row (default 30 s); a dependency's return ends
 * every wait for it at once
 * @param sweepInterval how often the relay looks for owed work nobody woke it for: left by a crash, another instance
 * or a backoff (default 1 min; also once at start)
 * @param sweepPage ids one sweep reads at most (default 10,000); a full page is followed by the next one as soon as
 * it is handled
 * @param probeInterval while a dependency is unavailable, how often one document waiting for it is tried (default
 * 1 s; while its circuit breaker is open, the try does not reach it)
 * @param mailConnections SMTP connections a round's mails are spread over, in parallel (default 4)
 * @param markEvery accepted mails a connection marks sent with one store write (default 20; also at the end of each
 * batch): a crash repeats at most this many mails per connection, 1 marks each mail before the next goes out
 */
public record RelaySettings(@DefaultValue("250ms") Duration pollInterval, @DefaultValue("100") @Min(1) int batchSize,
		@DefaultValue("30s") Duration maxBackoff, @DefaultValue("1m") Duration sweepInterval,
		@DefaultValue("10000") @Min(1) int sweepPage, @DefaultValue("1s") Duration probeInterval,
		@DefaultValue("4") @Min(1) @Max(64) int mailConnections, @DefaultValue("20") @Min(1) int markEvery) {

	/** The defaults. */
	public static RelaySettings defaults() {
		return new RelaySettings(Duration.ofMillis(250), 100, Duration.ofSeconds(30), Duration.ofMinutes(1), 10_000,
				Duration.ofSeconds(1), 4, 20);
	}

	OutboxScheduler.Settings scheduler() {
		return new OutboxScheduler.Settings(pollInterval, batchSize, sweepInterval, sweepPage);
	}
}
