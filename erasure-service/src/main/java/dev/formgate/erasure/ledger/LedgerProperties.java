package dev.formgate.erasure.ledger;

import dev.formgate.outbox.RelaySettings;
import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the ledger (prefix {@code formgate.erasure}).
 *
 * @param answerTimeout a store that has not answered this long after it was first asked is recorded as FAILED
 * (default 7 days)
 * @param retry how a silent store is asked again
 * @param export how long the stores' sealed access data stays in the ledger
 * @param relay how the outbox relay polls, batches and backs off
 */
@Validated
@ConfigurationProperties("formgate.erasure")
public record LedgerProperties(@DefaultValue("7d") Duration answerTimeout, @DefaultValue @Valid Retry retry,
		@DefaultValue @Valid Export export, @DefaultValue @Valid RelaySettings relay) {

	StoreTask.Backoff backoff() {
		return new StoreTask.Backoff(retry.first(), retry.max());
	}

	/**
	 * @param first wait after the first request before asking a silent store again (default 1 min); doubles after
	 * each request
	 * @param max longest wait between two requests (default 1 h)
	 */
	public record Retry(@DefaultValue("1m") Duration first, @DefaultValue("1h") Duration max) {
	}

	/**
	 * @param retention sealed export data is deleted this long after the first download, or after the request
	 * finished if nobody downloads it (default 30 days)
	 * @param purgeInterval how often the purge job runs (default 1 h)
	 */
	public record Export(@DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration purgeInterval) {
	}
}
