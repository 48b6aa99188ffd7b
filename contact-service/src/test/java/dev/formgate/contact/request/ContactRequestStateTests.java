package dev.formgate.contact.request;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ContactRequestStateTests {

	@ParameterizedTest(name = "{0} → {1}: {2}")
	@CsvSource({
			"RECEIVED,    IN_PROGRESS, true", "RECEIVED,    ANSWERED,    false", "RECEIVED,    CLOSED,      true",
			"IN_PROGRESS, ANSWERED,    true", "IN_PROGRESS, CLOSED,      true", "IN_PROGRESS, RECEIVED,    false",
			"ANSWERED,    CLOSED,      true", "ANSWERED,    IN_PROGRESS, true", "ANSWERED,    RECEIVED,    false",
			"CLOSED,      IN_PROGRESS, true", "CLOSED,      ANSWERED,    false", "CLOSED,      RECEIVED,    false" })
	void workflowLeadsForwardClosesFromAnyOpenStateAndReopens(ContactRequestState from, ContactRequestState to,
			boolean allowed) {
		assertThat(from.canMoveTo(to)).isEqualTo(allowed);
	}
}
