package dev.formgate.newsletter.campaign;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;

/**
 * RFC 4648 base32 in lower case, without padding: ids and tokens that survive mail systems which fold the case of an
 * address's local part, and need no escaping in a URL or a Message-ID.
 */
final class Base32 {

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
	private static final SecureRandom RANDOM = new SecureRandom();

	private Base32() {
	}

	/** A random id of {@code bytes} bytes, e.g. 8 bytes: 13 characters. */
	static String randomId(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return encode(random);
	}

	static String encode(byte[] data) {
		StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
		int buffer = 0;
		int bits = 0;
		for (byte b : data) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
		}
		return out.toString();
	}

	/** The bytes of a lower- or upper-case base32 text; null if it is not base32 or has leftover bits set. */
	static byte[] decode(String text) {
		var out = new ByteArrayOutputStream(text.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (int i = 0; i < text.length(); i++) {
			int value = ALPHABET.indexOf(Character.toLowerCase(text.charAt(i)));
			if (value < 0) {
				return null;
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				out.write((buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		if ((buffer & ((1 << bits) - 1)) != 0) {
			return null;
		}
		return out.toByteArray();
	}
}
