package dev.formgate.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CloudEventsTests {

	@Test
	void readsAnAttributeAsKafkaCarriesItAndAsSpringCloudFunctionCanonicalisesIt() {
		byte[] wire = "dev.formgate.privacy.ErasureRequested".getBytes(StandardCharsets.UTF_8);

		assertThat(CloudEvents.attribute(Map.of("ce_type", wire), "type")).isEqualTo("dev.formgate.privacy.ErasureRequested");
		assertThat(CloudEvents.attribute(Map.of("ce-type", "dev.formgate.privacy.ErasureRequested"), "type"))
			.isEqualTo("dev.formgate.privacy.ErasureRequested");
		assertThat(CloudEvents.attribute(Map.of("ce-id", "1"), "type")).isEmpty();
	}
}
