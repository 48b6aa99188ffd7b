package dev.formgate.privacy;

import dev.formgate.events.InventoryEvent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * A store's privacy settings (prefix {@code formgate.privacy}).
 *
 * @param store the store's name in answers and in the registry (default: the application name)
 * @param inventory every collection with personal data: the one declaration the registry and Art. 30 record use
 * @param answersRetention how long a stored answer is kept, so a re-sent request gets the same answer; longer than
 * the ledger's longest deadline (one month, extendable by two: Art. 12(3))
 * @param relay how the answer relay polls and backs off
 * @param legalHolds whether staff can keep this store's data under a legal hold, announced with the inventory
 * (default false)
 */
@Validated
@ConfigurationProperties("formgate.privacy")
public record PrivacyProperties(@NotBlank String store, @NotEmpty List<InventoryEvent.Category> inventory,
		@DefaultValue("120d") Duration answersRetention, @DefaultValue @Valid Relay relay,
		@DefaultValue("false") boolean legalHolds) {

	/**
	 * @param pollInterval how long the relay sleeps when nothing woke it (default 250 ms)
	 * @param batchSize answers taken per round (default 100)
	 * @param maxBackoff longest wait after repeated Kafka failures (default 30 s)
	 * @param sweepInterval how often the relay looks for answers nobody woke it for (default 1 min; also at start)
	 */
	public record Relay(@DefaultValue("250ms") Duration pollInterval, @DefaultValue("100") int batchSize,
			@DefaultValue("30s") Duration maxBackoff, @DefaultValue("1m") Duration sweepInterval) {
	}
}
