package dev.formgate.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressesTests {

	@Test
	void anonymisesIpv4ToItsSlash24() {
		assertThat(IpAddresses.anonymise("203.0.113.77")).isEqualTo("203.0.113.0");
	}

	@Test
	void anonymisesIpv6ToItsSlash48() {
		assertThat(IpAddresses.anonymise("2001:db8:abcd:12:34:56:78:9")).isEqualTo("2001:db8:abcd:0:0:0:0:0");
	}

	@Test
	void neverResolvesNamesAndDropsWhatIsNoAddress() {
		assertThat(IpAddresses.anonymise("example.org")).isNull();
		assertThat(IpAddresses.anonymise("")).isNull();
		assertThat(IpAddresses.isLiteral("localhost")).isFalse();
		assertThat(IpAddresses.isLiteral("[::1]")).isTrue();
	}
}
