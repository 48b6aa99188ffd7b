package dev.formgate.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** IP address helpers; never resolves names. */
public final class IpAddresses {

	private IpAddresses() {
	}

	/** Drops the host part: the last octet of IPv4 (/24), all but the first 48 bits of IPv6 (/48). */
	public static String anonymise(String ip) {
		if (ip == null || ip.isBlank()) {
			return null;
		}
		try {
			byte[] bytes = parseLiteral(ip).getAddress();
			int keep = bytes.length == 4 ? 3 : 6;
			Arrays.fill(bytes, keep, bytes.length, (byte) 0);
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException | IllegalArgumentException e) {
			return null;
		}
	}

	/** True for a syntactically valid IPv4 or IPv6 literal. */
	public static boolean isLiteral(String candidate) {
		try {
			parseLiteral(candidate);
			return true;
		}
		catch (UnknownHostException | IllegalArgumentException e) {
			return false;
		}
	}

	private static InetAddress parseLiteral(String ip) throws UnknownHostException {
		String literal = ip.strip();
		if (literal.startsWith("[") && literal.endsWith("]")) {
			literal = literal.substring(1, literal.length() - 1);
		}
		if (!literal.matches("[0-9A-Fa-f:.]+") || literal.isEmpty()) {
			throw new IllegalArgumentException("not an IP literal");
		}
		return InetAddress.getByName(literal);
	}
}
