package dev.formgate.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScrubbedObservationsTests {

	@Test
	void dropsQueryStringsAndAddressesButKeepsPaths() {
		var context = new Observation.Context();
		context.addLowCardinalityKeyValue(KeyValue.of("uri", "/newsletter/confirm"));
		context.addHighCardinalityKeyValue(KeyValue.of("http.url", "http://svc:8081/newsletter/confirm?token=s3cret"));
		context.addHighCardinalityKeyValue(KeyValue.of("note", "from jane.doe@example.org today"));

		new ScrubbedObservations().map(context);

		assertThat(context.getLowCardinalityKeyValue("uri").getValue()).isEqualTo("/newsletter/confirm");
		assertThat(context.getHighCardinalityKeyValue("http.url").getValue())
			.isEqualTo("http://svc:8081/newsletter/confirm");
		assertThat(context.getHighCardinalityKeyValue("note").getValue()).isEqualTo("from redacted today");
	}
}
