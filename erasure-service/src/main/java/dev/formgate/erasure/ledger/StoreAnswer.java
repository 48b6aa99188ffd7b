package dev.formgate.erasure.ledger;

import dev.formgate.events.OutcomeEvent.Outcome;

import java.time.Instant;
import java.util.Map;

/**
 * A store's answer to one request, or the ledger's verdict on its silence.
 *
 * @param sealedData an access export, still sealed for the request; removed when the export's retention ends
 * @param silence true when the ledger gave up waiting (FAILED); a real answer later replaces it
 */
record StoreAnswer(Outcome outcome, Map<String, Long> counts, String reason, Instant answeredAt, String sealedData,
		boolean silence) {

	StoreAnswer withoutSealedData() {
		return new StoreAnswer(outcome, counts, reason, answeredAt, null, silence);
	}
}
