package dev.formgate.gateway.client;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Cuts an address down to its network prefix: for anonymisation (IPv4 /16, IPv6 /48, as Matomo does) and for the
 * network block a rate limit counts. IPv4-mapped IPv6 addresses count as the IPv4 address they carry.
 */
public final class IpPrefixes {

	// Literals only: a host name here would make InetAddress ask DNS.
	private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.%a-zA-Z]*:[0-9A-Fa-f:.%a-zA-Z]*");

	private IpPrefixes() {
	}

	public static boolean isLiteral(String address) {
		return parsed(address) != null;
	}

	/** The address a literal names, or null for anything that is not a literal (never a DNS question). */
	private static InetAddress parsed(String address) {
		if (address == null || address.isEmpty() || address.length() > 64 || !LITERAL.matcher(address).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException e) {
			return null;
		}
	}

	/** The address with all bits after the prefix zeroed, or {@code "invalid"} for anything that is not a literal. */
	public static String mask(String address, int ipv4Bits, int ipv6Bits) {
		InetAddress parsed = parsed(address);
		if (parsed == null) {
			return "invalid";
		}
		try {
			byte[] bytes = parsed.getAddress();
			int keep = parsed instanceof Inet4Address ? ipv4Bits : ipv6Bits;
			for (int bit = Math.max(0, keep); bit < bytes.length * 8; bit++) {
				bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
			}
			return bytes.length == 4 ? InetAddress.getByAddress(bytes).getHostAddress() : ipv6(bytes);
		}
		catch (UnknownHostException e) {
			return "invalid";
		}
	}

	/** RFC 5952 text form: the longest run of two or more zero groups becomes {@code ::}. */
	private static String ipv6(byte[] bytes) {
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8; i++) {
			int length = 0;
			while (i + length < 8 && groups[i + length] == 0) {
				length++;
			}
			if (length > bestLength) {
				bestStart = i;
				bestLength = length;
			}
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

	/** Matomo-style anonymisation: IPv4 keeps two bytes, IPv6 its /48 prefix. */
	public static String anonymise(String address) {
		return mask(address, 16, 48);
	}
}
