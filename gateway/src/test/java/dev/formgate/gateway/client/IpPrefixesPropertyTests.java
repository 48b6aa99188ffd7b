package dev.formgate.gateway.client;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** Matomo-style anonymisation: IPv4 keeps two bytes, IPv6 its /48, IPv4-mapped IPv6 counts as IPv4. */
class IpPrefixesPropertyTests {

	@Provide
	Arbitrary<byte[]> ipv4() {
		return Arbitraries.bytes().array(byte[].class).ofSize(4);
	}

	@Provide
	Arbitrary<byte[]> ipv6() {
		return Arbitraries.bytes().array(byte[].class).ofSize(16)
			.filter(b -> !(isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff));
	}

	static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	static byte[] parse(String text) throws UnknownHostException {
		return InetAddress.getByName(text).getAddress();
	}

	@Property
	void ipv4KeepsTheFirstTwoBytesAndZeroesTheRest(@ForAll("ipv4") byte[] address) throws Exception {
		String anonymised = IpPrefixes.anonymise(InetAddress.getByAddress(address).getHostAddress());

		byte[] result = parse(anonymised);
		assertThat(result).hasSize(4);
		assertThat(result[0]).isEqualTo(address[0]);
		assertThat(result[1]).isEqualTo(address[1]);
		assertThat(result[2]).isZero();
		assertThat(result[3]).isZero();
	}

	@Property
	void ipv6KeepsTheSlash48AndZeroesTheRest(@ForAll("ipv6") byte[] address) throws Exception {
		String text = InetAddress.getByAddress(address).getHostAddress();

		byte[] result = parse(IpPrefixes.anonymise(text));
		assertThat(result).hasSize(16);
		for (int i = 0; i < 6; i++) {
			assertThat(result[i]).isEqualTo(address[i]);
		}
		assertThat(isZero(result, 6, 16)).isTrue();
	}

	@Property
	void ipv4MappedIpv6IsAnonymisedAsTheIpv4AddressItCarries(@ForAll("ipv4") byte[] address) throws Exception {
		String dotted = InetAddress.getByAddress(address).getHostAddress();

		assertThat(IpPrefixes.anonymise("::ffff:" + dotted)).isEqualTo(IpPrefixes.anonymise(dotted));
	}

	@Property
	void anonymisingIsIdempotentAndLosesTheHostPart(@ForAll("ipv6") byte[] address) throws Exception {
		String once = IpPrefixes.anonymise(InetAddress.getByAddress(address).getHostAddress());

		assertThat(IpPrefixes.anonymise(once)).isEqualTo(once);
		assertThat(InetAddress.getByName(once)).isInstanceOf(Inet6Address.class);
	}

	@Property
	void theMaskKeepsExactlyThePrefixBits(@ForAll("ipv6") byte[] address, @ForAll @IntRange(max = 128) int bits)
			throws Exception {
		byte[] result = parse(IpPrefixes.mask(InetAddress.getByAddress(address).getHostAddress(), 32, bits));
		for (int bit = 0; bit < 128; bit++) {
			boolean original = (address[bit / 8] & (0x80 >>> (bit % 8))) != 0;
			boolean kept = (result[bit / 8] & (0x80 >>> (bit % 8))) != 0;
			assertThat(kept).isEqualTo(bit < bits && original);
		}
	}

	@Property
	void anythingThatIsNotAnAddressLiteralIsInvalid(@ForAll String garbage) {
		String result = IpPrefixes.anonymise(garbage);

		assertThat(result.equals("invalid") || IpPrefixes.isLiteral(garbage)).isTrue();
	}

	@Example
	void writesIpv6InItsShortForm() {
		assertThat(IpPrefixes.anonymise("2001:db8:85a3:8d3:1319:8a2e:370:7348")).isEqualTo("2001:db8:85a3::");
		assertThat(IpPrefixes.anonymise("192.168.17.4")).isEqualTo("192.168.0.0");
		assertThat(IpPrefixes.anonymise("example.org")).isEqualTo("invalid");
	}
}
