package dev.formgate.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransportSealTests {

	static final TransportSeal SEAL = new TransportSeal("a-transport-key-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8));

	@Test
	void opensWhatItSealedForTheSameRequestAndHidesThePlaintext() {
		PrivacyRequestId request = PrivacyRequestId.random();

		String sealed = SEAL.seal(request, "new.address@example.org");

		assertThat(sealed).doesNotContain("example.org").doesNotContain("@");
		assertThat(SEAL.open(request, sealed)).isEqualTo("new.address@example.org");
		assertThat(SEAL.seal(request, "new.address@example.org")).as("a fresh nonce each time").isNotEqualTo(sealed);
	}

	@Test
	void refusesAnotherRequestAnotherKeyOrAlteredText() {
		PrivacyRequestId request = PrivacyRequestId.random();
		String sealed = SEAL.seal(request, "secret");
		var otherKey = new TransportSeal("another-transport-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8));
		// A character in the middle: the last one may carry only padding bits.
		char middle = sealed.charAt(20);
		String altered = sealed.substring(0, 20) + (middle == 'A' ? 'B' : 'A') + sealed.substring(21);

		assertThatThrownBy(() -> SEAL.open(PrivacyRequestId.random(), sealed)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> otherKey.open(request, sealed)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SEAL.open(request, altered)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SEAL.open(request, "%%%")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void refusesAShortKey() {
		assertThatThrownBy(() -> new TransportSeal(new byte[16])).isInstanceOf(IllegalArgumentException.class);
	}
}
