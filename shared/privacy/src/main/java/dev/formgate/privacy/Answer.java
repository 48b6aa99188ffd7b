package dev.formgate.privacy;

import dev.formgate.events.OutcomeEvent.Outcome;

import java.util.Map;

/**
 * A store's answer to one request, without the envelope. {@code reason} is a fixed text of the store, never anything
 * a person or staff member wrote; {@code sealedData} is sealed with the request's transport seal.
 */
public record Answer(Outcome outcome, Map<String, Long> counts, String reason, String sealedData) {

	public Answer {
		counts = counts == null ? Map.of() : Map.copyOf(counts);
	}

	public static Answer erased(Map<String, Long> counts) {
		return new Answer(Outcome.ERASED, counts, null, null);
	}

	public static Answer nothingFound() {
		return new Answer(Outcome.NOTHING_FOUND, null, null, null);
	}

	public static Answer retained(String legalReason, Map<String, Long> counts) {
		return new Answer(Outcome.RETAINED, counts, legalReason, null);
	}

	public static Answer notApplicable(String reason) {
		return new Answer(Outcome.NOT_APPLICABLE, null, reason, null);
	}

	public static Answer exported(String sealedData) {
		return new Answer(Outcome.EXPORTED, null, null, sealedData);
	}

	public static Answer done() {
		return new Answer(Outcome.DONE, null, null, null);
	}

	public static Answer failed(String reason) {
		return new Answer(Outcome.FAILED, null, reason, null);
	}
}
