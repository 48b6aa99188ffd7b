package dev.formgate.outbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParkingTests {

	final Parking parking = new Parking(1_000);

	@Test
	void triesTheDocumentWaitingLongestOncePerIntervalAndLetsItWaitAgainAtTheEnd() {
		parking.park("a", 0);
		parking.park("b", 10);
		parking.park("c", 20);

		assertThat(parking.probe(999)).as("not before the interval").isNull();
		assertThat(parking.probe(1_000)).isEqualTo("a");
		assertThat(parking.isWaiting("a")).as("tried, not waiting until its try fails").isFalse();
		assertThat(parking.probe(1_500)).isNull();
		parking.park("a", 1_500);
		assertThat(parking.probe(2_000)).isEqualTo("b");
		assertThat(parking.probe(3_000)).isEqualTo("c");
		assertThat(parking.probe(4_000)).isEqualTo("a");
		assertThat(parking.isEmpty()).isTrue();
	}

	@Test
	void releasesEveryoneAtOnce() {
		parking.park("a", 0);
		parking.park("b", 0);

		assertThat(parking.release()).containsExactlyInAnyOrder("a", "b");
		assertThat(parking.isEmpty()).isTrue();
		assertThat(parking.probe(10_000)).isNull();
	}
}
